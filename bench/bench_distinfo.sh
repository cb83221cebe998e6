#!/bin/sh
# bench/bench_distinfo.sh: reading an installed environment.
# `spacelock metadata --scan DIR` (the scan behind `snapshot --site-packages`
# and `check --site-packages`) against `python -m pip freeze --path DIR` on
# the same directory, in the same run: the machine's own site-packages, and a
# generated one of 5,000 dist-info directories (real METADATA files copied
# under new names, Requires-Dist included).  Prints median wall times of
# RUNS runs and the ratio.  Target (issue 3): 20x faster than pip freeze.
set -u
: "${SPACELOCK:?}"
RUNS=${RUNS:-7}
GEN_N=${GEN_N:-5000}

py=""
for p in "${BENCH_PYTHON:-}" /root/.pyenv/versions/3.11.7/bin/python3 python3; do
	[ -n "$p" ] && "$p" -m pip --version >/dev/null 2>&1 && { py=$p; break; }
done
if [ -z "$py" ]; then
	echo "skip: no python with pip"
	exit 0
fi
site=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib.sh"

compare() { # label dir
	n=$("$SPACELOCK" metadata --scan "$2" 2>/dev/null | wc -l)
	ours=$(median_wall "$RUNS" "$SPACELOCK" -q metadata --scan "$2")
	pips=$(median_wall "$RUNS" "$py" -m pip freeze --all --path "$2")
	ratio=$(echo "$pips / $ours" | bc -l)
	printf '%-28s %5d dists  spacelock %8.4fs  pip freeze %8.4fs  ratio %6.1fx (target 20x)\n' \
		"$1" "$n" "$ours" "$pips" "$ratio"
}

# A generated environment: GEN_N dist-info directories whose METADATA are
# the machine's real ones with Name/Version rewritten.
generate() {
	gen="$tmp/site-$GEN_N"
	mkdir -p "$gen"
	"$py" - "$site" "$gen" "$GEN_N" <<'PY'
import os, re, sys
site, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
metas = []
for d in sorted(os.listdir(site)):
    p = os.path.join(site, d, "METADATA")
    if d.endswith(".dist-info") and os.path.isfile(p):
        metas.append(open(p, "rb").read())
for i in range(n):
    m = metas[i % len(metas)]
    name, ver = "pkg%05d" % i, "1.%d.%d" % (i % 17, i % 5)
    m = re.sub(rb"(?m)^Name: .*$", b"Name: " + name.encode(), m, count=1)
    m = re.sub(rb"(?m)^Version: .*$", b"Version: " + ver.encode(), m, count=1)
    d = os.path.join(out, "%s-%s.dist-info" % (name, ver))
    os.mkdir(d)
    open(os.path.join(d, "METADATA"), "wb").write(m)
    open(os.path.join(d, "INSTALLER"), "w").write("pip\n")
PY
}

echo "python: $py ($("$py" -m pip --version | cut -d' ' -f1-2)); runs: $RUNS (median)"
compare "machine site-packages" "$site"
generate
compare "generated $GEN_N" "$tmp/site-$GEN_N"
