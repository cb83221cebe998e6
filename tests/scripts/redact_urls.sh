#!/bin/sh
# redact_urls.sh: a password written in a URL (a requirement's direct or
# VCS URL, --index-url, -f, a log line, a URL given on the command line) is
# never printed, logged or stored: each path that echoes or stores a URL
# shows it as https://user:****@host/..., the username, host and path kept
# (docs/lockfile.md).  A ${VAR} password, which pip expands, is kept.
. tests/lib.sh
S=$SPACELOCK
D=$T_TMP/space
mkdir -p "$D"
cd "$T_TMP" || exit 2
printf -- '---\nsdk: gradio\nsdk_version: 4.44.1\npython_version: "3.10"\n---\n' >"$D/README.md"
cat >"$D/requirements.txt" <<'REQ'
--index-url https://__token__:PwIndex1@pypi.example.com/simple
--extra-index-url https://alice:${EXTRA_PW}@extra.example.com/simple
-f https://bob:PwLinks3@links.example.com/wheels/
private @ https://carol:PwDirect4@files.example.com/private-1.0-py3-none-any.whl
gitpkg @ git+https://dave:PwVcs5@github.com/x/gitpkg.git@v1
gradio==4.44.1
REQ
cat >build.log <<'LOG'
Looking in indexes: https://__token__:PwIndex1@pypi.example.com/simple
Collecting private@ https://carol:PwDirect4@files.example.com/private-1.0-py3-none-any.whl
  Downloading https://carol:PwDirect4@files.example.com/private-1.0-py3-none-any.whl (10 kB)
ERROR: HTTP error 401 while getting https://carol:PwDirect4@files.example.com/x.whl
Installing collected packages: private
Successfully installed private-1.0
LOG
# none of the passwords above, in whatever was printed or written
clean() { # name FILE...
	if grep -qE 'Pw(Index1|Links3|Direct4|Vcs5|Cli6|Lock7)' "$@"; then
		not_ok "$1 holds a password: $(grep -hE 'Pw(Index|Links|Direct|Vcs|Cli|Lock)' "$@" | head -n 3)"
	else
		ok
	fi
}

"$S" snapshot --dir "$D" --build-log build.log -o lock.json >out 2>err
clean "snapshot: lock, stdout, stderr" lock.json out err
check "lock: a direct URL keeps its user and host" \
	grep -q '"private @ https://carol:\*\*\*\*\*\*\*\*\*@files.example.com/private-1.0' lock.json
check "lock: a VCS URL too" grep -q 'git+https://dave:\*\*\*\*\*\*@github.com/x/gitpkg.git@v1' lock.json
check "lock: --index-url without its password" \
	grep -q '"index_url": "https://__token__@pypi.example.com/simple"' lock.json
check "lock: a \${VAR} password is kept" grep -qF 'https://alice:${EXTRA_PW}@extra' lock.json
"$S" --json snapshot --dir "$D" --build-log build.log -o - >out 2>err
clean "snapshot --json -o -" out err

R='private @ https://carol:PwDirect4@files.example.com/p-1.0-py3-none-any.whl'
"$S" requirement parse "$R" >out 2>err
clean "requirement parse" out err
check "requirement parse: masked URL" grep -q '"url":"https://carol:\*\*\*\*\*\*\*\*\*@files' out
"$S" --json requirement parse "$R ==" >out 2>err
clean "requirement parse error, --json" out err
check "requirement error names the URL masked" grep -q 'carol:\*\*\*\*\*\*\*\*\*@files' out
"$S" requirement parse "$R ==" >out 2>err
clean "requirement parse error" out err

for j in "" --json; do
	"$S" $j log build.log >out 2>err
	clean "log $j" out err
done

# a lock written by hand: check, diff and export print no password
cat >hand.json <<'JSON'
{"lockfile_version": 2, "runtime": {"python": "3.12"},
 "packages": [
  {"name": "app", "version": "1.0", "origin": "direct", "evidence": [],
   "requirement": "app @ https://u:PwLock7@files.example/app-1.0-py3-none-any.whl"},
  {"name": "leaf", "version": "1.0", "origin": "transitive", "required_by": ["app"], "evidence": []}
 ]}
JSON
for j in "" --json; do
	"$S" --offline $j check hand.json >out 2>err
	clean "check $j" out err
	"$S" $j diff hand.json lock.json >out 2>err
	clean "diff $j" out err
done
check "check: the request shown masked" sh -c "'$S' --offline check hand.json | grep -q 'app @ https://u:\*\*\*\*\*\*\*@files'"
"$S" --offline export --format requirements --index-url https://u:PwCli6@127.0.0.1:1/simple \
	-o req.txt hand.json >out 2>err
clean "export --index-url: the file and messages" req.txt out err
check "export: the index line, masked" grep -qx -- '--index-url https://u:\*\*\*\*\*\*@127.0.0.1:1/simple' req.txt
# the network layer names a URL without its userinfo, -v traces too
"$S" -v check --index-url https://u:PwCli6@127.0.0.1:1/simple hand.json >out 2>err
clean "check --index-url, -v" out err
check "check --index-url: the failure is reported" grep -q '127.0.0.1:1' err
finish
