# bench/lib.sh: the harness every bench/bench_*.sh shares (sourced).
#
# A measurement runs spacelock (A) and its peer (B) in turns, A B A B ...,
# PAIRS times (default 5, after one warm-up run of each), so that both see
# the same machine at the same moment; it reports the median of the
# pairwise ratios with their min and max, never a best-of-N per side.  Each
# result is one line
#     ROW<TAB>measure<TAB>peer<TAB>median<TAB>min<TAB>max<TAB>target<TAB>PASS|FAIL|INFO
# which bench/run.sh collects into the table `make bench` prints.
#
# Targets:
#   >=N   speed-up: the peer's time over spacelock's must be at least N
#   <=N   slow-down: spacelock's time over the peer's must be at most N
#   info  speed-up, reported without a verdict (info-slow: slow-down)
# bench_single rows compare an absolute median (ms) or peak (MB) with <N.
#
# Needs: SPACELOCK, BUILD; sets up $tmp if the script has not.

: "${SPACELOCK:?}" "${BUILD:?}"
PAIRS=${PAIRS:-5}
BENCH_DIR="$BUILD/bench"
mkdir -p "$BENCH_DIR"
if [ -z "${tmp:-}" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
BENCH_LAST="$tmp/pairs.last"

# bench/pairtime.c: forks only the command under test, reads its peak RSS
bench_pairtime() {
	# scripts run from the top of the repository
	if [ ! -x "$BENCH_DIR/pairtime" ] || [ bench/pairtime.c -nt "$BENCH_DIR/pairtime" ]; then
		cc -std=c11 -O2 -o "$BENCH_DIR/pairtime" bench/pairtime.c || return 1
	fi
	echo "$BENCH_DIR/pairtime"
}

# a ROW from $BENCH_LAST ("ms_a ms_b rss_a rss_b" per pair)
# bench_emit MEASURE PEER TARGET
bench_emit() {
	awk -v m="$1" -v p="$2" -v t="$3" '
	{ a = $1 > 0 ? $1 : 0.001; b = $2 > 0 ? $2 : 0.001
	  r[NR] = (t ~ /^<=/ || t == "info-slow") ? a / b : b / a }
	END {
		if (NR == 0) { printf "ROW\t%s\t%s\t-\t-\t-\t%s\tFAIL\n", m, p, t; exit }
		n = NR
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (r[j] < r[i]) { x = r[i]; r[i] = r[j]; r[j] = x }
		med = n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
		v = "INFO"
		if (t ~ /^>=/) v = med >= substr(t, 3) + 0 ? "PASS" : "FAIL"
		if (t ~ /^<=/) v = med <= substr(t, 3) + 0 ? "PASS" : "FAIL"
		printf "ROW\t%s\t%s\t%.1f\t%.1f\t%.1f\t%s\t%s\n", m, p, med, r[1], r[n], t, v
	}' "$BENCH_LAST"
}

# bench_pair MEASURE PEER TARGET [-a STDIN_A] [-b STDIN_B] -- A... -- B...
# prints a "#" line with each side's median time and peak memory, then the ROW
bench_pair() {
	_m=$1 _p=$2 _t=$3
	shift 3
	_pt=$(bench_pairtime) || return 1
	if ! "$_pt" -n "$PAIRS" "$@" >"$BENCH_LAST"; then
		printf 'ROW\t%s\t%s\t-\t-\t-\t%s\tFAIL\n' "$_m" "$_p" "$_t"
		return 1
	fi
	bench_sides "$_m"
	bench_emit "$_m" "$_p" "$_t"
}

# "# measure: spacelock X ms (peak Y MB), peer Z ms (peak W MB)": the
# medians of each side in $BENCH_LAST, for the log under the table
bench_sides() {
	for c in 1 2 3 4; do
		awk -v c=$c '{ print $c }' "$BENCH_LAST" | sort -g |
			awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
	done | tr '\n' ' ' | awk -v m="$1" '{
		printf "# %s: spacelock %.1f ms (peak %.1f MB), peer %.1f ms (peak %.1f MB)\n",
			m, $1, $3 / 1024, $2, $4 / 1024 }'
}

# bench_single MEASURE ms|MB TARGET [-a STDIN] -- A...: PAIRS runs of one
# command; ms rows judge the median wall time, MB rows the largest peak RSS
# against TARGET ("<N" or "info")
bench_single() {
	_m=$1 _u=$2 _t=$3
	shift 3
	_pt=$(bench_pairtime) || return 1
	if ! "$_pt" -n "$PAIRS" "$@" >"$BENCH_LAST"; then
		printf 'ROW\t%s\t%s\t-\t-\t-\t%s\tFAIL\n' "$_m" "$_u" "$_t"
		return 1
	fi
	_c=1
	[ "$_u" = MB ] && _c=2
	awk -v c=$_c '{ print $c }' "$BENCH_LAST" | sort -g | awk -v m="$_m" -v u="$_u" -v t="$_t" '
	{ v[NR] = u == "MB" ? $1 / 1024 : $1 }
	END {
		med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		judged = u == "MB" ? v[NR] : med
		verdict = "INFO"
		if (t ~ /^</) verdict = judged < substr(t, 2) + 0 ? "PASS" : "FAIL"
		printf "ROW\t%s\tabsolute %s\t%.1f\t%.1f\t%.1f\t%s\t%s\n", m, u, med, v[1], v[NR], t, verdict
	}'
}

