#!/bin/sh
# diff_repin_history.sh: `spacelock diff` on the real states of the
# repin-history Space (tests/fixtures/diff, SOURCES.md).  The committed locks
# are what the code snapshots now; a lock against itself is empty with exit
# 0; every pair differs (exit 1), the same bytes on every run, and
# `diff B A` is the mirror image of `diff A B`; colour only on a terminal
# without NO_COLOR (or when asked); bad arguments and inputs fail in one line.
# The text of each pair is in tests/cli/diff-*.t.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || exit 2
S=$SPACELOCK
D=tests/fixtures/diff
states="1-exact-pins 2-gradio-range 3-gradio-dropped 4-sdk-5.29"

mkdir "$T_TMP/locks"
if SPACELOCK=$S sh $D/make.sh "$T_TMP/locks"; then ok; else not_ok "make.sh failed"; fi
for s in $states; do
	if cmp -s "$T_TMP/locks/$s.json" "$D/$s.json"; then
		ok
	else
		not_ok "$D/$s.json is stale: run 'SPACELOCK=./spacelock sh $D/make.sh' and commit it"
		diff -u "$D/$s.json" "$T_TMP/locks/$s.json" | head -n 30
	fi
done

# rc FILE COMMAND...: runs it with stdout in FILE, prints the exit status
rc() {
	f=$1
	shift
	"$@" >"$f" 2>"$T_TMP/err"
	echo $?
}

for s in $states; do
	check "$s against itself: exit 0" test "$(rc "$T_TMP/o" "$S" -q diff $D/$s.json $D/$s.json)" = 0
	check "$s against itself: no text" test ! -s "$T_TMP/o"
	check "$s against itself: no Markdown" test "$(rc "$T_TMP/o" "$S" -q diff --markdown $D/$s.json $D/$s.json)" = 0
	check "$s against itself: no Markdown text" test ! -s "$T_TMP/o"
	rc "$T_TMP/o" "$S" -q diff --json $D/$s.json $D/$s.json >/dev/null
	check "$s against itself: JSON says so" grep -q '"differs":false,"runtime":\[\],"requirements":\[\],"packages":\[\]' "$T_TMP/o"
done

mirror() { # A.json B.json: B is A seen from the other side
	/usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
ab, ba = (json.load(open(f)) for f in sys.argv[1:3])
flip = {"added": "removed", "removed": "added", "upgraded": "downgraded",
        "downgraded": "upgraded"}
side = {"source": "duplicate", "duplicate": "source", None: None}
def mirrored(e):
    e = dict(e)
    for a, b in (("old", "new"), ("old_vcs", "new_vcs"), ("old_inferred", "new_inferred"),
                 ("old_at", "new_at")):
        if a in e:
            e[a], e[b] = e[b], e[a]
    e["change"] = flip.get(e["change"], e["change"])
    if "unknown_in" in e:
        e["unknown_in"] = side[e["unknown_in"]]
    del e["reason"]
    return e
for key in ("runtime", "requirements", "packages"):
    want = [mirrored(e) for e in ab[key]]
    got = [dict(e) for e in ba[key]]
    for e in got:
        del e["reason"]
    if want != got:
        for w, g in zip(want, got):
            if w != g:
                sys.exit("%s differs: %s vs %s" % (key, w, g))
        sys.exit("%s: %d entries vs %d" % (key, len(want), len(got)))
if ab["source"] != ba["duplicate"] or ab["duplicate"] != ba["source"]:
    sys.exit("the sides are not exchanged")
PY
}

