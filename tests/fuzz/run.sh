#!/bin/sh
# tests/fuzz/run.sh: runs each libFuzzer target for FUZZ_SECONDS, growing
# its corpus in a scratch copy (new inputs worth keeping are merged into
# tests/fuzz/corpus/<name>/ by hand with -merge=1).  Args: target names to
# run, with or without their fuzz_ prefix (default all).
set -eu
: "${FUZZ_BUILD:=build-fuzz}" "${FUZZ_SECONDS:=60}"
targets=${*:-$(ls tests/fuzz/fuzz_*.c | sed 's|tests/fuzz/fuzz_||; s|\.c$||')}
for t in $targets; do
	t=${t#fuzz_}
	work=$(mktemp -d)
	cp -r "tests/fuzz/corpus/$t/." "$work/" 2>/dev/null || true
	echo "fuzz $t: ${FUZZ_SECONDS}s"
	"$FUZZ_BUILD/fuzz_$t" -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$FUZZ_BUILD/crash-$t-" \
		"$work" 2>&1 | tail -n 12
	rm -rf "$work"
done
