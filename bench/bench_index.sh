#!/bin/sh
# bench_index.sh (needs python3): per-version metadata of 300 packages from
# the loopback test server with 50 ms added latency per request, cache off.
# The default concurrency (32) and concurrency 1, in turns (bench/lib.sh):
# target >= 15x.  The floor, 50 ms x ceil(300 / 32) = 0.5 s, is printed
# beside the measured time.
set -u
. bench/lib.sh
py=$(bench_python) || bench_skip "no python3 for the test server"
"$py" tests/server/hubserver.py --latency 50 >"$tmp/port" &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$tmp"' EXIT
while [ ! -s "$tmp/port" ]; do sleep 0.05; done
IDX=http://127.0.0.1:$(cat "$tmp/port")
N=300
i=0
while [ $i -lt $N ]; do echo "bench-pkg-$i==1.0.$i" >>"$tmp/pairs"; i=$((i + 1)); done
"$SPACELOCK" -q index --index-url "$IDX" --cache-dir "" --from "$tmp/pairs" fetch >"$tmp/out" || exit 1
[ "$(wc -l <"$tmp/out")" -eq $N ] || { echo "bench_index: wrong output"; exit 1; }
bench_pair "index fetch, $N pkgs at 50 ms, -j 32" "same, -j 1" ">=15" \
	-- "$SPACELOCK" -q index --index-url "$IDX" --cache-dir "" -j 32 --from "$tmp/pairs" fetch \
	-- "$SPACELOCK" -q index --index-url "$IDX" --cache-dir "" -j 1 --from "$tmp/pairs" fetch
