#!/bin/sh
# bench_pep508.sh: PEP 508 throughput of spacelock against Debian's
# python3-packaging, in one run on the same inputs (part of `make bench`).
#   requirement-parse  Requirement(line): name, extras, specifier set, URL
#                      and marker (20,000 generated requirements in the
#                      shapes of Spaces' requirements files)
#   marker-eval        Marker(line).evaluate(target) (20,000 markers)
# The two sides run in turns (bench/lib.sh); the ratio is on time per operation.  The C side is
# bench/pep508_bench.c, built here against $BUILD/libspacelock.a.
set -eu
. bench/lib.sh
py=/usr/bin/python3
"$py" -c "import packaging" 2>/dev/null || bench_skip "Debian's python3-packaging is not installed"
dir="$BUILD/bench-pep508"
mkdir -p "$dir"

"$py" - "$dir" <<'PY'
import random, sys
d = sys.argv[1]
rnd = random.Random(508)
names = ["torch", "gradio", "transformers", "huggingface_hub", "numpy", "Pillow", "accelerate",
         "diffusers", "opencv-python-headless", "llama-cpp-python", "sentence-transformers",
         "scikit_learn", "zope.interface", "spaces", "requests", "pydantic", "einops"]
extras = ["torch", "oauth", "mcp", "socks", "security", "cuda12", "dev"]
def version():
    return ".".join(str(rnd.randrange(40)) for _ in range(rnd.choice([1, 2, 3, 3]))) + \
        rnd.choice(["", "", "", "", "rc1", ".post1", "+cpu"])
def spec():
    out = []
    for op in rnd.sample(["==", ">=", "<", "!=", "~=", "<="], rnd.choice([0, 1, 1, 1, 2, 2])):
        v = version().split("+")[0]
        if op == "~=":
            v = v.split("rc")[0].split(".post")[0]
            v += "" if "." in v else ".0"
        out.append(op + v)
    return ",".join(out)
def marker():
    atoms = [rnd.choice(['python_version >= "3.9"', "python_version < '3.12'",
                         'sys_platform == "linux"', 'platform_machine == "x86_64"',
                         'platform_system != "Windows"', 'extra == "test"',
                         'implementation_name == "cpython"', 'python_full_version >= "3.10.1"'])
             for _ in range(rnd.choice([1, 1, 2, 3]))]
    s = atoms[0]
    for a in atoms[1:]:
        s += rnd.choice([" and ", " or "]) + a
    return s
with open(d + "/requirements.txt", "w") as f:
    for _ in range(20000):
        s = rnd.choice(names)
        if rnd.random() < 0.2:
            s += "[" + ",".join(rnd.sample(extras, rnd.choice([1, 2]))) + "]"
        if rnd.random() < 0.1:
            s += " @ git+https://github.com/org/" + s.split("[")[0] + ".git@v" + version()
        else:
            s += spec()
        if rnd.random() < 0.3:
            s += " ; " + marker()
        f.write(s + "\n")
with open(d + "/markers.txt", "w") as f:
    for _ in range(20000):
        f.write(marker() + "\n")
PY

# shellcheck disable=SC2046
cc -std=c11 -O2 -Iinclude -o "$dir/pep508_bench" bench/pep508_bench.c "$BUILD/libspacelock.a" \
	$(pkg-config --libs libcurl libarchive yaml-0.1 libcjson libsolv libsolvext) -lm

cat >"$dir/side.py" <<'PY'
import os, sys, time
from packaging.markers import Marker
from packaging.requirements import Requirement
d = sys.argv[1]
env = {"python_version": "3.10", "python_full_version": "3.10.12", "sys_platform": "linux",
       "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix",
       "implementation_name": "cpython", "platform_python_implementation": "CPython",
       "implementation_version": "3.10.12", "platform_release": "", "platform_version": "",
       "extra": ""}
def load(name):
    with open(f"{d}/{name}") as f:
        return [line.rstrip("\n") for line in f]
def measure(name, fn, cases):
    t0 = time.perf_counter(); rounds = 0
    while True:
        fn(cases); rounds += 1
        t = time.perf_counter() - t0
        if t >= float(os.environ.get("BENCH_SECONDS", "0.5")):
            break
    print(f"{name} {rounds * len(cases) / t:.0f} ops/s")
def parse(cases):
    for s in cases:
        Requirement(s)
def evaluate(cases):
    for s in cases:
        Marker(s).evaluate(env)
measure("requirement-parse", parse, load("requirements.txt"))
measure("marker-eval", evaluate, load("markers.txt"))
PY
: >"$dir/c.out"
: >"$dir/py.out"
i=0
while [ $i -lt "$PAIRS" ]; do
	"$dir/pep508_bench" "$dir/requirements.txt" "$dir/markers.txt" >>"$dir/c.out"
	"$py" "$dir/side.py" "$dir" >>"$dir/py.out"
	i=$((i + 1))
done
pyver=$("$py" -c 'import packaging; print(packaging.__version__)')
bench_ops_row "PEP 508 requirement parse" "packaging $pyver" "info" requirement-parse "$dir/c.out" "$dir/py.out"
bench_ops_row "PEP 508 marker evaluate" "packaging $pyver" "info" marker-eval "$dir/c.out" "$dir/py.out"
