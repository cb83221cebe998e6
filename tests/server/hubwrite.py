"""hubwrite.py: the Hub's write endpoints for hubserver.py, with the state
they change (a Space's head, files, rebuild), kept in memory per server.

  POST /api/spaces/{id}/commit/{rev}[?create_pr=1]  the commit API: checks the
      NDJSON body exactly as the official clients send it (the recorded
      request tests/fixtures/api/commit.request.ndjson passes, see
      check_commit), refuses a parentCommit that is not the head (412 with
      the Hub's own words, MOVED), then moves the head and starts a
      simulated rebuild
  POST /api/validate-yaml                          {"repoType","content"}: a
      card without front matter, an sdk outside the four or a malformed
      sdk_version is 400 with the reason as text
  POST /api/spaces/{id}/duplicate                  checks the body as the official
      client writes it (check_duplicate); 409 with the Hub's recorded answer
      (fixtures/api/repos-create-conflict.response.json) when the target
      exists; else the target exists from then on, with the source's files,
      the asked hardware and the secret NAMES
  POST /api/spaces/{id}/restart[?factory=true]     starts a simulated rebuild
  GET  /api/spaces/{id}/runtime                    BUILDING for two polls after a
      commit or restart, then RUNNING (build log: rebuild/build.log of the
      Space's fixture folder) or, under /fault/builderror/, BUILD_ERROR
      (rebuild/build-error.log)

Faults: /fault/moved/ on a commit moves the head first (another commit
landed between the client's read and its write); /fault/neverbuilds/ on a
commit starts a rebuild that stays BUILDING for ever (a --wait timeout);
401/403/500 as for GETs.
A write without an Authorization header is 401, as on the Hub (validate-yaml,
a check, needs none).

--bodies DIR (hubserver.py) keeps each POST body as DIR/NN-KIND.body."""
import base64
import binascii
import hashlib
import json
import os
import re
import threading
from urllib.parse import parse_qs, unquote, urlsplit

LOCK = threading.Lock()
SPACES = {}  # id -> Space state once written to (or created)
FILES = ("README.md", "requirements.txt", "pre-requirements.txt", "packages.txt")
BODY_MAX = 16 << 20
POLLS_BUILDING = 2
SDKS = ("gradio", "streamlit", "docker", "static")
# The duplicate body's keys in the order huggingface_hub's duplicate_repo
# writes them (hf_api.py at ee0a4510, and its test_duplicate_space, which
# asserts the exact body); "visibility" replaced "private" there on
# 2026-03-25 (commit e41dce254), older clients send "private": a bool.
DUP_KEYS = ["repository", "visibility", "private", "hardware", "storageTier",
            "sleepTimeSeconds", "secrets", "variables", "volumes"]
VISIBILITIES = ("public", "private", "protected")
# What the Hub answers a stale parentCommit: 412 and these words (the live
# test test_create_commit_conflict of huggingface_hub, tests/test_hf_api.py
# at ee0a4510; the body's shape is the Hub's usual {"error": ...}).
MOVED = "The branch was updated since you opened this page. Please refresh and try again."


class Refused(Exception):
    def __init__(self, status, msg):
        super().__init__(msg)
        self.status = status


def fixture_space(fixtures, sid):
    d = os.path.join(fixtures, "hub", "spaces", sid)
    if ".." in sid or not os.path.isdir(d):
        return None
    with open(os.path.join(d, "info.json"), "rb") as f:
        info = json.loads(f.read())
    files = {}
    for name in FILES:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            with open(p, "rb") as f:
                files[name] = f.read()
    return {"info": info, "files": files, "dir": d, "rebuild": None,
            "secrets": None, "variables": None, "prs": 0}


def space(fixtures, sid):
    """The Space's current state: written-to state first, else the fixture."""
    with LOCK:
        if sid in SPACES:
            return SPACES[sid]
    return fixture_space(fixtures, sid)


def keep(sid, sp):
    with LOCK:
        SPACES[sid] = sp


