#!/bin/sh
# export.sh: `spacelock export` judged by the tools that read its output.
# A local index (export_index.py: real wheels, a PEP 503 page for pip, the
# JSON API spacelock's index client reads) is served on 127.0.0.1; a real pip
# in a fresh venv installs from it and `pip freeze` is snapshotted into a
# lock.  Then:
#  - the hashed requirements.txt installs in a second fresh venv with pip's
#    --require-hashes and gives the same freeze; one wrong hash and pip
#    refuses;
#  - pylock.toml is valid TOML (Python's tomllib) with PEP 751's required
#    fields and the index's URLs, upload times and hashes; a pip that
#    installs from pylock files (26.1+) installs it, else that step is
#    skipped loudly;
#  - the bundled example's lock exports to both formats without an index;
#  - the same inputs give the same bytes.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || exit 2
S=$SPACELOCK
PY=/usr/bin/python3
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_CONFIG_FILE=/dev/null \
	XDG_CACHE_HOME=$T_TMP/cache
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS

# the bundled example, no index: versions only, valid TOML, exit 1 (incomplete)
"$S" -q export --no-index --format pylock lockfiles/repin-history.json >"$T_TMP/ex.toml"
check "bundled example: pylock exit 1 (incomplete lock)" test $? -eq 1
"$S" -q export --no-index --format pylock lockfiles/repin-history.json >"$T_TMP/ex2.toml"
check "bundled example: the same bytes twice" cmp -s "$T_TMP/ex.toml" "$T_TMP/ex2.toml"
"$S" -q export --no-index --format requirements lockfiles/repin-history.json >"$T_TMP/ex.txt"
check "bundled example: requirements pin gradio 4.31.0" grep -qx 'gradio==4.31.0' "$T_TMP/ex.txt"

# pylock_ok FILE: valid TOML with PEP 751's required fields (the schema
# level: types, "1.0", one source per package, hashes on every file)
pylock_ok() {
	$PY - "$@" <<'PY'
import sys, tomllib
doc = tomllib.load(open(sys.argv[1], "rb"))
def need(cond, msg):
    if not cond:
        sys.exit("%s: %s" % (sys.argv[1], msg))
need(doc.get("lock-version") == "1.0", "lock-version must be \"1.0\"")
need(isinstance(doc.get("created-by"), str), "created-by is required")
need(isinstance(doc.get("packages"), list), "[[packages]] is required")
for key in ("environments", "extras", "dependency-groups", "default-groups"):
    need(key not in doc or isinstance(doc[key], list), key + " must be an array")
need("requires-python" not in doc or isinstance(doc["requires-python"], str), "requires-python")
for p in doc["packages"]:
    need(isinstance(p.get("name"), str), "a package without a name")
    sources = [k for k in ("vcs", "directory", "archive", "sdist", "wheels") if k in p]
    need("vcs" not in p or sources == ["vcs"], "vcs is exclusive")
    if "vcs" in p:
        need(p["vcs"].get("type") and p["vcs"].get("commit-id"), "vcs needs type and commit-id")
    files = p.get("wheels", []) + ([p["sdist"]] if "sdist" in p else [])
    for f in files:
        need(isinstance(f.get("hashes"), dict) and f["hashes"], "a file without hashes")
        need("url" in f or "path" in f, "a file without url or path")
        need("upload-time" not in f or not isinstance(f["upload-time"], str),
             "upload-time must be a TOML datetime")
need(isinstance(doc.get("tool", {}).get("spacelock"), dict), "[tool.spacelock]")
PY
}
check "bundled example: pylock.toml passes the schema check" pylock_ok "$T_TMP/ex.toml"
check "bundled example: [tool.spacelock] has the sdk_version" \
	grep -qx 'sdk-version = "4.31.0"' "$T_TMP/ex.toml"

# inferred versions (snapshot --reconstruct) say so in both formats, with
# the wording check and diff use; proven ones do not
"$S" -q export --no-index --format pylock lockfiles/cached-layer.reconstructed.json >"$T_TMP/inf.toml"
check "inferred: pylock passes the schema check" pylock_ok "$T_TMP/inf.toml"
check "inferred: [packages.tool.spacelock] on the inferred packages only" $PY - "$T_TMP/inf.toml" <<'PY'
import sys, tomllib
doc = tomllib.load(open(sys.argv[1], "rb"))
marked = {p["name"]: p["tool"]["spacelock"]["inferred"] for p in doc["packages"] if "tool" in p}
assert sorted(marked) == ["alpha", "beta", "epsilon", "gamma", "zeta"], marked
for m in marked.values():
    assert m == {"as-of": "2024-03-15T12:30:00", "confidence": "exact",
                 "note": "inferred as of 2024-03-15T12:30:00, not proven by a log"}, m
