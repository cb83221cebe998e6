# bench/lib.sh: timing helpers the bench scripts share (sourced; the
# script sets $tmp, a scratch directory).

now() { date +%s.%N; }

# median of the numbers on stdin, one per line
median_of() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# median_wall RUNS COMMAND...: median wall seconds of RUNS runs
median_wall() {
	n=$1
	shift
	: >"$tmp/times"
	i=0
	while [ $i -lt "$n" ]; do
		t0=$(now)
		"$@" >/dev/null 2>&1
		t1=$(now)
		echo "$t1 - $t0" | bc -l >>"$tmp/times"
		i=$((i + 1))
	done
	median_of <"$tmp/times" | awk '{ printf "%.4f\n", $1 }'
}
