#!/bin/sh
# hub_write.sh: the loopback Hub's write endpoints hold the Hub's contract,
# so that the tests of repin and duplicate against them mean something: the
# official client's recorded commit request is accepted byte for byte, and
# each way a payload can differ from it is refused; parentCommit is an
# optimistic lock (a moved head is 412, nothing changes); a write without a
# token is 401; the duplicate body is the official client's (keys in its
# order, "visibility", or an older client's "private"); a duplicate onto an
# existing Space is 409 with the Hub's recorded answer; a commit starts a
# rebuild that the runtime stage follows (BUILDING, then RUNNING or, under
# /fault/builderror/, BUILD_ERROR; under /fault/neverbuilds/ BUILDING for
# ever) and the build log changes with it.
. tests/lib.sh
. tests/server/start.sh
python3 - "$HUB" <<'PY' >"$T_TMP/py.out" 2>&1
import base64, json, sys, urllib.request, urllib.error
hub = sys.argv[1]
TOKEN = "hf_TestTokenNeverLeaves0123456789abcdef"
passed = failed = 0

def req(method, path, body=None, ctype="application/json", token=True):
    r = urllib.request.Request(hub + path, data=body, method=method)
    if body is not None:
        r.add_header("Content-Type", ctype)
    if token:
        r.add_header("Authorization", "Bearer " + TOKEN)
    try:
        with urllib.request.urlopen(r) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))

def info(sid):
    return json.loads(req("GET", "/api/spaces/" + sid)[1])

recorded = open("tests/fixtures/api/commit.request.ndjson", "rb").read()
SID = "demo/repin-history-dup"
C = "/api/spaces/%s/commit/main" % SID
NDJ = "application/x-ndjson"
head = info(SID)["sha"]

# every refusal leaves the head where it was
bad = {
    "wrong content type": (recorded, "application/json"),
    "no final newline": (recorded[:-1], NDJ),
    "pretty JSON": (recorded.replace(b'"key": "header"', b'"key":\n"header"'), NDJ),
    "header not first": (b"\n".join(reversed(recorded[:-1].split(b"\n"))) + b"\n", NDJ),
    "value keys reordered": (recorded.replace(b'"path": "app.py", "encoding": "base64"',
                                              b'"encoding": "base64", "path": "app.py"'), NDJ),
    "utf-8 encoding": (recorded.replace(b'"encoding": "base64"', b'"encoding": "utf-8"'), NDJ),
    "not base64": (recorded.replace(b'"content": "Cml', b'"content": "!ml'), NDJ),
    "a path upwards": (recorded.replace(b'"app.py"', b'"../app.py"'), NDJ),
    "header only": (recorded.split(b"\n")[0] + b"\n", NDJ),
}
for name, (body, ct) in bad.items():
    st, _ = req("POST", C, body, ct)
    check(name, st == 400, "status %d" % st)
check("refusals change nothing", info(SID)["sha"] == head)

st, _ = req("POST", C, recorded, NDJ, token=False)
check("no token: 401", st == 401, "status %d" % st)
st, _ = req("POST", "/fault/403" + C, recorded, NDJ)
check("injected 403", st == 403, "status %d" % st)

def with_parent(parent):
    first, rest = recorded.split(b"\n", 1)
    h = json.loads(first)
    h["value"]["parentCommit"] = parent
    return json.dumps(h).encode() + b"\n" + rest

st, body = req("POST", "/fault/moved" + C, with_parent(head), NDJ)
check("moved head: 412", st == 412, "status %d %s" % (st, body))
moved = info(SID)["sha"]
check("moved head: another commit is the head", moved != head)
st, body = req("POST", C, with_parent(head), NDJ)
check("stale parentCommit: 412", st == 412, "status %d" % st)
check("412: the Hub's own words", json.loads(body).get("error") ==
      "The branch was updated since you opened this page. Please refresh and try again.", body)

st, body = req("POST", C + "?create_pr=1", with_parent(moved[:7]), NDJ)
ans = json.loads(body)
check("create_pr: 200 with a pull request", st == 200 and "/discussions/" in ans.get("pullRequestUrl", ""),
      "%d %s" % (st, body))
check("create_pr leaves main alone", info(SID)["sha"] == moved)

st, body = req("POST", C, with_parent(moved), NDJ)
ans = json.loads(body)
check("the recorded request is accepted", st == 200 and ans["success"] is True, "%d %s" % (st, body))
new = info(SID)["sha"]
check("the commit is the new head", new == ans["commitOid"] != moved)
st, app = req("GET", "/spaces/%s/resolve/%s/app.py" % (SID, new))
check("the committed file is served at the new head", st == 200 and app.startswith(b"\nimport gradio"))
stages = [json.loads(req("GET", "/api/spaces/%s/runtime" % SID)[1])["stage"] for _ in range(4)]
check("rebuild: BUILDING, then RUNNING", stages == ["BUILDING", "BUILDING", "RUNNING", "RUNNING"], stages)

