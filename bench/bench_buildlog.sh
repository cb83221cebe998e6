#!/bin/sh
# bench/bench_buildlog.sh: reading a 100 MB build log.
# The log is made by repeating the real logs in tests/fixtures/logs (and the
# genuine pip output in tests/fixtures/pip) until it reaches the size; the
# same bytes are also framed as the Hub's server-sent events.  Measured in
# the same run on the same file: `spacelock log` against `wc -l` (target
# within 3x), and spacelock's peak RSS at 10 MB and 100 MB (target < 32 MB
# and flat in the log size).  Prints median wall and CPU times of RUNS runs.
set -u
: "${SPACELOCK:?}"
RUNS=${RUNS:-5}
SIZES_MB=${SIZES_MB:-10 100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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

# median of RUNS measurements of "wall user maxrss_kb"; prints "wall user rss"
measure() {
	i=0
	: >"$tmp/m"
	while [ $i -lt "$RUNS" ]; do
		$TIME -f '%e %U %M' -o "$tmp/one" "$@" >/dev/null 2>&1
		tail -n 1 "$tmp/one" >>"$tmp/m"
		i=$((i + 1))
	done
	for col in 1 2 3; do
		sort -g -k$col "$tmp/m" | awk -v c=$col '{ a[NR] = $c } END { printf "%s ", a[int((NR + 1) / 2)] }'
	done
	echo
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 0.01; printf "%.1f", a / b }'; }

for fmt in log sse; do
	for mb in $SIZES_MB; do
		f="$tmp/big-$mb.$fmt"
		grow "$tmp/unit.$fmt" "$mb" "$f"
		size=$(stat -c %s "$f")
		set -- $(measure "$SPACELOCK" -q log "$f")
		ours_wall=$1 ours_cpu=$2 rss=$3
		set -- $(measure wc -l "$f")
		wc_wall=$1 wc_cpu=$2
		printf '%-4s %6.1f MB  spacelock %6.2fs (cpu %6.2fs)  wc -l %6.2fs (cpu %5.2fs)  ratio %5sx wall, %5sx cpu (target 3x)  peak RSS %5.1f MB (target < 32)\n' \
			"$fmt" "$(echo "$size" | awk '{ print $1 / 1048576 }')" "$ours_wall" "$ours_cpu" \
			"$wc_wall" "$wc_cpu" "$(ratio "$ours_wall" "$wc_wall")" "$(ratio "$ours_cpu" "$wc_cpu")" \
			"$(echo "$rss" | awk '{ print $1 / 1024 }')"
		rm -f "$f"
	done
done
