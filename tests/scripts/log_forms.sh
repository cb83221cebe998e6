#!/bin/sh
# log_forms.sh: every real log in tests/fixtures/logs as users hand it over
# (docs/logs.md "Forms"): indented by four spaces, by a tab, quoted with
# "> ", with a UTF-8 BOM, as UTF-16LE with a BOM, as the Hub's SSE stream,
# and pasted into one file with a run log (build first, run first).  Each
# form must give the lock the clean log gives read as separate files, or an
# incomplete lock: never a complete lock holding less.  Locks are compared
# with the file names and line numbers taken out (a form moves lines; a
# combined file is one name) and without the warning a form itself earns
# (and the different-builds warning, whose place among the warnings
# depends on whether the logs came as one file or two).
. "$(dirname "$0")/../lib.sh"
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
cd "$T_TMP" || exit 2

RUNLOG=2026-05-run-log-py3.13-audioop-missing.log

kind_of() { # the option a log is passed with
	case $1 in
	*run-log* | *runtime-error*) echo --run-log ;;
	*) echo --build-log ;;
	esac
}

# norm LOCK NAMES...: the lock with each NAME (and its :line) made "F",
# line members zeroed, and a form's own warning dropped
norm() {
	f=$1
	shift
	cp "$f" norm.tmp
	for n in "$@"; do
		# names here hold only [A-Za-z0-9._/-]; dots escaped for sed
		e=$(printf '%s' "$n" | sed 's/[.]/[.]/g')
		sed -e "s#$e\(:[0-9][0-9]*\)*#F#g" norm.tmp >norm.tmp2 && mv norm.tmp2 norm.tmp
	done
	# (the array's last member has no comma: the one before it loses its own)
	sed -e 's/"line": [0-9]*/"line": 0/' norm.tmp | awk '
		/every line starts with .*the prefix is ignored/ { next }
		/started the Space at .*was queued/ { next }
		/^ *\]/ && n > 0 {
			sub(/,$/, "", buf[n])
			if (buf[n] ~ /\[$/) { buf[n] = buf[n] "]"; next }
		}
		{ buf[++n] = $0 }
		END { for (i = 1; i <= n; i++) print buf[i] }' >"$f.norm"
}

# snap OUT ARGS...: snapshot into OUT, exit status into OUT.rc
snap() {
	out=$1
	shift
	"$SPACELOCK" snapshot -q "$@" -o "$out" 2>"$out.err"
	echo $? >"$out.rc"
	[ -f "$out" ] || echo '{}' >"$out"
}

# same NAME CLEAN_LOCK FORM_LOCK NAMES...: equal locks and exit statuses
same() {
	name=$1 a=$2 b=$3
	shift 3
	norm "$a" "$@"
	norm "$b" "$@"
	if cmp -s "$a.norm" "$b.norm" && cmp -s "$a.rc" "$b.rc"; then
		ok
	else
		not_ok "$name: not the clean log's lock (exit $(cat "$a.rc") vs $(cat "$b.rc"))"
		diff "$a.norm" "$b.norm" | head -n 12
		cat "$b.err" | head -n 3
	fi
}

# sse FILE: the log as the Hub streams it, one event a line
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

