#!/bin/sh
# cleanup_signals.sh: nothing left behind (issue 11).  SIGINT, SIGTERM and
# SIGHUP during a Hub fetch or a lockfile write remove the temporaries and
# end the run by the same signal (exit 128+n); a signal ignored when
# spacelock started stays ignored; a later run removes the temporaries a
# killed run (kill -9) left, and nothing else; a full disk is exit 4 with
# the cause, and no debris.
. tests/lib.sh
. tests/server/start.sh
S=$SPACELOCK
F=tests/fixtures
export TMPDIR=$T_TMP/tmp
mkdir -p "$TMPDIR" "$T_TMP/w"
# the Hub's log streams send news until the signal comes
export SPACELOCK_LOG_MAX_TIME=60
FOREVER=$HUB/fault/logforever
export HF_ENDPOINT=$HUB
# an ASan build must accept the fsync shim loaded before its runtime
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# wait_file GLOB: up to 10 s for a non-empty file matching GLOB
wait_file() {
	i=0
	while [ $i -lt 200 ]; do
		for f in $1; do
			[ -s "$f" ] && return 0
		done
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# interrupt NAME SIGNAL WANT_EXIT WHERE -- COMMAND...: runs COMMAND in the
# background with the signals at their default (a background job of sh
# starts with SIGINT ignored), waits until a log is streaming into a
# temporary directory under WHERE, sends SIGNAL, and checks the exit status
interrupt() {
	name=$1 sig=$2 want=$3 where=$4
	shift 5
	env --default-signal=HUP,INT,TERM "$@" >"$T_TMP/out" 2>"$T_TMP/err" &
	pid=$!
	check "$name: a log was streaming into a temporary directory" \
		wait_file "$where/.spacelock-hub-*/build.log"
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	check "$name: exit $rc, want $want (128+n, ended by the signal)" test "$rc" -eq "$want"
}

# ---- a signal during a Hub fetch ----
interrupt "SIGINT during snapshot OWNER/NAME" INT 130 "$TMPDIR" -- \
	env HF_ENDPOINT=$FOREVER $S snapshot demo/repin-history -o "$T_TMP/w/lock.json"
check "SIGINT: no temporary directory left in TMPDIR" test -z "$(ls -A "$TMPDIR")"
check "SIGINT: no lockfile" test ! -e "$T_TMP/w/lock.json"

interrupt "SIGTERM during fetch into a new DIR" TERM 143 "$T_TMP/w/new" -- \
	env HF_ENDPOINT=$FOREVER $S fetch demo/repin-history "$T_TMP/w/new"
check "SIGTERM: the DIR fetch created is gone with its temporaries" test ! -e "$T_TMP/w/new"

mkdir "$T_TMP/w/mine"
echo keep >"$T_TMP/w/mine/notes.txt"
interrupt "SIGHUP during fetch into an existing DIR" HUP 129 "$T_TMP/w/mine" -- \
	env HF_ENDPOINT=$FOREVER $S fetch demo/repin-history "$T_TMP/w/mine"
check "SIGHUP: the user's DIR and file stay, nothing else" \
	test "$(ls -A "$T_TMP/w/mine")" = notes.txt
rmdir "$T_TMP/w/mine" 2>/dev/null || rm -r "$T_TMP/w/mine"

# a signal ignored when spacelock started (nohup, a background job) stays
# ignored: sh starts this background job with SIGINT ignored
HF_ENDPOINT=$FOREVER $S snapshot demo/repin-history -o "$T_TMP/w/lock.json" \
	>"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
check "ignored SIGINT: fetching" wait_file "$TMPDIR/.spacelock-hub-*/build.log"
kill -INT "$pid"
sleep 0.3
check "ignored SIGINT: still running" kill -0 "$pid"
kill -TERM "$pid"
wait "$pid"
check "ignored SIGINT: then SIGTERM ends it, 143" test $? -eq 143
check "ignored SIGINT: nothing left" test -z "$(ls -A "$TMPDIR")"

# ---- a signal during a lockfile write ----
if cc -shared -fPIC -o "$T_TMP/fsync_signal.so" tests/scripts/fsync_signal.c -ldl 2>"$T_TMP/cc"; then
	printf 'old lock\n' >"$T_TMP/w/keep.json"
	env --default-signal=TERM LD_PRELOAD="$T_TMP/fsync_signal.so" SPACELOCK_TEST_FSYNC_SIGNAL=15 \
		$S snapshot --freeze $F/pip/index.freeze.txt -o "$T_TMP/w/keep.json" \
		>"$T_TMP/out" 2>"$T_TMP/err"
	check "SIGTERM in the write: exit $?, want 143" test $? -eq 143
	check "SIGTERM in the write: no keep.json.tmp.* left" \
		test "$(ls -A "$T_TMP/w")" = keep.json
	check "SIGTERM in the write: the old lock untouched" grep -qx 'old lock' "$T_TMP/w/keep.json"
	rm "$T_TMP/w/keep.json"
else
	echo "# skip: signal during a lockfile write: cannot build the fsync shim: $(head -n 1 "$T_TMP/cc")"
fi

# ---- what a killed run (kill -9) left, the next run removes ----
old() { touch -d '1 hour ago' "$@"; }
mkdir -p "$TMPDIR/.spacelock-hub-Dead01" "$TMPDIR/.spacelock-hub-NotUs1" "$TMPDIR/.spacelock-hub-Live01"
: >"$TMPDIR/.spacelock-hub-Dead01/build.log"
: >"$TMPDIR/.spacelock-hub-Dead01/README.md.tmp.AbC123"
: >"$TMPDIR/.spacelock-hub-NotUs1/notes.txt"
mkdir "$TMPDIR/.spacelock-hub-short"
: >"$T_TMP/w/lock.json.tmp.Dead01"
: >"$T_TMP/w/lock.json.tmp.Live01"
: >"$T_TMP/w/lock.json.tmp.toolong1"
: >"$T_TMP/w/other.json.tmp.Dead01"
old "$TMPDIR"/.spacelock-hub-*/* "$TMPDIR"/.spacelock-hub-* "$T_TMP"/w/*
: >"$T_TMP/w/lock.json.tmp.New001"
touch -d "1 hour" "$T_TMP/w/lock.json.tmp.New001" # changed after the next run started
# a live run holds its temporaries' locks
flock "$T_TMP/w/lock.json.tmp.Live01" sleep 30 &
lock1=$!
flock "$TMPDIR/.spacelock-hub-Live01" sleep 30 &
lock2=$!
sleep 0.3
expect "the next run" 1 "" env HF_ENDPOINT=$HUB $S snapshot demo/repin-history -o "$T_TMP/w/lock.json"
check "stale hub directory removed" test ! -e "$TMPDIR/.spacelock-hub-Dead01"
check "a directory holding a file not ours kept" test -e "$TMPDIR/.spacelock-hub-NotUs1/notes.txt"
check "a live run's directory kept" test -d "$TMPDIR/.spacelock-hub-Live01"
check "a name not ours kept" test -d "$TMPDIR/.spacelock-hub-short"
check "stale lock.json temporary removed" test ! -e "$T_TMP/w/lock.json.tmp.Dead01"
check "a live run's temporary kept" test -e "$T_TMP/w/lock.json.tmp.Live01"
check "another file's temporary kept" test -e "$T_TMP/w/other.json.tmp.Dead01"
check "a name not ours kept" test -e "$T_TMP/w/lock.json.tmp.toolong1"
check "a temporary newer than the run kept" test -e "$T_TMP/w/lock.json.tmp.New001"
kill $lock1 $lock2 2>/dev/null
wait $lock1 $lock2 2>/dev/null

# ---- a full disk: exit 4 with the cause, nothing left ----
# a 4 KiB tmpfs in a mount namespace of our own (root, or a user namespace)
mkdir "$T_TMP/small" "$T_TMP/res"
unshare -rm sh -c '
	mount -t tmpfs -o size=4k tmpfs "$1" || exit 99
	TMPDIR=$1 "$2" snapshot demo/repin-history -o "$3/l1.json" >"$3/o1" 2>"$3/e1"
	echo $? >"$3/rc1"
	ls -A "$1" >"$3/left1"
	"$2" fetch demo/repin-history "$1/d" >"$3/o2" 2>"$3/e2"
	echo $? >"$3/rc2"
	ls -A "$1" >"$3/left2"
	head -c 4096 /dev/zero >"$1/fill"
	"$2" snapshot --freeze "$4" -o "$1/l3.json" >"$3/o3" 2>"$3/e3"
	echo $? >"$3/rc3"
	rm "$1/fill"
	ls -A "$1" >"$3/left3"
' sh "$T_TMP/small" "$S" "$T_TMP/res" "$F/pip/index.freeze.txt" 2>"$T_TMP/unshare"
rc=$?
if [ $rc -eq 0 ]; then
	for i in 1 2 3; do
		check "full disk $i: exit $(cat "$T_TMP/res/rc$i"), want 4" test "$(cat "$T_TMP/res/rc$i")" -eq 4
		check "full disk $i: one line with the cause: $(cat "$T_TMP/res/e$i")" \
			test "$(grep -c . "$T_TMP/res/e$i")" -eq 1 -a \
			"$(grep -c 'No space left on device' "$T_TMP/res/e$i")" -eq 1
		check "full disk $i: nothing left: $(cat "$T_TMP/res/left$i")" test ! -s "$T_TMP/res/left$i"
	done
else
	echo "# skip: full disk: cannot mount a small tmpfs here (unshare -rm: $(head -n 1 "$T_TMP/unshare"))"
fi

finish
