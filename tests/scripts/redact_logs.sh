#!/bin/sh
# redact_logs.sh: a Hub token printed into a Space's logs (a failing pip
# line, a traceback, glued to an ANSI colour or a word) reaches no lockfile
# and no output of `snapshot` or `log`, whether the log was fetched (those
# are redacted when stored: t_hub) or copied from the Space page by hand.
. tests/lib.sh
S=$SPACELOCK
D=$T_TMP/space
TOK=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789
ESC=$(printf '\033')
mkdir -p "$D"
printf -- '---\ntitle: t\nsdk: gradio\nsdk_version: 4.44.1\npython_version: "3.10"\n---\n' >"$D/README.md"
printf 'gradio==4.44.1\n' >"$D/requirements.txt"
cat >"$D/build.log" <<LOG
===== Build Queued at 2026-05-13 16:49:14 / Commit SHA: 6a05175 =====
--> FROM docker.io/library/python:3.10@sha256:abc
--> RUN pip install --no-cache-dir -r requirements.txt
Collecting gradio==4.44.1
ERROR: Could not find a version that satisfies the requirement torch==9.9 hf_$TOK (from versions: none)
ERROR: No matching distribution found for torch==9.9
--> ERROR: process "/bin/sh -c pip install --no-cache-dir -r requirements.txt" did not complete successfully: exit code: 1
LOG
cat >"$D/run.log" <<LOG
===== Application Startup at 2023-10-16 02:47:01 =====
Traceback (most recent call last):
  File "/home/user/app/app.py", line 3, in <module>
ValueError: Invalid token passed: ${ESC}[31mhf_$TOK${ESC}[0m tokenhf_$TOK
LOG
"$S" snapshot --dir "$D" --build-log "$D/build.log" --run-log "$D/run.log" -o "$T_TMP/lock.json" \
	>"$T_TMP/out" 2>"$T_TMP/err"
check "snapshot wrote a lock" test -s "$T_TMP/lock.json"
check "the failure is in the lock, masked" grep -q 'torch==9.9 hf_\*\*\*' "$T_TMP/lock.json"
check "no token in the lock or its messages" sh -c "! grep -q $TOK '$T_TMP/lock.json' '$T_TMP/out' '$T_TMP/err'"
for f in build run; do
	"$S" log "$D/$f.log" >"$T_TMP/out" 2>"$T_TMP/err"
	check "log $f: no token" sh -c "! grep -q $TOK '$T_TMP/out' '$T_TMP/err'"
	"$S" --json log "$D/$f.log" >"$T_TMP/out" 2>"$T_TMP/err"
	check "log --json $f: no token" sh -c "! grep -q $TOK '$T_TMP/out' '$T_TMP/err'"
done
check "log build: the failure is shown, masked" sh -c "'$S' log '$D/build.log' | grep -q 'torch==9.9 hf_\*\*\*'"
finish
