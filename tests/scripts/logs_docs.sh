#!/bin/sh
# logs_docs.sh: every "$ spacelock ..." example in docs/logs.md runs from
# the top of the tree and prints exactly the lines shown under it.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
python3 - "$SPACELOCK" docs/logs.md >"$T_TMP/out" <<'PY'
import re, subprocess, sys
binary, doc = sys.argv[1], open(sys.argv[2]).read()
for block in re.findall(r"```\n(\$ .*?)```", doc, re.S):
    cmds, cur = [], None
    for line in block.split("\n"):
        if line.startswith("$ "):
            cur = [line[2:], []]
            cmds.append(cur)
        elif line and cur:
            cur[1].append(line)
    for cmd, want in cmds:
        run = cmd.replace("spacelock", '"$SL"', 1)
        got = subprocess.run(run, shell=True, capture_output=True, text=True,
                             env={"SL": binary, "PATH": "/usr/bin:/bin"}).stdout
        print("ok" if got.rstrip("\n").split("\n") == want else "FAIL docs/logs.md: " + cmd)
PY
while read -r line; do
	case $line in
	ok) ok ;;
	*) not_ok "${line#FAIL }" ;;
	esac
done <"$T_TMP/out"
[ -s "$T_TMP/out" ] || not_ok "no example found in docs/logs.md"
finish
