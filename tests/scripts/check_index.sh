#!/bin/sh
# check_index.sh: check asks the package index (over real HTTP, the
# loopback test server) for the metadata no other source has: answers are
# used and cached, --offline reads only the cache, an index failure leaves
# the package unverifiable with a warning (never an error exit), and
# --update-lock keeps what the index said.
. tests/lib.sh
. tests/server/start.sh
S=$SPACELOCK
IDX=$HUB/simple/

cat >"$T_TMP/lock.json" <<'EOF'
{"lockfile_version": 1, "incomplete": [],
 "space": {"sdk": "gradio", "sdk_version": null, "python_version": null},
 "runtime": {"python": "3.12"},
 "packages": [
  {"name": "app", "version": "1.0", "origin": "direct", "requirement": "app", "evidence": []},
  {"name": "leaf", "version": "1.0", "origin": "transitive", "required_by": ["app"], "evidence": []},
  {"name": "missing-x", "version": "2.0", "origin": "transitive", "evidence": []},
  {"name": "typing-extensions", "version": "4.12.2", "origin": "transitive", "evidence": []}
 ]}
EOF
L=$T_TMP/lock.json

# the test index says: every package requires typing-extensions>=4.0 and
# Python >=3.8, except leaf (nothing); missing-* are 404
expect "from the index" 1 "" $S -v check --json --index-url "$IDX" "$L"
check "missing-x unverifiable" grep -q '"package":"missing-x","version":"2.0","requirement":null,"kind":"unverifiable"' "$T_TMP/out"
check "only missing-x" test "$(grep -c '"kind"' "$T_TMP/out")" -eq 1
check "404 warned" grep -q "index: missing-x 2.0: .*404" "$T_TMP/out"
check "four fetched" test "$(requests '/pypi/')" -eq 4

n=$(wc -l <"$REC")
expect "offline from the cache" 1 "" $S --offline check --json --index-url "$IDX" "$L"
check "offline same verdict" test "$(grep -c '"kind"' "$T_TMP/out")" -eq 1
check "offline no request" test "$(wc -l <"$REC")" -eq "$n"
check "offline miss not warned" grep -q '"warnings":\[\]' "$T_TMP/out"

# a newer typing-extensions requirement than the lock has
sed 's/"4.12.2"/"3.10.0.2"/' "$L" >"$T_TMP/old.json"
expect "mismatch from index metadata" 1 "" $S check --index-url "$IDX" "$T_TMP/old.json"
check "app's requirement" grep -q "^  app 1.0 requires typing-extensions>=4.0" "$T_TMP/out"

# the index failing: warnings, unverifiable, exit 1 (not a network error)
expect "index down" 1 "" $S check --json --index-url "$HUB/fault/500/simple/" "$T_TMP/old.json"
check "all unverifiable" test "$(grep -c '"kind":"unverifiable"' "$T_TMP/out")" -eq 4
check "500 warned" grep -q "500 server error" "$T_TMP/out"

# an empty cache offline: nothing asked, nothing warned
expect "offline empty cache" 1 "" env XDG_CACHE_HOME="$T_TMP/empty" $S --offline check --json "$L"
check "offline empty: 4 unverifiable" test "$(grep -c '"kind":"unverifiable"' "$T_TMP/out")" -eq 4

# --update-lock stores what the index said
cp "$L" "$T_TMP/upd.json"
expect "update-lock" 1 "stored the metadata of 3 packages" \
	$S check --update-lock --index-url "$IDX" "$T_TMP/upd.json"
expect "updated lock, offline, fresh cache" 1 "" \
	env XDG_CACHE_HOME="$T_TMP/empty2" $S --offline check --json "$T_TMP/upd.json"
check "updated: only missing-x" test "$(grep -c '"kind"' "$T_TMP/out")" -eq 1
finish
