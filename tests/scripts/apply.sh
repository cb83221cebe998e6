#!/bin/sh
# apply.sh: `spacelock apply` on the bundled drifted duplicate and on
# hostile layouts: the bytes it writes (golden files), a second run changes
# nothing, --dry-run writes nothing and prints what `diff -u` prints for the
# real change, modes are kept, a card or requirements file that cannot be
# parsed stops everything with its position and no file is touched.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || exit 2
S=$SPACELOCK
G=tests/fixtures/apply
SRC=lockfiles/repin-history.json

# run DIR ARGS...: apply with stdout and stderr kept, prints the exit status
run() {
	dir=$1
	shift
	"$S" apply --dir "$dir" "$@" >"$T_TMP/out" 2>"$T_TMP/err"
	echo $?
}
fresh() { # a copy of the duplicate in $T_TMP/$1
	rm -rf "${T_TMP:?}/$1"
	cp -r examples/repin-history-duplicate "$T_TMP/$1"
}
same_dir() { # A B: the same files with the same bytes
	diff -r "$1" "$2" >/dev/null
}

# 1. the demo: the source lock applied to the duplicate
fresh dup
chmod 0640 "$T_TMP/dup/requirements.txt"
check "partial lock: exit 1" test "$(run "$T_TMP/dup" $SRC)" = 1
check "README.md as expected" cmp "$T_TMP/dup/README.md" $G/repin-history-duplicate.README.md
check "requirements.txt as expected" cmp "$T_TMP/dup/requirements.txt" \
	$G/repin-history-duplicate.requirements.txt
check "gradio aligned and explained" grep -q \
	'requirements.txt:2: pin gradio: gradio==4.44.1 -> gradio==4.31.0 (.*sdk_version.*ResolutionImpossible' "$T_TMP/out"
check "unknowns listed under their remedy" grep -q "^13 unknown to the lock, by remedy:$" "$T_TMP/out"
# each remedy is said once, with everything it would resolve under it
check "unknowns grouped by remedy" /usr/bin/python3 -c '
import sys
groups, cur = {}, None
for line in open(sys.argv[1]):
    if line.startswith("  remedy: "):
        assert line not in groups, "remedy said twice: " + line
        cur = groups.setdefault(line, [])
    elif line.startswith("    ") and cur is not None:
        cur.append(line)
fix = [g for r, g in groups.items() if r.startswith("  remedy: fix the build so that it succeeds")]
assert len(groups) == 3 and len(fix) == 1, groups.keys()
assert any("unknown package '"'"'pydantic'"'"'" in l for l in fix[0]), fix
assert not any("remedy:" in l for g in groups.values() for l in g), "remedy repeated per line"
' "$T_TMP/out"
check "summary says partial" grep -q 'partial (exit 1)' "$T_TMP/err"
check "mode kept" test "$(stat -c %a "$T_TMP/dup/requirements.txt")" = 640
check "no temporary left" test "$(ls -A "$T_TMP/dup" | wc -l)" -eq 2

# 2. idempotent: a second run changes nothing and says so
cp -r "$T_TMP/dup" "$T_TMP/dup1"
check "second run: exit 1 still (partial)" test "$(run "$T_TMP/dup" $SRC)" = 1
check "second run: no byte changed" same_dir "$T_TMP/dup" "$T_TMP/dup1"
check "second run says so" grep -q 'nothing to change' "$T_TMP/err"

# 3. --dry-run: nothing written; the diff is diff -u's for the real change
fresh dry
check "dry run: exit 1" test "$(run "$T_TMP/dry" --dry-run $SRC)" = 1
check "dry run: nothing written" same_dir "$T_TMP/dry" examples/repin-history-duplicate
for f in README.md requirements.txt; do
	diff -u --label "a/$f" --label "b/$f" "examples/repin-history-duplicate/$f" "$T_TMP/dup/$f"
done >"$T_TMP/want.diff"
check "dry run prints diff -u's output" cmp "$T_TMP/out" "$T_TMP/want.diff"
# patch(1) is not on a fresh Debian with gcc, make and git; git apply is
if command -v patch >/dev/null 2>&1; then
	(cd "$T_TMP/dry" && patch -p1 -s <"$T_TMP/out")
else
	(cd "$T_TMP/dry" && git apply "$T_TMP/out")
fi
check "the printed diff is a patch that gives the result" same_dir "$T_TMP/dry" "$T_TMP/dup"

# 4. --json: one object, the changes with their reasons
fresh js
run "$T_TMP/js" --json --dry-run $SRC >/dev/null
check "--json parses, partial, two files" /usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["partial"] and r["changed"] and not r["written"], r
assert r["files"] == ["README.md", "requirements.txt"], r["files"]
kinds = {(c["kind"], c["what"]) for c in r["changes"]}
assert ("pin", "gradio") in kinds and ("set", "python_version") in kinds, kinds
' "$T_TMP/out"

