#!/bin/sh
# bench_snapshot_sitepackages.sh: `spacelock snapshot --site-packages DIR`
# (scan, read every METADATA, write the lock) against
# `python -m pip freeze --all --path DIR` on the same directory, run in
# turns, for environments of SIZES packages made from the machine's real
# METADATA (bench/gen_env.py).  Target (issue 12): >= 50x at 5,000.
set -u
. bench/lib.sh
bench_python >/dev/null || bench_skip "no python3 with venv and ensurepip"
for n in ${SIZES:-100 1000 5000 10000}; do
	e=$(bench_env "$n") || bench_skip "could not make the $n-package environment"
	site=$(bench_purelib "$e")
	bench_pair "snapshot --site-packages, $n pkgs" "pip freeze --path" "$(bench_target_at "$n" ">=50")" \
		-- "$SPACELOCK" -q snapshot --site-packages "$site" -o "$tmp/lock.json" \
		-- "$e/bin/python" -m pip freeze --all --disable-pip-version-check --path "$site"
done
