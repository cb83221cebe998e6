#!/bin/sh
# snapshot_sitepackages.sh: `snapshot --site-packages` on a real installed
# environment locks exactly what `pip freeze --all` reports for it: the same
# names (PEP 503) and versions, nothing more, nothing less; the interpreter
# comes from the path.
. "$(dirname "$0")/../lib.sh"

py=
for c in /root/.pyenv/versions/3.11.7/bin/python3 /usr/bin/python3; do
	if [ -x "$c" ] && "$c" -m pip --version >/dev/null 2>&1; then py=$c; break; fi
done
if [ -z "$py" ]; then
	not_ok "no python3 with pip (./configure installs python3-pip)"
	finish
	exit 1
fi
site=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
"$py" -m pip freeze --all --disable-pip-version-check --path "$site" >"$T_TMP/freeze.txt" 2>/dev/null
"$SPACELOCK" -q snapshot --site-packages "$site" -o "$T_TMP/lock.json"
rc=$?
# no build log: the lock is incomplete only if python is unknown; it is not
if [ $rc -eq 0 ]; then ok; else not_ok "site-packages snapshot: exit $rc"; fi
/usr/bin/python3 - "$T_TMP/freeze.txt" "$T_TMP/lock.json" "$site" <<'PY' >"$T_TMP/cmp.txt"
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
if [ "$fails" -eq 0 ] && [ "${n:-0}" -gt 10 ]; then ok; else not_ok "lock differs from pip freeze ($fails differences, $n equal)"; fi
echo "# $n packages of $site agree with pip freeze --all"
finish
