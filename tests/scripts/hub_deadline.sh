#!/bin/sh
# hub_deadline.sh: a Space's server cannot hold spacelock (issue 11).  A
# slow-drip server (a byte a second, so the read timeout never trips) is cut
# by the low-speed limit; the command's deadline (SPACELOCK_DEADLINE) ends
# a stall, a stream that never goes quiet and a run of retries, and no retry
# starts past it.  Limits are set short here so each case takes seconds.
. tests/lib.sh
. tests/server/start.sh
S=$SPACELOCK
TOKEN=hf_TestTokenNeverLeaves0123456789abcdef
SP=/api/spaces/demo/repin-history

# the read timeout (5 s) is longer than the gap between the drip's bytes
expect "drip: low-speed limit" 5 "/fault/drip$SP: timed out (" env HF_TOKEN=$TOKEN \
	HF_ENDPOINT=$HUB/fault/drip SPACELOCK_TIMEOUT=5 SPACELOCK_LOW_SPEED_TIME=1 \
	$S fetch demo/repin-history "$T_TMP/d1"
check "drip: the cause is the speed" grep -qi "too slow" "$T_TMP/err"
check "drip: retried once, as configured" test "$(requests "$SP ")" -eq 2
check "drip: nothing written" test ! -e "$T_TMP/d1"

: >"$REC"
expect "drip: deadline" 5 "/fault/drip$SP: not done within the deadline of 2 s" env \
	HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/drip SPACELOCK_TIMEOUT=5 SPACELOCK_DEADLINE=2 \
	$S fetch demo/repin-history "$T_TMP/d2"
check "drip: deadline, nothing written" test ! -e "$T_TMP/d2"

expect "stall: deadline" 5 "/fault/stall$SP: not done within the deadline of 1.5 s" env \
	HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/stall SPACELOCK_TIMEOUT=30 SPACELOCK_DEADLINE=1.5 \
	$S fetch demo/repin-history "$T_TMP/d3"

# backoff 0.5 s then 1 s: the third wait (2 s) would end past the deadline
: >"$REC"
expect "retries within the deadline" 5 \
	"/fault/500$SP: 500 server error; no time left to retry within the deadline of 2 s" env \
	HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/500 SPACELOCK_RETRIES=4 SPACELOCK_RETRY_WAIT_MAX=30 \
	SPACELOCK_DEADLINE=2 $S fetch demo/repin-history "$T_TMP/d4"
n=$(requests "$SP ")
check "no retry past the deadline ($n requests)" test "$n" -ge 2 -a "$n" -le 3

expect "log stream: deadline" 5 "/logs/build: not done within the deadline of 2 s" env \
	HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/logforever SPACELOCK_LOG_MAX_TIME=30 \
	SPACELOCK_DEADLINE=2 $S fetch demo/repin-history "$T_TMP/d5"
check "log stream: nothing written" test ! -e "$T_TMP/d5"
check "no token in any message" sh -c "! grep -qF '$TOKEN' '$T_TMP/err'"

# a snapshot of a Space is held to the same bound
expect "snapshot: deadline" 5 "not done within the deadline of 2 s" env \
	HF_ENDPOINT=$HUB/fault/logforever SPACELOCK_LOG_MAX_TIME=30 SPACELOCK_DEADLINE=2 \
	$S snapshot -o "$T_TMP/lock.json" demo/repin-history
check "snapshot: no lockfile" test ! -e "$T_TMP/lock.json"

finish
