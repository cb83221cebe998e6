"""apply_samples.py LOCK card|reqs BEFORE AFTER: exit 0 when AFTER differs
from BEFORE only where `spacelock apply` means to change it (see
apply_samples.sh).  Written without spacelock's code: an independent reader."""
import difflib, json, re, sys

lock_path, kind, before_path, after_path = sys.argv[1:5]
lock = json.load(open(lock_path))
raw_a, raw_b = open(before_path, "rb").read(), open(after_path, "rb").read()


def fail(msg):
    sys.exit("%s: %s" % (before_path, msg))


def decode(raw):
    if raw.startswith(b"\xff\xfe"):
        return "utf-16-le", raw[2:].decode("utf-16-le")
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", raw[3:].decode("utf-8")
    return "utf-8", raw.decode("utf-8", "surrogateescape")


enc_a, text_a = decode(raw_a)
enc_b, text_b = decode(raw_b)
if enc_a != enc_b:
    fail("encoding %s became %s" % (enc_a, enc_b))
lines_a, lines_b = text_a.splitlines(True), text_b.splitlines(True)
if text_a and not text_a.endswith(("\n", "\r")) and text_b.endswith(("\n", "\r")):
    fail("the missing final newline was added")
crlf = text_a.count("\r\n") > text_a.count("\n") / 2
for line in lines_b:
    if line.endswith("\n") and crlf != line.endswith("\r\n"):
        fail("line ending changed: %r" % line)

CARD_KEYS = {"sdk", "sdk_version", "python_version"}
pinned = {p["name"]: p for p in lock["packages"]}
sdk = lock["space"]["sdk"]


def canon(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def req_name(line):
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line)
    return canon(m.group(1)) if m else None


# compared without their line breaks (checked above): the old last line of
# a file without a final newline gets one when pins are appended after it
lines_a = [l.rstrip("\r\n") for l in lines_a]
lines_b = [l.rstrip("\r\n") for l in lines_b]
ops = difflib.SequenceMatcher(None, lines_a, lines_b, autojunk=False).get_opcodes()
appended = False
for tag, i1, i2, j1, j2 in ops:
    if tag == "equal":
        continue
    old, new = lines_a[i1:i2], lines_b[j1:j2]
    if kind == "card":
        for line in old + new:
            key = line.split(":", 1)[0]
            if key not in CARD_KEYS:
                fail("card line changed that apply must not touch: %r" % line)
        continue
    for line in old:
        name = req_name(line)
        if name not in pinned and name != sdk:
            fail("requirement line changed for a package the lock does not pin: %r" % line)
    block = [l for l in new if l.startswith("# pinned by spacelock apply")]
    if block:
        if appended or i2 < len(lines_a) - (1 if tag == "replace" else 0):
            fail("the block of new pins is not one block at the end")
        appended = True
    for line in new:
        if line.startswith("# pinned by spacelock apply"):
            continue
        name = req_name(line)
        if name == sdk:
            if "==%s" % lock["space"]["sdk_version"] not in line:
                fail("gradio line not aligned to sdk_version: %r" % line)
            continue
        p = pinned.get(name)
        if not p:
            fail("a line added or changed for %r, which the lock does not pin" % line)
        want = "@" + p["vcs"]["commit"] if p.get("vcs") else "==" + p["version"]
        if want not in line:
            fail("%r does not pin the lock's %s" % (line, want))
    # the line's own bytes around the specifier stay: marker and comment
    for a, b in zip(old, new):
        for part in (";", " #"):
            if part in a and a[a.index(part):] not in b:
                fail("%r lost its %r part in %r" % (a, part, b))

if kind == "card":
    fm = re.match(r"\A---\r?\n(.*?)\r?\n---", text_b, re.S)
    if not fm:
        fail("no front matter after apply")
    try:
        import yaml
    except ImportError:
        yaml = None
    if yaml:
        data = yaml.safe_load(fm.group(1))
        for key in ("sdk_version", "python_version"):
            if key in data and not isinstance(data[key], str):
                fail("%s is not a string to YAML: %r" % (key, data[key]))
        if data.get("sdk_version") != lock["space"]["sdk_version"]:
            fail("sdk_version is %r" % data.get("sdk_version"))
