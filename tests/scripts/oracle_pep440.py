#!/usr/bin/python3
"""Differential oracle: spacelock's PEP 440 plumbing against the installed
python3-packaging (Debian's 23.0) on generated cases, restricted to the
categories where 23.0 already behaves like the latest packaging.

Usage: oracle_pep440.py SPACELOCK [SEED]
Prints one "category checked N mismatches M" line per category, the first
mismatches, and exits 1 on any mismatch.

Categories left out (23.0 differs from the latest release, which spacelock
follows; tests/unit/data/*.data hold the latest answers for them):
  - contains(prereleases=None): 23.0 rejects a pre-release unless a clause
    names one; 26.0+ accepts a single pre-release (PEP 440's "if nothing
    else matches"), so only the modes true and false are compared;
  - '<V' with V a post-release (26.1 narrowed the pre-release exclusion);
  - '>V' with V a pre-, dev or post-release, or a candidate with a local
    label (26.1 narrowed the post-release exclusion and fixed dev+local);
  - '==X.*', '!=X.*' and '~=' when the specifier or the version has a
    non-zero epoch (23.0 drops the epoch in prefix matching);
  - '~=V' with V not in normal form (23.0 keeps a 'c1', 'alpha' or 'rev'
    suffix in the prefix: '~=1.0.0c1' refuses 1.0.1a0);
  - '===' (26.0 compares the string as given, 23.0 the normal form);
  - versions that do not parse, in 'match' (23.0 raises, 26.0+ answers
    False; spacelock reports an error);
  - non-ASCII input (26.1 restricted local labels to ASCII letters).
"""
import random
import subprocess
import sys

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

EPOCHS = ["", "", "", "", "1!", "0!", "2!", "01!"]
RELEASES = ["0", "1", "1.0", "1.0.0", "1.1", "2", "0.9", "1.0.1", "10", "01.2", "1.2.3",
            "0.0", "2.0", "1.9999", "2022.01.01", "1.0.0.0.1", "123456789012345678901"]
PRES = ["", "", "", "a1", "b2", "rc1", "c1", "a0", ".alpha", "-beta3", "pre", "preview2",
        "_a_1", "RC2", "a", "b10"]
POSTS = ["", "", "", ".post1", "-2", ".post0", "r3", ".rev", "post", "-post-5", "_r_1"]
DEVS = ["", "", "", ".dev0", ".dev3", "dev", "-DEV1", "_dev_2"]
LOCALS = ["", "", "", "", "+abc", "+1", "+ubuntu9", "+ubuntu10", "+abc.5", "+0", "+a-b_c",
          "+007", "+cpu", "+cu118", "+ABC.1"]
NOISE = [" ", ".", "-", "+", "..", "*", "x", "+a+", "_", "!", "v", "1", "a"]
OPS = ["==", "!=", "<=", ">=", "<", ">", "~="]


def gen_version(rnd):
    s = (rnd.choice(["", "", "", "v", "V"]) + rnd.choice(EPOCHS) + rnd.choice(RELEASES)
         + rnd.choice(PRES) + rnd.choice(POSTS) + rnd.choice(DEVS) + rnd.choice(LOCALS))
    if rnd.random() < 0.15:
        k = rnd.randrange(len(s) + 1)
        s = s[:k] + rnd.choice(NOISE) + s[k:]
    if rnd.random() < 0.05:
        s = " " + s + "\t"
    return s


def parse(s):
    try:
        return Version(s)
    except InvalidVersion:
        return None


def gen_clause(rnd, valid):
    op = rnd.choice(OPS)
    v = rnd.choice(valid).strip()
    if op not in ("==", "!="):
        v = v.split("+")[0]
    if op in ("==", "!=") and rnd.random() < 0.3:
        v = rnd.choice(EPOCHS) + rnd.choice(RELEASES) + ".*"
    return op + rnd.choice(["", "", " "]) + v


def clause_agrees(spec, item):
    """Whether 23.0 is known to answer this clause like the latest."""
    op, ver = spec.operator, spec.version
    if op == "===":
        return False
    base = Version(ver[:-2] if ver.endswith(".*") else ver)
    if (ver.endswith(".*") or op == "~=") and (base.epoch or item.epoch):
        return False
    if op == "~=" and str(base) != ver:
        return False
    if op == "<" and base.is_postrelease:
        return False
    if op == ">" and (base.is_prerelease or base.is_postrelease or item.local):
        return False
    return True


def run(binary, sub, lines):
    data = "".join(line + "\n" for line in lines)
    out = subprocess.run([binary, "version", sub, "--stdin"], input=data,
                         capture_output=True, text=True, check=False).stdout
    got = out.split("\n")[:-1]
    if len(got) != len(lines):
        sys.exit(f"{sub}: {len(lines)} cases but {len(got)} result lines")
    return got


