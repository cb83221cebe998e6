#!/usr/bin/env python3
"""Generates the inputs of bench_check.sh (deterministic: seeded).

  site DIR N            N dist-info directories with realistic Requires-Dist
                        (3-8 each: >=, <,>=, ~=, !=, ==X.*, markers, extras),
                        consistent except for a few injected faults
  universe DIR N K F    a lock of N packages (DIR/lock.json, metadata embedded)
                        and DIR/wheels with K other versions per name as
                        METADATA-only wheels (N*K alternatives); F faults
                        injected into a second lock, DIR/lock-faults.json

The shape is the universe of docs/solver.md ("Measured shape"): 2,000 names x 10
versions, 3-8 Requires-Dist, every fifth name's top version a pre-release,
10% markers false on the target, 10% of names with an extra `test`.
"""
import json, os, random, sys, zipfile


def name(i):
    return "pkg-%04d" % i


def versions(i):
    """The 11 versions of name i, oldest first; the lock uses index 5."""
    out = ["%d.%d.0" % (1 + k // 4, k % 4) for k in range(11)]
    if i % 5 == 0:
        out[-1] = out[-1] + "rc1"
    return out


def spec_for(rng, target_versions, locked):
    """A specifier that the locked version of the target satisfies."""
    lo = target_versions[max(0, locked - rng.randint(0, 3))]
    hi = target_versions[min(len(target_versions) - 1, locked + rng.randint(1, 3))]
    major, minor = target_versions[locked].split(".")[:2]
    kind = rng.randint(0, 5)
    if kind == 0:
        return ">=" + lo
    if kind == 1:
        return "<%s,>=%s" % (hi.replace("rc1", ""), lo) if hi.replace("rc1", "") != lo else ">=" + lo
    if kind == 2:
        return "~=%s.%s" % (major, minor) if minor != "0" or True else ">=" + lo
    if kind == 3:
        other = target_versions[(locked + 1) % len(target_versions)]
        return "!=%s,>=%s" % (other, lo)
    if kind == 4:
        return "==%s.*" % major
    return ""


def requires(rng, i, n, locked_of, bad=False):
    reqs = []
    for _ in range(rng.randint(3, 8)):
        j = rng.randrange(n)
        if j == i:
            continue
        tv = versions(j)
        spec = spec_for(rng, tv, locked_of(j))
        if bad:
            spec = "<" + tv[0]  # nothing locked can satisfy it
            bad = False
        r = name(j) + spec
        roll = rng.random()
        if roll < 0.05:
            r += '; python_version < "3.8"'  # false on the target
        elif roll < 0.10:
            r += '; sys_platform == "win32"'  # false on the target
        elif roll < 0.15:
            r += '; python_version >= "3.8"'
        reqs.append(r)
    extras = []
    if i % 10 == 0:
        extras = ["test"]
        reqs.append('%s>=1.0; extra == "test"' % name((i + 1) % n))
    return reqs, extras


def metadata_text(nm, version, reqs, extras, rp=">=3.8"):
    lines = ["Metadata-Version: 2.1", "Name: " + nm, "Version: " + version,
             "Requires-Python: " + rp]
    lines += ["Provides-Extra: " + e for e in extras]
    lines += ["Requires-Dist: " + r for r in reqs]
    return "\n".join(lines) + "\n\n"


def site(d, n):
    rng = random.Random(5000)
    os.makedirs(d, exist_ok=True)
    for i in range(n):
        reqs, extras = requires(rng, i, n, lambda j: 5, bad=(i % 997 == 3))
        v = versions(i)[5]
        dist = os.path.join(d, "%s-%s.dist-info" % (name(i).replace("-", "_"), v))
        os.makedirs(dist, exist_ok=True)
        with open(os.path.join(dist, "METADATA"), "w") as f:
            f.write(metadata_text(name(i), v, reqs, extras))
        open(os.path.join(dist, "INSTALLER"), "w").write("pip\n")


def wheel(d, nm, version, reqs, extras):
    stem = "%s-%s" % (nm.replace("-", "_"), version)
    with zipfile.ZipFile(os.path.join(d, stem + "-py3-none-any.whl"), "w") as z:
        z.writestr(zipfile.ZipInfo(stem + ".dist-info/METADATA", (2020, 1, 1, 0, 0, 0)),
                   metadata_text(nm, version, reqs, extras))


def universe(d, n, k, faults):
    rng = random.Random(2000)
    os.makedirs(os.path.join(d, "wheels"), exist_ok=True)
    pkgs, faulty = [], []
    fault_at = set(rng.sample(range(n), faults))
    for i in range(n):
        vs = versions(i)
        reqs, extras = requires(rng, i, n, lambda j: 5)
        p = {"name": name(i), "version": vs[5], "origin": "transitive", "evidence": [],
             "metadata": {"requires_dist": reqs, "provides_extra": extras,
                          "requires_python": ">=3.8"}}
        pkgs.append(p)
        if i in fault_at:
            # the locked version of a dependency moved past what i accepts
            bad = dict(p)
            j = (i + 7) % n
            bad["metadata"] = dict(p["metadata"])
            bad["metadata"]["requires_dist"] = reqs + ["%s<%s" % (name(j), versions(j)[5])]
            faulty.append(bad)
        else:
            faulty.append(p)
        for vi, v in enumerate(vs[:k + 1]):
            if vi == 5:
                continue
            areqs, aextras = requires(rng, i, n, lambda j: 5)
            wheel(os.path.join(d, "wheels"), name(i), v, areqs, aextras)
    base = {"lockfile_version": 1, "incomplete": [], "inputs": [], "warnings": [],
            "runtime": {"python": "3.11"},
            "space": {"sdk": "gradio", "sdk_version": None, "python_version": None}}
    for fn, ps in (("lock.json", pkgs), ("lock-faults.json", faulty)):
        doc = dict(base, packages=ps)
        with open(os.path.join(d, fn), "w") as f:
            json.dump(doc, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    if sys.argv[1] == "site":
        site(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "universe":
        universe(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(__doc__)
