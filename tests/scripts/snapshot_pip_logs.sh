#!/bin/sh
# snapshot_pip_logs.sh: logs of real pip runs (tests/fixtures/pip, made by
# its make.sh on this kind of machine) lock exactly the versions `pip freeze`
# reported for the same environment: nothing missing, nothing invented; the
# log and the freeze together agree (no warning); the VCS install keeps its
# commit.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || exit 2
fx=tests/fixtures/pip

# same_as_freeze NAME LOCK FREEZE: the lock's packages equal the freeze's
# (pip freeze leaves out pip, setuptools, wheel and distribute; pip list
# does not, so they are not compared)
same_as_freeze() {
	/usr/bin/python3 - "$2" "$3" <<'PY'
import json, re, sys
lock = json.load(open(sys.argv[1]))
want = {}
for line in open(sys.argv[2]):
    line = line.strip()
    m = re.match(r"^([A-Za-z0-9._-]+)(?:==(\S+)| @ )", line)
    if m:
        want[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
skip = {"pip", "setuptools", "wheel", "distribute"}
got = {p["name"]: p["version"] for p in lock["packages"] if p["name"] not in skip}
bad = [n for n in want if n not in got or (want[n] and got[n] != want[n])]
bad += [n for n in got if n not in want]
if bad:
    print("differ:", bad, file=sys.stderr)
    sys.exit(1)
PY
}

"$SPACELOCK" -q snapshot --build-log $fx/index-install.log -o "$T_TMP/a.json"
rc=$?
# a bare pip log names no interpreter: incomplete, exit 1
if [ $rc -eq 1 ]; then ok; else not_ok "index-install: exit $rc"; fi
check "index install log = pip freeze" same_as_freeze x "$T_TMP/a.json" $fx/index.freeze.txt
if grep -q '"what": "runtime python"' "$T_TMP/a.json" && [ "$(grep -c '"what"' "$T_TMP/a.json")" -eq 1 ]; then
	ok
else
	not_ok "the only unknown of a complete pip log is the interpreter"
fi

"$SPACELOCK" -q snapshot --build-log $fx/index-install.log --freeze $fx/index.freeze.txt -o "$T_TMP/b.json"
check "log + freeze agree" same_as_freeze x "$T_TMP/b.json" $fx/index.freeze.txt
if grep -q '"warnings": \[\]' "$T_TMP/b.json"; then ok; else not_ok "log and freeze disagree"; fi

for f in index.list.json index.report.json index.list.txt; do
	"$SPACELOCK" -q snapshot --freeze $fx/$f -o "$T_TMP/c.json"
	check "$f = pip freeze" same_as_freeze x "$T_TMP/c.json" $fx/index.freeze.txt
done

# a re-run: every line is "Requirement already satisfied ... (version)", and
# the site-packages path names the interpreter: complete
"$SPACELOCK" -q snapshot --build-log $fx/index-reinstall.log -o "$T_TMP/d.json"
rc=$?
if [ $rc -eq 0 ]; then ok; else not_ok "index-reinstall: exit $rc"; fi
if grep -q '"python": "3.11"' "$T_TMP/d.json"; then ok; else not_ok "python from the site-packages path"; fi

"$SPACELOCK" -q snapshot --build-log $fx/folder-vcs-install.log -o "$T_TMP/e.json"
check "folder + VCS install log = pip freeze" same_as_freeze x "$T_TMP/e.json" $fx/folder-vcs.freeze.txt
commit=$(sed -n 's/^tiny-pkg @ .*@\([0-9a-f]*\)$/\1/p' $fx/folder-vcs.freeze.txt)
if [ -n "$commit" ] && grep -q "\"commit\": \"$commit\"" "$T_TMP/e.json"; then ok; else not_ok "VCS commit"; fi
finish
