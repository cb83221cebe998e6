#!/bin/sh
# snapshot_lockfiles.sh: lockfiles/ holds exactly what the current code
# produces from examples/ (the demo's command), the output is the same on
# every run, and every committed lock validates against
# docs/lockfile.schema.json.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || exit 2

# every lock in lockfiles/ must come from an example of the same name
for lock in lockfiles/*.json; do
	name=$(basename "$lock" .json)
	name=${name%.reconstructed} # snapshot --reconstruct of the same example
	if [ -d "examples/$name" ]; then ok; else not_ok "$lock has no examples/$name"; fi
done

"$SPACELOCK" -q snapshot --dir examples/repin-history \
	--build-log examples/repin-history/build.log -o "$T_TMP/a.json"
rc=$?
if [ $rc -eq 1 ]; then ok; else not_ok "repin-history: exit $rc, want 1 (incomplete)"; fi
if cmp -s "$T_TMP/a.json" lockfiles/repin-history.json; then
	ok
else
	not_ok "lockfiles/repin-history.json is stale: run 'make demo' and commit it"
	diff -u lockfiles/repin-history.json "$T_TMP/a.json" | head -n 40
fi
"$SPACELOCK" -q snapshot --dir examples/repin-history \
	--build-log examples/repin-history/build.log -o "$T_TMP/b.json"
check "same inputs, same bytes" cmp -s "$T_TMP/a.json" "$T_TMP/b.json"
# a lock read back by check's reader is the same lock: stdout form equals file form
"$SPACELOCK" -q snapshot --dir examples/repin-history \
	--build-log examples/repin-history/build.log -o - >"$T_TMP/c.json"
check "-o - writes the same bytes" cmp -s "$T_TMP/a.json" "$T_TMP/c.json"

# the drifted duplicate (never built: card and requirements only)
"$SPACELOCK" -q snapshot --dir examples/repin-history-duplicate -o "$T_TMP/dup.json"
rc=$?
if [ $rc -eq 1 ]; then ok; else not_ok "repin-history-duplicate: exit $rc, want 1 (incomplete)"; fi
if cmp -s "$T_TMP/dup.json" lockfiles/repin-history-duplicate.json; then
	ok
else
	not_ok "lockfiles/repin-history-duplicate.json is stale: run 'make demo' and commit it"
	diff -u lockfiles/repin-history-duplicate.json "$T_TMP/dup.json" | head -n 40
fi

# the CACHED example, proven only and reconstructed (offline, bundled cache)
for kind in proven reconstructed; do
	out=lockfiles/cached-layer.json
	set -- -o "$T_TMP/cl-$kind.json"
	if [ $kind = reconstructed ]; then
		out=lockfiles/cached-layer.reconstructed.json
		set -- "$@" --reconstruct=2024-03-10 --index-url https://index.example.invalid/simple \
			--cache-dir examples/cached-layer/index-cache
	fi
	"$SPACELOCK" -q --offline snapshot --dir examples/cached-layer \
		--build-log examples/cached-layer/build.log "$@"
	rc=$?
	if [ $rc -eq 1 ]; then ok; else not_ok "cached-layer $kind: exit $rc, want 1 (incomplete)"; fi
	if cmp -s "$T_TMP/cl-$kind.json" $out; then
		ok
	else
		not_ok "$out is stale: run 'make demo' and commit it"
		diff -u $out "$T_TMP/cl-$kind.json" | head -n 40
	fi
done
check "reconstructed: version 3, inferred exact" grep -q '"confidence": "exact"' \
	lockfiles/cached-layer.reconstructed.json
# the bundled cache holds both release-list forms: the simple API's JSON
# (PEP 691/700) alone gives the demo's lock, and so does the PyPI JSON API
# alone (an index URL without /simple, whose {url}/{name}/ is not cached)
cp -R examples/cached-layer/index-cache "$T_TMP/simple-only"
cp -R examples/cached-layer/index-cache "$T_TMP/json-only"
rm $(grep -l '^https://index.example.invalid/pypi/[a-z]*/json$' "$T_TMP"/simple-only/index/*.json)
rm $(grep -l '^https://index.example.invalid/simple/' "$T_TMP"/json-only/index/*.json)
for form in simple-only json-only; do
	url=https://index.example.invalid/simple
	[ $form = json-only ] && url=https://index.example.invalid
	"$SPACELOCK" -q --offline snapshot --dir examples/cached-layer \
		--build-log examples/cached-layer/build.log -o "$T_TMP/cl-$form.json" \
		--reconstruct=2024-03-10 --index-url $url --cache-dir "$T_TMP/$form"
	check "cached-layer from the $form cache: the demo's lock" \
		cmp -s "$T_TMP/cl-$form.json" lockfiles/cached-layer.reconstructed.json
done

validate() {
	/usr/bin/python3 - "$1" <<'PY'
import json, sys
import jsonschema
schema = json.load(open("docs/lockfile.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.validate(json.load(open(sys.argv[1])), schema, cls=jsonschema.Draft202012Validator)
PY
}
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	for lock in lockfiles/*.json "$T_TMP/a.json"; do
		check "schema: $lock" validate "$lock"
	done
	# the schema is not vacuous: a lock with an invented field fails
	sed 's/"lockfile_version": \([0-9]*\)/"lockfile_version": \1, "guess": true/' lockfiles/repin-history.json >"$T_TMP/bad.json"
	if validate "$T_TMP/bad.json" 2>/dev/null; then not_ok "schema accepts unknown keys"; else ok; fi
else
	not_ok "python3-jsonschema missing (./configure installs it)"
fi
finish