def next_sha(old, body):
    return hashlib.sha1(old.encode() + body).hexdigest()


# ---- the commit payload, checked as the Hub reads it ----

def ordered(obj, keys, what):
    """obj must be a JSON object whose keys are exactly keys, in that order
    (the order the official clients write)."""
    if not isinstance(obj, dict):
        raise Refused(400, "%s is not an object" % what)
    if list(obj.keys()) != keys:
        raise Refused(400, "%s has keys %s, want %s" % (what, list(obj.keys()), keys))


def check_commit(body):
    """Returns (header, [(path, bytes)]) of an NDJSON commit body, or raises
    Refused(400) naming the first thing the Hub would not take."""
    if not body.endswith(b"\n"):
        raise Refused(400, "NDJSON body does not end with a newline")
    lines = body[:-1].split(b"\n")
    items = []
    for i, line in enumerate(lines, 1):
        try:
            items.append(json.loads(line))
        except ValueError:
            raise Refused(400, "line %d is not JSON" % i)
    if not items:
        raise Refused(400, "empty commit")
    ordered(items[0], ["key", "value"], "line 1")
    if items[0]["key"] != "header":
        raise Refused(400, "line 1 is not the header")
    header = items[0]["value"]
    keys = ["summary", "description"] + (["parentCommit"] if "parentCommit" in header else [])
    ordered(header, keys, "the header's value")
    if not isinstance(header["summary"], str) or not header["summary"].strip() \
            or "\n" in header["summary"]:
        raise Refused(400, "summary must be one non-empty line")
    if not isinstance(header["description"], str):
        raise Refused(400, "description must be a string")
    pc = header.get("parentCommit")
    if pc is not None and not re.fullmatch(r"[0-9a-f]{7,40}", pc or ""):
        raise Refused(400, "parentCommit is not a commit id")
    files = []
    for i, it in enumerate(items[1:], 2):
        ordered(it, ["key", "value"], "line %d" % i)
        if it["key"] != "file":
            raise Refused(400, "line %d: only 'file' operations are expected" % i)
        v = it["value"]
        ordered(v, ["content", "path", "encoding"], "line %d's value" % i)
        if v["encoding"] != "base64":
            raise Refused(400, "line %d: encoding is not base64" % i)
        try:
            data = base64.b64decode(v["content"], validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise Refused(400, "line %d: content is not base64" % i)
        p = v["path"]
        if not isinstance(p, str) or not p or p.startswith("/") or ".." in p.split("/"):
            raise Refused(400, "line %d: bad path" % i)
        files.append((p, data))
    if not files:
        raise Refused(400, "a commit without files")
    return header, files


# ---- handlers ----

def start_rebuild(sp, fault):
    failed = fault == "builderror"
    end = None if fault == "neverbuilds" else "BUILD_ERROR" if failed else "RUNNING"
    sp["rebuild"] = {"polls": 0, "stage": end,
                     "log": os.path.join(sp["dir"], "rebuild",
                                         "build-error.log" if failed else "build.log")}


def commit(h, fixtures, sid, rest, query, body, fault):
    sp = space(fixtures, sid)
    if sp is None:
        raise Refused(404, "Repository not found")
    if h.headers.get("Content-Type") != "application/x-ndjson":
        raise Refused(400, "Content-Type must be application/x-ndjson")
    rev = unquote("/".join(rest[1:]))
    if rev != "main":
        raise Refused(404, "Invalid rev id: %s" % rev)
    header, files = check_commit(body)
    head = sp["info"]["sha"]
    if fault == "moved":  # someone else's commit landed after the client read
        head = sp["info"]["sha"] = next_sha(head, b"someone else")
        keep(sid, sp)
    pc = header.get("parentCommit")
    create_pr = query.get("create_pr") == ["1"]
    if pc is not None and not head.startswith(pc):
        raise Refused(412, MOVED)
    new = next_sha(head, body)
    url = "%s/spaces/%s/commit/%s" % (h.endpoint(), sid, new)
    answer = {"success": True, "commitOid": new, "commitUrl": url, "hookOutput": ""}
    if create_pr:
        sp["prs"] += 1
        answer["pullRequestUrl"] = "%s/spaces/%s/discussions/%d" % (h.endpoint(), sid, sp["prs"])
    else:
        sp["info"]["sha"] = new
        for p, data in files:
            sp["files"][p] = data
        start_rebuild(sp, fault)
    keep(sid, sp)
    return 200, answer


def validate_yaml(h, body):
    try:
        req = json.loads(body)
    except ValueError:
        raise Refused(400, "body is not JSON")
    ordered(req, ["repoType", "content"], "the body")
    if req["repoType"] != "space":
        raise Refused(400, "repoType must be space")
    m = re.match(r"---\r?\n(.*?)\r?\n---(\r?\n|$)", req["content"], re.S)
    if not m:
        raise Refused(400, "no YAML front matter")
    meta = {}
    for line in m.group(1).splitlines():
        kv = re.match(r"([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$", line)
        if kv:
            meta[kv.group(1)] = kv.group(2).strip().strip("\"'")
    if meta.get("sdk") not in SDKS:
        raise Refused(400, '"sdk" must be one of [%s]' % ", ".join(SDKS))
    if "sdk_version" in meta and not re.fullmatch(r"\d+(\.\d+)*", meta["sdk_version"]):
        raise Refused(400, '"sdk_version" must be a version, got "%s"' % meta["sdk_version"])
    return 200, {"valid": True}


def kv_list(v, what):
    if not isinstance(v, list):
        raise Refused(400, "%s must be a list" % what)
    for it in v:
        if not isinstance(it, dict) or not isinstance(it.get("key"), str) \
                or not isinstance(it.get("value"), str) \
                or set(it) - {"key", "value", "description"}:
            raise Refused(400, "%s: each item is {key, value[, description]}" % what)
    return v


def check_duplicate(body):
    """The duplicate request as the official client writes it: its keys a
    subset of DUP_KEYS in that order, "visibility" or (older clients)
    "private", not both.  Returns the request and whether it is private."""
    try:
        req = json.loads(body)
    except ValueError:
        raise Refused(400, "body is not JSON")
    if not isinstance(req, dict) or set(req) - set(DUP_KEYS):
        raise Refused(400, "unexpected keys %s" % sorted(set(req) - set(DUP_KEYS)))
    ordered(req, [k for k in DUP_KEYS if k in req], "the body")
    target = req.get("repository")
    if not isinstance(target, str) or not re.fullmatch(r"[\w.-]+/[\w.-]+", target):
        raise Refused(400, "repository must be owner/name")
    if "private" in req and "visibility" in req:
        raise Refused(400, "both private and visibility")
    if "private" in req and not isinstance(req["private"], bool):
        raise Refused(400, "private must be a boolean")
    if "visibility" in req and req["visibility"] not in VISIBILITIES:
        raise Refused(400, "visibility must be one of %s" % ", ".join(VISIBILITIES))
    kv_list(req.get("secrets", []), "secrets")
    kv_list(req.get("variables", []), "variables")
    return req, req.get("private", req.get("visibility") == "private")


def conflict_answer(h, fixtures, target):
    """The Hub's recorded answer to creating a repo that exists."""
    with open(os.path.join(fixtures, "api", "repos-create-conflict.response.json")) as f:
        answer = json.load(f)
    answer["url"] = "%s/spaces/%s" % (h.endpoint(), target)
    return answer


def duplicate(h, fixtures, sid, body):
    src = space(fixtures, sid)
    if src is None:
        raise Refused(404, "Repository not found")
    req, private = check_duplicate(body)
    target = req["repository"]
    secrets = req.get("secrets", [])
    variables = req.get("variables", [])
    if space(fixtures, target) is not None:
        return 409, conflict_answer(h, fixtures, target)
    info = json.loads(json.dumps(src["info"]))
    info.update({"id": target, "author": target.split("/")[0],
                 "private": private,
                 "sha": next_sha(src["info"]["sha"], target.encode()),
                 "originSpace": {"_id": src["info"].get("_id", ""), "authorId": "x"}})
    info["runtime"] = {"stage": "BUILDING", "hardware": {
        "current": None, "requested": req.get("hardware", "cpu-basic")}}
    sp = {"info": info, "files": dict(src["files"]), "dir": src["dir"], "rebuild": None,
          "secrets": {s["key"]: {"updatedAt": "2026-05-13T17:00:00.000Z"} for s in secrets},
          "variables": {v["key"]: {"value": v["value"]} for v in variables}, "prs": 0}
    start_rebuild(sp, None)
    keep(target, sp)
    return 200, {"url": "%s/spaces/%s" % (h.endpoint(), target)}


def restart(fixtures, sid, query, fault):
    sp = space(fixtures, sid)
    if sp is None:
        raise Refused(404, "Repository not found")
    start_rebuild(sp, fault)
    sp["factory"] = query.get("factory") == ["true"]
    keep(sid, sp)
    return 200, runtime_of(sp, advance=False)


def runtime_of(sp, advance=True):
    rb = sp["rebuild"]
    rt = dict(sp["info"].get("runtime") or {})
    if rb:
        if rb["polls"] < POLLS_BUILDING or rb["stage"] is None:
            if advance:
                rb["polls"] += 1
            rt["stage"] = "BUILDING"
        else:
            rt["stage"] = rb["stage"]
            if rb["stage"] == "BUILD_ERROR":
                rt["errorMessage"] = "Build failed with exit code: 1"
    return rt


def handle_post(h, fixtures, raw_path, fault):
    """Answers a POST; returns (status, JSON-able body or text)."""
    u = urlsplit(raw_path)
    query = parse_qs(u.query)
    n = int(h.headers.get("Content-Length") or 0)
    if n > BODY_MAX:
        return 413, {"error": "too large"}
    body = h.rfile.read(n) if n else b""
    p = [unquote(x) for x in h.route_path.strip("/").split("/")]
    h.keep_body("commit" if "commit" in p[4:5] else p[-1], body)
    try:
        if p == ["api", "validate-yaml"]:  # a check, not a write: no token needed
            return validate_yaml(h, body)
        if not h.headers.get("Authorization"):
            raise Refused(401, "Invalid credentials in Authorization header")
        if p[:2] == ["api", "spaces"] and len(p) >= 5:
            sid, rest = p[2] + "/" + p[3], p[4:]
            if rest[0] == "commit" and len(rest) >= 2:
                return commit(h, fixtures, sid, rest, query, body, fault)
            if rest == ["duplicate"]:
                return duplicate(h, fixtures, sid, body)
            if rest == ["restart"]:
                return restart(fixtures, sid, query, fault)
        raise Refused(404, "no route")
    except Refused as e:
        if e.status == 400 and p == ["api", "validate-yaml"]:
            return 400, str(e)  # the Hub answers this one as text
        return e.status, {"error": str(e)}


def get_runtime(fixtures, sid):
    sp = space(fixtures, sid)
    if sp is None:
        return None
    with LOCK:
        return runtime_of(sp)


def build_log_of(sp, which):
    """The log file to stream and the commit its "Commit SHA:" line must
    name: the rebuild's log once a commit started one, which builds the
    new head (None: the file as it is)."""
    rb = sp["rebuild"]
    if which == "build" and rb:
        return rb["log"], sp["info"]["sha"]
    return os.path.join(sp["dir"], which + ".log"), None


def restamp(text, commit):
    """A rebuild's log names the commit it built, as the Hub's does."""
    return re.sub(r"Commit SHA: [0-9a-f]+", "Commit SHA: " + commit[:7], text) if commit else text
