#!/bin/sh
# bench_reconstruct.sh (needs python3 with venv and pip): snapshot
# --reconstruct of a 150-package Space from a warm index cache (--offline),
# against pip's own resolution of the same requirements against the same
# local index (pip install --dry-run --report, its HTTP cache warm), the
# index as it stood at the window's end.  Interleaved A B A B; the ratio is
# pip's wall time over spacelock's, median of the pairs with the range.
# Realistic: a window with no release in it (2 resolutions); worst: a
# window spanning every release of every project (8 resolutions, each
# projects' releases sharing dates).
set -u
: "${SPACELOCK:?}"
N=${RECON_BENCH_PACKAGES:-150}
PAIRS=${RECON_BENCH_PAIRS:-5}
T=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$T"' EXIT
if ! python3 -m venv "$T/venv" >/dev/null 2>&1 || [ ! -x "$T/venv/bin/pip" ]; then
	echo "bench_reconstruct: skipped: python3 -m venv cannot make a venv with pip"
	exit 0
fi
python3 tests/scripts/reconstruct_index.py "$T/idx" 11 bench "$N" || exit 1
python3 tests/server/hubserver.py --index-dir "$T/idx" >"$T/port" &
PID=$!
while [ ! -s "$T/port" ]; do sleep 0.05; done
IDX=http://127.0.0.1:$(cat "$T/port")
minor=$("$T/venv/bin/python" -c 'import sys; print(sys.version_info[1])')
mkdir -p "$T/space"
i=0
while [ $i -lt "$N" ]; do printf 'pkg%03d\n' $i >>"$T/space/requirements.txt"; i=$((i + 1)); done
printf -- '---\ntitle: bench\nsdk: docker\n---\n' >"$T/space/README.md"
printf '===== Build Queued at 2024-09-01 12:00:00 / Commit SHA: 0a1b2c3 =====\n\n--> FROM docker.io/library/python:3.%s@sha256:%064d\nDONE 0.0s\n\n--> RUN --mount=target=requirements.txt,source=requirements.txt \tpip install --no-cache-dir -r requirements.txt\nCACHED\n' \
	"$minor" 0 >"$T/build.log"
export XDG_CACHE_HOME="$T/cache" PIP_CACHE_DIR="$T/pipcache" PIP_DISABLE_PIP_VERSION_CHECK=1 \
	PIP_CONFIG_FILE=/dev/null
now() { date +%s.%N; }
recon() { # SINCE: wall seconds of one offline reconstruction
	t0=$(now)
	"$SPACELOCK" -q --offline snapshot --dir "$T/space" --build-log "$T/build.log" \
		--index-url "$IDX" --since "$1" -o "$T/lock.json" >/dev/null 2>&1
	[ $? -le 1 ] && [ "$(grep -c '"inferred"' "$T/lock.json")" -eq "$N" ] ||
		{ echo "bench_reconstruct: spacelock failed" >&2; exit 1; }
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}
pipres() { # wall seconds of pip's resolution at the window's end
	t0=$(now)
	"$T/venv/bin/python" -m pip install -q --dry-run --ignore-installed --report "$T/r.json" \
		--index-url "$IDX/asof/2024-09-01T12:00:00/simple" -r "$T/space/requirements.txt" \
		>/dev/null 2>&1 || { echo "bench_reconstruct: pip failed" >&2; exit 1; }
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}
# warm both caches (and check that both resolve the same set): the worst
# window needs the metadata of older releases too
for since in 2024-01-15 2024-08-20; do
	"$SPACELOCK" -q snapshot --dir "$T/space" --build-log "$T/build.log" --index-url "$IDX" \
		--since $since -o "$T/lock.json" >/dev/null 2>&1
done
pipres >/dev/null
same=$(python3 -c '
import json, sys
ours = {(p["name"], p["version"]) for p in json.load(open(sys.argv[1]))["packages"]}
pip = {(i["metadata"]["name"], i["metadata"]["version"]) for i in json.load(open(sys.argv[2]))["install"]}
print("same" if ours == pip and len(ours) == int(sys.argv[3]) else "DIFFERENT")' "$T/lock.json" "$T/r.json" "$N")
for kind in realistic worst; do
	since=2024-08-20
	[ $kind = worst ] && since=2024-01-15 # every later release: 8 resolutions
	: >"$T/ratios"
	: >"$T/ours"
	k=0
	while [ $k -lt "$PAIRS" ]; do
		a=$(recon $since)
		b=$(pipres)
		echo "$a" >>"$T/ours"
		awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f\n", b / a }' >>"$T/ratios"
		k=$((k + 1))
	done
	med=$(sort -g "$T/ratios" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	lo=$(sort -g "$T/ratios" | head -1)
	hi=$(sort -g "$T/ratios" | tail -1)
	ours=$(sort -g "$T/ours" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	verdict=$(awk -v o="$ours" 'BEGIN { print (o < 1.0) ? "PASS" : "FAIL" }')
	printf 'reconstruct %s: %d packages, warm cache, spacelock %.3f s (median); pip --dry-run is %.1fx slower (range %.1f-%.1f); same set as pip: %s\n' \
		"$kind" "$N" "$ours" "$med" "$lo" "$hi" "$same"
	printf 'ROW\treconstruct %d pkgs warm (%s)\tpip install --dry-run --report\t%.2f\t%.2f\t%.2f\tspacelock < 1 s\t%s\n' \
		"$N" "$kind" "$med" "$lo" "$hi" "$verdict"
done
