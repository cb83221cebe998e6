#!/bin/sh
# tests/run.sh: runs every suite and prints the total as its last line,
# "N passed, N failed".  Called by `make check` with SPACELOCK and BUILD set.
# Each suite prints "# passed N failed M" as its last counting line.
set -u
: "${SPACELOCK:?}" "${BUILD:?}"
export SPACELOCK BUILD
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() { # name, then the command
	name=$1
	shift
	"$@" >"$log" 2>&1
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
	grep '^FAIL' "$log" | head -n 50
	printf '%-32s %5d passed %3d failed\n' "$name" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
}

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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
