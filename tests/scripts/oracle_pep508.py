#!/usr/bin/env python3
"""Differential test of spacelock's PEP 508 engine against the python3-packaging
installed on this machine (Debian 12 ships 23.0).

The reference is the latest pypa/packaging; 23.0 differs from it in places
(it compares every marker variable as a version when the right side looks
like one, always writes double quotes, accepts trailing garbage after a
marker, validates URLs, knows no extras/dependency_groups, ...).  So the
cases generated here stay where both agree: requirement parsing of names,
extras, specifiers with distinct clauses, URLs with a scheme and host, and
markers whose string variables are compared with non-version strings and
whose version variables are compared with versions.

Usage: oracle_pep508.py SPACELOCK [COUNT] [SEED]; prints FAIL lines and a
final "RESULT <passed> <failed>" line.
"""
import json
import random
import subprocess
import sys

try:
    from packaging.markers import Marker
    from packaging.requirements import InvalidRequirement, Requirement
except ImportError:  # pragma: no cover
    print("RESULT 0 0")
    print("oracle_pep508: python3 packaging not installed; skipped", file=sys.stderr)
    sys.exit(0)

SPACE_ENV = {
    "python_version": "3.10", "python_full_version": "3.10.12", "sys_platform": "linux",
    "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix",
    "implementation_name": "cpython", "platform_python_implementation": "CPython",
    "implementation_version": "3.10.12", "platform_release": "", "platform_version": "",
    "extra": "",
}

NAMES = ["requests", "Django", "zope.interface", "huggingface_hub", "scikit-learn", "a", "A1",
         "foo-bar.quux_bAz", "torch", "Pillow", "llama-cpp-python", "x_y"]
EXTRAS = ["socks", "security", "Tests", "all", "cuda12", "dev_tools", "a.b"]
OPS = ["==", "!=", ">=", "<=", ">", "<", "~="]
VERSIONS = ["1.0", "2.8.1", "0.3.9", "1!3.0", "1.0a1", "2.0rc2", "1.0.post1", "1.0.dev3", "4.40.0",
            "2.13.0", "10", "0.0.1"]
URLS = ["https://example.com/pkg-1.0.tar.gz", "git+https://github.com/org/repo.git@v1.0",
        "http://host:8080/path/x.whl", "git+ssh://git@github.com/org/repo.git",
        "file:///abs/path/pkg.whl"]
VERSION_VARS = ["python_version", "python_full_version", "implementation_version"]
PY_VALUES = ["3.10", "3.9", "3.11", "3", "3.10.12", "3.10.11", "3.10.13", "3.8.10", "2.7",
             "3.10.12rc1", "3.11.0a1", "3.10.0"]  # no wildcards: 23.0 differs there
STRING_VARS = {
    "sys_platform": ["linux", "win32", "darwin", "lin", "Linux"],
    "platform_system": ["Linux", "Windows", "Darwin", "linux"],
    "platform_machine": ["x86_64", "aarch64", "AMD64", "x86"],
    "os_name": ["posix", "nt", "pos"],
    "implementation_name": ["cpython", "pypy"],
    "platform_python_implementation": ["CPython", "PyPy", "Py"],
    "platform_version": ["", "#1 SMP"],
    "extra": ["test", "Dev_Tools", "", "docs"],
}
# 23.0's Requirement does not normalise extra names inside its marker
REQ_EXTRAS = ["test", "dev-tools", "", "docs"]
WS = ["", " ", "  ", "\t"]


def ws(r):
    return r.choice(WS)


def comparison(r, in_req=False):
    if r.random() < 0.45:
        var = r.choice(VERSION_VARS)
        op = r.choice(OPS + ["===", "in", "not in"])
        value = r.choice(PY_VALUES)
        if op == "~=" and value.count(".") == 0:
            value += ".0"
    else:
        var = r.choice(sorted(STRING_VARS))
        op = r.choice(["==", "!=", "in", "not in"])
        value = r.choice(REQ_EXTRAS if in_req and var == "extra" else STRING_VARS[var])
    q = r.choice(["'", '"'])
    quoted = q + value + q
    if r.random() < 0.25 and var != "extra":
        return "%s%s%s%s%s" % (quoted, ws(r) or " ", op, ws(r) or " ", var)
    return "%s%s%s%s%s" % (var, ws(r) or " ", op, ws(r) or " ", quoted)


def marker(r, depth=0, in_req=False):
    atoms = []
    for i in range(r.randint(1, 3)):
        if depth < 2 and r.random() < 0.2:
            atoms.append("(" + ws(r) + marker(r, depth + 1, in_req) + ws(r) + ")")
        else:
            atoms.append(comparison(r, in_req))
    out = atoms[0]
    for a in atoms[1:]:
        out += " " + r.choice(["and", "or"]) + " " + a
    return out


