#!/bin/sh
# bench/run.sh: `make bench`.  Runs every bench/bench_*.sh in name order
# (BENCH=pattern runs those whose name contains it), shows what each prints,
# and ends with one table of every ROW line (bench/lib.sh): measure, peer,
# the median ratio with its range over the pairs, the target and the
# verdict.  Never part of `make check`.  Heavy: the generated environments
# go up to 10,000 packages (SIZES="100 1000 5000 10000", PAIRS=5).
set -u
: "${SPACELOCK:?}" "${BUILD:?}"
export SPACELOCK BUILD
cd "$(dirname "$0")/.." || exit 2
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
rc=0
for b in bench/bench_*.sh; do
	[ -f "$b" ] || continue
	case "$b" in *"${BENCH:-}"*) ;; *) continue ;; esac
	echo "== $(basename "$b" .sh)"
	# a script that dies still gives the rows it printed before
	{ sh "$b" 2>&1 || echo "# $(basename "$b") exited with status $?"; } | tee -a "$rows" | grep -v '^ROW	'
done
echo
awk -F '\t' '
function ratio(u, x) { return u ~ /^absolute/ ? x : x "x" }
$1 == "ROW" {
	n++; m[n] = $2; p[n] = $3; t[n] = $7; v[n] = $8
	r[n] = $4 == "-" ? "-" : ($4 == $5 && $5 == $6) ? ratio($3, $4) : sprintf("%s (%s-%s)", ratio($3, $4), $5, $6)
	if (length(m[n]) > wm) wm = length(m[n]); if (length(p[n]) > wp) wp = length(p[n])
	if (length(r[n]) > wr) wr = length(r[n]); count[$8]++
}
END {
	if (wm < 7) wm = 7; if (wp < 4) wp = 4; if (wr < 5) wr = 5
	printf "%-*s  %-*s  %-*s  %-7s  %s\n", wm, "measure", wp, "peer", wr, "ratio", "target", "result"
	for (i = 1; i <= n; i++)
		printf "%-*s  %-*s  %-*s  %-7s  %s\n", wm, m[i], wp, p[i], wr, r[i], t[i], v[i]
	printf "%d rows: %d PASS, %d FAIL, %d INFO\n", n, count["PASS"], count["FAIL"], count["INFO"]
}' "$rows"
grep -q '^# .* exited with status' "$rows" && rc=1
exit $rc
