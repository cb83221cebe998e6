#!/usr/bin/env python3
"""reconstruct_index.py OUT MINOR [bench N]: a little package index with upload times.

Writes OUT/files/ (real wheels and sdists a real pip installs: METADATA, WHEEL,
RECORD with hashes; each sdist builds with an in-tree PEP 517 backend and no
build requirements, so no network is needed) and OUT/index.json, the release
list tests/server/pyindex.py serves.  MINOR is the target CPython 3.MINOR.

The test universe (dates UTC, T = 2024-03-15):
  alpha   1.0 (01-10) 1.1 (02-10) 2.0 (04-01, after T); requires beta>=1.0;
          extra "fast" requires epsilon
  beta    1.0 (01-10) 1.2 (03-01) 1.3 (03-05, Requires-Python >=3.(MINOR+1):
          the newest drops the target Python)
  gamma   0.5 (01-10) 0.6 (02-10): sdists only
  delta   3.0 (01-10) 3.1 (02-20, yanked)
  epsilon 0.1 (01-10) 0.2 (05-01, after T)
  zeta    1.0 (01-10, py3-none-any) 1.1 (02-10, cp3MINOR manylinux2014 wheel)
          1.2 (02-25, a cp27 wheel only: not installable)
  eta     1.0 (01-10) 2.0b1 (02-01): a pre-release newest
  theta   0.1a1 (01-10) 0.1b2 (02-05): pre-releases only
  iota    1.0 (01-10) 1.1rc1 (02-05, requires eta>=2.0b1: a specifier that
          names a pre-release)
  kappa   2.0b1 (01-10): a pre-release only

"bench N": N projects instead, each with 8 releases and a chain of requirements,
for `make bench`.
"""
import base64
import csv
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile
import zipfile

BACKEND = '''\
import base64, hashlib, os, zipfile
def _h(b):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode()
def get_requires_for_build_wheel(config_settings=None):
    return []
def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    meta = open("PKG-INFO", "rb").read()
    name, version = open("NAMEVER").read().split()
    di = "%s-%s.dist-info" % (name, version)
    files = {"%s/__init__.py" % name: b"", di + "/METADATA": meta,
             di + "/WHEEL": b"Wheel-Version: 1.0\\nGenerator: t\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"}
    fn = "%s-%s-py3-none-any.whl" % (name, version)
    with zipfile.ZipFile(os.path.join(wheel_directory, fn), "w") as z:
        rec = []
        for k, v in files.items():
            z.writestr(k, v)
            rec.append("%s,%s,%d" % (k, _h(v), len(v)))
        rec.append(di + "/RECORD,,")
        z.writestr(di + "/RECORD", "\\n".join(rec) + "\\n")
    return fn
'''


FIXED = (2024, 1, 1, 0, 0, 0)  # zip member dates: the same bytes on every run


def rhash(b):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode()


def metadata(name, version, requires, extras, rp):
    lines = ["Metadata-Version: 2.1", "Name: " + name, "Version: " + version]
    if rp:
        lines.append("Requires-Python: " + rp)
    for e in extras:
        lines.append("Provides-Extra: " + e)
    lines += ["Requires-Dist: " + r for r in requires]
    return ("\n".join(lines) + "\n").encode()


def wheel(out, name, version, tag, meta):
    di = "%s-%s.dist-info" % (name, version)
    files = {"%s/__init__.py" % name: b"__version__ = %r\n" % version, di + "/METADATA": meta,
             di + "/WHEEL": ("Wheel-Version: 1.0\nGenerator: t\nRoot-Is-Purelib: true\nTag: %s\n"
                             % tag).encode()}
    fn = "%s-%s-%s.whl" % (name, version, tag)
    with zipfile.ZipFile(os.path.join(out, fn), "w") as z:
        rec = io.StringIO()
        w = csv.writer(rec, lineterminator="\n")
        for k, v in files.items():
            z.writestr(zipfile.ZipInfo(k, FIXED), v)
            w.writerow([k, rhash(v), len(v)])
        w.writerow([di + "/RECORD", "", ""])
        z.writestr(zipfile.ZipInfo(di + "/RECORD", FIXED), rec.getvalue())
    return fn


