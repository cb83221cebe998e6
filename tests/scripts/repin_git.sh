#!/bin/sh
# repin_git.sh: `spacelock repin --git DIR --lock SOURCE` commits in a local
# clone with git run as a subprocess (an argument vector: a path with
# spaces and quotes is no problem): the same files apply writes, the same
# message as on the Hub (trailer included); a dirty work tree is refused
# and left as it was; --dry-run changes nothing; a second run has nothing
# to commit; no network is used.
. tests/lib.sh
if ! command -v git >/dev/null 2>&1; then
	echo "# skip: git is not installed"
	finish
	exit
fi
S=$SPACELOCK
TOP=$(pwd)
LOCK=$TOP/lockfiles/repin-history.json
export HOME=$T_TMP/home GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid \
	GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid HF_ENDPOINT=http://127.0.0.1:9
mkdir -p "$HOME"
cd "$T_TMP" || exit 2
R="$T_TMP/a clone's \"dir\""
mkdir "$R" want
cp "$TOP"/examples/repin-history-duplicate/* "$R"/
cp "$TOP"/examples/repin-history-duplicate/* want/
git -C "$R" init -q && git -C "$R" add -A && git -C "$R" commit -qm "the duplicate"
$S -q apply --dir want "$LOCK" >/dev/null 2>&1
HEAD0=$(git -C "$R" rev-parse HEAD)

$S repin --git "$R" --dry-run --lock "$LOCK" >dry.out 2>dry.err
check "--dry-run: exit 1 (the lock is incomplete)" test $? -eq 1
check "--dry-run: the message and the diff" grep -q '^+gradio==4.31.0$' dry.out
check "--dry-run: no commit" test "$(git -C "$R" rev-parse HEAD)" = "$HEAD0"
check "--dry-run: no file changed" sh -c "git -C \"\$1\" diff --quiet" sh "$R"

echo "edit" >>"$R/README.md"
$S repin --git "$R" --lock "$LOCK" >dirty.out 2>dirty.err
check "a dirty tree: exit 4" test $? -eq 4
check "a dirty tree: says so: $(cat dirty.err)" grep -q "has uncommitted changes" dirty.err
check "a dirty tree: left as it was" sh -c "tail -n 1 \"\$1/README.md\" | grep -qx edit" sh "$R"
git -C "$R" checkout -q -- README.md

$S repin --git "$R" --lock "$LOCK" >git.out 2>git.err
check "--git: exit 1 (the lock is incomplete, pins committed)" test $? -eq 1
check "--git: one commit" test "$(git -C "$R" rev-list --count HEAD)" -eq 2
check "--git: says which commit" grep -q "committed $(git -C "$R" rev-parse HEAD) in " git.out
for f in README.md requirements.txt; do
	check "--git: $f as apply writes it" cmp -s "$R/$f" "want/$f"
done
git -C "$R" log -1 --format=%B >msg
check "--git: summary" sh -c "head -n 1 msg | grep -q '^Pin to the lock of '"
check "--git: the trailer" test "$(git -C "$R" log -1 --format='%(trailers:key=Spacelock-Lock,valueonly)' | head -n 1)" = \
	"sha256:$(sha256sum "$LOCK" | cut -c1-64)"
check "--git: old → new with the reason" grep -q '^- requirements.txt:2: gradio: gradio==4.44.1 → gradio==4.31.0 (' msg
check "--git: the work tree is clean after" test -z "$(git -C "$R" status --porcelain)"

$S repin --git "$R" --lock "$LOCK" >again.out 2>again.err
check "a second run: exit 0" test $? -eq 0
check "a second run: nothing to commit" grep -q "nothing to commit" again.err
check "a second run: no commit" test "$(git -C "$R" rev-list --count HEAD)" -eq 2

$S repin --git "$T_TMP/nowhere" --lock "$LOCK" >/dev/null 2>nowhere.err
check "not a clone: exit 4 with git's reason" test $? -eq 4
$S repin --git "$R" --create-pr --lock "$LOCK" >/dev/null 2>&1
check "--git with --create-pr: usage" test $? -eq 2
finish