pairs=0
for a in $states; do
	for b in $states; do
		[ "$a" = "$b" ] && continue
		pairs=$((pairs + 1))
		check "$a $b: exit 1" test "$(rc "$T_TMP/ab.json" "$S" -q diff --json $D/$a.json $D/$b.json)" = 1
		rc "$T_TMP/ab2.json" "$S" -q diff --json $D/$a.json $D/$b.json >/dev/null
		check "$a $b: the same JSON twice" cmp -s "$T_TMP/ab.json" "$T_TMP/ab2.json"
		rc "$T_TMP/t1" "$S" -q diff $D/$a.json $D/$b.json >/dev/null
		rc "$T_TMP/t2" "$S" -q diff $D/$a.json $D/$b.json >/dev/null
		check "$a $b: the same text twice" cmp -s "$T_TMP/t1" "$T_TMP/t2"
		rc "$T_TMP/ba.json" "$S" -q diff --json $D/$b.json $D/$a.json >/dev/null
		mirror "$T_TMP/ab.json" "$T_TMP/ba.json" >"$T_TMP/py" 2>&1
		check "$a $b: mirror image of $b $a: $(cat "$T_TMP/py")" test ! -s "$T_TMP/py"
	done
done
check "twelve ordered pairs" test $pairs -eq 12

# colour: never into a file, always when asked, on a terminal unless NO_COLOR
esc=$(printf '\033')
A=$D/2-gradio-range.json
B=$D/3-gradio-dropped.json
rc "$T_TMP/o" "$S" -q diff $A $B >/dev/null
check "no colour into a file" sh -c "! grep -q '$esc' '$T_TMP/o'"
rc "$T_TMP/o" "$S" -q diff --color always $A $B >/dev/null
check "--color always" grep -q "$esc\\[" "$T_TMP/o"
rc "$T_TMP/o" env NO_COLOR=1 "$S" -q diff --color always $A $B >/dev/null
check "--color always wins over NO_COLOR" grep -q "$esc\\[" "$T_TMP/o"
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "$S -q diff $A $B" /dev/null >"$T_TMP/tty" 2>&1
	check "colour on a terminal" grep -q "$esc\\[" "$T_TMP/tty"
	script -qec "env NO_COLOR=1 $S -q diff $A $B" /dev/null >"$T_TMP/tty" 2>&1
	check "NO_COLOR on a terminal" sh -c "! grep -q '$esc\\[' '$T_TMP/tty'"
else
	echo "# skip: no script(1) to give diff a terminal"
fi

# bad arguments and inputs: one line, the right exit
printf '{"lockfile_version": 2, "packages": [' >"$T_TMP/cut.json"
printf '{"lockfile_version": 2, "packages": [{"name": "x"}]}' >"$T_TMP/notalock.json"
bad() { # name exit message args...
	name=$1 want=$2 msg=$3
	shift 3
	got=$(rc "$T_TMP/o" "$S" diff "$@")
	if [ "$got" != "$want" ]; then
		not_ok "$name: exit $got, want $want: $(cat "$T_TMP/err")"
	elif ! grep -qF -- "$msg" "$T_TMP/err" || [ -s "$T_TMP/o" ]; then
		not_ok "$name: stderr lacks '$msg' or stdout not empty: $(cat "$T_TMP/err")"
	else
		ok
	fi
}
bad "one argument" 2 "diff takes two arguments" $A
bad "three arguments" 2 "diff takes two arguments" $A $B $B
bad "bad --color" 2 "--color takes auto, always or never" --color pink $A $B
bad "missing lockfile" 3 "cannot read '$T_TMP/none.json'" $A "$T_TMP/none.json"
bad "missing owner/name.json is a lockfile" 3 "cannot read 'lockfiles/none.json'" $A lockfiles/none.json
bad "options anywhere" 2 "--color takes" $A $B --color=pink
bad "cut JSON" 3 "cut.json:1:" $A "$T_TMP/cut.json"
bad "not a lock" 3 "notalock.json: 'packages[0]'" "$T_TMP/notalock.json" $B
bad "not a Space id either" 3 "cannot read 'owner/'" owner/ $B

if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	for s in $states; do
		check "schema: $s" /usr/bin/python3 -c '
import json, sys, jsonschema
schema = json.load(open("docs/lockfile.schema.json"))
jsonschema.validate(json.load(open(sys.argv[1])), schema, cls=jsonschema.Draft202012Validator)
' $D/$s.json
	done
else
	not_ok "python3-jsonschema missing (./configure installs it)"
fi
finish
