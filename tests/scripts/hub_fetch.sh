#!/bin/sh
# hub_fetch.sh: `spacelock fetch owner/space DIR` against the loopback Hub:
# files at the exact revision, SSE logs read until idle, names (never
# values) of secrets and variables, the warnings, the token lookup order,
# and every fault (one line, exit code, nothing written).  The token must
# never reach another host nor appear in any output or file.
. tests/lib.sh
. tests/server/start.sh
S=$SPACELOCK
SP=tests/fixtures/hub/spaces/demo
TOKEN=hf_TestTokenNeverLeaves0123456789abcdef
export HF_ENDPOINT=$HUB

expect "fetch" 0 "build log is of commit '10e9a26'" env HF_TOKEN=$TOKEN $S fetch demo/repin-history "$T_TMP/d1"
check "README exact" cmp -s "$T_TMP/d1/README.md" $SP/repin-history/README.md
check "requirements exact" cmp -s "$T_TMP/d1/requirements.txt" $SP/repin-history/requirements.txt
check "no optional files" test ! -e "$T_TMP/d1/packages.txt" -a ! -e "$T_TMP/d1/pre-requirements.txt"
python3 tests/server/hubserver.py --sse-of $SP/repin-history/build.log >"$T_TMP/build.sse"
check "build log as sent, keep-alives dropped" cmp -s "$T_TMP/d1/build.log" "$T_TMP/build.sse"
check "revision" grep -qx 'revision 01b89f1436038b5958a2e56ba880056ecfb04889' "$T_TMP/out"
check "hardware" grep -qx 'hardware cpu-basic' "$T_TMP/out"
check "secret names" grep -qx 'secrets HF_WRITE_TOKEN OPENAI_API_KEY' "$T_TMP/out"
check "variable names" grep -qx 'variables APP_MODE' "$T_TMP/out"
check "no variable value" sh -c "! grep -rq strict-value-never-stored '$T_TMP/out' '$T_TMP/err' '$T_TMP/d1'"
check "files at the revision" test "$(requests '/resolve/01b89f1436038b5958a2e56ba880056ecfb04889/README.md')" -eq 1

expect "revision prefix" 0 "" env HF_TOKEN=$TOKEN $S fetch --revision 01b89f1 demo/repin-history "$T_TMP/d2"
check "revision endpoint" test "$(requests '/api/spaces/demo/repin-history/revision/01b89f1 ')" -eq 1
check "full sha from prefix" grep -qx 'revision 01b89f1436038b5958a2e56ba880056ecfb04889' "$T_TMP/out"

# the ways users copy a Space: @rev, the page URL with /tree/REV, spaces/...
expect "owner/name@rev" 0 "" env HF_TOKEN=$TOKEN $S fetch demo/repin-history@01b89f1 "$T_TMP/d2c"
check "@rev asks for that revision" test "$(requests '/api/spaces/demo/repin-history/revision/01b89f1 ')" -eq 2
expect "URL with /tree/REV" 0 "" env HF_TOKEN=$TOKEN $S fetch "https://huggingface.co/spaces/demo/repin-history/tree/01b89f1" "$T_TMP/d2d"
check "/tree/REV asks for that revision" test "$(requests '/api/spaces/demo/repin-history/revision/01b89f1 ')" -eq 3
check "URL: same files" cmp -s "$T_TMP/d2c/README.md" "$T_TMP/d2d/README.md"
expect "spaces/owner/name" 0 "" env HF_TOKEN=$TOKEN $S fetch spaces/demo/repin-history "$T_TMP/d2e"
check "spaces/...: the default branch" test "$(requests '/api/spaces/demo/repin-history ')" -ge 2
expect "the endpoint's own URL" 0 "" env HF_TOKEN=$TOKEN $S fetch "$HUB/spaces/demo/repin-history/blob/01b89f1/README.md" "$T_TMP/d2f"
check "endpoint URL: that revision" test "$(requests '/api/spaces/demo/repin-history/revision/01b89f1 ')" -eq 4
expect "@rev and --revision differ" 2 "name different revisions" $S fetch demo/repin-history@main --revision 01b89f1 "$T_TMP/d2g"
check "nothing fetched when they differ" test ! -e "$T_TMP/d2g"
expect "@rev and --revision agree" 0 "" env HF_TOKEN=$TOKEN $S fetch demo/repin-history@01b89f1 --revision 01b89f1 "$T_TMP/d2h"
expect "a model URL" 2 "is not the address of a Space" $S fetch https://huggingface.co/gradio/model "$T_TMP/d2i"

expect "options after the operands" 0 "" env HF_TOKEN=$TOKEN $S fetch demo/repin-history "$T_TMP/d2b" --revision 01b89f1 --json
check "--revision after the operands" grep -q '"revision":"01b89f1436038b5958a2e56ba880056ecfb04889"' "$T_TMP/out"

