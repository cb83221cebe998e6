#!/bin/sh
# bench_index.sh (needs python3): per-version metadata of 300 packages from the loopback
# test server with 50 ms added latency per request, cache off.  Wall time at
# the default concurrency (32) against concurrency 1 (target >= 15x), and
# against the floor latency x ceil(300 / concurrency).
set -u
: "${SPACELOCK:?}"
T=$(mktemp -d)
python3 tests/server/hubserver.py --latency 50 >"$T/port" &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$T"' EXIT
while [ ! -s "$T/port" ]; do sleep 0.05; done
IDX=http://127.0.0.1:$(cat "$T/port")
N=300
i=0
while [ $i -lt $N ]; do echo "bench-pkg-$i==1.0.$i" >>"$T/pairs"; i=$((i + 1)); done
now() { date +%s.%N; }
run() { # jobs
	t0=$(now)
	"$SPACELOCK" -q index --index-url "$IDX" --cache-dir "" -j "$1" --from "$T/pairs" fetch >"$T/out" || exit 1
	t1=$(now)
	[ "$(wc -l <"$T/out")" -eq $N ] || { echo "bench_index: wrong output"; exit 1; }
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' 
}
run 32 >/dev/null # warm-up
par=$(run 32)
seq1=$(run 1)
awk -v n=$N -v par="$par" -v seq1="$seq1" 'BEGIN {
	floor = 0.050 * int((n + 31) / 32)
	printf "index: %d packages, 50 ms latency each, cache off\n", n
	printf "  concurrency 32: %.2f s   concurrency 1: %.2f s   speed-up %.1fx (target >= 15x)\n", par, seq1, seq1 / par
	printf "  floor 50 ms x ceil(%d/32) = %.2f s: concurrency 32 takes %.2fx the floor\n", n, floor, par / floor
}' 
