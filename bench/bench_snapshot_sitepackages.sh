#!/bin/sh
# bench_snapshot_sitepackages.sh: `spacelock snapshot --site-packages DIR`
# against `pip freeze` on the same environment (the machine's Python, about
# 90 distributions), best of N runs each, and their ratio.  Target: 20x.
# PYTHON overrides the interpreter; SPACELOCK is the binary under test.
set -u
: "${SPACELOCK:?}"
runs=${RUNS:-10}
py=${PYTHON:-}
if [ -z "$py" ]; then
	for c in /root/.pyenv/versions/3.11.7/bin/python3 "$(command -v python3)"; do
		[ -x "$c" ] && "$c" -m pip --version >/dev/null 2>&1 && { py=$c; break; }
	done
fi
if [ -z "$py" ]; then
	echo "skip: no python with pip"
	exit 0
fi
site=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
n=$(ls "$site" | grep -c -E '\.(dist|egg)-info$')

# best wall time in ms of running "$@" $runs times
best_ms() {
	best=
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		ms=$(( (t1 - t0) / 1000 ))
		if [ -z "$best" ] || [ $ms -lt "$best" ]; then best=$ms; fi
		i=$((i + 1))
	done
	echo "$best"
}

sl=$(best_ms "$SPACELOCK" -q snapshot --site-packages "$site" -o /dev/null)
pf=$(best_ms "$py" -m pip freeze --disable-pip-version-check)
echo "environment: $site ($n distributions)"
echo "spacelock snapshot --site-packages: ${sl} us (best of $runs)"
echo "pip freeze:                         ${pf} us (best of $runs)"
awk -v a="$sl" -v b="$pf" 'BEGIN { if (a > 0) printf "ratio: spacelock is %.1fx faster than pip freeze (target 20x)\n", b / a }'
