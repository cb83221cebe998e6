"""reqfile_vs_pip.py: pip's own preprocessing of requirements files, as the
oracle for tests/scripts/reqfile_vs_pip.sh.

Usage: reqfile_vs_pip.py DUMP FILE...   (DUMP: `t_reqfile --dump FILE...`)
For each file pip can decode, pip's preprocess() (line splitting, backslash
joining, comment removal, stripping) must yield exactly the logical lines
spacelock reports, at the same line numbers, and pip's break_args_options()
must give the same requirement part.  Prints "ok NAME" / "not ok NAME: why"
lines, and "skip NAME: why" for inputs pip cannot decode.
"""
import json
import sys

from pip._internal.req.req_file import break_args_options, preprocess
from pip._internal.utils.encoding import auto_decode


def read_dump(path):
    out, cur = {}, None
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# "):
                cur = line[2:]
                out[cur] = []
            elif line == "error":
                out[cur] = None
            else:
                out[cur].append(json.loads(line))
    return out


def pip_view(data):
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        raise ValueError("utf-32")
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        data.decode("utf-8")  # pip on a UTF-8 locale fails the same way
    return list(preprocess(auto_decode(data)))


def compare(name, mine, theirs):
    got = [(e[0], e[2]) for e in mine]
    if got != theirs:
        return "lines differ: spacelock %r, pip %r" % (got[:6], theirs[:6])
    for (lineno, text, kind, req) in [(e[0], e[2], e[1], e[3]) for e in mine]:
        args, _ = break_args_options(text)
        if kind == "editable" or (not args and text.startswith("-")):
            continue  # an -e value (kept even when pip would reject it)
        if req is not None and req != args.rstrip():
            return "line %d: requirement %r, pip %r" % (lineno, req, args)
        if req is None and args and kind != "unknown":
            return "line %d: pip sees requirement %r" % (lineno, args)
    return None


def main():
    dump = read_dump(sys.argv[1])
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            data = f.read()
        try:
            theirs = pip_view(data)
        except (UnicodeError, ValueError) as e:
            print("skip %s: pip cannot decode it (%s)" % (path, e.__class__.__name__))
            continue
        mine = dump.get(path)
        if mine is None:
            print("not ok %s: spacelock refused what pip reads" % path)
            continue
        why = compare(path, mine, theirs)
        print(("not ok %s: %s" % (path, why)) if why else ("ok %s" % path))


main()