assert doc["tool"]["spacelock"]["inferred"] == 5
PY
"$S" -q export --no-index --format requirements lockfiles/cached-layer.reconstructed.json >"$T_TMP/inf.txt"
check "inferred: requirements mark the five inferred pins" \
	test "$(grep -c '^[a-z]*==[0-9.]*  # inferred as of 2024-03-15T12:30:00, not proven by a log$' "$T_TMP/inf.txt")" -eq 5
check "inferred: the proven pin is plain" grep -qx 'delta==3.0' "$T_TMP/inf.txt"

if ! $PY -m venv "$T_TMP/probe" >/dev/null 2>&1; then
	echo "# skip: python3 -m venv does not work here (python3-venv missing): no pip oracle"
	finish
	exit $?
fi

# the local index
$PY tests/scripts/export_index.py serve "$T_TMP/idx" >"$T_TMP/port" 2>"$T_TMP/server.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$T_TMP"' EXIT
if ! PORT=$(wait_port "$T_TMP/port" $SERVER "export_index.py" 2>&1); then
	not_ok "$PORT"
	finish
	exit 1
fi
IDX=http://127.0.0.1:$PORT

# a real pip installs from it; its freeze is the source's environment
$PY -m venv "$T_TMP/v1"
"$T_TMP/v1/bin/pip" install -q --index-url "$IDX/simple" tinyapp >"$T_TMP/pip1.log" 2>&1
check "pip installs tinyapp from the local index: $(tail -n 2 "$T_TMP/pip1.log")" \
	"$T_TMP/v1/bin/python" -c 'import tinyapp, tinylib'
"$T_TMP/v1/bin/pip" freeze >"$T_TMP/freeze.txt"
"$S" -q snapshot --freeze "$T_TMP/freeze.txt" -o "$T_TMP/lock.json"
check "the freeze locks two packages" test "$(grep -c '"name"' "$T_TMP/lock.json")" -ge 2

# requirements with hashes: pip --require-hashes installs exactly that
"$S" export --format requirements --index-url "$IDX" -o "$T_TMP/req.txt" "$T_TMP/lock.json" \
	2>"$T_TMP/err"
