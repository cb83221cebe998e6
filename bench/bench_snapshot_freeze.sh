#!/bin/sh
# bench/bench_snapshot_freeze.sh: the lock writer's rows of issue 12 and
# 11.  `snapshot --freeze` on a generated 50,000-line freeze against
# `log --freeze` on the same file, which reads it the same way but writes
# no lock (target within 2x; peak memory < 32 MB); and the peak memory on a
# 600,000-line freeze, whose 187 MB lock is over SL_LOCKFILE_MAX_BYTES and
# refused (exit 4) after it was built and streamed to the limit: the
# memory is the lock model's, proportional to the packages (no target;
# before the streaming writer: 1.3 GB).  LINES_BIG changes the large size.
set -u
: "${SPACELOCK:?}"
LINES_BIG=${LINES_BIG:-600000}
. bench/lib.sh

# freeze N OUT: N distinct pins, as `pip freeze` prints them
freeze() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "package-%d==1.%d.%d\n", i, i % 89, i % 7 }' >"$2"
}

fz="$tmp/freeze.txt"
freeze 50000 "$fz"
bench_pair "snapshot --freeze, 50k lines" "log --freeze" "<=2" \
	-- "$SPACELOCK" -q snapshot --freeze "$fz" -o "$tmp/fz.json" \
	-- "$SPACELOCK" -q log --freeze "$fz"
bench_rss_row "snapshot --freeze, 50k lines, peak memory" "<32"

freeze "$LINES_BIG" "$fz"
bench_single "snapshot --freeze, $LINES_BIG lines (lock over the limit), peak memory" MB info \
	-- "$SPACELOCK" -q snapshot --freeze "$fz" -o "$tmp/big.json"
