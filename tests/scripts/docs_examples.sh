#!/bin/sh
# docs_examples.sh: the shell examples in the documentation are tests (jq's
# manual tests).  In every docs/*.md and docs/commands/*.md, a fenced block
# that starts with "$ " holds commands and, under each, exactly the lines it
# prints (stdout, or stdout and stderr together).  Each runs in a scratch
# directory that sees the top of the tree (docs/, examples/, lockfiles/,
# tests/) plus fixtures/ for tests/fixtures, with `spacelock` meaning the
# binary under test.  A block fenced as ```console is illustrative and not run.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
work="$T_TMP/work"
mkdir "$work"
for f in "$top"/*; do ln -s "$f" "$work/"; done
ln -s "$top/tests/fixtures" "$work/fixtures"
python3 - "$SPACELOCK" "$work" docs/*.md docs/commands/*.md >"$T_TMP/out" <<'PY'
import re, subprocess, sys
binary, work, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
for path in paths:
    doc = open(path, encoding="utf-8").read()
    for block in re.findall(r"```\n(\$ .*?)```", doc, re.S):
        cmds, cur = [], None
        for line in block.split("\n"):
            if line.startswith("$ "):
                cur = [line[2:], []]
                cmds.append(cur)
            elif line and cur:
                cur[1].append(line)
        for cmd, want in cmds:
            run = re.sub(r"(^|[|;&(]\s*)spacelock\b", r'\1"$SL"', cmd)
            env = {"SL": binary, "PATH": "/usr/bin:/bin"}
            out = subprocess.run(run, shell=True, capture_output=True, text=True, cwd=work, env=env).stdout
            both = subprocess.run(run + " 2>&1", shell=True, capture_output=True, text=True,
                                  cwd=work, env=env).stdout
            lines = lambda text: [l for l in text.split("\n") if l]
            got = out if lines(out) == want else both
            if lines(got) == want:
                print("ok")
            else:
                print("FAIL %s: %s\n  want %r\n  got  %r" % (path, cmd, want, got))
PY
while read -r line; do
	case $line in
	ok) ok ;;
	FAIL*) not_ok "${line#FAIL }" ;;
	*) echo "$line" ;;
	esac
done <"$T_TMP/out"
[ -s "$T_TMP/out" ] || not_ok "no example found in docs/"
finish
