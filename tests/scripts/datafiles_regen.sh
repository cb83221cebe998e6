#!/bin/sh
# datafiles_regen.sh: the generated build/gen/datafiles.c follows the set of
# data/*.txt files, not only their dates.  A data file added with a date
# older than the generated file (cp -p, tar, git switch) or a data file
# removed must regenerate it; nothing changed must not.  Runs the
# Makefile's own rule on a copy of data/ and scripts/embed-data.sh.
. "$(dirname "$0")/../lib.sh"
w=$T_TMP/tree
mkdir -p "$w/scripts"
cp -p Makefile "$w/"
cp -pR data "$w/"
cp -p scripts/embed-data.sh "$w/scripts/"
gen() { make -s -C "$w" BUILD=b b/gen/datafiles.c >/dev/null 2>"$T_TMP/make.err"; }
has() { grep -q "\"$1\"" "$w/b/gen/datafiles.c"; }

check "first generation" gen
check "a data file is embedded" has "$(basename "$(ls data/*.txt | head -n 1)")"
# every input older than the generated file: only the set of files can
# make it out of date now
find "$w/data" "$w/Makefile" "$w/scripts" "$w/b/gen/datafiles.list" -exec touch -d 2001-01-01 {} +
touch -d 2002-01-01 "$w/b/gen/datafiles.c"
old=$(date -d 2002-01-01 +%s)
check "nothing changed: no regeneration" gen
check "nothing changed: file left alone" test "$(stat -c %Y "$w/b/gen/datafiles.c")" = "$old"

printf 'old-dated\n' >"$w/data/zz-added.txt"
touch -d '1999-01-01' "$w/data/zz-added.txt"
check "an old-dated added file regenerates" gen
check "the added file is embedded" has zz-added.txt

rm "$w/data/zz-added.txt"
check "a removal regenerates" gen
check "the removed file is gone" sh -c "! grep -q zz-added.txt '$w/b/gen/datafiles.c'"
[ -s "$T_TMP/make.err" ] && cat "$T_TMP/make.err"
finish
