#!/bin/sh
# bench/bench_check.sh: `spacelock check`, run in turns with its peer.
#  1. check --site-packages against `pip check` in the same venv, for
#     environments of SIZES packages made from the machine's real METADATA
#     (bench/gen_env.py).  Target (issue 12): >= 50x at 5,000.
#  2. linearity: the same check on 10,000 against 1,000 packages, and
#     reading the lock snapshot writes for each (10x the work: a linear
#     path takes about 10x the time, a quadratic one 100x; target <= 15x)
#  3. a 2,000-package lock against 20,000 alternative versions
#     (METADATA-only wheels, bench/check_gen.py): verify time and memory
#     (targets < 100 ms, < 32 MB); a 20,000-package lock against the
#     2,000-package one (linear: <= 15x); the lock with 20 injected faults
#     against the clean verify (fix search within 10x) and how many of the
#     20 faults get a fix.
# Generated inputs are cached under $BUILD/bench.
set -u
. bench/lib.sh
bench_python >/dev/null || bench_skip "no python3 with venv and ensurepip"
py=$(bench_python)

# 1. check --site-packages against pip check
for n in ${SIZES:-100 1000 5000 10000}; do
	e=$(bench_env "$n") || bench_skip "could not make the $n-package environment"
	site=$(bench_purelib "$e")
	bench_pair "check --site-packages, $n pkgs" "pip check" "$(bench_target_at "$n" ">=50")" \
		-- "$SPACELOCK" -q check --site-packages "$site" \
		-- "$e/bin/python" -m pip check --disable-pip-version-check
	"$SPACELOCK" -q check --json --site-packages "$site" >"$tmp/ours.json" 2>/dev/null
	"$e/bin/python" -m pip check --disable-pip-version-check >"$tmp/pip.txt" 2>&1
	printf '# %s packages: problems found: spacelock %s, pip check %s\n' "$n" \
		"$(grep -o '"kind":' "$tmp/ours.json" | wc -l)" "$(wc -l <"$tmp/pip.txt")"
done

# 2. linear in the number of packages
small=$(bench_env 1000) && big=$(bench_env 10000) || bench_skip "no environments"
bench_pair "check --site-packages, 10k vs 1k pkgs" "same, 1k pkgs" "<=15" \
	-- "$SPACELOCK" -q check --site-packages "$(bench_purelib "$big")" \
	-- "$SPACELOCK" -q check --site-packages "$(bench_purelib "$small")"
lsmall=$(bench_lock 1000) && lbig=$(bench_lock 10000) || bench_skip "snapshot could not write the locks"
# the lock snapshot writes embeds no metadata: the environment gives it
# (without it, check would ask the package index for every package)
bench_pair "check LOCK, 10k vs 1k pkgs" "same, 1k pkgs" "<=15" \
	-- "$SPACELOCK" -q check "$lbig" --site-packages "$(bench_purelib "$big")" \
	-- "$SPACELOCK" -q check "$lsmall" --site-packages "$(bench_purelib "$small")"

# 3. verify and fix search in a universe of alternatives
uni="$BENCH_DIR/universe-2000"
if [ ! -f "$uni/.ready" ]; then
	rm -rf "$uni"
	"$py" bench/check_gen.py universe "$uni" 2000 10 20 && touch "$uni/.ready"
fi
u20="$BENCH_DIR/universe-20000"
if [ ! -f "$u20/.ready" ]; then
	rm -rf "$u20"
	"$py" bench/check_gen.py universe "$u20" 20000 0 0 && touch "$u20/.ready"
fi
alts=$(ls "$uni/wheels" | wc -l)
bench_single "verify 2,000-pkg lock, $alts alternatives" ms "<100" \
	-- "$SPACELOCK" -q check "$uni/lock.json" --wheels "$uni/wheels"
bench_single "verify 2,000-pkg lock, $alts alternatives" MB "<32" \
	-- "$SPACELOCK" -q check "$uni/lock.json" --wheels "$uni/wheels"
bench_pair "verify 20,000 vs 2,000-pkg lock" "same, 2,000" "<=15" \
	-- "$SPACELOCK" -q check "$u20/lock.json" -- "$SPACELOCK" -q check "$uni/lock.json"
bench_pair "fix search, 20 faults in 2,000-pkg lock" "clean verify" "<=10" \
	-- "$SPACELOCK" -q check "$uni/lock-faults.json" --wheels "$uni/wheels" \
	-- "$SPACELOCK" -q check "$uni/lock.json" --wheels "$uni/wheels"
"$SPACELOCK" check "$uni/lock-faults.json" --wheels "$uni/wheels" >"$tmp/out" 2>&1
printf '# 20 faults: %s problems reported, %s fixes proposed\n' \
	"$(grep -c ' requires ' "$tmp/out")" "$(grep -c '^  [0-9]*\. ' "$tmp/out")"
bench_value "fix search: faults with a fix proposed" "of 20" "$(grep -c '^  [0-9]*\. ' "$tmp/out")" ">=20"
