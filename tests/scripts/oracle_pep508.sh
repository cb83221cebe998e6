#!/bin/sh
# oracle_pep508.sh: spacelock's requirement, marker and name plumbing against
# the python3-packaging installed here, on generated cases where that
# release (Debian's 23.0) agrees with the latest packaging (see the .py).
. "$(dirname "$0")/../lib.sh"
py=$(dirname "$0")/oracle_pep508.py
# Debian's interpreter has python3-packaging; a python3 earlier in PATH may not
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
if [ -z "$PY" ]; then
	echo "# skip: no python3, the PEP 508 oracle cannot run"
	finish
	exit
fi
"$PY" "$py" "$SPACELOCK" 2000 508 >"$T_TMP/out" 2>"$T_TMP/err"
grep '^FAIL' "$T_TMP/out" | head -n 20
set -- $(grep '^RESULT ' "$T_TMP/out")
if [ $# -ne 3 ]; then
	not_ok "oracle script did not finish"
	cat "$T_TMP/err"
else
	T_PASSED=$((T_PASSED + $2))
	T_FAILED=$((T_FAILED + $3))
fi
finish
