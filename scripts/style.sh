#!/bin/sh
# scripts/style.sh: `make style`: clang-format check and banned calls.
set -u
rc=0
files=$(ls src/lib/*.c src/lib/*.h src/cli/*.c src/cli/*.h include/spacelock/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c bench/*.c 2>/dev/null)
if command -v clang-format >/dev/null; then
	clang-format --dry-run -Werror $files || rc=1
else
	echo "style: clang-format not installed (apt-get install clang-format); skipping format check"
fi
# curl's checksrc idea: calls that are easy to misuse have safer spellings here.
banned='\<(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|gets|system)[[:space:]]*\('
if grep -nE "$banned" src/lib/*.c src/cli/*.c; then
	echo "style: banned call (use snprintf, sl_buf, strtol, ...)"
	rc=1
fi
if grep -nE '\<exit[[:space:]]*\(' src/lib/*.c; then
	echo "style: exit() in library code (return an SL_E* code instead)"
	rc=1
fi
if grep -nE '\<(printf|puts|fputs|fprintf)[[:space:]]*\(' src/lib/*.c | grep -v 'mem.c'; then
	echo "style: printing from library code (only src/cli prints)"
	rc=1
fi
# Each external library is wrapped in one file (docs/architecture.md).
wrapped() { # header pattern, allowed file
	bad=$(grep -lE "#include <$1" src/lib/*.c src/cli/*.c include/spacelock/*.h | grep -v "^$2\$")
	if [ -n "$bad" ]; then
		echo "style: a header matching <$1 included outside $2: $bad"
		rc=1
	fi
}
wrapped 'yaml\.h>' src/lib/card.c
wrapped 'curl/curl\.h>' src/lib/http.c
wrapped 'archive\.h>' src/lib/archive.c
wrapped 'solv/' src/lib/solve.c
# JSON is read through src/lib/json.c (duplicate keys, trailing text and
# NULs refused); hub_log.c only re-encodes log events it redacts.
if grep -nE 'cJSON_Parse' src/lib/*.c src/cli/*.c | grep -vE '^src/lib/(json|hub_log)\.c:'; then
	echo "style: parse JSON with sl_json_parse (json.h), not cJSON_Parse*"
	rc=1
fi
# One spelling of the cJSON include: pkg-config's -I/usr/include/cjson.
if grep -nE '#include [<"]cjson/' src/lib/*.c src/cli/*.c tests/unit/*.c tests/fuzz/*.c; then
	echo "style: include <cJSON.h> (pkg-config gives its directory), not <cjson/cJSON.h>"
	rc=1
fi
# A comment or script that points outside the repository is a dead link in
# a user's clone: the fact belongs in docs/.
if grep -rnE '\.\./shared/|/work/shared' src include tests bench scripts Makefile | grep -v '^scripts/style.sh:'; then
	echo "style: a reference outside the repository (write the fact into docs/)"
	rc=1
fi
# git's way: a verb's summary and usage text live in its own cmd_<verb>.c,
# so a new verb edits its file and one row of main.c's table.
if grep -n '"usage: spacelock' src/cli/*.h; then
	echo "style: usage text in a header (it belongs in its cmd_<verb>.c)"
	rc=1
fi
for verb in $(sed -n 's/^[[:space:]]*{"\([a-z]*\)", cmd_\([a-z]*\),.*/\1/p' src/cli/main.c); do
	[ "$verb" = help ] && continue
	for sym in summary usage; do
		grep -q "^const char cmd_${verb}_${sym}\[\]" "src/cli/cmd_$verb.c" 2>/dev/null || {
			echo "style: src/cli/cmd_$verb.c does not define cmd_${verb}_${sym}"
			rc=1
		}
	done
done
[ $rc -eq 0 ] && echo "style: clean"
exit $rc
