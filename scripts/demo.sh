#!/bin/sh
# scripts/demo.sh: `make demo`.  Snapshots the bundled example Space
# (examples/repin-history: its card, requirements.txt and the build log the
# Space page showed) into lockfiles/, network-free, and prints the summary.
# tests/scripts/snapshot_lockfiles.sh checks that lockfiles/ holds exactly
# what this produces.  Later verbs append their step below.
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