# 5. a card libyaml cannot parse: refused with line and column, no file touched
fresh bad
printf -- '---\ntitle: x\nsdk: [gradio\n---\nbody\n' >"$T_TMP/bad/README.md"
cp -r "$T_TMP/bad" "$T_TMP/bad0"
check "bad card: exit 3" test "$(run "$T_TMP/bad" $SRC)" = 3
check "bad card: README.md:line:col" grep -q 'README.md:[0-9]*:[0-9]*: invalid YAML' "$T_TMP/err"
check "bad card: neither file touched" same_dir "$T_TMP/bad" "$T_TMP/bad0"

# 6. a requirements file that cannot be decoded: the card is not written either
fresh u32
printf '\377\376\000\000p\000\000\000' >"$T_TMP/u32/requirements.txt"
cp -r "$T_TMP/u32" "$T_TMP/u320"
check "UTF-32 requirements: exit 3" test "$(run "$T_TMP/u32" $SRC)" = 3
check "UTF-32 requirements: nothing written" same_dir "$T_TMP/u32" "$T_TMP/u320"

# 7. a README without front matter gets one; the body keeps its bytes
fresh nofm
printf '# My app\r\n\r\ntext\r\n' >"$T_TMP/nofm/README.md"
run "$T_TMP/nofm" $SRC >/dev/null
printf -- '---\r\nsdk: gradio\r\nsdk_version: "4.31.0"\r\npython_version: "3.13"\r\n---\r\n# My app\r\n\r\ntext\r\n' >"$T_TMP/want"
check "front matter made, in the file's CRLF" cmp "$T_TMP/nofm/README.md" "$T_TMP/want"
run "$T_TMP/nofm" $SRC >/dev/null
check "made card: a second run changes nothing" grep -q 'nothing to change' "$T_TMP/err"
check "made card: its bytes stay" cmp "$T_TMP/nofm/README.md" "$T_TMP/want"

# 8. --python and --pin direct; usage errors
fresh py
run "$T_TMP/py" --python 3.10 --pin direct $SRC >/dev/null
check "--python 3.10 written quoted" grep -q '^python_version: "3.10"$' "$T_TMP/py/README.md"
check "--pin direct adds no block" sh -c "! grep -q 'pinned by spacelock' '$T_TMP/py/requirements.txt'"
check "--pin bogus: exit 2" test "$(run "$T_TMP/py" --pin some $SRC)" = 2
check "--python x: exit 2" test "$(run "$T_TMP/py" --python x $SRC)" = 2
check "no LOCK: exit 2" test "$(run "$T_TMP/py")" = 2
check "missing lock: exit 3" test "$(run "$T_TMP/py" "$T_TMP/none.json")" = 3
check "missing --dir: exit 3" test "$(run "$T_TMP/none" $SRC)" = 3
# 9. a card with a BOM and CRLF line endings keeps both, the added key too
R=repin-history-c0e8dcc.README.md
mkdir "$T_TMP/crlf"
{ printf '\357\273\277'; sed 's/$/\r/' tests/fixtures/readmes/$R; } >"$T_TMP/crlf/README.md"
{ printf '\357\273\277'; sed 's/$/\r/' $G/golden/$R; } >"$T_TMP/want"
check "BOM + CRLF card: exit 1 (source lock incomplete)" \
	test "$(run "$T_TMP/crlf" --pin direct $G/source.json)" = 1
check "BOM + CRLF card: the golden's bytes in CRLF after the BOM" cmp "$T_TMP/crlf/README.md" "$T_TMP/want"
# 10. the result checked with the builder's pip step before anything is
# written: a lock whose versions the platform's own requests refuse
# (gradio 4.44.1 locked under sdk_version 4.31.0, fastapi 0.115.2 under the
# step's fastapi<0.113.0) stops with the conflict named, exit 8
fresh cf
cp -r "$T_TMP/cf" "$T_TMP/cf0"
check "conflicting lock: exit 8" test "$(run "$T_TMP/cf" tests/fixtures/check/space-broken.json)" = 8
check "conflicting lock: nothing written" same_dir "$T_TMP/cf" "$T_TMP/cf0"
check "conflicting lock: one line naming the conflict" grep -qx \
	"spacelock: error: the result would not install (pip: ResolutionImpossible), nothing written: requirements.txt:2 asks for gradio==4.31.0, but gradio 4.44.1 is locked (and 4 more conflicts: .*)" "$T_TMP/err"
check "conflicting lock: nothing on stdout" test ! -s "$T_TMP/out"
run "$T_TMP/cf" --json tests/fixtures/check/space-broken.json >/dev/null
check "conflicting lock --json: kind conflict" grep -q '"kind":"conflict","exit":8' "$T_TMP/out"
# the same Space with versions that agree: written, and the summary says
# how much metadata the check had
check "consistent lock with metadata: exit 0" test "$(run "$T_TMP/cf" tests/fixtures/check/space-ok.json)" = 0
check "consistent lock: the check is in the summary" grep -q \
	"no conflict with the builder's pip step (the requirements of 29 of 29 packages checked: all)" "$T_TMP/err"
check "--wheels that does not exist: exit 3" \
	test "$(run "$T_TMP/cf" --wheels "$T_TMP/none" tests/fixtures/check/space-ok.json)" = 3
finish
