# tests/lib.sh: helpers for shell test scripts (sourced).  ok/not_ok count
# cases; finish prints the "# passed N failed M" line tests/run.sh reads.
: "${SPACELOCK:=$(pwd)/spacelock}"
T_PASSED=0
T_FAILED=0
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT

ok() { T_PASSED=$((T_PASSED + 1)); }
not_ok() { T_FAILED=$((T_FAILED + 1)); echo "FAIL $*"; }
# check NAME COMMAND...: passes when the command exits 0
check() {
	name=$1
	shift
	if "$@"; then ok; else not_ok "$name"; fi
}
finish() {
	echo "# passed $T_PASSED failed $T_FAILED"
	[ "$T_FAILED" -eq 0 ]
}