# all-CACHED build: the remedy is named; a token in the run log is redacted
expect "cached" 0 "factory rebuild" $S fetch demo/cached-build "$T_TMP/d3"
check "no commit warning" sh -c "! grep -q 'build log is of commit' '$T_TMP/err'"
check "log token redacted" sh -c "! grep -rq hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 '$T_TMP/d3'"
check "log redaction marker" grep -q 'HF_TOKEN=hf_\*\*\*' "$T_TMP/d3/run.log"
check "log: a URL's password is not stored" sh -c "! grep -rq PwRunLog8 '$T_TMP/d3' '$T_TMP/out' '$T_TMP/err'"
check "log: the URL is stored masked" grep -q 'https://__token__:\*\*\*\*\*\*\*\*\*@private.example/simple' "$T_TMP/d3/run.log"

# a stream that stays open: read until idle, within the bound
check "stream ended by idle" test "$(grep -c 'logs/build' "$REC")" -ge 2

# token lookup order and where it goes
: >"$REC"
expect "redirect" 0 "" env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/redirect $S -v fetch demo/cached-build "$T_TMP/d4"
check "token sent to its host" test "$(grep -c '^127.0.0.1 .* auth=yes' "$REC")" -ge 1
check "redirect followed" test "$(grep -c '^127.0.0.2 ' "$REC")" -ge 6
check "token never sent to 127.0.0.2" test "$(grep -c '^127.0.0.2 .*auth=yes' "$REC")" -eq 0
check "token not in output" sh -c "! grep -rqF '$TOKEN' '$T_TMP/out' '$T_TMP/err' '$T_TMP/d4' '$REC'"
check "verbose trace shown" grep -q '^spacelock: GET http://127.0.0.2' "$T_TMP/err"

expect "401 HF_TOKEN" 6 "token from HF_TOKEN was refused" env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/401 $S fetch demo/x "$T_TMP/e1"
check "401 no token value" sh -c "! grep -qF '$TOKEN' '$T_TMP/err' '$T_TMP/out'"
expect "401 legacy env" 6 "token from HUGGING_FACE_HUB_TOKEN" env HUGGING_FACE_HUB_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/401 $S fetch demo/x "$T_TMP/e1"
expect "401 no token" 6 "no token: set HF_TOKEN or pass --token-file" env HF_ENDPOINT=$HUB/fault/401 $S fetch demo/x "$T_TMP/e1"
mkdir -p "$XDG_CACHE_HOME/huggingface" "$T_TMP/hfhome"
printf '%s\n' "$TOKEN" >"$XDG_CACHE_HOME/huggingface/token"
expect "401 xdg token file" 6 "token file '$XDG_CACHE_HOME/huggingface/token'" env HF_ENDPOINT=$HUB/fault/401 $S fetch demo/x "$T_TMP/e1"
printf ' %s \r\n' "$TOKEN" >"$T_TMP/hfhome/token"
expect "401 HF_HOME token" 6 "token file '$T_TMP/hfhome/token'" env HF_HOME="$T_TMP/hfhome" HF_ENDPOINT=$HUB/fault/401 $S fetch demo/x "$T_TMP/e1"
expect "401 HF_TOKEN_PATH" 6 "token file '$T_TMP/hfhome/token'" env HF_TOKEN_PATH="$T_TMP/hfhome/token" HF_ENDPOINT=$HUB/fault/401 $S fetch demo/x "$T_TMP/e1"
expect "401 --token-file wins" 6 "token from --token-file '$T_TMP/hfhome/token'" env HF_TOKEN=other HF_ENDPOINT=$HUB/fault/401 $S fetch --token-file "$T_TMP/hfhome/token" demo/x "$T_TMP/e1"
expect "missing --token-file" 3 "cannot read token file '$T_TMP/nope': no such file" $S fetch --token-file "$T_TMP/nope" demo/x "$T_TMP/e1"
# a token file that cannot be one says why (issue 11), default path included
mkdir "$T_TMP/tokdir"
expect "--token-file a directory" 3 "cannot read token file '$T_TMP/tokdir': it is a directory" $S fetch --token-file "$T_TMP/tokdir" demo/x "$T_TMP/e1"
expect "HF_TOKEN_PATH a directory" 3 "cannot read token file '$T_TMP/tokdir': it is a directory" env HF_TOKEN_PATH="$T_TMP/tokdir" $S fetch demo/x "$T_TMP/e1"
head -c 5000 /dev/zero | tr '\0' a >"$T_TMP/tokbig"
expect "--token-file too large" 3 "cannot read token file '$T_TMP/tokbig': larger than 4096 bytes, not a token" $S fetch --token-file "$T_TMP/tokbig" demo/x "$T_TMP/e1"
mkfifo "$T_TMP/tokfifo"
expect "--token-file a FIFO (never blocks)" 3 "cannot read token file '$T_TMP/tokfifo': not a regular file" timeout 20 $S fetch --token-file "$T_TMP/tokfifo" demo/x "$T_TMP/e1"
printf '%s\n' "$TOKEN" >"$T_TMP/tokmode"
chmod 000 "$T_TMP/tokmode"
if [ "$(id -u)" -ne 0 ]; then
	expect "--token-file unreadable" 3 "cannot read token file '$T_TMP/tokmode': Permission denied" $S fetch --token-file "$T_TMP/tokmode" demo/x "$T_TMP/e1"
