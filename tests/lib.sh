# tests/lib.sh: helpers for shell test scripts (sourced).  ok/not_ok count
# cases; finish prints the "# passed N failed M" line tests/run.sh reads.
: "${SPACELOCK:=$(pwd)/spacelock}"
# TIME_SCALE: how many times a time bound of a test is stretched.  A
# sanitizer build (make check SAN=1: BUILD ends in -san) runs each command
# 2-5 times slower, more on a loaded machine: its bounds are 4 times the
# plain build's.  Set TIME_SCALE=N by hand on a machine busier still.  A
# bound scaled stays a bound: what it guards still fails, only later.
if [ -z "${TIME_SCALE:-}" ]; then
	case ${BUILD:-} in
	*-san) TIME_SCALE=4 ;;
	*) TIME_SCALE=1 ;;
	esac
fi
export TIME_SCALE
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
# skip WHY: a case that cannot run here, said loudly; tests/run.sh counts
# these lines and prints the count in its closing line
skip() { echo "# skip: $*"; }
# wait_port FILE PID WHAT: waits until the server PID (WHAT, for the
# message) has printed its port as a whole line into FILE, and prints the
# port.  A server that exits or stays silent for WAIT_PORT_SECONDS (30)
# fails with one line on stderr.
wait_port() {
	alive() { # a process not yet waited for stays a zombie (state Z)
		kill -0 "$1" 2>/dev/null &&
			[ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" != Z ]
	}
	i=0
	while ! grep -qx '[0-9][0-9]*' "$1" 2>/dev/null; do
		if ! alive "$2"; then
			echo "$3 exited before printing its port" >&2
			return 1
		fi
		if [ $i -ge $((${WAIT_PORT_SECONDS:-30} * 20)) ]; then
			echo "$3 printed no port within ${WAIT_PORT_SECONDS:-30} s" >&2
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	head -n 1 "$1"
}
