#!/bin/sh
# log_skim.sh: a log file holding many builds is read faster than a
# stream (the builds before the last are only skimmed, buildlog_skim.c) and
# must say exactly the same: `log FILE` against `log - < FILE`, whole JSON
# and warnings, on real logs repeated past several reads, quoted or not,
# damaged in earlier builds and in the last (NUL bytes, invalid UTF-8, CR
# line ends, ANSI colours, a line over the 1 MB cut), and as run logs.
. "$(dirname "$0")/../lib.sh"
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
cd "$T_TMP" || exit 2

# same NAME [--run]: SKIM.log read as a file and from stdin, label aside
same() {
	name=$1
	shift
	"$SPACELOCK" --json log "$@" SKIM.log >file.out 2>file.err
	rc1=$?
	"$SPACELOCK" --json log "$@" - <SKIM.log >stdin.out 2>stdin.err
	rc2=$?
	sed 's/SKIM\.log/-/g' file.out >file.norm
	sed 's/SKIM\.log/-/g' file.err >file.enorm
	if [ $rc1 -eq $rc2 ] && cmp -s file.norm stdin.out && cmp -s file.enorm stdin.err; then
		ok
	else
		not_ok "$name: file and stdin differ (exit $rc1 vs $rc2)"
		diff file.norm stdin.out | head -n 10
		diff file.enorm stdin.err | head -n 10
	fi
}

# repeat N FILES...: the files concatenated N times into SKIM.log
repeat() {
	n=$1
	shift
	cat "$@" >unit
	: >SKIM.log
	i=0
	while [ $i -lt "$n" ]; do
		cat unit >>SKIM.log
		i=$((i + 1))
	done
}

plain_logs=$(ls "$FIX"/logs/*.log | grep -v 2023-06-gradio-build-pip-collecting)

repeat 40 "$FIX"/logs/*.log "$FIX"/pip/*-install.log
check "the mix is big enough to be read in several chunks" test "$(wc -c <SKIM.log)" -gt 300000
same "real logs, the first one a quoted copy"

repeat 40 $plain_logs "$FIX"/pip/*-install.log
same "real logs, not quoted"

repeat 40 $plain_logs
same "real logs as a run log" --run

# damage in every copy, so in skimmed builds and in the kept one
printf 'Collecting bad\000name\n\033[31m===== Build Queued at 2026-01-01 00:00:00 / Commit SHA: abc =====\033[0m\nok \377\376 here\r\ncache miss: [base 1/2] RUN x\r\n' >damage
repeat 30 $plain_logs damage
same "damaged bytes in every build"

# invalid UTF-8 warned about early, then again inside a summary line of a
# skimmed build: sanitised there too (a fuzz finding)
printf 'bad \377 first\ncache miss: [base 1/2] RUN ln -s\377/app\n' >damage2
repeat 30 damage2 $plain_logs damage2
same "invalid UTF-8 inside a skimmed summary line"

head -c 2200000 /dev/zero | tr '\0' 'x' >long
repeat 3 damage $plain_logs
cat long >>SKIM.log
printf '\n' >>SKIM.log
repeat_tail=$(cat SKIM.log | wc -c)
cat "$FIX"/logs/2026-05-gradio-4.31.0-build-requirements-vs-sdk_version-conflict.log >>SKIM.log
check "a line over the cut in a skimmed build" test "$repeat_tail" -gt 2200000
same "a line over the 1 MB cut"

# the last build only in the last line, with no newline at the end
repeat 30 $plain_logs
printf '===== Build Queued at 2026-02-02 02:02:02 / Commit SHA: fff =====' >>SKIM.log
same "the last header is the last line"

# SSE: the same lines as Hub events (a keep-alive now and then), and the
# real SSE fixture repeated
to_sse() {
	python3 - "$1" "$2" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read().split("\n")
with open(sys.argv[2], "w", encoding="utf-8", errors="surrogateescape") as out:
    for i, l in enumerate(lines):
        out.write("data: " + json.dumps({"data": l + "\n", "timestamp": "2026-05-13T16:56:%02dZ" % (i % 60)}, ensure_ascii=False) + "\n\n")
        if i % 50 == 0:
            out.write("data:\n\n")
PY
}
repeat 40 "$FIX"/logs/*.log "$FIX"/pip/*-install.log
mv SKIM.log plain.log
to_sse plain.log SKIM.log
check "the SSE mix is big enough to be read in several chunks" test "$(wc -c <SKIM.log)" -gt 300000
same "SSE events of real logs"
repeat 30 damage2 $plain_logs damage
mv SKIM.log plain.log
to_sse plain.log SKIM.log
same "SSE events with damage in every build"
repeat 200 "$FIX"/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.sse
same "the real SSE log repeated"

# one build: nothing to skim, still the same
cat "$FIX"/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log >SKIM.log
same "one build"

finish