# bench_value MEASURE UNIT VALUE TARGET: a counted result (fixes found),
# judged with >=N, <=N or info
bench_value() {
	awk -v m="$1" -v u="$2" -v x="$3" -v t="$4" 'BEGIN {
		v = "INFO"
		if (t ~ /^>=/) v = x >= substr(t, 3) + 0 ? "PASS" : "FAIL"
		if (t ~ /^<=/) v = x <= substr(t, 3) + 0 ? "PASS" : "FAIL"
		printf "ROW\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m, u, x, x, x, t, v }'
}

# The peer's interpreter, run directly: a version manager's shim (pyenv,
# asdf) adds hundreds of milliseconds to every call and would flatter the
# ratio.  PYTHON overrides; prints nothing when there is no usable python3.
bench_python() {
	c=${PYTHON:-python3}
	command -v "$c" >/dev/null 2>&1 || return 1
	exe=$("$c" -c 'import sys; print(sys.executable)' 2>/dev/null) || return 1
	exe=$(readlink -f "$exe")
	[ -x "$exe" ] && "$exe" -c 'import venv, ensurepip' 2>/dev/null || return 1
	echo "$exe"
}

# bench_venv NAME: a venv made by the bench from the real interpreter, with
# pip (ensurepip: no network); prints its directory.  Cached in $BENCH_DIR.
bench_venv() {
	v="$BENCH_DIR/venv-$1"
	if [ ! -f "$v/.ready" ]; then
		py=$(bench_python) || return 1
		rm -rf "$v"
		"$py" -m venv "$v" >/dev/null 2>&1 || return 1
		"$v/bin/python" -m pip --version >/dev/null 2>&1 || return 1
		touch "$v/.ready"
	fi
	echo "$v"
}

# the purelib directory of a venv's python
bench_purelib() {
	"$1/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}

# "# skip: why" and stop the script without failing the run
bench_skip() {
	echo "# skip: $*"
	exit 0
}

# bench_env N: a venv (bench_venv's interpreter) whose site-packages holds,
# beside its own pip and setuptools, N packages made from the machine's
# real METADATA by bench/gen_env.py; prints the venv's directory.  Cached.
bench_env() {
	e="$BENCH_DIR/env-$1"
	if [ ! -f "$e/.ready" ]; then
		py=$(bench_python) || return 1
		rm -rf "$e"
		"$py" -m venv "$e" >/dev/null 2>&1 || return 1
		real=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
		"$py" bench/gen_env.py "$(bench_purelib "$e")" "$1" "$real" /usr/lib/python3/dist-packages \
			>"$e/.made" || return 1
		touch "$e/.ready"
	fi
	echo "$e"
}

# bench_lock N: the lock `spacelock snapshot --site-packages` writes for
# bench_env N (made again on every run: the format may have changed)
bench_lock() {
	e=$(bench_env "$1") || return 1
	l="$BENCH_DIR/lock-$1.json"
	"$SPACELOCK" -q snapshot --site-packages "$(bench_purelib "$e")" -o "$l" >/dev/null 2>&1
	[ -s "$l" ] || return 1
	echo "$l"
}

# target for a size: the issue's target applies at 5,000 packages; the
# other sizes are reported for the trend
bench_target_at() { # size target
	if [ "$1" = 5000 ]; then echo "$2"; else echo info; fi
}

# bench_ops_row MEASURE PEER TARGET NAME OURS_FILE PEER_FILE: the files hold
# "NAME OPS ops/s ..." lines, one per run, the runs taken in turns; the
# ratio of each pair is taken on time per operation (1/OPS)
bench_ops_row() {
	awk -v w="$4" '$1 == w { print 1e6 / $2 }' "$5" >"$tmp/ops.a"
	awk -v w="$4" '$1 == w { print 1e6 / $2 }' "$6" >"$tmp/ops.b"
	paste -d ' ' "$tmp/ops.a" "$tmp/ops.b" | awk 'NF == 2 { print $1, $2, 0, 0 }' >"$BENCH_LAST"
	bench_emit "$1" "$2" "$3"
}

# bench_rss_row MEASURE TARGET: spacelock's largest peak RSS (MB) over the
# pairs of the last bench_pair, against TARGET ("<N" or info)
bench_rss_row() {
	awk '{ print $3 / 1024 }' "$BENCH_LAST" | sort -g | awk -v m="$1" -v t="$2" '
	{ v[NR] = $1 }
	END {
		med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		verdict = "INFO"
		if (t ~ /^</) verdict = v[NR] < substr(t, 2) + 0 ? "PASS" : "FAIL"
		printf "ROW\t%s\tabsolute MB\t%.1f\t%.1f\t%.1f\t%s\t%s\n", m, med, v[1], v[NR], t, verdict
	}'
}
