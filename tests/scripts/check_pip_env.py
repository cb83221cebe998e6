#!/usr/bin/env python3
"""Helpers for check_vs_pip.sh (not a test by itself).

  wheels OUT                    synthetic wheels with extras, markers, pre-releases,
                                local versions, Requires-Python and a cycle
  repack SITE OUT TOP...        real wheels: the installed closure of TOP, repacked
                                from SITE's dist-info and the files RECORD lists (or,
                                where RECORD is missing, the metadata alone)
  pip-problems FILE             `pip check` output -> sorted "pkg dep kind" lines
  our-problems FILE             `spacelock check --json` -> the same, base requirements
                                only (pip check ignores extras and Requires-Python)
  our-kinds FILE                every problem as "kind pkg target extra"
  edit METADATA OLD NEW         replace the first line start OLD of a METADATA file
"""
import csv, json, os, re, sys, zipfile


def canon(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def write_wheel(out, name, version, requires=(), extras=(), requires_python=None, dynamic=()):
    dist = "%s-%s" % (re.sub(r"[-_.]+", "_", name), version)
    meta = ["Metadata-Version: %s" % ("2.2" if dynamic else "2.1"), "Name: " + name,
            "Version: " + version]
    meta += ["Dynamic: " + d for d in dynamic]
    if requires_python:
        meta.append("Requires-Python: " + requires_python)
    meta += ["Provides-Extra: " + e for e in extras]
    meta += ["Requires-Dist: " + r for r in requires]
    files = {
        "%s.dist-info/METADATA" % dist: "\n".join(meta) + "\n\n",
        "%s.dist-info/WHEEL" % dist: "Wheel-Version: 1.0\nGenerator: spacelock-tests\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n",
        "%s/__init__.py" % canon(name).replace("-", "_"): "",
    }
    record = "".join("%s,,\n" % f for f in files) + "%s.dist-info/RECORD,,\n" % dist
    files["%s.dist-info/RECORD" % dist] = record
    with zipfile.ZipFile(os.path.join(out, dist + "-py3-none-any.whl"), "w") as z:
        for f in sorted(files):
            info = zipfile.ZipInfo(f, (2020, 1, 1, 0, 0, 0))
            z.writestr(info, files[f])


def wheels(out):
    os.makedirs(out, exist_ok=True)
    w = lambda *a, **k: write_wheel(out, *a, **k)
    w("app", "1.0", ["lib>=2.0", "libpre>=1.0", "torchish==2.1.0", "torchish>=2.1",
                     "extlib[fancy]>=1", 'winonly; sys_platform == "win32"',
                     'oldpy<1; python_version < "3"', "cyc-a"], requires_python=">=3.8")
    w("lib", "2.0")
    w("lib", "1.0")
    w("libpre", "1.1b1")
    w("torchish", "2.1.0+cpu")
    w("extlib", "1.0", ['fancydep>=1; extra == "fancy"'], extras=["fancy"])
    w("fancydep", "1.0")
    w("Cyc_A", "1.0", ["cyc-b"])
    w("cyc.b", "1.0", ["CYC-A>=1"])
    w("newpy", "1.0", requires_python=">=3.99")
    # setuptools writes Dynamic into wheels; there it means nothing
    w("dynmeta", "1.0", ["lib>=2.0", "fancydep"], dynamic=["Requires-Dist", "License"])


def closure(site, tops):
    sys.path.insert(0, site)
    from importlib import metadata
    try:
        from packaging.requirements import Requirement
    except ImportError:
        from pip._vendor.packaging.requirements import Requirement
    dists = {canon(d.metadata["Name"]): d for d in metadata.distributions(path=[site])}
    seen, todo = set(), [canon(t) for t in tops]
    while todo:
        n = todo.pop()
        if n in seen or n not in dists:
            continue
        seen.add(n)
        for r in dists[n].requires or []:
            req = Requirement(r)
            if not req.marker or req.marker.evaluate({"extra": ""}):
                todo.append(canon(req.name))
    return [dists[n] for n in sorted(seen)]


def metadata_text(d):
    """The distribution's own METADATA; an egg-info (Debian's packages) keeps its
    requirements in requires.txt, which importlib.metadata turns into Requires-Dist."""
    text = d.read_text("METADATA")
    if text is not None:
        return text
    head, _, body = (d.read_text("PKG-INFO") or "").partition("\n\n")
    lines = [l for l in head.splitlines() if not l.startswith("Requires-Dist:")]
    lines += ["Requires-Dist: " + r for r in d.requires or []]
    return "\n".join(lines) + "\n\n" + body


def repack(site, out, tops):
    os.makedirs(out, exist_ok=True)
    for d in closure(site, tops):
        name, version = d.metadata["Name"], d.metadata["Version"]
        dist = "%s-%s" % (re.sub(r"[-_.]+", "_", name).lower(), version)
        rec = [row[0] for row in csv.reader((d.read_text("RECORD") or "").splitlines()) if row]
        with zipfile.ZipFile(os.path.join(out, dist + "-py3-none-any.whl"), "w",
                             zipfile.ZIP_DEFLATED) as z:
            for f in rec:
                src = os.path.normpath(os.path.join(site, f))
                skip = f.endswith((".pyc", "INSTALLER", "REQUESTED", "direct_url.json"))
                if src.startswith(site) and os.path.isfile(src) and not skip:
                    z.write(src, f)
            if not rec:  # no RECORD (Debian strips it): the metadata is what check reads
                z.writestr(dist + ".dist-info/METADATA", metadata_text(d))
                z.writestr(dist + ".dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: "
                           "spacelock-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
                z.writestr(dist + ".dist-info/RECORD", "%s.dist-info/METADATA,,\n"
                           "%s.dist-info/WHEEL,,\n%s.dist-info/RECORD,,\n" % (dist, dist, dist))
    return 0


def pip_problems(path):
    out = set()
    for line in open(path):
        m = re.match(r"(\S+) \S+ requires (\S+), which is not installed\.", line)
        if m:
            out.add("%s %s missing" % (canon(m.group(1)), canon(m.group(2))))
            continue
        m = re.match(r"(\S+) \S+ has requirement (.+), but you have (\S+) \S+\.$", line.strip())
        if m:
            out.add("%s %s mismatch" % (canon(m.group(1)), canon(m.group(3))))
    for line in sorted(out):
        print(line)


def our_problems(path):
    doc = json.load(open(path))
    out = set("%s %s %s" % (p["package"], p["target"], p["kind"]) for p in doc["problems"]
              if p["kind"] in ("missing", "mismatch") and p["extra"] is None)
    for line in sorted(out):
        print(line)


def our_kinds(path):
    for p in json.load(open(path))["problems"]:
        print(p["kind"], p["package"], p["target"], p["extra"])


def edit(path, old, new):
    text = open(path).read()
    text, n = re.subn("^" + re.escape(old), lambda m: new, text, count=1, flags=re.M)
    if not n:
        sys.exit("no line starting '%s' in %s" % (old, path))
    open(path, "w").write(text)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "wheels":
        wheels(args[0])
    elif cmd == "repack":
        sys.exit(repack(os.path.abspath(args[0]), args[1], args[2:]))
    elif cmd == "pip-problems":
        pip_problems(args[0])
    elif cmd == "our-problems":
        our_problems(args[0])
    elif cmd == "our-kinds":
        our_kinds(args[0])
    elif cmd == "edit":
        edit(*args)
    else:
        sys.exit(__doc__)