def sdist(out, name, version, meta):
    base = "%s-%s" % (name, version)
    fn = base + ".tar.gz"
    members = {"PKG-INFO": meta, "NAMEVER": ("%s %s\n" % (name, version)).encode(),
               "_backend.py": BACKEND.encode(),
               "pyproject.toml": b'[build-system]\nrequires = []\nbuild-backend = "_backend"\n'
                                 b'backend-path = ["."]\n'}
    with open(os.path.join(out, fn), "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz, \
            tarfile.open(fileobj=gz, mode="w") as t:
        for k, v in members.items():
            ti = tarfile.TarInfo("%s/%s" % (base, k))
            ti.size = len(v)
            ti.mtime = 1700000000
            t.addfile(ti, io.BytesIO(v))
    return fn


def release(index, out, name, version, date, kinds, requires=(), extras=(), rp=None,
            yanked=False):
    meta = metadata(name, version, list(requires), list(extras), rp)
    files = []
    for kind in kinds:
        fn = sdist(out, name, version, meta) if kind == "sdist" else \
            wheel(out, name, version, kind, meta)
        files.append({"filename": fn, "upload_time": date + "T12:00:00.000000Z",
                      "requires_python": rp, "yanked": yanked})
    index.setdefault(name, {})[version] = {"requires_dist": list(requires), "files": files}


def universe(index, out, minor):
    any_ = "py3-none-any"
    cp = "cp3%d-cp3%d-manylinux_2_17_x86_64.manylinux2014_x86_64" % (minor, minor)
    r = lambda *a, **k: release(index, out, *a, **k)
    for v, d in (("1.0", "2024-01-10"), ("1.1", "2024-02-10"), ("2.0", "2024-04-01")):
        r("alpha", v, d, [any_], ["beta>=1.0", 'epsilon; extra == "fast"'], ["fast"])
    r("beta", "1.0", "2024-01-10", [any_])
    r("beta", "1.2", "2024-03-01", [any_])
    r("beta", "1.3", "2024-03-05", [any_], rp=">=3.%d" % (minor + 1))
    r("gamma", "0.5", "2024-01-10", ["sdist"])
    r("gamma", "0.6", "2024-02-10", ["sdist"])
    r("delta", "3.0", "2024-01-10", [any_])
    r("delta", "3.1", "2024-02-20", [any_], yanked=True)
    r("epsilon", "0.1", "2024-01-10", [any_])
    r("epsilon", "0.2", "2024-05-01", [any_])
    r("zeta", "1.0", "2024-01-10", [any_])
    r("zeta", "1.1", "2024-02-10", [cp])
    r("zeta", "1.2", "2024-02-25", ["cp27-cp27mu-manylinux1_x86_64"])
    r("eta", "1.0", "2024-01-10", [any_])
    r("eta", "2.0b1", "2024-02-01", [any_])
    r("theta", "0.1a1", "2024-01-10", [any_])
    r("theta", "0.1b2", "2024-02-05", [any_])
    r("iota", "1.0", "2024-01-10", [any_])
    r("iota", "1.1rc1", "2024-02-05", [any_], ["eta>=2.0b1"])
    r("kappa", "2.0b1", "2024-01-10", [any_])


def bench(index, out, n):
    """n projects, 8 releases each; project i requires project i+1 (>= its 3rd)."""
    for i in range(n):
        name = "pkg%03d" % i
        for k in range(8):
            req = ["pkg%03d>=1.%d" % (i + 1, 2)] if i + 1 < n and i % 3 != 2 else []
            release(index, out, name, "1.%d" % k, "2024-%02d-10" % (k + 1), ["py3-none-any"], req)


def main():
    out, minor = sys.argv[1], int(sys.argv[2])
    files = os.path.join(out, "files")
    os.makedirs(files, exist_ok=True)
    index = {}
    if len(sys.argv) > 4 and sys.argv[3] == "bench":
        bench(index, files, int(sys.argv[4]))
    else:
        universe(index, files, minor)
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump(index, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
