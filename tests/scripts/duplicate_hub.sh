#!/bin/sh
# duplicate_hub.sh: `spacelock duplicate SOURCE TARGET` against the loopback
# Hub: the duplicate request is private, on the source's hardware, with its
# public variables and the secrets it declares, each value from the
# environment variable of the same name or --secrets-file (never the
# command line); a name without a value is listed, not invented or sent;
# then TARGET is repinned to SOURCE's lock (one commit) and the checklist is
# printed; an existing TARGET (409) stops before anything else.  --dry-run
# prints the request (names only) and the commit, and no write arrives.  No output,
# lockfile, commit or trace holds the token or a secret value.
. tests/lib.sh
. tests/server/start.sh
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
BODIES=$T_TMP/bodies
mkdir -p "$BODIES" "$T_TMP/w"
SERVER_ARGS="--bodies $BODIES"
. tests/server/start.sh
S=$SPACELOCK
TOP=$(pwd)
TOKEN=hf_TestTokenNeverLeaves0123456789abcdef
OPENAI=sk-OpenaiValueNeverPrinted42
HFW=hf_SecretWriteTokenValueNeverPrinted99
VAR=strict-value-never-stored # APP_MODE's value in the source's variables.json
SRC=demo/repin-history
export HF_ENDPOINT=$HUB SPACELOCK_POLL=0.05
cd "$T_TMP/w" || exit 2

# --dry-run: the request and the commit printed, names only; no write arrives
posts() { grep -c " POST " "$REC"; }
expect "--dry-run: exit 1 (a secret would be missing)" 1 "lock is incomplete" \
	env HF_TOKEN=$TOKEN OPENAI_API_KEY=$OPENAI $S duplicate --dry-run $SRC me/dry
cp "$T_TMP/out" dry.out
cp "$T_TMP/err" dry.err
check "--dry-run: no POST reached the Hub" test "$(posts)" -eq 0
check "--dry-run: me/dry was not made" sh -c "! python3 -c 'import sys,urllib.request
urllib.request.urlopen(sys.argv[1])' '$HUB/api/spaces/me/dry' 2>/dev/null"
check "--dry-run: the request" grep -q "^would duplicate $SRC as me/dry: POST $HUB/api/spaces/$SRC/duplicate\$" dry.out
check "--dry-run: visibility" grep -qx "  visibility: private" dry.out
check "--dry-run: hardware" grep -qx "  hardware: cpu-basic (the source's)" dry.out
check "--dry-run: the secret by name, and where its value comes from" \
	grep -qx "  secret: OPENAI_API_KEY (value from the environment, not shown)" dry.out
check "--dry-run: the missing secret by name" grep -q "^  secret: HF_WRITE_TOKEN: no value" dry.out
check "--dry-run: the variable by name" grep -qx "  variable: APP_MODE (the source's value, not shown)" dry.out
check "--dry-run: the commit, on the source's files" \
	grep -q "^would commit to me/dry (main, once duplicated from $SRC at [0-9a-f]\{12\})" dry.out
check "--dry-run: the commit's diff" grep -qx '+python_version: "3.13"' dry.out
check "--dry-run: the lock's trailer" grep -q "^Spacelock-Lock: sha256:" dry.out
check "--dry-run: no value printed" sh -c "! grep -q -e '$OPENAI' -e '$VAR' -e '$TOKEN' dry.out dry.err"
expect "--dry-run onto a TARGET that exists: exit 8, nothing sent" 8 "would be refused (409)" \
	env HF_TOKEN=$TOKEN $S -q duplicate --dry-run $SRC demo/repin-history-dup
expect "--dry-run --wait: usage" 2 "--dry-run" $S duplicate --dry-run --wait $SRC me/dry
check "--dry-run: still no POST" test "$(posts)" -eq 0

expect "a TARGET that exists: exit 8" 8 "exists already" \
	env HF_TOKEN=$TOKEN OPENAI_API_KEY=$OPENAI $S -q duplicate $SRC demo/repin-history-dup
check "409: suggests repin" grep -q "spacelock repin demo/repin-history-dup --lock $SRC" "$T_TMP/err"
check "409: nothing after the duplicate request" sh -c "! grep -q -e commit -e validate-yaml '$REC'"
check "409: nothing on stdout" test ! -s "$T_TMP/out"
check "409: the Hub's own words" grep -q "You already created this space repo" "$T_TMP/err"

expect "duplicate: exit 1 (a secret is missing)" 1 "" \
	env HF_TOKEN=$TOKEN OPENAI_API_KEY=$OPENAI $S duplicate -o src.json $SRC me/copy
cp "$T_TMP/out" dup.out
cp "$T_TMP/err" dup.err
python3 - "$BODIES" "$OPENAI" "$VAR" >py.out 2>&1 <<'PY'
import glob, json, sys
bodies, openai, var = sys.argv[1:4]
dup = [f for f in sorted(glob.glob(bodies + "/*")) if f.endswith("-duplicate.body")]
b = json.load(open(dup[-1]))
fails = []
def check(name, cond):
    if not cond:
        fails.append("%s: %s" % (name, json.dumps({k: v for k, v in b.items() if k != "secrets"})))