class Tally:
    def __init__(self):
        self.failed = 0

    def report(self, name, checked, bad):
        print(f"{name} checked {checked} mismatches {len(bad)}")
        for line in bad[:10]:
            print("  MISMATCH", line)
        self.failed += len(bad) > 0


def check_normalize(binary, rnd, tally):
    vs = [v for v in (gen_version(rnd) for _ in range(4000)) if "\t" not in v.strip("\t")]
    vs = [v.strip("\t") for v in vs]
    bad = []
    for v, got in zip(vs, run(binary, "normalize", vs)):
        p = parse(v)
        want = str(p) if p else "error"
        if (got != want) if p else not got.startswith("error:"):
            bad.append(f"normalize {v!r}: packaging {want!r}, spacelock {got!r}")
    tally.report("normalize", len(vs), bad)
    return [v for v in vs if parse(v)]


def check_compare(binary, rnd, valid, tally):
    pairs = [(rnd.choice(valid), rnd.choice(valid)) for _ in range(8000)]
    bad = []
    for (a, b), got in zip(pairs, run(binary, "compare", [f"{a}\t{b}" for a, b in pairs])):
        x, y = Version(a), Version(b)
        want = "<" if x < y else ">" if x > y else "="
        if got != want:
            bad.append(f"compare {a!r} {b!r}: packaging {want}, spacelock {got}")
    tally.report("compare", len(pairs), bad)


def check_match(binary, rnd, valid, tally):
    cases = []
    while len(cases) < 12000:
        text = ",".join(gen_clause(rnd, valid) for _ in range(rnd.choice([1, 1, 2, 3])))
        try:
            spec = SpecifierSet(text)
        except InvalidSpecifier:
            continue
        item = rnd.choice(valid)
        if all(clause_agrees(s, Version(item)) for s in spec):
            cases.append((text, item, rnd.choice(["true", "false"])))
    bad = []
    lines = ["\t".join(c) for c in cases]
    for (text, item, mode), got in zip(cases, run(binary, "match", lines)):
        ok = SpecifierSet(text).contains(item, prereleases=(mode == "true"))
        want = "true" if ok else "false"
        if got != want:
            bad.append(f"match {text!r} {item!r} {mode}: packaging {want}, spacelock {got}")
    tally.report("match", len(cases), bad)


def check_spec_validity(binary, rnd, valid, tally):
    texts = []
    for _ in range(4000):
        t = ",".join(gen_clause(rnd, valid) for _ in range(rnd.choice([1, 2])))
        if rnd.random() < 0.6:
            k = rnd.randrange(len(t) + 1)
            t = t[:k] + rnd.choice(["=", "<", ">", "!", "~", " ", ".*", "*", "+x", ";", ")",
                                    "a", ",", "v", "1", "==="]) + t[k:]
        if "===" not in t:
            texts.append(t)
    bad = []
    for t, got in zip(texts, run(binary, "match", [t + "\t1.0\ttrue" for t in texts])):
        try:
            SpecifierSet(t)
            ok = True
        except InvalidSpecifier:
            ok = False
        if ok == got.startswith("error:"):
            bad.append(f"specifier {t!r}: packaging {'valid' if ok else 'invalid'}, spacelock {got!r}")
    tally.report("specifier-syntax", len(texts), bad)


def check_docs(binary, tally):
    """Runs the examples of docs/commands/version.md as written: each
    "$ spacelock ..." (or "$ printf ... | spacelock ...") line of a code
    block, expecting the lines after it up to the next "$ " or the end of
    the block (stdout and stderr together)."""
    import os
    import shlex
    doc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../docs/commands/version.md")
    examples, cur = [], None
    with open(doc, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.startswith("```") or line.startswith("$ "):
                if cur:
                    examples.append(cur)
                cur = [line[2:], []] if line.startswith("$ ") and "spacelock" in line else None
            elif cur is not None:
                cur[1].append(line)
    bad = []
    for cmd, want in examples:
        run_cmd = cmd.replace("spacelock ", shlex.quote(binary) + " ")
        got = subprocess.run(run_cmd, shell=True, capture_output=True, text=True, check=False)
        out = (got.stdout + got.stderr).rstrip("\n").split("\n")
        if out != want:
            bad.append(f"docs example {cmd!r}: documented {want!r}, spacelock {out!r}")
    tally.report("docs-examples", len(examples), bad)


def main():
    binary = sys.argv[1]
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 440)
    tally = Tally()
    valid = check_normalize(binary, rnd, tally)
    check_compare(binary, rnd, valid, tally)
    check_match(binary, rnd, valid, tally)
    check_spec_validity(binary, rnd, valid, tally)
    check_docs(binary, tally)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
