#!/bin/sh
# snapshot_bad_inputs.sh: hostile and damaged inputs.  Unreadable or
# malformed input is an error (exit 3) with file[:line[:col]] and leaves no
# lockfile; damaged logs that still read give warnings and a valid lock;
# memory stays bounded on a big log; a lock too large to read back is not
# written.
. "$(dirname "$0")/../lib.sh"
cd "$T_TMP" || exit 2

# expect_fail NAME WANT_EXIT MESSAGE-PART ARGS...: fails, says why, writes nothing
expect_fail() {
	name=$1 want=$2 part=$3
	shift 3
	rm -f lock.json
	"$SPACELOCK" snapshot "$@" -o lock.json >out 2>err
	rc=$?
	if [ $rc -ne "$want" ]; then not_ok "$name: exit $rc, want $want"; cat err; return; fi
	if grep -qF -- "$part" err; then ok; else not_ok "$name: stderr lacks '$part'"; cat err; fi
	if [ ! -e lock.json ] && [ -z "$(ls | grep 'lock.json.tmp')" ]; then ok; else not_ok "$name: left a file"; fi
}

# expect_lock NAME ARGS...: reads with warnings, exits 0 or 1, writes valid JSON
expect_lock() {
	name=$1
	shift
	rm -f lock.json
	"$SPACELOCK" snapshot "$@" -o lock.json >out 2>err
	rc=$?
	if [ $rc -le 1 ] && /usr/bin/python3 -c 'import json,sys; json.load(open("lock.json"))'; then
		ok
	else
		not_ok "$name: exit $rc or invalid JSON"
		cat err
	fi
}

mkdir card
printf '\177ELF\2\1\1\0\0\0\0\0\0\0\0\0\3\0>\0' >binary.log
expect_fail "binary build log" 3 "binary.log" --build-log binary.log
expect_fail "binary freeze" 3 "binary.log" --freeze binary.log
expect_fail "missing build log" 3 "cannot read 'nope.log'" --build-log nope.log
expect_fail "missing site-packages" 3 "no-site" --site-packages no-site
expect_fail "dir without README" 3 "card/README.md" --dir card
printf -- '---\nsdk: gradio\ntitle: a\0b\n---\n' >card/README.md
expect_fail "NUL in README" 3 "card/README.md:3: binary file" --dir card
printf -- '---\nsdk: gradio\ntitle: caf\351\n---\n' >card/README.md
expect_fail "Latin-1 README" 3 "card/README.md:3: invalid front matter" --dir card
printf -- '# Space\n\nno card\n' >card/README.md
expect_fail "README without front matter" 3 "card/README.md:1: no front matter" --dir card
printf -- '---\nsdk: gradio\nsdk_version: [4\n---\n' >card/README.md
expect_fail "broken YAML" 3 "card/README.md:4:1: invalid YAML" --dir card
printf -- '---\nsdk: gradio\n' >card/README.md
expect_fail "front matter not closed" 3 "card/README.md:1: front matter not closed" --dir card
printf 'this is not\na freeze\n' >garbage.txt
expect_fail "garbage freeze" 3 "garbage.txt:1" --freeze garbage.txt

# damaged logs: warnings, a lock, valid JSON (bad bytes become U+FFFD)
log=$(dirname "$0")
{
	printf '===== Build Queued at 2026-05-13 16:49:14 / Commit SHA: 6a05175 =====\n\n'
	printf -- '--> FROM docker.io/library/python:3.13@sha256:f3c3\nDONE 0.0s\n\n'
	printf -- '--> RUN pip install --no-cache-dir -r /tmp/requirements.txt\n'
	printf 'Collecting caf\351==1.0\n'
	printf 'Collecting nul\0byte==1.0\n'
	printf "Requirement already satisfied: six in /usr/local/lib/python3.13/site-packages (1.17.0)\n"
} >damaged.log
expect_lock "NUL and Latin-1 bytes in a log" --build-log damaged.log
if grep -q '"six"' lock.json && grep -q '"python": "3.13"' lock.json; then ok; else not_ok "damaged log still read"; fi

