#!/bin/sh
# snapshot_inputs.sh: the lock says exactly what was read and refuses what
# is wrong (issue 9 §4, issue 11).  A requirements file that is binary, a
# FIFO or a device is refused (exit 3, no lock) at once; an empty input is
# named in a warning; the index options of requirements.txt are recorded
# (never a password); inputs that contradict each other are said, with the
# input the lock followed; a lock edited into nonsense is refused with its
# JSON path.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$T_TMP" || exit 2
S=$SPACELOCK

# run NAME WANT_EXIT ARGS...: snapshot with a time bound; out, err, rc
run() {
	name=$1 want=$2
	shift 2
	rm -f lock.json
	timeout 20 "$S" snapshot "$@" -o lock.json >out 2>err
	rc=$?
	if [ $rc -eq "$want" ]; then ok; else not_ok "$name: exit $rc, want $want: $(cat err)"; fi
}
has() { # NAME FILE TEXT: FILE contains TEXT
	if grep -qF -- "$3" "$2"; then ok; else not_ok "$1: no '$3' in $2: $(cat "$2")"; fi
}
no_lock() { if [ ! -e lock.json ] && ! ls | grep -q 'lock.json.tmp'; then ok; else not_ok "$1: a lock was written"; fi; }

mkdir sp
printf -- '---\nsdk: gradio\nsdk_version: 4.31.0\npython_version: "3.10"\n---\n' >sp/README.md

# binary requirements: refused like a binary log
printf 'flask==3.0.0\nnumpy\000==1.0\n' >sp/requirements.txt
run "NUL in requirements" 3 --dir sp
has "NUL said with its line" err "sp/requirements.txt:2: binary file (a NUL byte), not a requirements file"
no_lock "NUL in requirements"
/usr/bin/python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(0x80, 0x100)) * 20)' >sp/requirements.txt
run "binary requirements" 3 --dir sp
has "binary said" err "sp/requirements.txt: binary data, not a requirements file (2560 of 2560 bytes are not text)"
no_lock "binary requirements"
printf '# caf\351 au lait: a Latin-1 comment\nflask==3.0.0\n' >sp/requirements.txt
run "a Latin-1 comment is still text" 1 --dir sp

# not a regular file: refused at once, never waited on
rm sp/requirements.txt
mkfifo sp/requirements.txt
run "FIFO requirements" 3 --dir sp
has "FIFO said" err "cannot read 'sp/requirements.txt': a FIFO, not a regular file"
no_lock "FIFO requirements"
rm sp/requirements.txt
ln -s /dev/zero sp/requirements.txt
run "device requirements" 3 --dir sp
has "device said" err "a character device, not a regular file"
rm sp/requirements.txt

# a FIFO as a build log, run log or freeze: refused at once (the open does
# not wait for a writer); "-" is the way to pipe one in
mkfifo fifo.log
printf 'flask==3.0.0\n' >sp/requirements.txt
run "FIFO build log" 3 --dir sp --build-log fifo.log
has "FIFO build log said" err "cannot read 'fifo.log': a FIFO, not a regular file"
no_lock "FIFO build log"
run "FIFO run log" 3 --dir sp --run-log fifo.log
has "FIFO run log said" err "cannot read 'fifo.log': a FIFO, not a regular file"
run "FIFO freeze" 3 --freeze fifo.log
has "FIFO freeze said" err "cannot read 'fifo.log': a FIFO, not a regular file"
no_lock "FIFO freeze"
timeout 20 "$S" log fifo.log >out 2>err
rc=$?
if [ $rc -eq 3 ]; then ok; else not_ok "log FIFO: exit $rc, want 3: $(cat err)"; fi
has "log FIFO said" err "cannot read 'fifo.log': a FIFO, not a regular file"
printf 'flask==3.0.0\n' | timeout 20 "$S" snapshot --freeze - -o lock.json >out 2>err
rc=$?
if [ $rc -eq 0 ] || [ $rc -eq 1 ]; then ok; else not_ok "freeze from a pipe as '-': exit $rc: $(cat err)"; fi
rm -f fifo.log sp/requirements.txt

mkdir fifocard
mkfifo fifocard/README.md
(cd fifocard && timeout 20 "$S" snapshot -o ../lock.json >/dev/null 2>&1)
rc=$?
if [ $rc -eq 2 ]; then ok; else not_ok "a FIFO README in the current directory: exit $rc, want 2 (not a checkout)"; fi

# an empty input is named
: >sp/requirements.txt
: >empty.log
run "empty inputs" 1 --dir sp --build-log empty.log
has "empty requirements named" err "sp/requirements.txt: the file is empty"
has "empty log named" err "empty.log: the file is empty"

