#!/bin/sh
# hub_diff.sh: `spacelock diff owner/src owner/dup` against the loopback Hub
# fetches and snapshots both Spaces and answers exactly as diffing their
# lockfiles does (only the labels differ); hardware and secret NAMES come
# from the Hub, never a value or the token; a Hub fault exits with its code,
# prints nothing on stdout and leaves no temporary files.
. tests/lib.sh
if ! "$SPACELOCK" help diff >/dev/null 2>&1; then
	echo "# the diff command is not built yet"
	finish
	exit
fi
. tests/server/start.sh
S=$SPACELOCK
TOKEN=hf_TestTokenNeverLeaves0123456789abcdef
VALUE=strict-value-never-stored # APP_MODE's value in both Spaces' variables.json
export HF_ENDPOINT=$HUB TMPDIR=$T_TMP/tmp
mkdir -p "$TMPDIR" "$T_TMP/w"
cd "$T_TMP/w" || exit 2

expect "snapshot the source" 1 "" env HF_TOKEN=$TOKEN $S -q snapshot -o src.json demo/repin-history
expect "snapshot the duplicate" 1 "" env HF_TOKEN=$TOKEN $S -q snapshot -o dup.json demo/repin-history-dup
expect "diff of two Space ids" 1 "" env HF_TOKEN=$TOKEN $S diff --json demo/repin-history demo/repin-history-dup
cp "$T_TMP/out" hub.json
cp "$T_TMP/err" hub.err
expect "diff of their lockfiles" 1 "" $S diff --json src.json dup.json
cp "$T_TMP/out" files.json
expect "a lockfile and a Space id" 1 "" env HF_TOKEN=$TOKEN $S diff --json src.json demo/repin-history-dup
cp "$T_TMP/out" mixed.json
expect "a revision" 1 "" env HF_TOKEN=$TOKEN $S diff --json demo/repin-history@01b89f1 demo/repin-history-dup
cp "$T_TMP/out" rev.json
expect "the Space's URL and spaces/ form, --json after the operands" 1 "" env HF_TOKEN=$TOKEN \
	$S diff "$HUB/spaces/demo/repin-history/tree/01b89f1" spaces/demo/repin-history-dup --json
cp "$T_TMP/out" url.json

same() { # A.json B.json: the same diff but for the labels the user typed
	python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for d in (a, b):
    d["source"]["label"] = d["duplicate"]["label"] = None
if a != b:
    for k in a:
        if a[k] != b[k]:
            print("differs at", k, json.dumps(a[k])[:300], json.dumps(b[k])[:300])
    sys.exit(1)
if not a["packages"] or not a["runtime"]:
    sys.exit("an empty diff proves nothing")
PY
}
check "Space ids give the lockfiles' answer" same hub.json files.json
check "a lockfile against a Space id too" same mixed.json files.json
check "owner/name@revision" same rev.json files.json
check "a URL and spaces/owner/name" same url.json files.json

python3 - hub.json <<'PY' >"$T_TMP/py" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
rt = {f["field"]: f for f in d["runtime"]}
assert rt["hardware"]["old"] == "cpu-basic" and rt["hardware"]["new"] == "zero-a10g", rt
assert rt["secrets"]["old"] == ["HF_WRITE_TOKEN", "OPENAI_API_KEY"], rt["secrets"]
assert rt["secrets"]["new"] == [] and rt["secrets"]["change"] == "removed", rt["secrets"]
assert "variables" not in rt, "the same variable names"
assert d["source"]["id"] == "demo/repin-history", d["source"]
assert d["source"]["revision"] == "01b89f1436038b5958a2e56ba880056ecfb04889", d["source"]
assert d["duplicate"]["id"] == "demo/repin-history-dup", d["duplicate"]
assert [f["field"] for f in d["runtime"]][0] == "hardware", "hardware first"
PY
check "hardware and secret names from the Hub: $(cat "$T_TMP/py")" test ! -s "$T_TMP/py"
check "token nowhere" sh -c "! grep -rqF '$TOKEN' hub.json hub.err src.json dup.json"
check "no variable value anywhere" sh -c "! grep -rqF '$VALUE' hub.json hub.err src.json dup.json"
check "temporary files removed" test -z "$(ls -A "$TMPDIR")"

# text: the same lines as for the lockfiles, after the two header lines
expect "text of two Space ids" 1 "" env HF_TOKEN=$TOKEN $S diff demo/repin-history demo/repin-history-dup
tail -n +3 "$T_TMP/out" >hub.txt
expect "text of the lockfiles" 1 "" $S diff src.json dup.json
tail -n +3 "$T_TMP/out" >files.txt
check "the same text" cmp -s hub.txt files.txt

# faults: one line, the Hub's exit code, nothing on stdout, nothing left
fault() { # name exit message
	expect "fault $1" "$2" "$3" env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/$1 $S diff src.json demo/repin-history-dup
	check "fault $1: nothing on stdout" test ! -s "$T_TMP/out"
	check "fault $1: no temporary files" test -z "$(ls -A "$TMPDIR")"
}
fault 404 7 "/api/spaces/demo/repin-history-dup: 404 not found"
fault 401 6 "401 unauthorized (token from HF_TOKEN was refused"
fault 500 5 "500 server error"
expect "no such Space" 7 "404 not found" $S diff src.json demo/no-such-space
before=$(requests 'repin-history-dup')
expect "offline" 5 "cannot fetch 'demo/repin-history-dup' offline" $S --offline diff src.json demo/repin-history-dup
check "offline: no request" test "$(requests 'repin-history-dup')" -eq "$before"
finish
