#!/bin/sh
# harness.sh: the test harness keeps its promises (issue 9 §1).  The closing
# line counts skips and stays the last line even when a suite fails (make's
# own error line does not follow it); make before ./configure says so once;
# the loopback server makes no name lookup and is waited for by the port it
# prints, and a server that never starts fails with one clear line.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
unset MAKEFLAGS MAKELEVEL MFLAGS MAKEOVERRIDES

# two suites: one passes with a skip, one fails
cat >"$T_TMP/good.sh" <<'SH'
echo "# skip: nothing here to try"
echo "# passed 2 failed 0"
SH
cat >"$T_TMP/bad.sh" <<'SH'
echo "FAIL something"
echo "# passed 1 failed 1"
exit 1
SH
SPACELOCK=/nonexistent BUILD=/nonexistent sh "$top/tests/run.sh" "$T_TMP/good.sh" "$T_TMP/bad.sh" \
	>"$T_TMP/run.out" 2>&1
rc=$?
check "run.sh fails when a suite fails" test $rc -ne 0
last=$(tail -n 1 "$T_TMP/run.out")
check "closing line counts skips: '$last'" test "$last" = "3 passed, 1 failed, 1 skipped"
check "the skip is shown with its suite" grep -qx 'SKIP script/good: nothing here to try' "$T_TMP/run.out"

# make check-only: the summary is still the last line, nothing from make after it
make -s -C "$top" check-only SUITES="$T_TMP/good.sh $T_TMP/bad.sh" BUILD=build \
	>"$T_TMP/make.out" 2>"$T_TMP/make.err"
rc=$?
check "make check fails when a suite fails (exit $rc)" test $rc -ne 0
last=$(cat "$T_TMP/make.out" "$T_TMP/make.err" | tail -n 1)
check "make prints nothing after the summary: '$last'" test "$last" = "3 passed, 1 failed, 1 skipped"
check "no make error line: $(cat "$T_TMP/make.err")" test ! -s "$T_TMP/make.err"
make -s -C "$top" check-only SUITES="$T_TMP/good.sh" BUILD=build >"$T_TMP/make.out" 2>&1
check "make check passes when the suites pass" test $? -eq 0

# before ./configure: one line that says what to do
make -C "$top" --no-print-directory PKG_CONFIG=false BUILD="$T_TMP/b" >"$T_TMP/cfg.out" 2>&1
rc=$?
check "make without pkg-config fails (exit $rc)" test $rc -eq 2
check "one line: $(cat "$T_TMP/cfg.out")" test "$(wc -l <"$T_TMP/cfg.out")" -eq 1
check "says run ./configure first" grep -q 'run ./configure first' "$T_TMP/cfg.out"
PKG_CONFIG_LIBDIR=$T_TMP/none PKG_CONFIG_PATH= make -C "$top" --no-print-directory \
	BUILD="$T_TMP/b" >"$T_TMP/cfg.out" 2>&1
check "missing libraries: the same line" grep -q 'run ./configure first' "$T_TMP/cfg.out"
check "nothing was compiled" test ! -e "$T_TMP/b"

# the server with every name lookup poisoned: it must start and serve on
# both loopback addresses all the same
cat >"$T_TMP/nodns.py" <<'PY'
import runpy, socket, sys
def lookup(*a, **k):
    raise SystemExit("name lookup %r: the test server must make none" % (a,))
for f in ("getfqdn", "gethostbyaddr", "gethostbyname", "gethostbyname_ex", "getnameinfo"):
    setattr(socket, f, lookup)
sys.argv = [sys.argv[1]] + sys.argv[2:]
runpy.run_path(sys.argv[0], run_name="__main__")
PY
python3 "$T_TMP/nodns.py" "$top/tests/server/hubserver.py" --record "$T_TMP/rec" \
	>"$T_TMP/port" 2>"$T_TMP/srv.err" &
pid=$!
if port=$(wait_port "$T_TMP/port" $pid "hubserver.py" 2>"$T_TMP/wait.err"); then
	ok
	for host in 127.0.0.1 127.0.0.2; do
		"$SPACELOCK" index --index-url "http://$host:$port" fetch leaf==1.0 \
			>"$T_TMP/idx.out" 2>&1
		check "served on $host without a name lookup: $(cat "$T_TMP/idx.out" "$T_TMP/srv.err")" \
			grep -q 'leaf' "$T_TMP/idx.out"
	done
else
	not_ok "server with no name lookups: $(cat "$T_TMP/wait.err" "$T_TMP/srv.err")"
fi
kill $pid 2>/dev/null

# a server that dies, and one that never speaks: one clear line each
python3 -c 'import sys; sys.exit("cannot bind")' >"$T_TMP/p1" 2>/dev/null &
if wait_port "$T_TMP/p1" $! "the dead server" >/dev/null 2>"$T_TMP/w1"; then
	not_ok "a dead server gave a port"
else
	check "dead server: one line: $(cat "$T_TMP/w1")" test "$(cat "$T_TMP/w1")" = \
		"the dead server exited before printing its port"
fi
sleep 30 >"$T_TMP/p2" &
pid=$!
if WAIT_PORT_SECONDS=1 wait_port "$T_TMP/p2" $pid "the silent server" >/dev/null 2>"$T_TMP/w2"; then
	not_ok "a silent server gave a port"
else
	check "silent server: one line: $(cat "$T_TMP/w2")" test "$(cat "$T_TMP/w2")" = \
		"the silent server printed no port within 1 s"
fi
kill $pid 2>/dev/null

# make check-fresh: where it cannot run it says so in one line and stops
fresh() { # NAME WANT-TEXT COMMAND...: exit 1 and one line with WANT-TEXT
	name=$1 want=$2
	shift 2
	"$@" >"$T_TMP/fresh.out" 2>&1
	rc=$?
	if [ $rc -eq 1 ] && tail -n 1 "$T_TMP/fresh.out" | grep -qF -- "$want"; then
		ok
	else
		not_ok "check-fresh $name: exit $rc: $(cat "$T_TMP/fresh.out")"
	fi
}
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	# on stdin: the checkout may be in a directory only root can read
	fresh "not root" "cannot run: needs root" \
		setpriv --reuid=65534 --regid=65534 --clear-groups sh -s <"$top/scripts/check-fresh.sh"
elif [ "$(id -u)" != 0 ]; then
	fresh "not root" "cannot run: needs root" sh "$top/scripts/check-fresh.sh"
else
	skip "check-fresh as another user: no setpriv here"
fi
if [ "$(id -u)" = 0 ]; then
	fresh "no debootstrap" "cannot run: no debootstrap here" \
		env PATH="$T_TMP/nopath:/usr/bin:/bin" sh -c 'command -v debootstrap >/dev/null && exit 9; exec sh "$0"' "$top/scripts/check-fresh.sh"
fi
if [ "$(id -u)" = 0 ] && command -v debootstrap >/dev/null 2>&1; then
	fresh "no archive" "cannot run: debootstrap failed (is http://127.0.0.1:1/debian reachable?)" \
		env MIRROR=http://127.0.0.1:1/debian FRESH_ROOT="$T_TMP/root" sh "$top/scripts/check-fresh.sh"
else
	skip "check-fresh without an archive: not root or no debootstrap here"
fi
finish
