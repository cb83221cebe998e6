#!/usr/bin/env python3
"""Builds an installed environment of N packages from real METADATA.

  gen_env.py OUT N SRC_DIR...

Every *.dist-info/METADATA under the SRC_DIRs (the machine's own
site-packages: the interpreter's and the distribution's) is a template.
Copy r of the environment renames each package NAME to NAME-rR and each
Requires-Dist on NAME to NAME-rR as well, so copy r is the machine's
environment again under new names: the same requirement shapes, markers,
extras and the same unmet requirements (a dependency the machine does not
have stays missing), N packages in all.  Deterministic: the templates are
taken in name order.  Writes OUT/<name>-<version>.dist-info/{METADATA,
INSTALLER,RECORD}, which is what pip and spacelock read.
"""
import os
import re
import sys

NAME = re.compile(rb"(?m)^Name:[ \t]*(\S+)[ \t]*$")
VERSION = re.compile(rb"(?m)^Version:[ \t]*(\S+)[ \t]*$")
REQ = re.compile(rb"(?m)^(Requires-Dist:[ \t]*)([A-Za-z0-9][A-Za-z0-9._-]*)")


def templates(dirs):
    seen, out = set(), []
    for d in dirs:
        if not os.path.isdir(d):
            continue
        for entry in sorted(os.listdir(d)):
            meta = os.path.join(d, entry, "METADATA")
            if not entry.endswith(".dist-info") or not os.path.isfile(meta):
                continue
            text = open(meta, "rb").read()
            head = text.split(b"\n\n", 1)[0]
            name, version = NAME.search(head), VERSION.search(head)
            if not name or not version:
                continue
            key = re.sub(rb"[-_.]+", b"-", name.group(1).lower())
            if key in seen:
                continue
            seen.add(key)
            out.append((name.group(1), version.group(1), text))
    return out


def renamed(text, suffix):
    head, sep, body = text.partition(b"\n\n")
    head = NAME.sub(lambda m: b"Name: " + m.group(1) + suffix, head, count=1)
    head = REQ.sub(lambda m: m.group(1) + m.group(2) + suffix, head)
    return head + sep + body


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out, n = sys.argv[1], int(sys.argv[2])
    tpl = templates(sys.argv[3:])
    if not tpl:
        sys.exit("gen_env.py: no dist-info with METADATA in " + " ".join(sys.argv[3:]))
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        name, version, text = tpl[i % len(tpl)]
        suffix = b"-r%d" % (i // len(tpl))
        stem = (name + suffix).replace(b"-", b"_").decode() + "-" + version.decode()
        d = os.path.join(out, stem + ".dist-info")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "METADATA"), "wb") as f:
            f.write(renamed(text, suffix))
        with open(os.path.join(d, "INSTALLER"), "w") as f:
            f.write("pip\n")
        with open(os.path.join(d, "RECORD"), "w") as f:
            f.write("%s.dist-info/METADATA,,\n" % stem)
    print("%d packages from %d real METADATA templates" % (n, len(tpl)))


if __name__ == "__main__":
    main()
