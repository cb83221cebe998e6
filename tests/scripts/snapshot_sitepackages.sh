#!/bin/sh
# snapshot_sitepackages.sh: `snapshot --site-packages` on a real installed
# environment locks exactly what `pip freeze --all` reports for it: the same
# names (PEP 503) and versions, nothing more, nothing less; the interpreter
# comes from the path.  The environment is the test's own: a venv made with
# python3 -m venv, with wheels it builds installed by the venv's real pip.
. "$(dirname "$0")/../lib.sh"

here=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}
# an environment of its own: a fresh venv with a real pip, and wheels this
# test builds (never what happens to be installed on the machine)
v=$T_TMP/venv
if ! "$PY" -m venv "$v" >"$T_TMP/venv.err" 2>&1; then
	skip "'$PY -m venv' cannot make a virtual environment with pip: $(tail -n 1 "$T_TMP/venv.err")"
	finish
	exit $?
fi
"$PY" "$here/check_pip_env.py" wheels "$T_TMP/wheels"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_NO_INDEX=1
unset PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS
if ! "$v/bin/python" -m pip install -q --find-links "$T_TMP/wheels" --pre \
	--ignore-requires-python app newpy >"$T_TMP/pip.err" 2>&1; then
	not_ok "pip install into the test's venv: $(tail -n 3 "$T_TMP/pip.err")"
	finish
	exit 1
fi
site=$("$v/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
"$v/bin/python" -m pip freeze --all --path "$site" >"$T_TMP/freeze.txt" 2>/dev/null
"$SPACELOCK" -q snapshot --site-packages "$site" -o "$T_TMP/lock.json"
rc=$?
# no build log: the lock is incomplete only if python is unknown; it is not
if [ $rc -eq 0 ]; then ok; else not_ok "site-packages snapshot: exit $rc"; fi
"$PY" - "$T_TMP/freeze.txt" "$T_TMP/lock.json" "$site" <<'PY' >"$T_TMP/cmp.txt"
import json, re, sys
freeze, lock = {}, json.load(open(sys.argv[2]))
for line in open(sys.argv[1]):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    m = re.match(r"^([A-Za-z0-9._-]+)(?:==(\S+)| @ )", line)
    if not m:
        print("FAIL unreadable freeze line", line)
        continue
    name = re.sub(r"[-_.]+", "-", m.group(1)).lower()
    freeze[name] = m.group(2)
locked = {p["name"]: p["version"] for p in lock["packages"]}
ok = 0
for name, ver in sorted(freeze.items()):
    if name not in locked:
        print("FAIL missing from lock:", name)
    elif ver is not None and locked[name] != ver:
        print("FAIL", name, "lock", locked[name], "freeze", ver)
    else:
        ok += 1
for name in sorted(set(locked) - set(freeze)):
    print("FAIL not in pip freeze:", name)
py_ver = ".".join(sys.argv[3].split("python")[-1].split("/")[0].split(".")[:2])
if lock["runtime"]["python"] != py_ver:
    print("FAIL python", lock["runtime"]["python"], "want", py_ver)
print("OK", ok)
PY
fails=$(grep -c '^FAIL' "$T_TMP/cmp.txt")
n=$(sed -n 's/^OK //p' "$T_TMP/cmp.txt")
grep '^FAIL' "$T_TMP/cmp.txt"
if [ "$fails" -eq 0 ] && [ "${n:-0}" -ge 10 ]; then ok; else not_ok "lock differs from pip freeze ($fails differences, $n equal)"; fi
echo "# $n packages of $site agree with pip freeze --all"
finish
