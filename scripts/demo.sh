#!/bin/sh
# scripts/demo.sh: `make demo`.  Snapshots the bundled example Space
# (examples/repin-history: its card, requirements.txt and the build log the
# Space page showed) into lockfiles/, network-free, and prints the summary.
# tests/scripts/snapshot_lockfiles.sh checks that lockfiles/ holds exactly
# what this produces.  Each verb has its step below
# (tests/scripts/demo_verbs.sh checks that each is there and runs).
set -u
cd "$(dirname "$0")/.." || exit 2
SPACELOCK=${SPACELOCK:-./spacelock}

echo "\$ spacelock snapshot --dir examples/repin-history --build-log examples/repin-history/build.log -o lockfiles/repin-history.json"
"$SPACELOCK" snapshot --dir examples/repin-history \
	--build-log examples/repin-history/build.log -o lockfiles/repin-history.json
rc=$?
# 1 is the honest answer for this Space: its build failed and hid what the
# CACHED base step installed.  Anything else is an error.
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc

# check: is the locked set consistent for its Python?  The bundled lock
# embeds no package metadata (the build failed before pip fetched any), so
# check reports the clash the build log shows (the platform's gradio pin
# against requirements.txt's gradio>=4.40.0) and gradio as unverifiable,
# never as consistent; exit 1 is that finding.  With metadata at hand,
# `check --wheels DIR --update-lock` stores it in the lock (docs/commands/check.md).
echo
echo "\$ spacelock --offline check lockfiles/repin-history.json"
"$SPACELOCK" --offline check lockfiles/repin-history.json
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc

# The bundled drifted duplicate (examples/repin-history-duplicate: the same
# app duplicated with bare requirement names, a gradio pin that clashes with
# its sdk_version, cpu-basic hardware and Python 3.11) is locked the same
# way.  It was never built, so most of its versions are unknown: exit 1.
echo
echo "\$ spacelock snapshot --dir examples/repin-history-duplicate -o lockfiles/repin-history-duplicate.json"
"$SPACELOCK" snapshot --dir examples/repin-history-duplicate \
	-o lockfiles/repin-history-duplicate.json
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc

# diff: what differs between the Space and its drifted duplicate, why, and
# what matters most.  Exit 1 is the answer "they differ" (a drift gate).
echo
echo "\$ spacelock diff lockfiles/repin-history.json lockfiles/repin-history-duplicate.json"
"$SPACELOCK" diff lockfiles/repin-history.json lockfiles/repin-history-duplicate.json
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc
# apply: make a copy of the duplicate pin what the source's lock proves.
# Only the bytes that must change do: python_version becomes the 3.13 the
# source ran, and the gradio pin that clashes with sdk_version 4.31.0 is
# aligned (the builder installs gradio[oauth]==4.31.0 itself).  The source
# lock is incomplete, so apply lists what it cannot pin: exit 1.
work=$(mktemp -d) || exit 4
trap 'rm -rf "$work"' EXIT
cp -r examples/repin-history-duplicate "$work/duplicate"
echo
echo "\$ spacelock apply --dir <copy of examples/repin-history-duplicate> lockfiles/repin-history.json"
"$SPACELOCK" apply --dir "$work/duplicate" lockfiles/repin-history.json
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc
echo
echo "\$ diff -u examples/repin-history-duplicate/FILE <the copy>/FILE"
for f in README.md requirements.txt; do
	diff -u --label "a/$f" --label "b/$f" "examples/repin-history-duplicate/$f" "$work/duplicate/$f"
done

# export: the source's lock as a PEP 751 pylock.toml.  --no-index keeps the
# demo off the network, so the packages carry versions but no file hashes
# (with an index, each gets its wheels' URLs and sha256: docs/commands/export.md);
# exit 1 says the lock is incomplete.
echo
echo "\$ spacelock export --no-index --format pylock lockfiles/repin-history.json"
"$SPACELOCK" export --no-index --format pylock lockfiles/repin-history.json
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc

# doctor: the duplicate-and-troubleshoot guide's mechanical part.  First the
# bundled Space with its real failed build log: the log is classified into
# one bucket (requirements-conflict) with its ordered next steps, and the
# lint names the line that caused it.  Then its drifted duplicate against
# the source's lock: what the duplication checklist catches.  Exit 1 is the
# answer "something is wrong at error level".
echo
echo "\$ spacelock doctor examples/repin-history --log examples/repin-history/build.log"
"$SPACELOCK" doctor examples/repin-history --log examples/repin-history/build.log
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc
echo
echo "\$ spacelock doctor examples/repin-history-duplicate --lock lockfiles/repin-history.json"
"$SPACELOCK" doctor examples/repin-history-duplicate --lock lockfiles/repin-history.json
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc

