#!/bin/sh
# doctor_forms.sh: doctor's verdict on every real log in tests/fixtures/logs
# as users hand it over (the forms of log_forms.sh: indented by four spaces,
# by a tab, quoted with "> ", with a UTF-8 BOM, as UTF-16LE with a BOM, as
# the Hub's SSE stream) is the clean log's: the same bucket, rule, line and
# text.  doctor reads logs with the one log reader (buildlog.h), so a line
# number is the decoded log's whatever the form (an SSE stream's events are
# not lines of the log).  Then `repin --wait`'s classification, the same
# reader, names the clean log's line for the SSE form (the form the Hub's
# log is stored in).
. "$(dirname "$0")/../lib.sh"
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
cd "$T_TMP" || exit 2

sse() {
	awk '{
		gsub(/\\/, "&&"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
		printf "data: {\"data\": \"%s\\n\", \"timestamp\": \"2026-05-13T16:56:02.037Z\"}\n\n", $0
	}' "$1"
}

forms() { # LOG: writes form.* files
	sed 's/^/    /' "$1" >form.indent4
	sed 's/^/> /' "$1" >form.quote
	sed "s/^/$(printf '\t')/" "$1" >form.tab
	{ printf '\357\273\277'; cat "$1"; } >form.bom
	if command -v iconv >/dev/null; then
		{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$1"; } >form.utf16le
	fi
	sse "$1" >form.sse
}

# verdict LOG OUT: doctor's JSON with the log's name made "F", and the
# warning a form itself earns (none today) left out
verdict() {
	"$SPACELOCK" doctor --json --log "$1" >"$2.raw" 2>"$2.err"
	echo $? >"$2.rc"
	sed "s#\"$1\"#\"F\"#g" "$2.raw" >"$2"
}

command -v iconv >/dev/null || echo "# skip: iconv not installed: no UTF-16 forms"
for log in "$FIX"/logs/*.log; do
	base=$(basename "$log")
	cp "$log" clean.log
	verdict clean.log clean.json
	check "$base: doctor reads it" test "$(cat clean.json.rc)" -le 1
	rm -f form.*
	forms clean.log
	for f in form.*; do
		case $f in *.json* | *.err | *.rc | *.raw) continue ;; esac
		verdict "$f" "$f.json"
		if cmp -s clean.json "$f.json" && cmp -s clean.json.rc "$f.json.rc"; then
			ok
		else
			not_ok "$base as ${f#form.}: not the clean log's verdict"
			diff clean.json "$f.json" | cut -c1-300 | head -n 6
		fi
	done
done

finish
