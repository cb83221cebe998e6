#!/bin/sh
# bench/bench_log_onebuild.sh: the log rows of issue 12, on the case users
# have: ONE build (nothing to skim), as a plain file, from stdin and as the
# Hub's SSE stream, at 1, 10 and 100 MB, against `wc -l` on the same bytes
# (target within 3x; peak memory < 16 MB and flat in the size); the worst
# cases (1 MB of `Successfully installed` lines, 300 KB of SSE events whose
# text is all escapes; target within 5x).  (`snapshot --freeze` on a
# large freeze: bench_snapshot_freeze.sh.)
# The build is the real uncached pip run in tests/fixtures/logs, its body
# repeated under one header; each measurement runs the two commands in
# turns (bench/lib.sh).
set -u
: "${SPACELOCK:?}"
SIZES_MB=${SIZES_MB:-1 10 100}
. bench/lib.sh

src=tests/fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log
head -n 1 "$src" >/dev/null || bench_skip "no $src"
# the body: every line after the header, none that starts another build
sed -n '/^===== Build Queued/,$p' "$src" | sed '1d' | grep -v '^=====' >"$tmp/body.log"

# one_build MB OUT: one header, then the body repeated to MB megabytes
one_build() {
	want=$(($1 * 1024 * 1024))
	sed -n '/^===== Build Queued/p' "$src" >"$2"
	cat "$tmp/body.log" "$tmp/body.log" "$tmp/body.log" "$tmp/body.log" >"$tmp/body4.log"
	while [ "$(stat -c %s "$2")" -lt "$want" ]; do
		cat "$tmp/body4.log" >>"$2"
	done
}

# to_sse IN OUT: the Hub's framing, one event a line, a keep-alive now and then
to_sse() {
	awk '{
		gsub(/\\/, "&&"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
		printf "data: {\"data\": \"%s\\n\", \"timestamp\": \"2026-05-13T16:56:02.037Z\"}\n\n", $0
		if (NR % 50 == 0) printf "data:\n\n"
	}' "$1" >"$2"
}

for mb in $SIZES_MB; do
	f="$tmp/one-$mb.log"
	one_build "$mb" "$f"
	bench_pair "log, one build, $mb MB plain" "wc -l" "<=3" -- "$SPACELOCK" -q log "$f" -- wc -l "$f"
	bench_rss_row "log, one build, $mb MB plain, peak memory" "<16"
	bench_pair "log, one build, $mb MB from stdin" "wc -l" "<=3" -a "$f" -b "$f" \
		-- "$SPACELOCK" -q log - -- wc -l
	to_sse "$f" "$f.sse"
	rm -f "$f"
	bench_pair "log, one build, $mb MB SSE" "wc -l" "<=3" -- "$SPACELOCK" -q log "$f.sse" \
		-- wc -l "$f.sse"
	bench_rss_row "log, one build, $mb MB SSE, peak memory" "<16"
	rm -f "$f.sse"
done

# worst cases: every line an install of many packages; every event escaped
w="$tmp/worst.log"
sed -n '/^===== Build Queued/p' "$src" >"$w"
awk 'BEGIN { for (i = 0; i < 200000 && n < 1048576; i++) {
	l = sprintf("Successfully installed pkg-%d-1.%d.0 other_%d-2.0.%d", i, i % 97, i, i % 13)
	print l; n += length(l) + 1 } }' >>"$w"
bench_pair "log, worst case: 1 MB of Successfully installed" "wc -l" "<=5" \
	-- "$SPACELOCK" -q log "$w" -- wc -l "$w"
awk 'BEGIN { for (i = 0; n < 307200; i++) {
	l = sprintf("data: {\"data\": \"\\t\\\"x\\\"\\u00e9\\\\%d\\n\", \"timestamp\": \"t\"}\n\n", i)
	printf "%s", l; n += length(l) } }' >"$w.sse"
bench_pair "log, worst case: 300 KB of escaped SSE events" "wc -l" "<=5" \
	-- "$SPACELOCK" -q log "$w.sse" -- wc -l "$w.sse"
