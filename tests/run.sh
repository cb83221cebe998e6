#!/bin/sh
# tests/run.sh [SUITE.sh...]: runs every suite (or only the given scripts)
# and prints the total as its very last line, "N passed, N failed,
# N skipped", whatever happened.  Called by `make check` with SPACELOCK and
# BUILD set.  Each suite prints "# passed N failed M" as its last counting
# line, and "# skip: <why>" for each case it cannot run here: those lines
# are shown and counted, so lost coverage is seen.
set -u
: "${SPACELOCK:?}" "${BUILD:?}"
export SPACELOCK BUILD
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
passed=0
failed=0
skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() { # name, then the command
	name=$1
	shift
	"$@" >"$log" 2>&1 </dev/null
	rc=$?
	line=$(grep '^# passed [0-9]* failed [0-9]*$' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		p=0
		f=1
		echo "FAIL $name: no result line (exit $rc)"
		tail -n 20 "$log"
	else
		p=$(echo "$line" | awk '{print $3}')
		f=$(echo "$line" | awk '{print $5}')
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			f=1
			echo "FAIL $name: exit $rc with no failed case"
			tail -n 20 "$log"
		fi
	fi
	s=$(grep -c '^# skip: ' "$log")
	grep '^FAIL' "$log" | head -n 50
	grep '^# skip: ' "$log" | sed "s|^# skip: |SKIP $name: |"
	if [ "$s" -gt 0 ]; then
		printf '%-32s %5d passed %3d failed %3d skipped\n' "$name" "$p" "$f" "$s"
	else
		printf '%-32s %5d passed %3d failed\n' "$name" "$p" "$f"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
}

if [ $# -gt 0 ]; then
	for s in "$@"; do
		tally "script/$(basename "$s" .sh)" sh "$s"
	done
else
	for t in "$BUILD"/tests/t_*; do
		[ -x "$t" ] && tally "unit/$(basename "$t")" "$t"
	done
	for t in "$BUILD"/tests/replay_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t" | sed 's/^replay_fuzz_//')
		tally "fuzz-corpus/$name" "$t" "tests/fuzz/corpus/$name"
	done
	tally "cli-golden" sh tests/cli/run-golden.sh
	for s in tests/scripts/*.sh; do
		[ -f "$s" ] && tally "script/$(basename "$s" .sh)" sh "$s"
	done
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
