#!/bin/sh
# cli_options.sh: the command line users expect (issue 9).  Every verb takes
# its options before or after its operands, "--" ends the options, the
# global options (-C DIR, -q, -v, --json, --offline) work after the verb
# too, and a bad option is one usage line.  Offline: the Hub verbs are
# stopped by --offline, which proves their operands were read right (the
# loopback cases are in hub_fetch.sh, hub_index.sh and hub_snapshot.sh).
# Also: a unique prefix of a long option is that option and an ambiguous
# one is refused with the candidates; -h in a cluster (-vh) is help;
# --stdin errors name their line of standard input.
. tests/lib.sh
S=$SPACELOCK
F=tests/fixtures
LOG=$F/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log
WHEEL=$F/check/wheels/anyio-4.6.0-py3-none-any.whl

# run NAME WANT_EXIT COMMAND...: stdout in $T_TMP/out, stderr in $T_TMP/err
run() {
	name=$1 want=$2
	shift 2
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	rc=$?
	if [ "$rc" = "$want" ]; then
		ok
	else
		not_ok "$name: exit $rc, want $want: $(head -c 300 "$T_TMP/err")"
	fi
}
# has NAME out|err EXTENDED-REGEX: the last run printed a matching line
has() {
	if grep -Eq -- "$3" "$T_TMP/$2"; then ok; else not_ok "$1: no /$3/ in $2: $(head -c 300 "$T_TMP/$2")"; fi
}
same() { # NAME FILE-A FILE-B
	if cmp -s "$2" "$3"; then ok; else not_ok "$1: outputs differ"; fi
}

# ---- options after operands, verb by verb ----
run "log FILE --json" 0 $S log "$LOG" --json
has "log FILE --json is JSON" out '^\{"source":'
cp "$T_TMP/out" "$T_TMP/log.json"
run "log --json FILE" 0 $S log --json "$LOG"
same "log: same output either way" "$T_TMP/out" "$T_TMP/log.json"
run "log FILE --run" 0 $S log "$LOG" --run --json
has "log --run read a run log" out '"kind":"run"'

run "check LOCK -v --offline" 0 $S check $F/check/space-ok.json -v --offline
has "check LOCK -v --offline" err 'packages consistent'
run "check LOCK --json --python 3.10" 1 $S check $F/check/space-ok.json --offline --json --python 3.10
has "check LOCK --json --python" out '^\{"consistent":false,"python":"3.10"'

run "metadata PATH --json" 0 $S metadata "$WHEEL" --json
has "metadata PATH --json" out '"name":"anyio"'
run "metadata --json -- PATH" 0 $S metadata --json -- "$WHEEL"
has "metadata -- PATH" out '"name":"anyio"'

run "snapshot --freeze F -o OUT -q" 1 $S snapshot --freeze $F/pip/index.freeze.txt -o "$T_TMP/a.json" -q
run "snapshot -o OUT --freeze F --json" 1 $S snapshot -o "$T_TMP/b.json" --freeze $F/pip/index.freeze.txt --json
has "snapshot ... --json" out '^\{"output":'
same "snapshot: same lock either order" "$T_TMP/a.json" "$T_TMP/b.json"
run "snapshot OWNER/NAME -o X --offline" 5 $S snapshot owner/space -o "$T_TMP/c.json" --offline
has "snapshot OWNER/NAME then options" err "cannot fetch 'owner/space' offline"
run "fetch OWNER/NAME DIR --revision R --offline" 5 $S fetch owner/space "$T_TMP/d" --revision main --offline
has "fetch OWNER/NAME DIR then options" err "cannot fetch 'owner/space' offline"
run "index fetch N==V --offline --cache-dir D" 7 $S index fetch zzz==1.0 --offline --cache-dir "$T_TMP/cache"
has "index fetch then options" err "'zzz==1.0' is not in the index cache"

run "version match SPEC V --prereleases false" 0 $S version match '>=1' 2.0a1 --prereleases false
has "version --prereleases after" out '^false$'
run "version --json compare A B" 0 $S version --json compare 1.0 2.0
has "version --json before the subcommand" out '^\{"result":"<"\}$'
run "version compare -- -1 2" 3 $S version compare -- -1 2
has "version: -- makes -1 an operand" err "invalid version '-1'"