# reconstruct: a Space whose requirements step is CACHED (examples/cached-layer)
# proves one package; resolving its requests as pip would have on the day the
# layer was built infers the rest, each marked inferred (exact or ambiguous),
# never as proof.  Offline, from the index cache bundled with the example
# (docs/reconstruct.md).  Both locks are kept, side by side.
echo
echo "\$ spacelock snapshot --dir examples/cached-layer --build-log examples/cached-layer/build.log -o lockfiles/cached-layer.json"
"$SPACELOCK" snapshot --dir examples/cached-layer --build-log examples/cached-layer/build.log \
	-o lockfiles/cached-layer.json
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc
echo
echo "\$ spacelock --offline snapshot --dir examples/cached-layer --build-log examples/cached-layer/build.log \\"
echo "      --reconstruct=2024-03-10 --index-url https://index.example.invalid/simple \\"
echo "      --cache-dir examples/cached-layer/index-cache -o lockfiles/cached-layer.reconstructed.json"
"$SPACELOCK" --offline snapshot --dir examples/cached-layer --build-log examples/cached-layer/build.log \
	--reconstruct=2024-03-10 --index-url https://index.example.invalid/simple \
	--cache-dir examples/cached-layer/index-cache -o lockfiles/cached-layer.reconstructed.json
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc

# repin: the same change as one commit, with a message that lists each
# change old -> new and names the lock by its sha256.  On the Hub it goes
# through the commit API (`repin OWNER/NAME --lock ...`); here, without a
# network, into a temporary git clone of the duplicate (--git), first as a
# dry run that prints the commit and changes nothing.
if command -v git >/dev/null 2>&1; then
	clone="$work/clone"
	cp -r examples/repin-history-duplicate "$clone"
	export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-spacelock demo}" \
		GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-demo@example.invalid}" \
		GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-spacelock demo}" \
		GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-demo@example.invalid}"
	git -C "$clone" init -q && git -C "$clone" add -A &&
		git -C "$clone" commit -qm "the drifted duplicate" || exit 4
	echo
	echo "\$ spacelock repin --dry-run --git <clone of examples/repin-history-duplicate> --lock lockfiles/repin-history.json"
	"$SPACELOCK" repin --dry-run --git "$clone" --lock lockfiles/repin-history.json
	rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc
	echo
	echo "\$ spacelock repin --git <clone> --lock lockfiles/repin-history.json && git log -1 --stat"
	"$SPACELOCK" repin -q --git "$clone" --lock lockfiles/repin-history.json
	rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc
	git -C "$clone" log -1 --stat --format='%s%n%n%(trailers)' | cat
else
	echo "(repin step skipped: git is not installed)"
fi

# duplicate: the guide's first three steps in one command (private, the
# source's hardware, its variables and secrets, then repin).  It needs a
# Hub; without a network the demo starts the tests' loopback Hub on
# 127.0.0.1 (tests/server/hubserver.py), which serves the bundled Space as
# demo/repin-history, and asks for a dry run: the request (secrets by name
# only) and the commit are printed and no write is sent.  No token of yours
# goes to it.  Exit 1: a secret would be missing and the lock is incomplete.
if command -v python3 >/dev/null 2>&1; then
	python3 tests/server/hubserver.py >"$work/port" 2>"$work/server.err" &
	server=$!
	trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
	i=0
	while ! grep -qx '[0-9][0-9]*' "$work/port" 2>/dev/null && [ $i -lt 200 ] &&
		kill -0 "$server" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	port=$(head -n 1 "$work/port")
	[ -n "$port" ] || { echo "the loopback Hub did not start: $(tail -n 1 "$work/server.err")" >&2; exit 5; }
	echo
	echo "\$ OPENAI_API_KEY=... spacelock duplicate --dry-run demo/repin-history me/copy   # HF_ENDPOINT=<loopback Hub>"
	env -u HF_TOKEN -u HUGGING_FACE_HUB_TOKEN HF_TOKEN_PATH="$work/no-token" \
		HF_ENDPOINT="http://127.0.0.1:$port" OPENAI_API_KEY=demo-value-never-printed \
		"$SPACELOCK" -q duplicate --dry-run demo/repin-history me/copy
	rc=$?
	[ $rc -eq 0 ] || [ $rc -eq 1 ] || exit $rc
else
	echo "(duplicate step skipped: python3, which runs the loopback Hub, is not installed)"
fi
exit 0
