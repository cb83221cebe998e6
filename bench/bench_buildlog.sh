#!/bin/sh
# bench/bench_buildlog.sh: reading a 100 MB build log.
# The log is made by repeating the real logs in tests/fixtures/logs (and the
# genuine pip output in tests/fixtures/pip) until it reaches the size; the
# same bytes are also framed as the Hub's server-sent events.  Measured in
# the same run on the same file: `spacelock log` against `wc -l` (target
# within 3x), and spacelock's peak RSS at 10 MB and 100 MB (target < 32 MB
# and flat in the log size).  Prints the median of RUNS samples, each the
# mean wall time of REPS back-to-back runs, spacelock and wc -l in turns.
set -u
: "${SPACELOCK:?}"
RUNS=${RUNS:-7}
REPS=${REPS:-5}
SIZES_MB=${SIZES_MB:-10 100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "skip: /usr/bin/time missing (Debian package 'time', see ./configure)"; exit 0; }

cat tests/fixtures/logs/*.log tests/fixtures/pip/*-install.log >"$tmp/unit.log"
python3 - "$tmp/unit.log" "$tmp/unit.sse" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n")
with open(sys.argv[2], "w") as out:
    for i, l in enumerate(lines):
        out.write("data: " + json.dumps({"data": l + "\n", "timestamp": "2026-05-13T16:56:%02dZ" % (i % 60)}) + "\n\n")
        if i % 50 == 0:
            out.write("data:\n\n")
PY

# make FILE of at least MB megabytes from UNIT
grow() {
	want=$(($2 * 1024 * 1024))
	: >"$3"
	while [ "$(stat -c %s "$3")" -lt "$want" ]; do
		cat "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1" >>"$3"
	done
}

# wall milliseconds of REPS back-to-back runs of a command, divided by REPS
# (a nanosecond clock: /usr/bin/time's 10 ms steps are too coarse here)
wall_ms() {
	s=$(date +%s%N)
	r=0
	while [ $r -lt "$REPS" ]; do
		"$@" >/dev/null 2>&1
		r=$((r + 1))
	done
	e=$(date +%s%N)
	echo $(((e - s) / REPS / 1000)) | awk '{ printf "%.1f\n", $1 / 1000 }'
}

# RUNS samples of spacelock and wc -l, taken in turns so that both see the
# same machine; prints "ours_ms wc_ms" (medians)
measure_pair() {
	i=0
	: >"$tmp/ours"
	: >"$tmp/wc"
	while [ $i -lt "$RUNS" ]; do
		wall_ms "$SPACELOCK" -q log "$1" >>"$tmp/ours"
		wall_ms wc -l "$1" >>"$tmp/wc"
		i=$((i + 1))
	done
	echo "$(median_of <"$tmp/ours") $(median_of <"$tmp/wc")"
}

# peak RSS in kB of one run
peak_rss() {
	$TIME -f '%M' -o "$tmp/one" "$@" >/dev/null 2>&1
	tail -n 1 "$tmp/one"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 0.01; printf "%.1f", a / b }'; }

for fmt in log sse; do
	for mb in $SIZES_MB; do
		f="$tmp/big-$mb.$fmt"
		grow "$tmp/unit.$fmt" "$mb" "$f"
		size=$(stat -c %s "$f")
		set -- $(measure_pair "$f")
		ours=$1 wc=$2
		rss=$(peak_rss "$SPACELOCK" -q log "$f")
		printf '%-4s %6.1f MB  spacelock %7.1f ms  wc -l %6.1f ms  ratio %5sx (target 3x)  peak RSS %5.1f MB (target < 32)\n' \
			"$fmt" "$(echo "$size" | awk '{ print $1 / 1048576 }')" "$ours" "$wc" \
			"$(ratio "$ours" "$wc")" "$(echo "$rss" | awk '{ print $1 / 1024 }')"
		rm -f "$f"
	done
done
