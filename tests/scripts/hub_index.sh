#!/bin/sh
# hub_index.sh: the package-index client over real HTTP against the
# loopback test server: cache and ETag revalidation, --offline, PIP_INDEX_URL,
# and every fault (message, exit code, nothing cached).
. tests/lib.sh
. tests/server/start.sh
S=$SPACELOCK
IDX=$HUB/simple/

expect "fetch two" 0 "" $S index --index-url "$IDX" fetch requests==2.31.0 leaf==1.0
printf 'requests 2.31.0: requires_python >=3.8, 1 requirements, 1 files\nleaf 1.0: requires_python >=3.8, 0 requirements, 1 files\n' >"$T_TMP/want"
check "fetch output" cmp -s "$T_TMP/out" "$T_TMP/want"
check "cached two" test "$(ls "$XDG_CACHE_HOME/spacelock/index" | wc -l)" -eq 2

expect "json" 0 "" $S --json index --index-url "$IDX" fetch leaf==1.0
check "json sha256" grep -q '"sha256":"[0-9a-f]\{64\}"' "$T_TMP/out"
cp "$T_TMP/out" "$T_TMP/json1"
expect "options after the operands" 0 "" $S index fetch leaf==1.0 --index-url "$IDX" --json
check "options after the operands: same answer" cmp -s "$T_TMP/out" "$T_TMP/json1"

# second run: revalidated with the stored ETag (304), same answer
inm=$(requests 'inm=yes')
expect "revalidate" 0 "" $S index --index-url "$IDX" fetch requests==2.31.0 leaf==1.0
check "revalidate output" cmp -s "$T_TMP/out" "$T_TMP/want"
check "sent If-None-Match" test "$(requests 'inm=yes')" -eq $((inm + 2))

# offline: the cache answers, no request
n=$(wc -l <"$REC")
expect "offline" 0 "" $S --offline index --index-url "$IDX" fetch requests==2.31.0 leaf==1.0
check "offline output" cmp -s "$T_TMP/out" "$T_TMP/want"
check "offline no request" test "$(wc -l <"$REC")" -eq "$n"
expect "offline miss" 7 "not in the index cache (offline)" \
	$S --offline index --index-url "$IDX" fetch other==1.0

# a password in --index-url is sent (the server sees Basic auth) but the
# cache stores its URL masked, and a later run with it finds the entry
PWIDX=http://u:PwCache9@127.0.0.1:$PORT/simple/
expect "password in --index-url" 0 "" $S index --index-url "$PWIDX" fetch leaf==1.0
check "password: cached" grep -rq 'http://u:\*\*\*\*\*\*\*\*@127.0.0.1' "$XDG_CACHE_HOME/spacelock/index"
check "password: not in the cache" sh -c "! grep -rq PwCache9 '$XDG_CACHE_HOME/spacelock/index'"
expect "password: offline, the cache answers" 0 "" $S --offline index --index-url "$PWIDX" fetch leaf==1.0

# PIP_INDEX_URL is the default index
expect "PIP_INDEX_URL" 0 "" env PIP_INDEX_URL="$IDX" $S index fetch pipenv-index==1.0
check "PIP_INDEX_URL used" test "$(requests '/pypi/pipenv-index/1.0/json')" -eq 1

# many at once
i=0
: >"$T_TMP/many"
while [ $i -lt 40 ]; do echo "pkg$i==1.$i" >>"$T_TMP/many"; i=$((i + 1)); done
expect "forty" 0 "" $S index --index-url "$IDX" -j 8 --from "$T_TMP/many" fetch
check "forty lines" test "$(wc -l <"$T_TMP/out")" -eq 40

# faults: each one line, its exit code, and nothing cached
before=$(ls "$XDG_CACHE_HOME/spacelock/index" | wc -l)
fault() { # name exit message
	expect "fault $1" "$2" "$3" $S index --index-url "$HUB/fault/$1/simple" fetch "f$1==1.0"
}
fault 404 7 "/fault/404/pypi/f404/1.0/json: 404 not found"
fault 500 5 "/fault/500/pypi/f500/1.0/json: 500 server error"
check "500 retried" test "$(requests "/pypi/f500/1.0/json")" -eq 2
fault 429 5 "/fault/429/pypi/f429/1.0/json: 429 too many requests (retry after 1 s)"
check "429 retried" test "$(requests "/pypi/f429/1.0/json")" -eq 2
fault 429long 5 "429 too many requests (retry after 3600 s)"
check "429long not waited" test "$(requests '/pypi/f429long/1.0/json')" -eq 1
fault truncate 5 "/fault/truncate/pypi/ftruncate/1.0/json: truncated response (connection closed early)"
fault badjson 5 "/fault/badjson/pypi/fbadjson/1.0/json: response is not valid index JSON"
fault stall 5 "/fault/stall/pypi/fstall/1.0/json: no data for $SPACELOCK_TIMEOUT s (read timeout)"
check "nothing cached by faults" test "$(ls "$XDG_CACHE_HOME/spacelock/index" | wc -l)" -eq "$before"
# a fault that goes away is retried through
fault 500once 0 ""
fault 429once 0 ""
expect "usage" 2 "" $S index fetch notapair
expect "credentials hidden" 7 "http://127.0.0.1:$PORT/fault/404/pypi/fcred/1.0/json: 404 not found" \
	$S index --index-url "http://user:s3cret@127.0.0.1:$PORT/fault/404" fetch fcred==1.0
check "no password in message" sh -c "! grep -q s3cret '$T_TMP/err'"

# connect timeout: a port whose accept queue is full never completes a connect
python3 tests/server/fullqueue.py 8 >"$T_TMP/fullport" &
i=0
while [ ! -s "$T_TMP/fullport" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
expect "connect timeout" 5 ": timed out (" env SPACELOCK_CONNECT_TIMEOUT=0.5 SPACELOCK_RETRIES=0 \
	$S index --index-url "http://127.0.0.1:$(cat "$T_TMP/fullport")" fetch ftimeout==1.0

# the network goes down (the server stops): the cache still answers, a miss fails
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
expect "down cached" 0 "" $S index --index-url "$IDX" fetch requests==2.31.0 leaf==1.0
check "down output" cmp -s "$T_TMP/out" "$T_TMP/want"
expect "down miss" 5 "/pypi/other/1.0/json: Failed to connect" $S index --index-url "$IDX" fetch other==1.0

finish