check "requirements: exit 1 (the lock does not know the Python)" test $? -eq 1
check "requirements: both packages hashed" grep -q '2 with file hashes' "$T_TMP/err"
for f in "$T_TMP"/idx/packages/*.whl; do
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	check "requirements: the hash of $(basename "$f")" grep -q "sha256:$sum" "$T_TMP/req.txt"
done
$PY -m venv "$T_TMP/v2"
"$T_TMP/v2/bin/pip" install --require-hashes --index-url "$IDX/simple" -r "$T_TMP/req.txt" \
	>"$T_TMP/pip2.log" 2>&1
check "pip --require-hashes accepts it: $(tail -n 3 "$T_TMP/pip2.log")" test $? -eq 0
"$T_TMP/v2/bin/pip" freeze >"$T_TMP/freeze2.txt"
check "the same environment as the source" cmp -s "$T_TMP/freeze.txt" "$T_TMP/freeze2.txt"
sed 's/sha256:\(.\)/sha256:0/' "$T_TMP/req.txt" >"$T_TMP/bad.txt"
$PY -m venv "$T_TMP/v3"
"$T_TMP/v3/bin/pip" install --require-hashes --index-url "$IDX/simple" -r "$T_TMP/bad.txt" \
	>"$T_TMP/pip3.log" 2>&1
check "pip refuses a wrong hash" test $? -ne 0
check "... for the hash" grep -q 'HASHES' "$T_TMP/pip3.log"

# an inferred pin's mark ends the hashed line: pip still installs exactly that
$PY - "$T_TMP/lock.json" "$T_TMP/lock-inf.json" <<'PY'
import json, sys
lock = json.load(open(sys.argv[1]))
lock["lockfile_version"] = 3
for p in lock["packages"]:
    if p["name"] == "tinylib":
        p["evidence"] = []
        p["inferred"] = {"as_of": "2024-03-15T12:30:00", "confidence": "exact", "alternatives": [],
                         "rule": "pip", "window": {"start": None, "end": "2024-03-15T12:30:00"}}
json.dump(lock, open(sys.argv[2], "w"), indent=2)
PY
"$S" export --format requirements --index-url "$IDX" -o "$T_TMP/req-inf.txt" "$T_TMP/lock-inf.json" \
	2>"$T_TMP/err"
check "inferred: the summary counts it" grep -q '1 inferred, not proven by a log (marked)' "$T_TMP/err"
check "inferred: the mark ends tinylib's hashed line" \
	grep -q '^    --hash=sha256:[0-9a-f]*  # inferred as of 2024-03-15T12:30:00, not proven by a log$' "$T_TMP/req-inf.txt"
$PY -m venv "$T_TMP/v5"
"$T_TMP/v5/bin/pip" install --require-hashes --index-url "$IDX/simple" -r "$T_TMP/req-inf.txt" \
	>"$T_TMP/pip5.log" 2>&1
check "inferred: pip --require-hashes accepts the marked file: $(tail -n 3 "$T_TMP/pip5.log")" test $? -eq 0
"$T_TMP/v5/bin/pip" freeze >"$T_TMP/freeze5.txt"
check "inferred: the same environment as the source" cmp -s "$T_TMP/freeze.txt" "$T_TMP/freeze5.txt"

# pylock.toml: the index's files, valid, deterministic
"$S" -q export --format pylock --index-url "$IDX" -o "$T_TMP/pylock.toml" "$T_TMP/lock.json"
check "pylock: schema check" pylock_ok "$T_TMP/pylock.toml"
"$S" -q export --format pylock --index-url "$IDX" "$T_TMP/lock.json" >"$T_TMP/pylock2.toml"
check "pylock: the same bytes from the cache" cmp -s "$T_TMP/pylock.toml" "$T_TMP/pylock2.toml"
check "pylock: wheels, hashes, sizes and upload times from the index" $PY - "$T_TMP/pylock.toml" "$T_TMP/idx" <<'PY'
import datetime, hashlib, os, sys, tomllib
doc = tomllib.load(open(sys.argv[1], "rb"))
got = {p["name"]: p for p in doc["packages"]}
assert set(got) == {"tinyapp", "tinylib"}, got
for name, p in got.items():
    (w,) = p["wheels"]
    path = os.path.join(sys.argv[2], "packages", w["name"])
    assert w["hashes"]["sha256"] == hashlib.sha256(open(path, "rb").read()).hexdigest()
    # the size where the index gives it (tinylib), none where it does not
    if name == "tinylib":
        assert w["size"] == os.path.getsize(path), w
    else:
        assert "size" not in w, w
    assert isinstance(w["upload-time"], datetime.datetime), w
    assert w["url"].endswith("/packages/" + w["name"]), w
    assert p["index"].endswith("/simple"), p
PY
# apply checks its result with the metadata of the index's cache (never
# the network): export fills the cache, apply reads tinyapp's requirement
mkdir "$T_TMP/dup"
printf 'tinyapp\ntinylib\n' >"$T_TMP/dup/requirements.txt"
"$S" -q export --format requirements --index-url "$IDX" --cache-dir "$T_TMP/cache" \
	"$T_TMP/lock.json" >/dev/null
"$S" apply --dir "$T_TMP/dup" --python 3.11 --index-url "$IDX" --cache-dir "$T_TMP/cache" \
	"$T_TMP/lock.json" >/dev/null 2>"$T_TMP/err"
check "apply: exit 1 (the freeze's lock does not know the build)" test $? -eq 1
check "apply: both packages' requirements checked from the cache" \
	grep -q 'the requirements of 2 of 2 packages checked: all' "$T_TMP/err"
sed 's/"version": "1\.2"/"version": "1.0"/' "$T_TMP/lock.json" >"$T_TMP/old.json"
"$S" apply --dir "$T_TMP/dup" --python 3.11 --index-url "$IDX" --cache-dir "$T_TMP/cache" \
	"$T_TMP/old.json" >/dev/null 2>"$T_TMP/err"
check "apply: a pin the cached metadata refuses is exit 8" test $? -eq 8
check "apply: ... named" grep -q 'tinyapp 1.0 requires tinylib>=1.1, but tinylib 1.0 is locked' \
	"$T_TMP/err"
check "apply: ... and nothing written" grep -qx 'tinylib==1.2' "$T_TMP/dup/requirements.txt"
pipv=$("$T_TMP/v1/bin/pip" --version | cut -d' ' -f2)
if $PY -c 'import sys; v = tuple(map(int, sys.argv[1].split(".")[:2])); sys.exit(v < (26, 1))' "$pipv"; then
	$PY -m venv "$T_TMP/v4"
	"$T_TMP/v4/bin/pip" install -r "$T_TMP/pylock.toml" >"$T_TMP/pip4.log" 2>&1
	check "pip $pipv installs the pylock.toml" test $? -eq 0
else
	echo "# skip: pip $pipv cannot install from pylock.toml (26.1+ can): schema-level check only"
fi
finish