st, _ = req("POST", "/fault/builderror" + C, with_parent(new), NDJ)
stages = [json.loads(req("GET", "/fault/builderror/api/spaces/%s/runtime" % SID)[1]) for _ in range(3)]
check("rebuild to BUILD_ERROR", st == 200 and [s["stage"] for s in stages] ==
      ["BUILDING", "BUILDING", "BUILD_ERROR"] and "errorMessage" in stages[2], stages)

st, _ = req("POST", "/fault/neverbuilds" + C, with_parent(info(SID)["sha"]), NDJ)
stages = [json.loads(req("GET", "/api/spaces/%s/runtime" % SID)[1])["stage"] for _ in range(5)]
check("a rebuild that never ends", st == 200 and stages == ["BUILDING"] * 5, stages)

# validate-yaml
V = "/api/validate-yaml"
def card(front):
    return json.dumps({"repoType": "space", "content": "---\n%s\n---\n# hi\n" % front}).encode()
st, _ = req("POST", V, card("sdk: gradio\nsdk_version: 4.40.0"))
check("a valid card", st == 200, st)
st, body = req("POST", V, card("sdk: gradioo"))
check("a bad sdk: 400 with the reason as text", st == 400 and b'"sdk" must be one of' in body, body)
st, body = req("POST", V, json.dumps({"content": "---\nsdk: gradio\n---\n", "repoType": "space"}).encode())
check("validate-yaml keys in the client's order", st == 400, st)

# duplicate
D = "/api/spaces/demo/repin-history/duplicate"
dup = {"repository": "demo/repin-history-dup", "visibility": "private"}
st, body = req("POST", D, json.dumps(dup).encode())
check("duplicate onto an existing Space: 409", st == 409, st)
check("409: the Hub's recorded answer", json.loads(body) == {
    "error": "You already created this space repo",
    "url": hub + "/spaces/demo/repin-history-dup"}, body)
dup = {"repository": "me/copy", "visibility": "private", "hardware": "zero-a10g",
       "variables": [{"key": "APP_MODE", "value": "v"}],
       "secrets": [{"key": "OPENAI_API_KEY", "value": "s3cr3t"}]}
st, body = req("POST", D, json.dumps(dup).encode())
check("duplicate: keys out of the official client's order: 400", st == 400, body)
dup = {"repository": "me/copy", "visibility": "private", "hardware": "zero-a10g",
       "secrets": [{"key": "OPENAI_API_KEY", "value": "s3cr3t"}],
       "variables": [{"key": "APP_MODE", "value": "v"}]}
st, body = req("POST", D, json.dumps(dup).encode())
check("duplicate: 200 with the URL", st == 200 and json.loads(body)["url"].endswith("/spaces/me/copy"), body)
i = info("me/copy")
check("the duplicate is private on the asked hardware", i["private"] is True and
      i["runtime"]["hardware"]["requested"] == "zero-a10g", i)
st, body = req("GET", "/api/spaces/me/copy/secrets")
check("its secrets: names only", json.loads(body).keys() == {"OPENAI_API_KEY"} and b"s3cr3t" not in body)
st, body = req("POST", D, json.dumps(dup).encode())
check("the same duplicate again: 409", st == 409, st)
st, body = req("POST", D, json.dumps({"repository": "me/x", "private": "yes"}).encode())
check("private must be a boolean", st == 400, st)
st, body = req("POST", D, json.dumps({"repository": "me/x", "visibility": "hidden"}).encode())
check("visibility: public, private or protected", st == 400, st)
st, body = req("POST", D, json.dumps({"repository": "me/x", "visibility": "private",
                                      "private": True}).encode())
check("not both visibility and private", st == 400, st)
st, body = req("POST", D, json.dumps({"repository": "me/old", "private": True}).encode())
check("an older client's private: true is still taken", st == 200 and info("me/old")["private"] is True,
      body)
st, body = req("POST", "/api/spaces/me/copy/restart?factory=true", b"")
check("restart: 200 and BUILDING", st == 200 and json.loads(body)["stage"] == "BUILDING", body)
print("# passed %d failed %d" % (passed, failed))
PY
grep '^FAIL' "$T_TMP/py.out"
line=$(grep '^# passed [0-9]* failed [0-9]*$' "$T_TMP/py.out")
if [ -z "$line" ]; then
	not_ok "the server's contract: $(tail -n 5 "$T_TMP/py.out")"
else
	T_PASSED=$((T_PASSED + $(echo "$line" | awk '{print $3}')))
	T_FAILED=$((T_FAILED + $(echo "$line" | awk '{print $5}')))
fi
check "POSTs are recorded with their query" grep -q 'POST /api/spaces/demo/repin-history-dup/commit/main?create_pr=1 auth=yes' "$REC"
finish