command -v iconv >/dev/null || echo "# skip: iconv not installed: no UTF-16 forms"
for log in "$FIX"/logs/*.log; do
	base=$(basename "$log")
	opt=$(kind_of "$base")
	cp "$log" clean.log
	snap clean.json "$opt" clean.log
	rm -f form.*
	forms clean.log
	for f in form.*; do
		case $f in *.json* | *.err | *.rc) continue ;; esac
		snap "$f.json" "$opt" "$f"
		same "$base as ${f#form.}" clean.json "$f.json" clean.log "$f"
	done
done

# A build log and a run log in one file, either order: every section read,
# and --build-log F --run-log F gives the lock of the halves passed apart.
cp "$FIX/logs/$RUNLOG" run.log
for log in "$FIX"/logs/*.log; do
	base=$(basename "$log")
	[ "$(kind_of "$base")" = --build-log ] || continue
	# a collection of snippets from many Spaces, run panels among them
	case $base in *.multi-source.log) continue ;; esac
	cp "$log" build.log
	snap apart.json --build-log build.log --run-log run.log
	cat build.log run.log >both.log
	snap both.json --build-log both.log --run-log both.log
	if head -n 1 build.log | grep -q '^> '; then
		# a quoted copy and an unquoted run log in one file mix prefixes:
		# the prefix is the file's first one, the lines without it are
		# read as they stand, but the lock says the file is read in part
		if [ "$(cat both.json.rc)" = 1 ] && grep -q 'mixes prefixes' both.json; then
			ok
		else
			not_ok "$base (quoted) + run log: not an honest incomplete lock"
		fi
	else
		same "$base + run log" apart.json both.json build.log run.log both.log
	fi
	cat run.log build.log >both.log
	snap both.json --build-log both.log --run-log both.log
	if head -n 1 build.log | grep -q '^> '; then
		# a quoted copy pasted after an unquoted run log: the prefix is the
		# file's first one, so its steps are not read and the lock says so
		if [ "$(cat both.json.rc)" = 1 ] && grep -q 'were not read' both.json; then
			ok
		else
			not_ok "run log + $base (quoted): not an honest incomplete lock"
		fi
	else
		same "run log + $base" apart.json both.json build.log run.log both.log
	fi
	snap one.json --build-log both.log
	snap other.json --run-log both.log
	sed 's/"run-log: /"build-log: /' other.json >other2.json && mv other2.json other.json
	cp other.json.rc other2.json.rc 2>/dev/null
	same "run log + $base: --build-log and --run-log" one.json other.json both.log
done

# A step hidden behind another indentation is never a complete lock.
{
	sed -n '1,/^--> RUN pip install --no-cache-dir 	gradio/p' \
		"$FIX/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log"
	sed -n '/^--> RUN pip install --no-cache-dir 	gradio/,$p' \
		"$FIX/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log" | sed '1,$s/^/  /'
} >mixed.log
printf 'gradio==3.47.1\nspaces==0.16.1\nuvicorn==0.23.2\ndatasets==2.14.5\n' >freeze.txt
snap mixed.json --build-log mixed.log --freeze freeze.txt
if [ "$(cat mixed.json.rc)" = 1 ] && grep -q 'were not read' mixed.json; then
	ok
else
	not_ok "a step indented otherwise: the lock must be incomplete and say why"
fi

# Mixed prefixes: some lines of a copy indented or quoted, others not.  The
# clean log with the freeze gives a complete lock (checked, so the cases
# below can fail); each mixed file gives an incomplete lock that says why,
# never a complete one.
B23=$FIX/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log
printf 'gradio==3.47.1\nspaces==0.16.1\nuvicorn==0.23.2\ndatasets==2.14.5\nclick==8.0.4\n' >all.txt
printf 'huggingface-hub==0.17.3\nprotobuf==3.20.3\npydantic==1.10.13\n' >>all.txt
snap whole.json --build-log "$B23" --freeze all.txt
check "mixed: the clean log is complete" test "$(cat whole.json.rc)" = 0
# (a) a quoted copy with its last lines pasted unquoted
{ sed -n '1,/^--> Pushing image/p' "$B23" | sed 's/^/> /'; sed -n '/^--> Pushing image/,$p' "$B23" | sed 1d; } >mixed-a.log
# (b) an indented copy with one step's lines not indented
sed 's/^/    /; /^    --> RUN useradd/,/^    CACHED/s/^    //' "$B23" >mixed-b.log
# (c) a clean log holding a quoted pip line (a package the freeze lacks:
# read, it would be locked; hidden, a complete lock would miss it)
sed '/^--> RUN pip install --no-cache-dir 	gradio/a\
> Successfully installed six-1.16.0' "$B23" >mixed-c.log
# (d) a quoted copy with a tab-indented pip line
sed 's/^/> /; s/^> CACHED$/> CACHED\n\tSuccessfully installed six-1.16.0/' "$B23" >mixed-d.log
for m in a b c d; do
	snap "mixed-$m.json" --build-log "mixed-$m.log" --freeze all.txt
	if [ "$(cat "mixed-$m.json.rc")" = 1 ] &&
		grep -q 'mixes prefixes\|were not read' "mixed-$m.json"; then
		ok
	else
		not_ok "mixed prefixes ($m): the lock must be incomplete and say why"
	fi
done

# A freeze proves what a CACHED step installed: the step's unknown closes,
# and no remedy asks for the freeze that was passed.
printf 'gradio==3.47.1\nspaces==0.16.1\nuvicorn==0.23.2\ndatasets==2.14.5\nclick==8.0.4\n' >all.txt
printf 'huggingface-hub==0.17.3\nprotobuf==3.20.3\npydantic==1.10.13\n' >>all.txt
snap cached.json --build-log "$FIX/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log" \
	--freeze all.txt
check "a freeze closes the CACHED steps" sh -c '! grep -q "is CACHED" cached.json'
check "no remedy asks for the freeze passed" sh -c '! grep -q "(--freeze" cached.json'
check "sdk from the platform step, no card" grep -q '"sdk_version": "3.47.1"' cached.json

# A build that failed before pip installed anything: the sdk is the
# platform step's, and what is missing needs a fixed build, not a rebuild
# without cache.
snap failed.json --build-log \
	"$FIX/logs/2026-05-gradio-4.31.0-build-requirements-vs-sdk_version-conflict.log"
check "failed build: sdk from the platform step" grep -q '"sdk_version": "4.31.0"' failed.json
check "failed build: no uncached-build remedy for its packages" \
	sh -c '! grep -q "an uncached build" failed.json'
check "failed build: fix the build first" grep -q '"remedy": "fix the build so that' failed.json

finish
