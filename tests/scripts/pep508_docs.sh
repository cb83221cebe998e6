#!/bin/sh
# pep508_docs.sh: every "$ spacelock ..." example in
# docs/commands/plumbing-pep508.md runs and prints exactly the lines shown
# under it (stderr too when the example redirects it with 2>&1).
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
doc=docs/commands/plumbing-pep508.md
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" - "$SPACELOCK" "$doc" >"$T_TMP/out" <<'PY'
import re, subprocess, sys
binary, path = sys.argv[1], sys.argv[2]
doc = open(path).read()
for block in re.findall(r"```\n(\$ .*?)```", doc, re.S):
    cmds, cur = [], None
    for line in block.split("\n"):
        if line.startswith("$ "):
            cur = [line[2:], []]
            cmds.append(cur)
        elif line and cur:
            cur[1].append(line)
    for cmd, want in cmds:
        run = re.sub(r"\bspacelock\b", '"$SL"', cmd, count=1)
        if run == cmd:
            run = cmd.replace("| spacelock", '| "$SL"', 1)
        got = subprocess.run(run, shell=True, capture_output=True, text=True,
                             env={"SL": binary, "PATH": "/usr/bin:/bin"}).stdout
        if got.rstrip("\n").split("\n") == want:
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
[ -s "$T_TMP/out" ] || not_ok "no example found in $doc"
finish