run "name normalize N --json" 0 $S name normalize Foo_Bar --json
has "name N --json" out '^\{"name":"foo-bar"\}$'
run "name normalize -- -x" 3 $S name normalize -- -x
has "name: -- makes -x an operand" err "invalid project name '-x'"

run "marker eval M --python 3.8" 0 $S marker eval 'python_version < "3.9"' --python 3.8
has "marker --python after" out '^true$'
run "marker --python 3.8 eval M" 0 $S marker --python 3.8 eval 'python_version < "3.9"'
has "marker --python before" out '^true$'
run "marker normalize M --python" 2 $S marker normalize 'os_name=="nt"' --python 3.8
has "marker normalize refuses --python" err 'normalize takes only --stdin'

run "requirement parse R --json" 0 $S requirement parse 'foo>=1' --json
has "requirement R --json" out '"name":"foo"'
run "requirement parse -- -r" 3 $S requirement parse -- '-r x.txt'
echo 'foo' >"$T_TMP/req"
run "requirement parse --stdin after" 0 sh -c "$S requirement parse --stdin --json <'$T_TMP/req'"
has "requirement --stdin --json" out '^\{"name":"foo"'

run "help VERB -q" 0 $S help log -q
has "help VERB -q" out '^usage: spacelock log'

# ---- global options after the verb ----
mkdir "$T_TMP/sub"
cp "$LOG" "$T_TMP/sub/build.log"
run "-C DIR after the verb" 0 $S log build.log -C "$T_TMP/sub"
has "-C after the verb" out '^build.log: build log'
run "-C after the verb, bad DIR" 2 $S log build.log -C "$T_TMP/none"
has "-C bad DIR" err "cannot change to '.*none'"
run "-q after the verb" 1 $S snapshot --freeze $F/pip/index.freeze.txt -o "$T_TMP/q.json" -q
if [ -s "$T_TMP/err" ]; then not_ok "-q after the verb: stderr not empty"; else ok; fi
run "--quiet after the verb" 1 $S snapshot --freeze $F/pip/index.freeze.txt -o "$T_TMP/q.json" --quiet
if [ -s "$T_TMP/err" ]; then not_ok "--quiet after the verb: stderr not empty"; else ok; fi
run "-v after the verb" 1 $S check $F/check/space-broken.json --offline -v
run "--verbose after the verb" 1 $S check $F/check/space-broken.json --offline --verbose
run "--offline after the verb" 5 $S fetch owner/space "$T_TMP/e" --offline

# ---- "--", "-" and odd operands ----
cp "$LOG" "$T_TMP/--json"
(cd "$T_TMP" && $S log -- --json) >"$T_TMP/out" 2>"$T_TMP/err"
if grep -q '^--json: build log' "$T_TMP/out"; then ok; else not_ok "-- makes --json a file name"; fi
run "-o - is a value" 1 $S snapshot --freeze $F/pip/index.freeze.txt -o - -q
has "-o - writes the lock to stdout" out '"lockfile_version"'
run "--help after operands" 0 $S log "$LOG" --help
has "--help after operands" out '^usage: spacelock log'
run "--help after -- is an operand" 3 $S log -- --help

# ---- POSIXLY_CORRECT does not turn the order back on ----
run "POSIXLY_CORRECT log FILE --json" 0 env POSIXLY_CORRECT=1 $S log "$LOG" --json
has "POSIXLY_CORRECT" out '^\{"source":'

# ---- bad options: one usage line naming them, wherever they are ----
run "unknown option after operands" 2 $S log "$LOG" --bogus
has "unknown long option" err "^spacelock log: unknown option '--bogus'$"
run "unknown short option" 2 $S metadata "$WHEEL" -Z
has "unknown short option" err "^spacelock metadata: unknown option '-Z'$"
run "missing value" 2 $S check --python
has "missing value" err "^spacelock check: option '--python' needs a value$"
run "value for a flag" 2 $S log "$LOG" --json=yes
has "value for a flag" err "^spacelock log: option '--json' takes no value$"
run "bad option before the verb" 2 $S --bogus log "$LOG"
has "bad option before the verb" err "^spacelock: unknown option '--bogus'$"

