#!/bin/sh
# bench/run.sh: `make bench`.  Runs every bench/bench_*.sh in name order;
# each measures spacelock against a peer (pip, pip check, packaging, wc) in
# the same run and prints ratios.  Never part of `make check`.
set -u
: "${SPACELOCK:?}" "${BUILD:?}"
export SPACELOCK BUILD
cd "$(dirname "$0")/.." || exit 2
rc=0
for b in bench/bench_*.sh; do
	[ -f "$b" ] || continue
	echo "== $(basename "$b" .sh)"
	sh "$b" || rc=1
done
exit $rc
