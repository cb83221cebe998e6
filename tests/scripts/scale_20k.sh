#!/bin/sh
# scale_20k.sh: no path in check, lock reading or snapshot is superlinear in
# the number of packages or problems (issue 12), and one METADATA cannot
# make check slow (issue 11).  A regression guard, not a benchmark: each
# command runs under a CPU-time limit (ulimit -t, so a loaded machine does
# not matter) that the linear code meets many times over, even under
# sanitizers, and the quadratic code it replaced does not (check on these
# 20,000 packages with 20,000 problems took 88 s of CPU before).
. "$(dirname "$0")/../lib.sh"
command -v python3 >/dev/null || { echo "# skip: python3 is needed to write 20,000 dist-infos"; finish; exit; }
CPU=${SCALE_CPU_SECONDS:-60}
site=$T_TMP/site
# 20,000 packages, each requiring three others, one with an extra that
# nobody provides, and one project that is not installed: 20,000 problems
python3 - "$site" 20000 <<'PY'
import os, sys
out, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(out, "pkg_%05d-1.%d.0.dist-info" % (i, i % 7))
    os.makedirs(d)
    reqs = ["pkg-%05d>=1.0" % ((i * 7 + k) % n) for k in (1, 2, 3)]
    reqs.append('pkg-%05d[extra]; python_version >= "3.8"' % ((i + 11) % n))
    reqs.append("gone-%05d>=2" % i)
    with open(os.path.join(d, "METADATA"), "w") as f:
        f.write("Metadata-Version: 2.1\nName: pkg-%05d\nVersion: 1.%d.0\n" % (i, i % 7))
        f.write("Requires-Python: >=3.8\n")
        f.write("".join("Requires-Dist: %s\n" % r for r in reqs))
    with open(os.path.join(d, "INSTALLER"), "w") as f:
        f.write("pip\n")
PY

# bounded NAME WANT_EXIT COMMAND...: stdout in $T_TMP/out, stderr in $T_TMP/err
bounded() {
	name=$1 want=$2
	shift 2
	(ulimit -t "$CPU" && exec "$@") >"$T_TMP/out" 2>"$T_TMP/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		not_ok "$name: exit $got, want $want (152: over $CPU s of CPU); $(tail -n 2 "$T_TMP/err")"
		return 1
	fi
	ok
}
# has NAME TEXT FILE
has() {
	if grep -qF -- "$2" "$3"; then ok; else not_ok "$1: no '$2' in $(tail -n 3 "$3")"; fi
}

bounded "check --site-packages, 20,000 packages" 1 "$SPACELOCK" check --python 3.11 --site-packages "$site" &&
	has "all problems" "20000 problems among 20000 packages" "$T_TMP/err"
# exit 1: the lock is partial (no build log names the interpreter)
bounded "snapshot --site-packages, 20,000 packages" 1 "$SPACELOCK" -q snapshot --site-packages "$site" -o "$T_TMP/lock.json"
n=$(grep -c '"name": "pkg-' "$T_TMP/lock.json")
if [ "$n" -eq 20000 ]; then ok; else not_ok "the lock has $n packages, want 20000"; fi
bounded "check LOCK, 20,000 packages" 1 "$SPACELOCK" check --json --python 3.11 "$T_TMP/lock.json" --site-packages "$site" &&
	has "libsolv confirms every problem" '"packages":20000,"solver_problems":20000' "$T_TMP/out"

# one METADATA with 20,000 unmet Requires-Dist: the first 2,000 are checked, with a warning
big=$T_TMP/big/big-1.0.dist-info
mkdir -p "$big"
{
	printf 'Metadata-Version: 2.1\nName: big\nVersion: 1.0\n'
	i=0
	while [ $i -lt 20000 ]; do
		echo "Requires-Dist: missing-$i>=1.0"
		i=$((i + 1))
	done
} >"$big/METADATA"
bounded "one METADATA with 20,000 Requires-Dist" 1 "$SPACELOCK" -v check --python 3.11 --site-packages "$T_TMP/big" &&
	has "the cap is said" "lists 20000 Requires-Dist; only the first 2000 are checked" "$T_TMP/err" &&
	has "2,000 problems" "2000 problems among 1 package" "$T_TMP/err"
finish