def requirement(r):
    s = r.choice(NAMES)
    if r.random() < 0.3:
        ex = r.sample(EXTRAS, r.randint(0, 3))
        s += ws(r) + "[" + ws(r) + ("," + ws(r)).join(ex) + ws(r) + "]"
    if r.random() < 0.2:
        s += ws(r) + " @ " + r.choice(URLS)
        if r.random() < 0.5:
            s += " ;" + ws(r) + marker(r, in_req=True)
        return s + ws(r)
    clauses, seen = [], set()
    for _ in range(r.randint(0, 3)):
        op, v = r.choice(OPS), r.choice(VERSIONS)
        if op == "~=" and "." not in v.split("!")[-1]:
            v += ".0"
        if op not in seen:  # distinct operators: no equivalent-duplicate clauses
            seen.add(op)
            clauses.append(op + ws(r) + v)
    spec = ("," + ws(r)).join(clauses)
    if spec and r.random() < 0.2:
        spec = "(" + spec + ")"
    s += ws(r) + spec
    if r.random() < 0.5:
        s += ws(r) + ";" + ws(r) + marker(r, in_req=True)
    return s + ws(r)


INVALID = ["", "==1.0", "name[", "name[a b]", "name (>=1.0", "name >= 1.0 <= 2.0",
           "name; os_name", "name; os_name = 'x'", "name; foo == 'x'", "name @", "1name!",
           "name; (os_name == 'x'", "name[a,]", "name ==", "name; os_name == 'x' and"]


def expect_req(s):
    try:
        q = Requirement(s)
    except InvalidRequirement:
        return None
    return {"name": q.name, "extras": sorted(q.extras), "specifier": str(q.specifier),
            "url": q.url, "marker": str(q.marker) if q.marker else None, "obj": q.marker}


ENVS = [{}, {"python_version": "3.8", "python_full_version": "3.8.3", "extra": "test"},
        {"sys_platform": "win32", "platform_system": "Windows", "extra": "docs"},
        {"implementation_name": "pypy", "implementation_version": "7.3.1", "os_name": "nt"}]


def evaluate(marker, env):
    e = dict(SPACE_ENV)
    e.update(env)
    try:
        return marker.evaluate(e)
    except ValueError:
        return "error"


def same_requirement(got, want):
    """Equal fields; a marker with parentheses compares by evaluation with
    the parsed original, since 23.0 writes nested groups wrongly (it drops
    needed parentheses, fixed in later releases)."""
    g, w = dict(got), dict(want)
    gm, wm, obj = g.pop("marker"), w.pop("marker"), w.pop("obj")
    if g != w or (gm is None) != (wm is None):
        return False
    if gm is None or "(" not in gm + wm:
        return gm == wm
    return all(evaluate(Marker(gm), e) == evaluate(obj, e) for e in ENVS)


def expect_marker(s, env):
    e = dict(SPACE_ENV)
    e.update(env)
    try:
        return "true" if Marker(s).evaluate(e) else "false"
    except ValueError:  # UndefinedComparison, e.g. ~= with a wildcard
        return "error"


def run(spacelock, args, lines):
    data = "".join(line + "\n" for line in lines).encode()
    out = subprocess.run([spacelock] + args, input=data, stdout=subprocess.PIPE, check=False)
    return out.stdout.decode().split("\n")[:-1]


def main():
    spacelock = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 508)
    passed = failed = 0

    reqs = [requirement(r) for _ in range(count)] + INVALID
    got = run(spacelock, ["requirement", "parse", "--stdin"], reqs)
    for s, g in zip(reqs, got + [""] * (len(reqs) - len(got))):
        want = expect_req(s)
        ok = g.startswith("error: ") if want is None else (g and same_requirement(json.loads(g), want))
        passed, failed = passed + bool(ok), failed + (not ok)
        if not ok:
            print("FAIL requirement %r: want %r, got %r" % (s, want, g))

    cases = []
    for _ in range(count):
        env = {}
        if r.random() < 0.4:
            env["python_version"] = r.choice(["3.8", "3.9", "3.11", "3.12"])
            env["python_full_version"] = env["python_version"] + "." + str(r.randint(0, 12))
        if r.random() < 0.3:
            env["sys_platform"] = r.choice(["win32", "darwin"])
        if r.random() < 0.3:
            env["extra"] = r.choice(["test", "dev-tools", "Docs"])
        cases.append((marker(r), env))
    lines = [m + ("\t" + json.dumps(env) if env else "") for m, env in cases]
    got = run(spacelock, ["marker", "eval", "--stdin"], lines)
    for (m, env), g in zip(cases, got + [""] * (len(cases) - len(got))):
        want = expect_marker(m, env)
        ok = g.startswith("error: ") if want == "error" else g == want
        passed, failed = passed + ok, failed + (not ok)
        if not ok:
            print("FAIL marker %r env %r: want %s, got %r" % (m, env, want, g))

    names = [r.choice(NAMES) + r.choice(["", "_X", "..y", "-_-Z"]) for _ in range(count // 10)]
    got = run(spacelock, ["name", "normalize", "--stdin"], names)
    from packaging.utils import canonicalize_name
    for n, g in zip(names, got + [""] * (len(names) - len(got))):
        ok = g == canonicalize_name(n)
        passed, failed = passed + ok, failed + (not ok)
        if not ok:
            print("FAIL name %r: want %r, got %r" % (n, canonicalize_name(n), g))
    print("RESULT %d %d" % (passed, failed))


if __name__ == "__main__":
    main()
