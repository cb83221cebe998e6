#!/bin/sh
# hub_doctor.sh: `spacelock doctor OWNER/NAME` against the loopback Hub reads
# the runtime stage, its error message and the hardware, fetches the logs
# and classifies them (the log the stage points at first), lints the card
# and requirements it fetched; --source compares it with the Space it was
# duplicated from.  The token never appears in what it prints.
. tests/lib.sh
. tests/server/start.sh
S=$SPACELOCK
TOKEN=hf_TestTokenNeverLeaves0123456789abcdef
export HF_ENDPOINT=$HUB TMPDIR=$T_TMP/tmp
mkdir -p "$TMPDIR"

field() { # JSON file, python expression on d
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

expect "a build error" 1 "" env HF_TOKEN=$TOKEN $S doctor --json demo/zerogpu-doctor

J=$T_TMP/build.json
cp "$T_TMP/out" "$J"
check "stage read" test "$(field "$J" 'd["space"]["stage"]')" = BUILD_ERROR
check "error message read" test "$(field "$J" 'd["space"]["error_message"]')" = "Job failed with exit code: 1"
check "hardware requested" test "$(field "$J" 'd["space"]["hardware_requested"]')" = zero-a10g
check "build log classified" test "$(field "$J" 'd["bucket"]')" = requirements-conflict
check "the cause's line" test "$(field "$J" 'd["cause"]["file"] + ":" + str(d["cause"]["line"])')" = \
	"hf://spaces/demo/zerogpu-doctor/logs/build:25"
check "steps given" test "$(field "$J" 'len(d["steps"])')" -ge 3
check "the stage is a finding" test "$(field "$J" '[f["severity"] for f in d["findings"] if f["id"]=="space-stage"][0]')" = error
check "the card was linted" test "$(field "$J" '" ".join(sorted(set(f["id"] for f in d["findings"])))')" = \
	"card-python-version log-failure req-gradio-sdk req-spaces-pinned req-unpinned space-stage"
check "no app code fetched, no finding about it" test "$(field "$J" 'sum(f["id"].startswith("app-") for f in d["findings"])')" -eq 0
check "logs were fetched" grep -q ' /api/spaces/demo/zerogpu-doctor/logs/build' "$REC"
check "the token is not printed" sh -c "! grep -q '$TOKEN' '$T_TMP/out' '$T_TMP/err'"

# RUNTIME_ERROR: the run log is read first, so the crash beats the build's
# older failure.
expect "a runtime error" 1 "" env HF_TOKEN=$TOKEN $S doctor --json demo/repin-history
cp "$T_TMP/out" "$J"
check "runtime stage" test "$(field "$J" 'd["space"]["stage"]')" = RUNTIME_ERROR
check "run log first" test "$(field "$J" 'd["bucket"] + " " + d["cause"]["file"]')" = \
	"missing-module hf://spaces/demo/repin-history/logs/run"
check "the build's failure listed" test "$(field "$J" '[a["bucket"] for a in d["also"]][0]')" = no-distribution

expect "text form" 1 "" env HF_TOKEN=$TOKEN $S doctor demo/zerogpu-doctor
check "text names the stage" grep -q '^space demo/zerogpu-doctor: stage BUILD_ERROR, hardware none (requested zero-a10g)' "$T_TMP/out"
check "text names the bucket" grep -q '^failure: requirements-conflict' "$T_TMP/out"

# --source: the duplicate checklist against the Space it came from.
expect "against the source" 1 "" env HF_TOKEN=$TOKEN $S doctor --json demo/repin-history-dup --source demo/repin-history
cp "$T_TMP/out" "$J"
check "hardware differs" test "$(field "$J" '[f["message"] for f in d["findings"] if f["id"]=="source-hardware"][0]')" = \
	"hardware differs: the source runs on cpu-basic, the duplicate on zero-a10g"
check "secret names missing" test "$(field "$J" 'sum(f["id"]=="source-secret-missing" for f in d["findings"])')" -eq 2
check "sdk_version differs" test "$(field "$J" 'sum(f["id"]=="source-runtime" for f in d["findings"])')" -ge 1

expect "no such Space" 7 "" env HF_TOKEN=$TOKEN $S doctor demo/no-such-space
expect "no token for the logs is fine" 1 "" $S doctor --json demo/zerogpu-doctor
finish