else
	echo "# skip: an unreadable token file: root reads any file"
fi
check "no token error created the directory" test ! -e "$T_TMP/e1"
rm "$XDG_CACHE_HOME/huggingface/token"
: >"$REC"
expect "token file cleaned" 0 "" env HF_HOME="$T_TMP/hfhome" $S fetch demo/cached-build "$T_TMP/d5"
check "cleaned token sent" test "$(grep -c 'auth=yes' "$REC")" -ge 1

# progress: on stderr only when it is a terminal, and not with -q
check "no progress when not a terminal" sh -c "! grep -q fetching '$T_TMP/err'"
if command -v script >/dev/null 2>&1; then
	script -qec "$S fetch demo/cached-build '$T_TMP/p1' 2>&1 >/dev/null" /dev/null >"$T_TMP/tty" 2>&1
	check "progress on a terminal" grep -q 'fetching' "$T_TMP/tty"
	script -qec "$S -q fetch demo/cached-build '$T_TMP/p2' 2>&1 >/dev/null" /dev/null >"$T_TMP/tty" 2>&1
	check "no progress with -q" sh -c "! grep -q fetching '$T_TMP/tty'"
fi

# faults: one line, exit code, nothing written
fault() { # name exit message [space]
	expect "fault $1" "$2" "$3" env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/$1 $S fetch "${4:-demo/repin-history}" "$T_TMP/f$1"
	check "fault $1 wrote nothing" test ! -e "$T_TMP/f$1"
	check "fault $1 no token" sh -c "! grep -qF '$TOKEN' '$T_TMP/err' '$T_TMP/out'"
}
fault 403 6 "/fault/403/api/spaces/demo/repin-history: 403 forbidden (token from HF_TOKEN"
fault 404 7 "/fault/404/api/spaces/demo/repin-history: 404 not found"
fault 500 5 "/fault/500/api/spaces/demo/repin-history: 500 server error"
fault 429 5 "429 too many requests (retry after 1 s)"
fault 429long 5 "429 too many requests (retry after 3600 s)"
fault stall 5 "/fault/stall/api/spaces/demo/repin-history: no data for $SPACELOCK_TIMEOUT s (read timeout)"
fault truncate 5 "/fault/truncate/api/spaces/demo/repin-history: truncated response (connection closed early)"
fault badjson 5 "/fault/badjson/api/spaces/demo/repin-history: response is not valid JSON"
fault logforever 5 "/logs/build: stream still sending after $SPACELOCK_LOG_MAX_TIME s"
n=$(requests '/api/spaces/demo/repin-history/logs/build ')
fault logcut 5 "/fault/logcut/api/spaces/demo/repin-history/logs/build: truncated response (connection closed early)"
check "a cut stream is not replayed" test "$(requests '/api/spaces/demo/repin-history/logs/build ')" -eq $((n + 1))
# a log over the size bound is named by its URL, never by our temporary path
expect "log over its bound" 3 "$HUB/api/spaces/demo/repin-history/logs/build: log larger than 100 bytes" env SPACELOCK_LOG_MAX_BYTES=100 $S fetch demo/repin-history "$T_TMP/big"
check "log over its bound: no temporary path in the message" sh -c "! grep -q spacelock-hub '$T_TMP/err'"
check "log over its bound: nothing written" test ! -e "$T_TMP/big"
expect "no such space" 7 "/api/spaces/demo/nope: 404 not found" $S fetch demo/nope "$T_TMP/g1"
check "no such space wrote nothing" test ! -e "$T_TMP/g1"
expect "no such revision" 7 "/revision/0000000: 404 not found" $S fetch --revision 0000000 demo/repin-history "$T_TMP/g2"
# a real recorded Hub body (?expand= answers carry no sha)
expect "recorded body without sha" 5 "response has no 40-hex 'sha'" $S fetch user/tmp_test_space "$T_TMP/g3"
expect "bad id" 2 "'not-an-id' is not a Space: expected OWNER/NAME" $S fetch not-an-id "$T_TMP/g4"
expect "offline" 5 "cannot fetch 'demo/x' offline" $S --offline fetch demo/x "$T_TMP/g5"

finish
