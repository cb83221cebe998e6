#!/bin/sh
# reqfile_vs_pip.sh: the requirements-file reader against pip itself.  Every
# fixture, every fuzz seed and every case of reqfile_lines.data is given to
# both; pip's preprocess() and break_args_options() (reqfile_vs_pip.py)
# must find the same logical lines, line numbers and requirement parts as
# `t_reqfile --dump`.  ${VAR}s stay unexpanded on both sides (empty env).
. "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-/usr/bin/python3}
: "${BUILD:=$(pwd)/build}"
dumper="$BUILD/tests/t_reqfile"

if ! "$PY" -c 'import pip._internal.req.req_file' >/dev/null 2>&1; then
	echo "# skip: pip is not importable by $PY, nothing to compare with"
	finish
	exit $?
fi
if [ ! -x "$dumper" ]; then
	not_ok "no $dumper (make tests first)"
	finish
	exit $?
fi

# each case of the line table as a file of its own (escapes undone as in
# t_reqfile.c: \n \r \t \f \v \xNN \\; "\e" is the empty text)
"$PY" - "$T_TMP" <<'PYEOF'
import sys
esc = {"n": 10, "r": 13, "t": 9, "f": 12, "v": 11}
n = 0
for line in open("tests/unit/data/reqfile_lines.data", encoding="utf-8"):
    if line.startswith("#") or line == "\n":
        continue
    s, out, i = line.split("\t")[0], bytearray(), 0
    while s != "\\e" and i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            d = s[i + 1]
            if d == "x":
                out.append(int(s[i + 2:i + 4], 16))
                i += 4
                continue
            out.append(esc.get(d, ord(d)))
            i += 2
            continue
        out += s[i].encode("utf-8")
        i += 1
    n += 1
    with open("%s/case-%03d" % (sys.argv[1], n), "wb") as f:
        f.write(bytes(out))
PYEOF

set -- tests/fixtures/requirements/* tests/fuzz/corpus/reqfile/* "$T_TMP"/case-*
"$dumper" --dump "$@" >"$T_TMP/dump" || not_ok "t_reqfile --dump failed"
env -i PATH="$PATH" "$PY" "$here/reqfile_vs_pip.py" "$T_TMP/dump" "$@" >"$T_TMP/result" 2>&1
while IFS= read -r line; do
	case $line in
	ok\ *) ok ;;
	skip\ *) echo "# $line" ;;
	*) not_ok "$line" ;;
	esac
done <"$T_TMP/result"
finish
