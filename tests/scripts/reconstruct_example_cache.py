#!/usr/bin/env python3
"""reconstruct_example_cache.py: regenerates examples/cached-layer/index-cache/.

The bundled example of `snapshot --reconstruct` runs offline (make demo), so
it carries the index cache spacelock itself would have written after one run
against the little index of tests/scripts/reconstruct_index.py (CPython 3.11)
served at https://index.example.invalid: both release-list forms (the simple
API's JSON with PEP 700 upload-time at /simple/{name}/, read for
--index-url https://index.example.invalid/simple, and the PyPI JSON API's
/pypi/{name}/json, read for an index URL without /simple) and each release's
JSON; one entry per URL, named by the
FNV-1a 64 hash of the URL, "spacelock-index-cache 1\\n" URL "\\n" ETAG "\\n"
BODY (src/lib/index.c).  The bodies are what tests/server/pyindex.py serves.
Usage: python3 tests/scripts/reconstruct_example_cache.py (from the top).
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
BASE = "https://index.example.invalid"


def fnv(url):
    h = 14695981039346656037
    for b in url.encode():
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def main():
    sys.path.insert(0, os.path.join(TOP, "tests", "server"))
    import pyindex
    out = os.path.join(TOP, "examples", "cached-layer", "index-cache", "index")
    shutil.rmtree(os.path.dirname(out), ignore_errors=True)
    os.makedirs(out)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.check_call([sys.executable, os.path.join(HERE, "reconstruct_index.py"), tmp, "11"])
        idx = pyindex.Index(tmp)
        for name, (_, versions) in sorted(idx.projects.items()):
            entries = [("%s/simple/%s/" % (BASE, name), idx.simple_json(name, None, BASE, False)),
                       ("%s/pypi/%s/json" % (BASE, name), idx.project(name, BASE))]
            for v in versions:
                entries.append(("%s/pypi/%s/%s/json" % (BASE, name, v), idx.release(name, v, BASE)))
            for url, body in entries:
                with open(os.path.join(out, fnv(url) + ".json"), "wb") as f:
                    f.write(b"spacelock-index-cache 1\n" + url.encode() + b"\n\n" + body)


if __name__ == "__main__":
    main()