# ---- abbreviations: a unique prefix is the option, a prefix of several is refused ----
run "a unique prefix" 0 $S log "$LOG" --js
has "a unique prefix: --json" out '^\{"source":'
run "an ambiguous prefix" 2 $S duplicate --t 5 demo/a me/b
has "an ambiguous prefix: the candidates" err "^spacelock duplicate: option '--t' is ambiguous: --timeout, --token-file\$"
run "an ambiguous prefix with a value" 2 $S snapshot --re=2024-01-01 examples/repin-history
has "an ambiguous prefix with a value: cut at '='" err "^spacelock snapshot: option '--re' is ambiguous: --revision, --reconstruct\$"
# --secret is a unique prefix of duplicate's --secrets-file: NAME=VALUE
# there would be read as a file name and echoed; it is refused unseen
run "--secret NAME=VALUE" 2 $S duplicate --secret OPENAI_API_KEY=sk-ValueOnTheCommandLine demo/a me/b
has "--secret NAME=VALUE: says why" err "^spacelock duplicate: --secrets-file takes a FILE of NAME=VALUE lines, not a value"
check "--secret NAME=VALUE: the value is not echoed" sh -c "! grep -q sk-ValueOnTheCommandLine '$T_TMP/err'"
run "--secrets-file=NAME=VALUE" 2 $S duplicate --secrets-file=K=sk-Value2 demo/a me/b
check "--secrets-file=NAME=VALUE: not echoed" sh -c "! grep -q sk-Value2 '$T_TMP/err'"

# ---- -h in a cluster is help, as -h alone ----
for verb in log check duplicate; do
	$S "$verb" -h >"$T_TMP/h1" 2>&1
	run "$verb -vh" 0 $S "$verb" -vh
	same "$verb -vh is $verb -h" "$T_TMP/h1" "$T_TMP/out"
done
run "-qh after operands" 0 $S log "$LOG" -qh
has "-qh after operands" out '^usage: spacelock log'
run "-vh before the verb" 0 $S -vh
has "-vh before the verb: the main help" out '^usage: spacelock'
run "-oh is -o with the value h" 1 $S snapshot -q --freeze $F/pip/index.freeze.txt -oh
check "-oh wrote the lock to 'h'" test -s h
rm -f h

# ---- --stdin: each error names its line of standard input ----
printf 'os_name == "posix"\t{"os_name": "nt"}\nos_name == "posix"\t{"os_name": 1}\nos_name == "posix"\t{"os_name": "nt",\n' \
	>"$T_TMP/cases"
run "marker eval --stdin" 0 sh -c "$S marker eval --stdin <'$T_TMP/cases'"
has "--stdin: a good case" out '^false$'
has "--stdin: a wrong type, at its key" out "^error: <stdin>:2:21: environment key 'os_name' needs a string\$"
has "--stdin: broken JSON, at its end" out "^error: <stdin>:3:36: invalid JSON\$"
run "--env: broken JSON, placed" 2 $S marker eval --env '{"os_name": "nt",' 'os_name == "nt"'
has "--env: broken JSON, placed" err "^spacelock marker: --env:1:17: invalid JSON\$"
run "--env: not an object, placed" 2 $S marker eval --env ' [1]' 'os_name == "nt"'
has "--env: not an object, placed" err "^spacelock marker: --env:1:2: environment JSON: expected an object\$"

# ---- defaults in a Space checkout ----
mkdir "$T_TMP/space"
cp examples/repin-history/README.md examples/repin-history/requirements.txt "$T_TMP/space/"
run "snapshot in a checkout" 1 $S -C "$T_TMP/space" snapshot -o default.json
has "snapshot says it reads --dir ." err '^snapshot: no input given: reading the Space checkout in this directory \(--dir \.\)$'
run "snapshot --dir ." 1 $S -C "$T_TMP/space" snapshot --dir . -o dir.json
same "the default is --dir ." "$T_TMP/space/default.json" "$T_TMP/space/dir.json"
run "check without a lock" 2 $S -C "$T_TMP/space" check
has "check says how to make one" err "^spacelock: no spacelock.json here: make one with 'spacelock snapshot'"