# index options are recorded; a password written in a URL is not
cat >sp/requirements.txt <<'REQ'
--index-url https://download.pytorch.org/whl/cpu
--extra-index-url https://deploy:s3cr3tpw@pypi.example.org/simple
--extra-index-url https://${PIP_USER}:${PIP_TOKEN}@other.example.org/simple
-f https://download.pytorch.org/whl/torch_stable.html
--pre
--trusted-host pypi.example.org
torch==2.1.0+cpu
REQ
run "index options" 1 --dir sp
/usr/bin/python3 - lock.json >idx.txt <<'PY'
import json, sys
print(json.dumps(json.load(open(sys.argv[1])).get("index"), sort_keys=True))
PY
has "index recorded" idx.txt '{"extra_index_urls": ["https://deploy@pypi.example.org/simple", "https://${PIP_USER}:${PIP_TOKEN}@other.example.org/simple"], "find_links": ["https://download.pytorch.org/whl/torch_stable.html"], "index_url": "https://download.pytorch.org/whl/cpu", "no_index": false, "pre": true, "trusted_hosts": ["pypi.example.org"]}'
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	check "the lock with index options matches docs/lockfile.schema.json" /usr/bin/python3 -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open("lock.json")), json.load(open(sys.argv[1])))
' "$top/docs/lockfile.schema.json"
else
	skip "no python3-jsonschema: the lock with index options is not validated against the schema"
fi
if grep -q s3cr3tpw lock.json out err; then not_ok "the password was stored or printed"; else ok; fi
has "password not stored: said" err "sp/requirements.txt:2: the password in --extra-index-url's URL is not stored in the lock"
"$S" check --offline --python 3.10 lock.json >/dev/null 2>err2
[ $? -le 1 ] && ok || not_ok "a lock with index options reads back: $(cat err2)"
printf 'flask==3.0.0\n' >sp/requirements.txt
run "no index options" 1 --dir sp
if grep -q '"index"' lock.json; then not_ok "an index member without options"; else ok; fi

# contradicting inputs: which disagree, which the lock followed
{
	printf '===== Build Queued at 2026-05-13 16:49:14 / Commit SHA: 6a05175 =====\n\n'
	printf -- '--> FROM docker.io/library/python:3.10@sha256:f3c3\nDONE 0.0s\n\n'
	printf -- '--> RUN pip install --no-cache-dir -r /tmp/requirements.txt\n'
	printf 'Successfully installed blinker-1.8.2 flask-3.0.0\n'
} >build.log
printf 'flask==3.0.0\n' >freeze.txt
printf '===== Application Startup at 2026-05-12 09:00:00 =====\n\nRunning on local URL:  http://0.0.0.0:7860\n' >run.log
run "contradicting inputs" 1 --build-log build.log --freeze freeze.txt --run-log run.log
has "freeze lacks a package" err "'blinker': build.log:7 installed 1.8.2 but freeze.txt does not list it: the two inputs are not of the same environment; the lock follows build.log"
has "run log of an earlier build" err "run.log started the Space at 2026-05-12 09:00:00, before build.log was queued (2026-05-13 16:49:14): the two logs are of different builds; the lock follows build.log"
has "blinker kept" lock.json '"name": "blinker"'
printf 'blinker==1.8.2\nflask==3.0.0\n' >freeze.txt
printf '===== Application Startup at 2026-05-13 16:56:02 =====\n' >run.log
run "agreeing inputs" 1 --build-log build.log --freeze freeze.txt --run-log run.log
if grep -q "not of the same environment\|different builds" err; then not_ok "agreeing inputs warned: $(cat err)"; else ok; fi

# a lock edited by hand: refused with the file and the JSON path
printf 'flask==3.0.0\n' >sp/requirements.txt
run "a lock to edit" 1 --dir sp --freeze freeze.txt
edit() { # PYTHON-STATEMENT on lock "l": writes bad.json
	/usr/bin/python3 -c "import json; l = json.load(open('lock.json')); $1; json.dump(l, open('bad.json', 'w'))"
}
refused() { # NAME MESSAGE
	"$S" check --offline bad.json >out 2>err
	rc=$?
	if [ $rc -eq 3 ] && grep -qF -- "$2" err; then ok; else not_ok "$1: exit $rc: $(cat err)"; fi
}
edit 'l["packages"][1]["version"] = "not a version"'
refused "bad version" "bad.json: 'packages[1].version': 'not a version' is not a PEP 440 version"
edit 'l["packages"][0]["name"] = "Bad Name!"'
refused "bad name" "bad.json: 'packages[0].name': 'Bad Name!' is not a valid package name"
edit 'l["lockfile_version"] = "2"'
refused "version as a string" "bad.json: 'lockfile_version': must be a number like 2, not a string"
edit 'l["lockfile_version"] = 2.5'
refused "version 2.5" "bad.json: 'lockfile_version': version 2.5 is not supported"
edit 'l["runtime"]["python"] = "three"'
refused "python three" "bad.json: 'runtime.python': 'three' is not a Python version"
sed 's/"lockfile_version": 2,/"lockfile_version": 2, "lockfile_version": 3,/' lock.json >bad.json
refused "duplicate key" "bad.json:19:26: key 'lockfile_version' appears twice in the top-level object"
{ cat lock.json; echo '{}'; } >bad.json
refused "trailing garbage" "text after the end of the JSON document"
finish
