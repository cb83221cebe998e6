# tests/server/start.sh: sourced by tests/scripts/hub_*.sh after tests/lib.sh.
# Starts hubserver.py on a free port (record in $REC), sets PORT and HUB,
# isolates the environment from the user's real token and caches, and
# stops the server at exit.
REC=$T_TMP/record
: >"$REC"
python3 tests/server/hubserver.py --record "$REC" ${SERVER_ARGS:-} >"$T_TMP/port" 2>"$T_TMP/server.err" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; rm -rf "$T_TMP"' EXIT
# the server says it is ready by printing its port: no fixed start window
if ! PORT=$(wait_port "$T_TMP/port" "$SERVER_PID" "the test server tests/server/hubserver.py" 2>&1); then
	not_ok "$PORT${PORT:+: }$(tail -n 1 "$T_TMP/server.err")"
	finish
	exit 1
fi
HUB=http://127.0.0.1:$PORT
unset HF_TOKEN HUGGING_FACE_HUB_TOKEN HF_TOKEN_PATH HF_HOME HF_ENDPOINT PIP_INDEX_URL \
	HF_HUB_DISABLE_IMPLICIT_TOKEN
export HOME=$T_TMP/home XDG_CACHE_HOME=$T_TMP/cache
mkdir -p "$HOME"
# fail fast: short timeouts and few retries keep every fault case quick.
# The read timeout and the log stream's idle and total bounds are
# stretched TIME_SCALE times (tests/lib.sh) under a sanitizer, where a
# slow answer would otherwise look like a stalled one.
export SPACELOCK_TIMEOUT=$TIME_SCALE SPACELOCK_RETRIES=1 SPACELOCK_RETRY_WAIT_MAX=3 \
	SPACELOCK_LOG_IDLE=$(awk "BEGIN { print 0.4 * $TIME_SCALE }") \
	SPACELOCK_LOG_MAX_TIME=$((2 * TIME_SCALE))

# expect NAME WANT_EXIT WANT_STDERR_SUBSTRING COMMAND...: runs the command
# with stdout in $T_TMP/out and stderr in $T_TMP/err
expect() {
	name=$1 want=$2 msg=$3
	shift 3
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		not_ok "$name: exit $got, want $want; stderr: $(cat "$T_TMP/err")"
	elif [ -n "$msg" ] && ! grep -qF -- "$msg" "$T_TMP/err"; then
		not_ok "$name: stderr lacks '$msg': $(cat "$T_TMP/err")"
	elif [ "$want" -ge 3 ] && [ "$(grep -c . "$T_TMP/err")" -ne 1 ]; then
		not_ok "$name: want one error line, got: $(cat "$T_TMP/err")"
	else
		ok
	fi
}
# requests NAME PATTERN: how many recorded requests match
requests() { grep -c -- "$1" "$REC"; }
