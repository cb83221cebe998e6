#!/bin/sh
# hub_snapshot.sh: `spacelock snapshot owner/space` against the loopback
# Hub gives the same lock as the file-based snapshot of the same data, plus
# the Space id, full revision sha and hardware, and the NAMES of its secrets
# and variables (never a value); warnings; every fault leaves no lockfile
# and no temporary files; the token appears nowhere.
. tests/lib.sh
if ! "$SPACELOCK" help snapshot >/dev/null 2>&1; then
	echo "# the snapshot command is not built yet"
	finish
	exit
fi
. tests/server/start.sh
S=$SPACELOCK
TOKEN=hf_TestTokenNeverLeaves0123456789abcdef
VALUE=strict-value-never-stored # APP_MODE's value in the fixture's variables.json
SHA=01b89f1436038b5958a2e56ba880056ecfb04889
export HF_ENDPOINT=$HUB TMPDIR=$T_TMP/tmp
mkdir -p "$TMPDIR" "$T_TMP/w"
top=$PWD
cd "$T_TMP/w" || exit 2

expect "snapshot" 1 "build log is of commit '10e9a26'" env HF_TOKEN=$TOKEN $S -v snapshot demo/repin-history
check "lock written" test -s spacelock.json
check "temporary files removed" test -z "$(ls -A "$TMPDIR")"
check "no CACHED warning for a real build" sh -c "! grep -q 'is CACHED' '$T_TMP/err'"
check "token nowhere" sh -c "! grep -rqF '$TOKEN' spacelock.json '$T_TMP/out' '$T_TMP/err'"
python3 - "$SHA" <<'PY' >"$T_TMP/py" 2>&1
import json, sys
sp = json.load(open("spacelock.json"))["space"]
assert sp["id"] == "demo/repin-history", sp
assert sp["revision"] == sys.argv[1], sp
assert sp["hardware"] == "cpu-basic", sp
assert sp["secrets"] == ["HF_WRITE_TOKEN", "OPENAI_API_KEY"], sp
assert sp["variables"] == ["APP_MODE"], sp
PY
check "space id, revision, hardware, secret and variable names: $(cat "$T_TMP/py")" test ! -s "$T_TMP/py"
check "variable value nowhere" sh -c "! grep -rqF '$VALUE' spacelock.json '$T_TMP/out' '$T_TMP/err'"
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	check "hub lock matches docs/lockfile.schema.json" /usr/bin/python3 -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.validate(json.load(open("spacelock.json")), schema, cls=jsonschema.Draft202012Validator)
' "$top/docs/lockfile.schema.json"
fi

# options after the Space id, globals after the verb: the same lock
expect "options after the id" 1 "" env HF_TOKEN=$TOKEN $S snapshot demo/repin-history -o opts.json -q
check "options after the id: same lock" cmp -s opts.json spacelock.json
check "-q after the verb: no summary" test ! -s "$T_TMP/err"

# the Space's URL as copied from the browser: the same lock
expect "URL" 1 "" env HF_TOKEN=$TOKEN $S snapshot -q -o url.json https://huggingface.co/spaces/demo/repin-history
check "URL: same lock" cmp -s url.json spacelock.json
expect "URL at a revision" 1 "" env HF_TOKEN=$TOKEN $S snapshot -q -o rev.json "https://huggingface.co/spaces/demo/repin-history/tree/$SHA"
check "URL at a revision: same lock" cmp -s rev.json spacelock.json
expect "@rev and --revision differ" 2 "name different revisions" $S snapshot -o none.json demo/repin-history@main --revision "$SHA"
check "@rev and --revision differ: no lock" test ! -e none.json

# the same data, fetched and snapshot from files
expect "fetch" 0 "" $S fetch demo/repin-history D
expect "file snapshot" 1 "" $S snapshot --dir D --build-log D/build.log --run-log D/run.log -o file.json
python3 - "$SHA" <<'PY' >"$T_TMP/py" 2>&1
import json, sys
sha = sys.argv[1]
hub = json.load(open("spacelock.json"))
text = open("file.json").read()
text = text.replace("D/build.log", "hf://spaces/demo/repin-history/logs/build")
text = text.replace("D/run.log", "hf://spaces/demo/repin-history/logs/run")
text = text.replace('"D/', '"hf://spaces/demo/repin-history@%s/' % sha)
text = text.replace(" D/", " hf://spaces/demo/repin-history@%s/" % sha)
files = json.loads(text)
assert "secrets" not in files["space"] and "variables" not in files["space"], "names without the Hub"
for k in ("id", "revision", "hardware", "secrets", "variables"):
    if k in hub["space"]:
        files["space"][k] = hub["space"][k]
if files != hub:
    for k in hub:
        if hub[k] != files.get(k):
            print("differs at", k, json.dumps(hub[k])[:300], json.dumps(files.get(k))[:300])
    sys.exit(1)
PY
check "same lock as from files: $(cat "$T_TMP/py")" test ! -s "$T_TMP/py"
rm -f spacelock.json

expect "revision" 1 "" $S snapshot --revision 01b89f1 -o rev.json demo/repin-history
check "full sha locked" grep -q "\"$SHA\"" rev.json
expect "cached" 1 "a factory rebuild" $S snapshot -o cached.json demo/cached-build
check "cached: no commit warning" sh -c "! grep -q 'build log is of commit' '$T_TMP/err'"
check "cached: log token redacted" sh -c "! grep -q hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 cached.json"
check "cached: names the token may not read are absent, not empty" \
	python3 -c 'import json, sys; sp = json.load(open("cached.json"))["space"]; sys.exit("secrets" in sp or "variables" in sp)'
expect "redirect keeps the token home" 1 "" env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/redirect $S -v snapshot -o red.json demo/repin-history
check "no token at 127.0.0.2" test "$(grep -c '^127.0.0.2 .*auth=yes' "$REC")" -eq 0
check "redirected" test "$(grep -c '^127.0.0.2 ' "$REC")" -ge 1
check "token nowhere after redirect" sh -c "! grep -rqF '$TOKEN' red.json '$T_TMP/out' '$T_TMP/err'"

# faults: one line, exit code, no lockfile, no temporary files
fault() { # name exit message
	expect "fault $1" "$2" "$3" env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/$1 $S snapshot -o "f$1.json" demo/repin-history
	check "fault $1: no lockfile" test ! -e "f$1.json"
	check "fault $1: no temporary files" test -z "$(ls -A "$TMPDIR")"
	check "fault $1: no token" sh -c "! grep -qF '$TOKEN' '$T_TMP/err' '$T_TMP/out'"
}
fault 401 6 "401 unauthorized (token from HF_TOKEN was refused"
fault 403 6 "403 forbidden (token from HF_TOKEN was refused"
fault 404 7 "/api/spaces/demo/repin-history: 404 not found"
fault 429 5 "429 too many requests (retry after 1 s)"
fault 500 5 "500 server error"
fault stall 5 "no data for $SPACELOCK_TIMEOUT s (read timeout)"
fault truncate 5 "truncated response (connection closed early)"
fault badjson 5 "response is not valid JSON"
fault logforever 5 "/logs/build: stream still sending after $SPACELOCK_LOG_MAX_TIME s"
expect "no such revision" 7 "/revision/fffffff: 404 not found" $S snapshot --revision fffffff -o x.json demo/repin-history
check "no such revision: no lockfile" test ! -e x.json
expect "revision without space" 2 "" $S snapshot --revision main --dir D

finish
