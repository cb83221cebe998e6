#!/bin/sh
# bench_reconstruct.sh (needs python3 with venv and pip): snapshot
# --reconstruct of a 150-package Space from a warm index cache (--offline),
# against pip's own resolution of the same requirements against the same
# local index (pip install --dry-run --report, the index as it stood at the
# window's end; the loopback server sends no cache headers, so pip fetches
# its pages each run).  bench/lib.sh's pairs: A B A B, median of the
# pairwise ratios with the range; and spacelock's own wall time, which
# issue 17 wants well under a second.  Realistic: a window with no release
# in it (2 resolutions); worst: a window spanning every release of every
# project (8 resolutions).  Before timing, both must choose the same set.
set -u
tmp=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$tmp"' EXIT
. bench/lib.sh
N=${RECON_BENCH_PACKAGES:-150}
if ! python3 -m venv "$tmp/venv" >/dev/null 2>&1 || [ ! -x "$tmp/venv/bin/pip" ]; then
	bench_skip "reconstruct: python3 -m venv cannot make a venv with pip"
fi
python3 tests/scripts/reconstruct_index.py "$tmp/idx" 11 bench "$N" || exit 1
python3 tests/server/hubserver.py --index-dir "$tmp/idx" >"$tmp/port" &
PID=$!
while [ ! -s "$tmp/port" ]; do sleep 0.05; done
IDX=http://127.0.0.1:$(cat "$tmp/port")
minor=$("$tmp/venv/bin/python" -c 'import sys; print(sys.version_info[1])')
mkdir -p "$tmp/space"
i=0
while [ $i -lt "$N" ]; do printf 'pkg%03d\n' $i >>"$tmp/space/requirements.txt"; i=$((i + 1)); done
printf -- '---\ntitle: bench\nsdk: docker\n---\n' >"$tmp/space/README.md"
printf '===== Build Queued at 2024-09-01 12:00:00 / Commit SHA: 0a1b2c3 =====\n\n--> FROM docker.io/library/python:3.%s@sha256:%064d\nDONE 0.0s\n\n--> RUN --mount=target=requirements.txt,source=requirements.txt \tpip install --no-cache-dir -r requirements.txt\nCACHED\n' \
	"$minor" 0 >"$tmp/build.log"
export XDG_CACHE_HOME="$tmp/cache" PIP_CACHE_DIR="$tmp/pipcache" PIP_DISABLE_PIP_VERSION_CHECK=1 \
	PIP_CONFIG_FILE=/dev/null
recon() { # SINCE [--offline]: the reconstruction, its lock in $tmp/lock.json
	"$SPACELOCK" -q ${2:-} snapshot --dir "$tmp/space" --build-log "$tmp/build.log" \
		--index-url "$IDX/simple" --since "$1" -o "$tmp/lock.json"
}
set -- "$tmp/venv/bin/python" -m pip install -q --dry-run --ignore-installed --report \
	"$tmp/r.json" --index-url "$IDX/asof/2024-09-01T12:00:00/simple" \
	-r "$tmp/space/requirements.txt"
# warm both caches; the worst window needs the metadata of older releases too
for since in 2024-01-15 2024-08-20; do recon $since >/dev/null 2>&1; done
"$@" >/dev/null 2>&1 || { echo "bench_reconstruct: pip failed" >&2; exit 1; }
for kind in realistic worst; do
	since=2024-08-20
	[ $kind = worst ] && since=2024-01-15
	rm -f "$tmp/lock.json"
	recon $since --offline >/dev/null 2>&1
	same=$(python3 -c '
import json, sys
lock = json.load(open(sys.argv[1]))["packages"]
ours = {(p["name"], p["version"]) for p in lock if p.get("inferred")}
pip = {(i["metadata"]["name"], i["metadata"]["version"]) for i in json.load(open(sys.argv[2]))["install"]}
print("same" if ours == pip and len(ours) == int(sys.argv[3]) else "DIFFERENT")' "$tmp/lock.json" "$tmp/r.json" "$N")
	echo "# reconstruct $kind: $N packages inferred offline; the same set as pip's: $same"
	[ "$same" = same ] || { printf 'ROW\treconstruct %d pkgs (%s)\tpip --dry-run\t-\t-\t-\t>=1\tFAIL\n' "$N" $kind; continue; }
	bench_pair "reconstruct $N pkgs warm ($kind)" "pip install --dry-run --report" ">=1" \
		-- "$SPACELOCK" -q --offline snapshot --dir "$tmp/space" --build-log "$tmp/build.log" \
		--index-url "$IDX/simple" --since $since -o "$tmp/lock.json" -- "$@"
	bench_single "reconstruct $N pkgs warm ($kind)" ms "<1000" \
		-- "$SPACELOCK" -q --offline snapshot --dir "$tmp/space" --build-log "$tmp/build.log" \
		--index-url "$IDX/simple" --since $since -o "$tmp/lock.json"
done
