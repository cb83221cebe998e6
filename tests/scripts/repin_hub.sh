#!/bin/sh
# repin_hub.sh: `spacelock repin DUPLICATE --lock SOURCE` against the
# loopback Hub, which checks every body as the Hub reads it
# (tests/server/hubwrite.py).  The duplicate is the bundled drifted one
# (examples/repin-history-duplicate, served as demo/repin-history-duplicate);
# the committed bytes must equal what `spacelock apply` writes into a copy
# of it, the message must list the changes and name the lock by its
# sha256, parentCommit must be the head that was read.  Then: --dry-run
# sends nothing, --create-pr opens a pull request and leaves the branch,
# a moved head is exit 8 with nothing committed, 403 and no token are
# exit 6 naming the token source, a 500 is never retried, a card the Hub
# rejects is exit 3 and not committed, a second run commits nothing,
# --wait follows a rebuild to RUNNING (verified) and to BUILD_ERROR
# (doctor's bucket), gives up after --timeout on a rebuild that never ends
# (progress on a terminal), and the token is in no output, message or trace.
. tests/lib.sh
. tests/server/start.sh
S=$SPACELOCK
TOP=$(pwd)
LOCK=$TOP/lockfiles/repin-history.json
TOKEN=hf_TestTokenNeverLeaves0123456789abcdef
DUP=demo/repin-history-duplicate
BODIES=$T_TMP/bodies
mkdir -p "$BODIES" "$T_TMP/w"
# restart the server with --bodies: each POST body is kept
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
SERVER_ARGS="--bodies $BODIES"
. tests/server/start.sh
export HF_ENDPOINT=$HUB SPACELOCK_POLL=0.05
cd "$T_TMP/w" || exit 2
head_of() { # SPACE: its head sha on the loopback Hub
	python3 -c 'import json,sys,urllib.request
print(json.load(urllib.request.urlopen(sys.argv[1]))["sha"])' "$HUB/api/spaces/$1"
}
posts() { grep -c " POST " "$REC"; }
HEAD0=$(head_of $DUP)

