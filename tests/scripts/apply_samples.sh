#!/bin/sh
# apply_samples.sh: `spacelock apply` over every real card
# (tests/fixtures/readmes) and requirements file (tests/fixtures/requirements)
# (their sources: tests/fixtures/SOURCES.md).  For each file:
#  - the result is byte for byte the golden (tests/fixtures/apply/golden,
#    made by tests/fixtures/apply/make.sh; a stale golden fails here);
#  - an independent reader (apply_samples.py) compares before and after and
#    finds only the intended bytes changed: card lines of sdk, sdk_version,
#    python_version; requirement lines of packages the lock pins, the one
#    marked block at the end; the BOM, UTF-16, CRLF and a missing final
#    newline kept; the card still parses (libyaml through spacelock, and
#    PyYAML when installed) with every version a string;
#  - a second apply changes nothing (idempotent).
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || exit 2
S=$SPACELOCK
A=tests/fixtures/apply

mkdir "$T_TMP/made"
if SPACELOCK=$S sh $A/make.sh "$T_TMP/made"; then ok; else not_ok "make.sh failed"; fi
check "source.json is what make.sh makes" cmp -s "$T_TMP/made/source.json" $A/source.json
for g in $A/golden/*; do
	if cmp -s "$g" "$T_TMP/made/golden/$(basename "$g")"; then
		ok
	else
		not_ok "$g is stale: run 'SPACELOCK=./spacelock sh $A/make.sh' and commit it"
	fi
done
n=$(($(ls tests/fixtures/readmes | wc -l) + $(ls tests/fixtures/requirements | wc -l)))
check "a golden for every sample ($n)" test "$(ls $A/golden | wc -l)" -eq "$n"

# intended PAIRKIND BEFORE AFTER: the independent reader's verdict
intended() {
	/usr/bin/python3 tests/scripts/apply_samples.py "$A/source.json" "$@" >"$T_TMP/py" 2>&1
	rc=$?
	[ $rc -eq 0 ] || cat "$T_TMP/py"
	return $rc
}
if /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
	:
else
	echo "# skip: python3-yaml not installed: the cards are parsed by libyaml only"
fi

i=0
for f in tests/fixtures/readmes/*; do
	i=$((i + 1))
	d=$T_TMP/c$i
	mkdir "$d" && cp "$f" "$d/README.md"
	"$S" -q apply --pin direct --dir "$d" $A/source.json >/dev/null
	"$S" -q snapshot --dir "$d" -o "$T_TMP/lock.json" 2>"$T_TMP/err"
	check "$f: the card parses again: $(cat "$T_TMP/err")" test $? -le 1
	check "$f: only the intended bytes" intended card "$f" "$d/README.md"
	cp -r "$d" "$d.1"
	"$S" apply --pin direct --dir "$d" $A/source.json >/dev/null 2>"$T_TMP/err"
	check "$f: idempotent" sh -c "grep -q 'nothing to change' '$T_TMP/err' && diff -r '$d' '$d.1' >/dev/null"
done
for f in tests/fixtures/requirements/*; do
	i=$((i + 1))
	d=$T_TMP/r$i
	mkdir "$d" && cp "$f" "$d/requirements.txt" && cp $A/source/README.md "$d/README.md"
	"$S" -q apply --dir "$d" $A/source.json >/dev/null
	check "$f: only the intended bytes" intended reqs "$f" "$d/requirements.txt"
	check "$f: README untouched (it already matches)" cmp -s $A/source/README.md "$d/README.md"
	cp -r "$d" "$d.1"
	"$S" apply --dir "$d" $A/source.json >/dev/null 2>"$T_TMP/err"
	check "$f: idempotent" sh -c "grep -q 'nothing to change' '$T_TMP/err' && diff -r '$d' '$d.1' >/dev/null"
done
finish
