#!/bin/sh
# bench_pep440.sh: PEP 440 throughput of spacelock against Debian's
# python3-packaging, in one run on the same inputs (part of `make bench`).
#   version-compare  parse two versions and compare them (20,000 pairs)
#   specifier-match  parse a specifier set and a version, then contains()
#                    with pre-releases included (20,000 cases)
# Runs the two sides in turns (bench/lib.sh) and prints the median ratio of
# the time per operation.  Target (issue 12): >= 100x for version compare.  The C side is
# bench/pep440_bench.c, built here against $BUILD/libspacelock.a.
set -eu
. bench/lib.sh
py=/usr/bin/python3
"$py" -c "import packaging" 2>/dev/null || bench_skip "Debian's python3-packaging is not installed"
dir="$BUILD/bench-pep440"
mkdir -p "$dir"

"$py" - "$dir" <<'PY'
import random, sys
d = sys.argv[1]
rnd = random.Random(440)
def version(nrel=(1, 2, 3, 3, 4)):
    s = rnd.choice(["", "", "", "", "1!"]) + ".".join(str(rnd.randrange(30)) for _ in range(rnd.choice(nrel)))
    s += rnd.choice(["", "", "", "", "a1", "b2", "rc1", ".dev3", ".post1", "rc2.dev1"])
    return s + rnd.choice(["", "", "", "", "", "+cpu", "+cu118"])
def spec():
    ops = ["==", "!=", ">=", "<=", "<", ">", "~="]
    out = []
    for _ in range(rnd.choice([1, 1, 2, 2, 3])):
        op = rnd.choice(ops)
        v = version((2, 3, 3, 4) if op == "~=" else (1, 2, 3, 3, 4)).split("+")[0]
        if op in ("==", "!=") and rnd.random() < 0.3:
            v = v.split("a")[0].split("b")[0].split("rc")[0].split(".dev")[0].split(".post")[0] + ".*"
        out.append(op + v)
    return ",".join(out)
with open(d + "/pairs.tsv", "w") as f:
    for _ in range(20000):
        f.write(version() + "\t" + version() + "\n")
with open(d + "/matches.tsv", "w") as f:
    for _ in range(20000):
        f.write(spec() + "\t" + version() + "\n")
PY

# shellcheck disable=SC2046
cc -std=c11 -O2 -Iinclude -o "$dir/pep440_bench" bench/pep440_bench.c "$BUILD/libspacelock.a" \
	$(pkg-config --libs libcurl libarchive yaml-0.1 libcjson libsolv libsolvext) -lm

# PAIRS runs of each side in turns (each measure runs BENCH_SECONDS inside
# the process, so interpreter start-up is not part of the ratio).
: >"$dir/c.out"
: >"$dir/py.out"
cat >"$dir/side.py" <<'PY'
import os, sys, time
from packaging.version import Version
from packaging.specifiers import SpecifierSet
d = sys.argv[1]
def load(name):
    with open(f"{d}/{name}") as f:
        return [line.rstrip("\n").split("\t") for line in f]
def measure(name, fn, cases):
    t0 = time.perf_counter(); rounds = 0
    while True:
        fn(cases); rounds += 1
        t = time.perf_counter() - t0
        if t >= float(os.environ.get("BENCH_SECONDS", "0.5")):
            break
    print(f"{name} {rounds * len(cases) / t:.0f} ops/s")
def compare(cases):
    for a, b in cases:
        Version(a) < Version(b)
def match(cases):
    for s, v in cases:
        SpecifierSet(s).contains(v, prereleases=True)
measure("version-compare", compare, load("pairs.tsv"))
measure("specifier-match", match, load("matches.tsv"))
PY
i=0
while [ $i -lt "$PAIRS" ]; do
	"$dir/pep440_bench" "$dir/pairs.tsv" "$dir/matches.tsv" >>"$dir/c.out"
	"$py" "$dir/side.py" "$dir" >>"$dir/py.out"
	i=$((i + 1))
done
pyver=$("$py" -c 'import packaging; print(packaging.__version__)')
bench_ops_row "PEP 440 version parse+compare" "packaging $pyver" ">=100" version-compare "$dir/c.out" "$dir/py.out"
bench_ops_row "PEP 440 specifier parse+match" "packaging $pyver" "info" specifier-match "$dir/c.out" "$dir/py.out"