# what apply writes locally is the oracle for what repin commits
mkdir want && cp "$TOP"/examples/repin-history-duplicate/* want/
$S -q apply --dir want "$LOCK" >/dev/null 2>&1

expect "dry run: exit 1 (the lock is incomplete)" 1 "lock is incomplete" \
	env HF_TOKEN=$TOKEN $S repin --dry-run --lock "$LOCK" $DUP
cp "$T_TMP/out" dry.out
check "dry run: says where it would commit" grep -q "would commit to $DUP (main, parent ${HEAD0%????????????????????????????})" dry.out
check "dry run: the message's trailer" grep -q "^Spacelock-Lock: sha256:$(sha256sum "$LOCK" | cut -c1-64)\$" dry.out
check "dry run: the diffs" grep -q '^+gradio==4.31.0$' dry.out
check "dry run: nothing sent" test "$(posts)" -eq 0

expect "no token: exit 6, says so" 6 "no token: commit to this Space needs a token with write access" \
	$S repin --lock "$LOCK" $DUP
expect "403: exit 6 names the token source and the write access" 6 \
	"the token from HF_TOKEN may not commit to this Space: it needs the write role" \
	env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/403post $S repin --lock "$LOCK" $DUP
expect "a moved head: exit 8, nothing committed" 8 "moved past ${HEAD0%????????????????????????????}" \
	env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/moved $S repin --lock "$LOCK" $DUP
check "a moved head: the message says nothing was committed" grep -q "nothing was committed" "$T_TMP/err"
check "a moved head: the Hub's own words (412)" grep -q "The branch was updated since you opened this page" "$T_TMP/err"
HEAD1=$(head_of $DUP)
check "a moved head: the other commit stays the head" test "$HEAD1" != "$HEAD0"
n=$(posts)
expect "a 500 on the commit: exit 5" 5 "500" \
	env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/500post SPACELOCK_RETRIES=3 $S repin --lock "$LOCK" $DUP
check "a 500 is not retried: validate-yaml and one commit POST" test "$(($(posts) - n))" -eq 2

expect "--create-pr" 1 "" env HF_TOKEN=$TOKEN $S repin --create-pr --lock "$LOCK" $DUP
check "--create-pr: the pull request's URL" grep -q "opened a pull request on $DUP: $HUB/spaces/$DUP/discussions/1" "$T_TMP/out"
check "--create-pr: sent with create_pr=1" grep -q "POST /api/spaces/$DUP/commit/main?create_pr=1 auth=yes" "$REC"
check "--create-pr: the branch is unchanged" test "$(head_of $DUP)" = "$HEAD1"

rm -f "$BODIES"/*
expect "repin --wait: committed, rebuilt, verified" 0 "" \
	env HF_TOKEN=$TOKEN $S repin --wait --timeout 30 --lock "$LOCK" $DUP
cp "$T_TMP/out" wait.out
check "--wait: the new commit is the head" grep -q "committed $(head_of $DUP) to $DUP (main)" wait.out
check "--wait: ended RUNNING" grep -q "rebuild: $DUP ended RUNNING" wait.out
check "--wait: verified against the lock" grep -q "verified: the rebuilt $DUP matches" wait.out
check "the card went to validate-yaml first" sh -c "ls '$BODIES' | head -n 1 | grep -q validate-yaml"
python3 - "$BODIES"/*-commit.body want "$HEAD1" "$LOCK" >py.out 2>&1 <<'PY'
import base64, hashlib, json, sys
body, want, head, lock = sys.argv[1:5]
lines = [json.loads(l) for l in open(body, "rb").read().decode().splitlines()]
h = lines[0]["value"]
fails = []
def check(name, cond):
    if not cond:
        fails.append(name)
check("parentCommit is the head read", h["parentCommit"] == head)
check("summary is one line", "\n" not in h["summary"] and h["summary"].startswith("Pin to the lock of"))
digest = hashlib.sha256(open(lock, "rb").read()).hexdigest()
check("trailer names the lock", h["description"].endswith("\n\nSpacelock-Lock: sha256:%s\n" % digest))
check("each change old → new", '- requirements.txt:2: gradio: gradio==4.44.1 → gradio==4.31.0 (' in h["description"]
      and '- README.md:8: python_version: "3.11" → "3.13" (' in h["description"])
files = {l["value"]["path"]: base64.b64decode(l["value"]["content"]) for l in lines[1:]}
check("the changed files only", sorted(files) == ["README.md", "requirements.txt"])
for name, data in files.items():
    check("%s as apply writes it" % name, data == open("%s/%s" % (want, name), "rb").read())
for f in fails:
    print("FAIL", f)
PY
check "the commit: $(cat py.out)" test ! -s py.out

expect "a second run: nothing to commit, exit 0" 0 "nothing to commit" \
	env HF_TOKEN=$TOKEN $S repin --lock "$LOCK" $DUP
check "a second run: no POST" test "$(ls "$BODIES" | wc -l)" -eq 2

# a lock whose card the Hub rejects
python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); l["space"]["sdk"]="gradioo"; json.dump(l,open("bad-sdk.json","w"))' "$LOCK"
n=$(posts)
expect "a card the Hub rejects: exit 3, not committed" 3 "README.md: the Hub rejects this card" \
	env HF_TOKEN=$TOKEN $S repin --lock bad-sdk.json demo/repin-history-dup
check "a rejected card: validate-yaml only" test "$(($(posts) - n))" -eq 1

# the other duplicate rebuilds into a failure: doctor's bucket
expect "--wait to BUILD_ERROR: exit 1" 1 "" env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/builderror \
	$S repin --wait --lock "$LOCK" demo/repin-history-dup
cp "$T_TMP/out" fail.out
check "BUILD_ERROR: said" grep -q "rebuild: demo/repin-history-dup ended BUILD_ERROR" fail.out
check "BUILD_ERROR: doctor's bucket: $(grep failure: fail.out)" grep -q "^failure: wheel-build: " fail.out
# the stored log is the Hub's SSE stream; the line is the log's (PyO3's
# message at line 330 of rebuild/build-error.log), not the stream's
check "BUILD_ERROR: the log's line: $(grep 'build log line' fail.out)" \
	grep -q "^  build log line 330: a Rust extension" fail.out
check "BUILD_ERROR: points at doctor" grep -q "spacelock doctor demo/repin-history-dup" fail.out

expect "--factory-rebuild asks for it" 1 "factory rebuild" \
	env HF_TOKEN=$TOKEN $S repin --factory-rebuild --lock "$LOCK" demo/cached-build
check "--factory-rebuild: restart?factory=true" grep -q "POST /api/spaces/demo/cached-build/restart?factory=true" "$REC"

# a rebuild that never ends: --wait gives up after --timeout (exit 5, the
# commit stays), with a progress line on a terminal (a pty here)
n=$(requests "/api/spaces/demo/zerogpu-doctor/runtime")
python3 - "$T_TMP/pty.out" env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/neverbuilds \
	$S repin --wait --timeout 0.5 --lock "$LOCK" demo/zerogpu-doctor >pty.py.out 2>&1 <<'PY'
import os, pty, subprocess, sys
out, argv = sys.argv[1], sys.argv[2:]
master, slave = pty.openpty()
p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
os.close(slave)
err = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:  # the child closed its end
        break
    if not chunk:
        break
    err += chunk
p.stdout.read()
open(out, "wb").write(err)
sys.exit(p.wait())
PY
rc=$?
check "--wait timeout: exit 5 ($(cat pty.py.out))" test $rc -eq 5
check "--wait timeout: says so, the commit is made" \
	grep -q "demo/zerogpu-doctor was still BUILDING after 0.5 s (--timeout); the commit is made" "$T_TMP/pty.out"
check "--wait timeout: progress on the terminal" \
	grep -q "$(printf '\r')repin: demo/zerogpu-doctor is BUILDING (0 s)" "$T_TMP/pty.out"
check "--wait timeout: the progress line is cleared before the error" \
	grep -q "$(printf '\r\033')\[Kspacelock: error: " "$T_TMP/pty.out"
check "--wait timeout: polled more than once, then stopped" \
	test "$(($(requests "/api/spaces/demo/zerogpu-doctor/runtime") - n))" -ge 2
expect "--wait timeout, no terminal: no progress line, one error line" 5 "still BUILDING after 0.2 s" \
	env HF_TOKEN=$TOKEN HF_ENDPOINT=$HUB/fault/neverbuilds $S repin --wait --timeout 0.2 \
	--lock "$LOCK" demo/cached-layer

expect "--wait with --create-pr: usage" 2 "--create-pr" $S repin --wait --create-pr --lock "$LOCK" $DUP
expect "--wait with --dry-run: usage" 2 "--dry-run" $S repin --wait --dry-run --lock "$LOCK" $DUP
expect "no --lock: usage" 2 "--lock" $S repin $DUP

# the token is nowhere
check "no output, message or trace holds the token" sh -c \
	"! grep -rq '$TOKEN' . '$BODIES' '$REC' '$T_TMP/err' '$T_TMP/out'"
expect "-v trace: names the POSTs, never the token" 0 "nothing to commit" \
	env HF_TOKEN=$TOKEN $S -v repin --lock "$LOCK" $DUP
check "-v trace: no token" sh -c "! grep -q '$TOKEN' '$T_TMP/err'"
finish