check("repository", b["repository"] == "me/copy")
check("visibility private, as the official client sends it", b.get("visibility") == "private" and "private" not in b)
check("keys in the official client's order", list(b) == ["repository", "visibility", "hardware", "secrets", "variables"])
check("the source's hardware", b.get("hardware") == "cpu-basic")
check("its public variables", b.get("variables") == [{"key": "APP_MODE", "value": var}])
check("the secret from the environment, only that one",
      b.get("secrets") == [{"key": "OPENAI_API_KEY", "value": openai}])
for f in fails:
    print("FAIL", f)
PY
check "the duplicate request: $(cat py.out)" test ! -s py.out
check "then repinned: one commit to me/copy" grep -q "POST /api/spaces/me/copy/commit/main auth=yes" "$REC"
check "stdout: duplicated, private" grep -q "duplicated $SRC as me/copy: private, hardware cpu-basic, 1 variable, 1 secret set" dup.out
check "stdout: committed" grep -q "^committed [0-9a-f]* to me/copy (main)" dup.out
check "checklist: the missing secret by name" grep -q "secrets still missing .*: HF_WRITE_TOKEN; add them at" dup.out
check "checklist: test while logged in" grep -q "test first from the Space page while logged in: $HUB/spaces/me/copy" dup.out
check "checklist: the smallest input" grep -q "run the smallest input first" dup.out
check "checklist: doctor" grep -q "if the first build fails: spacelock doctor me/copy" dup.out
check "-o: the source's lock" grep -q '"id": "demo/repin-history"' src.json

printf '# values\nOPENAI_API_KEY=%s\nexport HF_WRITE_TOKEN="%s"\n' "$OPENAI" "$HFW" >secrets.env
expect "--secrets-file, --public, --hardware: exit 1 (the lock is incomplete)" 1 "" \
	env HF_TOKEN=$TOKEN $S duplicate --public --hardware zero-a10g --secrets-file secrets.env $SRC me/copy2
cp "$T_TMP/out" dup2.out
python3 - "$BODIES" "$OPENAI" "$HFW" >py.out 2>&1 <<'PY'
import glob, json, sys
bodies, openai, hfw = sys.argv[1:4]
b = json.load(open([f for f in sorted(glob.glob(bodies + "/*")) if f.endswith("-duplicate.body")][-1]))
want = [{"key": "HF_WRITE_TOKEN", "value": hfw}, {"key": "OPENAI_API_KEY", "value": openai}]
if b["repository"] != "me/copy2" or b.get("visibility") != "public" or b.get("hardware") != "zero-a10g" \
        or b.get("secrets") != want:
    print("FAIL", {k: v for k, v in b.items() if k != "secrets"})
PY
check "--secrets-file: both secrets, public, the asked hardware $(cat py.out)" test ! -s py.out
check "--secrets-file: every secret set" grep -q "\[x\] secrets: all 2 set" dup2.out

printf 'OPENAI_API_KEY %s\n' "$OPENAI" >bad.env
expect "a bad secrets file: exit 3, line named, value not" 3 "bad.env:1:" \
	env HF_TOKEN=$TOKEN $S -q duplicate --secrets-file bad.env $SRC me/copy3
cp "$TOP/lockfiles/repin-history.json" src-nospace.json
expect "SOURCE a lockfile without a Space: refused" 2 "must be a Space" \
	env HF_TOKEN=$TOKEN $S duplicate src-nospace.json me/copy4
expect "TARGET not OWNER/NAME: usage" 2 "OWNER/NAME" $S duplicate $SRC copy
expect "a secret value on the command line is no option" 2 "" $S duplicate --secret-value X=1 $SRC me/c

# the token and the secret values are nowhere but in the requests to the Hub
check "no output, lockfile or trace holds a secret or the token" sh -c \
	"! grep -rq -e '$TOKEN' -e '$OPENAI' -e '$HFW' dup.out dup.err dup2.out src.json '$REC' '$T_TMP/err' '$T_TMP/out'"
check "no commit message holds them" sh -c \
	"! grep -l -e '$OPENAI' -e '$HFW' -e '$TOKEN' '$BODIES'/*-commit.body"
env HF_TOKEN=$TOKEN OPENAI_API_KEY=$OPENAI $S -v duplicate $SRC me/copy >/dev/null 2>trace.err
check "-v: exit 8" test $? -eq 8
check "-v: the trace names the POST" grep -q "POST $HUB/api/spaces/$SRC/duplicate -> 409" trace.err
check "-v: no secret, no token" sh -c "! grep -q -e '$TOKEN' -e '$OPENAI' trace.err"
finish
