#!/bin/sh
# demo_verbs.sh: `make demo` (scripts/demo.sh) shows each verb of the
# README's main job (snapshot, check, diff, apply, export, doctor, repin,
# duplicate) and ends 0; the duplicate step is a dry run against the
# loopback Hub, so it must print the request and the commit and send no
# write.  The demo runs in a scratch copy of the tree, so lockfiles/ here
# is never rewritten (tests/scripts/snapshot_lockfiles.sh checks it).
. tests/lib.sh
TOP=$(pwd)
W=$T_TMP/tree
mkdir -p "$W/tests"
for d in examples scripts; do ln -s "$TOP/$d" "$W/$d"; done
for d in server fixtures; do ln -s "$TOP/tests/$d" "$W/tests/$d"; done
cp -r "$TOP/lockfiles" "$W/lockfiles"
SPACELOCK=$SPACELOCK HF_TOKEN=hf_UsersTokenMustNotReachTheDemo0123 \
	sh "$W/scripts/demo.sh" >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
check "the demo ends 0 (exit $rc: $(tail -n 3 "$T_TMP/err"))" test $rc -eq 0
for verb in snapshot check diff apply export doctor repin duplicate; do
	check "the demo runs '$verb'" grep -Eq "^\\\$ ([A-Z_]+=[^ ]* )?spacelock (-[a-z-]+ )*$verb( |\$)" "$T_TMP/out"
done
check "duplicate: the request, private" grep -qx "  visibility: private" "$T_TMP/out"
check "duplicate: the secret by name only" \
	grep -qx "  secret: OPENAI_API_KEY (value from the environment, not shown)" "$T_TMP/out"
check "duplicate: the commit it would make" \
	grep -q "^would commit to me/copy (main, once duplicated from demo/repin-history at " "$T_TMP/out"
check "duplicate: no value, no token printed" sh -c \
	"! grep -q -e demo-value-never-printed -e hf_UsersToken '$T_TMP/out' '$T_TMP/err'"
check "the demo leaves lockfiles/ as they were" diff -r "$TOP/lockfiles" "$W/lockfiles"
finish
