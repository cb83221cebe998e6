#!/bin/sh
# bench/bench_buildlog.sh: reading a 100 MB build log.
# The log is made by repeating the real logs in tests/fixtures/logs (and the
# genuine pip output in tests/fixtures/pip) until it reaches the size; the
# same bytes are also framed as the Hub's server-sent events.  Measured in
# turns on the same file (bench/lib.sh): `spacelock log` against `wc -l`
# (target within 3x; also from stdin), and spacelock's peak RSS at 10 MB
# and 100 MB (target < 16 MB and flat in the log size).
set -u
: "${SPACELOCK:?}"
SIZES_MB=${SIZES_MB:-10 100}
. bench/lib.sh

cat tests/fixtures/logs/*.log tests/fixtures/pip/*-install.log >"$tmp/unit.log"
"$(bench_python || echo python3)" - "$tmp/unit.log" "$tmp/unit.sse" <<'PY'
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

for fmt in log sse; do
	for mb in $SIZES_MB; do
		f="$tmp/big-$mb.$fmt"
		grow "$tmp/unit.$fmt" "$mb" "$f"
		bench_pair "log, $mb MB $fmt file" "wc -l" "<=3" -- "$SPACELOCK" -q log "$f" -- wc -l "$f"
		bench_rss_row "log, $mb MB $fmt file, peak memory" "<16"
		if [ "$fmt" = log ]; then
			bench_pair "log, $mb MB from stdin" "wc -l" "<=3" -a "$f" -b "$f" \
				-- "$SPACELOCK" -q log - -- wc -l
		fi
		rm -f "$f"
	done
done
