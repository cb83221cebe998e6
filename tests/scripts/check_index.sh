#!/bin/sh
# check_index.sh: check asks the package index (over real HTTP, the
# loopback test server) for the metadata no other source has: answers are
# used and cached, --offline reads only the cache, an unreachable index is
# exit 5 with the URL and cause (the rest still checked), and
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

# the index failing after its retries is a network error (exit 5), not a
# finding: a CI must tell the two apart.  The URL and the cause are said;
# the undecided packages are counted, not reported as problems.
expect "index down" 5 "$HUB/fault/500/pypi/" $S check --json --index-url "$HUB/fault/500/simple/" "$T_TMP/old.json"
check "500 said" grep -q "could not be reached, 4 of 4 packages not checked (0 problems among the rest): .*500 server error" "$T_TMP/err"
check "no problem claimed" grep -q '"problems":\[\]' "$T_TMP/out"
check "undecided counted" grep -q '"index_unreachable":{"packages":4,"error":"http://' "$T_TMP/out"

# what could be decided without the index is still reported: app's stored
# metadata against leaf's locked version
cat >"$T_TMP/half.json" <<'JSON'
{"lockfile_version": 2, "runtime": {"python": "3.12"},
 "packages": [
  {"name": "app", "version": "1.0", "origin": "direct", "requirement": "app", "evidence": [],
   "metadata": {"requires_dist": ["leaf>=2"]}},
  {"name": "leaf", "version": "1.0", "origin": "transitive", "required_by": ["app"], "evidence": []}
 ]}
JSON
expect "refused: exit 5" 5 "127.0.0.1:1/pypi/leaf/1.0/json: " \
	$S check --index-url "http://127.0.0.1:1/simple/" "$T_TMP/half.json"
check "decided problem reported" grep -q "^app 1.0 requires leaf>=2, but leaf 1.0 is locked" "$T_TMP/out"
check "1 of 2 not checked" grep -q "1 of 2 packages not checked (1 problem among the rest)" "$T_TMP/err"

# a name that does not resolve fails at once: no retry waits for the same
# answer.  In a network namespace of its own the lookup fails without a
# query leaving the machine; default retries (4, waits of 0.5+1+2+4 s).
# The attempts are counted in the -v trace, one line each, whatever the
# machine's speed; the time bound, below the 7.5 s the retries would wait,
# is stretched under a sanitizer (TIME_SCALE, tests/lib.sh).
if unshare -rn true 2>/dev/null; then
	t0=$(date +%s%N)
	expect "no such host: exit 5" 5 "http://pypi.invalid/pypi/leaf/1.0/json: Could not resolve host" \
		env -u SPACELOCK_RETRIES -u SPACELOCK_TIMEOUT unshare -rn \
		$S check --index-url "http://pypi.invalid/simple/" "$T_TMP/half.json"
	ms=$((($(date +%s%N) - t0) / 1000000))
	check "no such host: no retry waits (${ms} ms)" test "$ms" -lt $((3000 * TIME_SCALE))
	env -u SPACELOCK_RETRIES -u SPACELOCK_TIMEOUT unshare -rn $S -v check \
		--index-url "http://pypi.invalid/simple/" "$T_TMP/half.json" >/dev/null 2>"$T_TMP/trace"
	n=$(grep -c '^spacelock: GET http://pypi.invalid/pypi/leaf/1.0/json -> ' "$T_TMP/trace")
	check "no such host: one attempt, no retry ($n in the -v trace)" test "$n" -eq 1
else
	skip "a failed name lookup: cannot make a network namespace here (unshare -rn)"
fi

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