# ---- snapshot DIR: an operand that is a local directory is --dir DIR ----
run "snapshot --dir DIR/" 1 $S snapshot -q --dir "$T_TMP/space/" -o "$T_TMP/opt.json"
run "snapshot DIR/" 1 $S snapshot -q "$T_TMP/space/" -o "$T_TMP/operand.json"
same "snapshot DIR/ reads DIR/ as --dir" "$T_TMP/opt.json" "$T_TMP/operand.json"
run "snapshot examples/repin-history/" 1 $S snapshot examples/repin-history/ -o "$T_TMP/ex.json"
has "a plain directory: no note" err '^snapshot: [0-9]+ packages? locked'
# owner/name that is also a local directory: the directory when it holds a
# Space checkout (and no Hub option is given), else the Hub; stderr says which
mkdir -p "$T_TMP/names/demo/space" "$T_TMP/names/demo/empty"
cp "$T_TMP/space/README.md" "$T_TMP/names/demo/space/"
run "owner/name, a local checkout" 1 $S --offline -C "$T_TMP/names" snapshot demo/space -o lock.json
has "the checkout was chosen, and said" err "^snapshot: 'demo/space' is a local Space checkout: reading it \(--dir demo/space\)"
run "owner/name, a directory without a card" 5 $S --offline -C "$T_TMP/names" snapshot demo/empty
has "the Hub was chosen, and said" err "^snapshot: 'demo/empty' is also a local directory: it holds no README.md"
has "the Hub was asked" err "cannot fetch 'demo/empty' offline"
run "owner/name with --revision" 5 $S --offline -C "$T_TMP/names" snapshot demo/space --revision v1
has "--revision names the Hub" err "^snapshot: 'demo/space' is also a local directory: --revision or --token-file names the Hub"
run "-q: no note" 1 $S -q --offline -C "$T_TMP/names" snapshot demo/space -o lock.json
check "-q: no note on stderr" test ! -s "$T_TMP/err"

# ---- a failed write to stdout: one error line with the cause, exit 4 ----
if [ -c /dev/full ]; then
	for cmd in "--help" "version normalize 1.0" "log $LOG" "metadata $WHEEL" \
		"snapshot --freeze $F/pip/index.freeze.txt -o -" "--json name normalize Flask"; do
		run "$cmd > /dev/full" 4 sh -c "$S $cmd >/dev/full"
		has "$cmd > /dev/full: the cause" err '^spacelock: error: cannot write to standard output: No space left on device$'
		check "$cmd > /dev/full: one line" test "$(grep -c . "$T_TMP/err")" -eq 1
	done
	seq 1 20000 | sed 's/^/1.0./' >"$T_TMP/versions"
	run "version --stdin, more than a buffer, > /dev/full" 4 sh -c "$S version normalize --stdin <'$T_TMP/versions' >/dev/full"
	has "version --stdin > /dev/full: the cause" err 'cannot write to standard output: No space left on device$'
else
	echo "# skip: a failed write to stdout: no /dev/full here"
fi

# ---- help: the same text however it is asked, for every verb ----
for verb in $($S --help | sed -n 's/^  \([a-z]*\)  .*/\1/p'); do
	$S help "$verb" >"$T_TMP/h1" 2>&1
	$S "$verb" --help >"$T_TMP/h2" 2>&1
	$S "$verb" -h >"$T_TMP/h3" 2>&1
	if grep -q "^usage: spacelock $verb" "$T_TMP/h1" && cmp -s "$T_TMP/h1" "$T_TMP/h2" &&
		cmp -s "$T_TMP/h1" "$T_TMP/h3"; then ok; else not_ok "help of '$verb' differs"; fi
done
finish
