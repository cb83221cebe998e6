#!/bin/sh
# bench/bench_check.sh: `spacelock check` against `pip check`, same run.
#  1. the machine's own Python environment (target: 20x faster than pip check)
#  2. a generated environment of 5,000 dist-info directories with realistic
#     Requires-Dist (bench/check_gen.py site), checked by both
#  3. a 2,000-package lock against 20,000 alternative versions (METADATA-only
#     wheels): the consistent lock, and one with 20 injected faults whose
#     fixes come from the alternatives; wall time and peak RSS (design notes:
#     about 0.27 s and 32 MB for a verify against a 22k-version universe)
# Generated inputs are cached under $BUILD/bench-check.
set -u
: "${SPACELOCK:?}" "${BUILD:?}"
RUNS=${RUNS:-5}
here=$(cd "$(dirname "$0")" && pwd)
cache="$BUILD/bench-check"
mkdir -p "$cache"

py=""
for p in "${BENCH_PYTHON:-}" python3 /usr/bin/python3; do
	[ -n "$p" ] && "$p" -m pip --version >/dev/null 2>&1 && { py=$p; break; }
done
if [ -z "$py" ]; then
	echo "skip: no python with pip to compare with"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

report() { # label, packages, ours, pip's
	printf '%-30s %5s pkgs  spacelock %8.4fs  pip check %8.4fs  ratio %7.1fx (target 20x)\n' \
		"$1" "$2" "$3" "$4" "$(echo "$4 / $3" | bc -l)"
}

# 1. this machine's environment
site=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
ver=$("$py" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
n=$(ls -d "$site"/*.dist-info "$site"/*.egg-info 2>/dev/null | wc -l)
ours=$(median_wall "$RUNS" "$SPACELOCK" -q check --site-packages "$site" --python "$ver")
pips=$(median_wall 3 "$py" -m pip check)
report "machine ($py)" "$n" "$ours" "$pips"

# 2. a generated 5,000-package environment in a venv pip check can see
venv="$cache/venv5k"
if [ ! -f "$venv/.ready" ]; then
	rm -rf "$venv"
	"$py" -m venv --without-pip "$venv" >/dev/null &&
		"$py" "$here/check_gen.py" site "$("$venv/bin/python" -c \
			'import sysconfig; print(sysconfig.get_paths()["purelib"])')" 5000 &&
		touch "$venv/.ready"
fi
mkdir -p "$cache/piponly"
[ -e "$cache/piponly/pip" ] ||
	ln -s "$("$py" -c 'import os, pip; print(os.path.dirname(pip.__path__[0]))')/pip" "$cache/piponly/pip"
vsite=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
ours=$(median_wall "$RUNS" "$SPACELOCK" -q check --site-packages "$vsite")
t0=$(now)
PYTHONPATH="$cache/piponly" "$venv/bin/python" -m pip check >"$tmp/pip.txt" 2>&1
pips=$(echo "$(now) - $t0" | bc -l)
report "generated environment" 5000 "$ours" "$pips"
"$SPACELOCK" -q check --json --site-packages "$vsite" >"$tmp/ours.json"
printf '  broken requirements found: spacelock %s, pip check %s\n' \
	"$(grep -c '"kind":"m' "$tmp/ours.json")" "$(grep -c -e 'requires' -e 'has requirement' "$tmp/pip.txt")"

# 3. a 2,000-package lock against 20,000 alternatives
uni="$cache/universe"
if [ ! -f "$uni/.ready" ]; then
	rm -rf "$uni"
	"$py" "$here/check_gen.py" universe "$uni" 2000 10 20 && touch "$uni/.ready"
fi
alts=$(ls "$uni/wheels" | wc -l)
for lock in lock lock-faults; do
	/usr/bin/time -f '%e %M %U %S' -o "$tmp/tv" "$SPACELOCK" check "$uni/$lock.json" \
		--wheels "$uni/wheels" >"$tmp/out" 2>&1
	runs=$RUNS
	[ $lock = lock-faults ] && runs=1 # seconds each: the fix search
	t=$(median_wall "$runs" "$SPACELOCK" -q check "$uni/$lock.json" --wheels "$uni/wheels")
	rss=$(tail -n 1 "$tmp/tv" | awk '{ printf "%.1f", $2 / 1024 }')
	cpu=$(tail -n 1 "$tmp/tv" | awk '{ printf "%.2f", $3 + $4 }')
	printf '%-30s 2000 pkgs, %d alternatives: %8.4fs (cpu %ss), peak RSS %s MB (notes: 0.27 s, 32 MB)\n' \
		"$lock" "$alts" "$t" "$cpu" "$rss"
	[ $lock = lock-faults ] && printf '  %s problems, fixes: %s\n' \
		"$(grep -c ' requires ' "$tmp/out")" "$(grep -c '^  [0-9]*\. ' "$tmp/out")"
done
exit 0