head -c 10485760 /dev/zero | tr '\0' 'x' >longline.log
printf '\nSuccessfully installed six-1.17.0\n' >>longline.log
expect_lock "a 10 MB line" --build-log longline.log
if grep -q '"six"' lock.json; then ok; else not_ok "line after a 10 MB line still read"; fi

printf 'data: {"data": "===== Build Queued at 2026-05-13 16:49:14 / Commit SHA: 6a05175 =====\\n", "timestamp": "t"}\n\ndata: {"data": "Successfully installed six-1.17.0\\n", "timestamp": "t"}\n\n:\n\ndata: {"data": "Collecting cut' >cut.sse
expect_lock "SSE stream cut mid-event" --build-log cut.sse
if grep -q '"six"' lock.json; then ok; else not_ok "SSE events before the cut read"; fi

# a big log (about 9 MB of a real one) in bounded memory (the streaming
# reader never holds the whole log)
real="$OLDPWD/examples/repin-history/build.log"
[ -f "$real" ] || real="$(cd "$(dirname "$0")/../.." && pwd)/examples/repin-history/build.log"
i=0
while [ $i -lt 12 ]; do cat "$real" "$real" "$real" "$real" "$real" "$real" "$real" "$real"; i=$((i + 1)); done >chunk.log
j=0
while [ $j -lt 40 ]; do cat chunk.log; j=$((j + 1)); done >big.log
# (ASan's shadow memory and quarantine make RSS meaningless in SAN builds)
if [ -x /usr/bin/time ] && ! grep -q __asan_init "$SPACELOCK" 2>/dev/null; then
	/usr/bin/time -f '%M' -o rss.txt "$SPACELOCK" -q snapshot --build-log big.log -o lock.json
	rss=$(tail -n 1 rss.txt)
	echo "# peak RSS ${rss} kB for a $(wc -c <big.log)-byte log"
	if [ "$rss" -lt 65536 ]; then ok; else not_ok "peak RSS ${rss} kB on a $(wc -c <big.log)-byte log"; fi
else
	"$SPACELOCK" -q snapshot --build-log big.log -o lock.json
	[ $? -le 1 ] && ok || not_ok "big log"
fi

# a lock larger than any reader accepts (SL_LOCKFILE_MAX_BYTES) is refused:
# exit 4, why, no file.  A 3.8 KB path is each package's evidence source,
# so 17,000 short freeze lines make a 68 MB lock (the size at the limit is
# tested in t_lockfile, which writes one and reads it back).
d=$(printf '%0250d' 0 | tr 0 d)
deep=deep
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do deep="$deep/$d"; done
mkdir -p "$deep"
awk 'BEGIN { for (i = 0; i < 17000; i++) printf "p%d==1.0\n", i }' >"$deep/f.txt"
expect_fail "lock over the size limit" 4 "would be larger than 64 MiB" --freeze "$deep/f.txt"
rm -rf deep

# an unwritable place: exit 4, nothing left behind
mkdir ro && chmod 555 ro
printf '[{"name": "six", "version": "1.17.0"}]\n' >f.json
"$SPACELOCK" -q snapshot --freeze f.json -o ro/lock.json 2>err
rc=$?
if [ "$(id -u)" = 0 ]; then
	ok # root writes anywhere; the missing-directory case below still runs
else
	if [ $rc -eq 4 ] && [ -z "$(ls ro)" ]; then ok; else not_ok "read-only dir: exit $rc"; fi
fi
"$SPACELOCK" -q snapshot --freeze f.json -o no/such/dir/lock.json 2>err
rc=$?
if [ $rc -eq 4 ] && [ ! -e no ]; then ok; else not_ok "missing dir: exit $rc"; fi
chmod 755 ro
finish
