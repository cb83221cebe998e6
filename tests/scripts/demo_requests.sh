#!/bin/sh
# demo_requests.sh: the demo's headline case end to end.  The bundled Space
# asks for gradio>=4.40.0 (requirements.txt:2) while the platform step
# installs gradio[oauth]==4.31.0 for sdk_version 4.31.0 (build.log:21).  The
# lock keeps both requests, each with who made it and where, and check
# blames the Space's requirement, never the platform, for the clash.
. "$(dirname "$0")/../lib.sh"
cd "$(dirname "$0")/../.." || exit 2

"$SPACELOCK" -q snapshot --dir examples/repin-history \
	--build-log examples/repin-history/build.log -o "$T_TMP/lock.json"
rc=$?
if [ $rc -eq 1 ]; then ok; else not_ok "snapshot: exit $rc, want 1 (incomplete)"; fi

requests() {
	/usr/bin/python3 - "$T_TMP/lock.json" <<'PY'
import json, sys
lock = json.load(open(sys.argv[1]))
g = [p for p in lock["packages"] if p["name"] == "gradio"][0]
for r in g.get("requests", []):
    print(r["by"], r.get("requirement"), "%s:%s" % (r.get("source"), r.get("line")), g["origin"])
PY
}
requests >"$T_TMP/requests.txt"
cat >"$T_TMP/want.txt" <<'W'
direct gradio>=4.40.0 examples/repin-history/requirements.txt:2 platform
platform gradio[oauth]==4.31.0 examples/repin-history/build.log:21 platform
W
if cmp -s "$T_TMP/want.txt" "$T_TMP/requests.txt"; then
	ok
else
	not_ok "gradio's requests"
	diff -u "$T_TMP/want.txt" "$T_TMP/requests.txt"
fi

"$SPACELOCK" --offline check "$T_TMP/lock.json" >"$T_TMP/out.txt" 2>/dev/null
rc=$?
if [ $rc -eq 1 ]; then ok; else not_ok "check: exit $rc, want 1"; fi
want='examples/repin-history/requirements.txt:2 asks for gradio>=4.40.0, but gradio 4.31.0 is locked (gradio[oauth]==4.31.0 is installed by the platform for sdk_version 4.31.0)'
if grep -qxF "$want" "$T_TMP/out.txt"; then ok; else not_ok "the clash is the Space's request"; cat "$T_TMP/out.txt"; fi
# the old, false attribution of the user's requirement to the platform
if grep -q "the platform requests gradio>=" "$T_TMP/out.txt"; then
	not_ok "the user's requirement is attributed to the platform"
else
	ok
fi
# the platform's own request holds: it is not reported
if grep -q "the platform requests gradio\[oauth\]" "$T_TMP/out.txt"; then
	not_ok "the platform's request holds but is reported"
else
	ok
fi
"$SPACELOCK" --offline --json check "$T_TMP/lock.json" >"$T_TMP/out.json" 2>/dev/null
check "--json names who asked" /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
p = [p for p in d["problems"] if p["kind"] == "mismatch"]
assert len(p) == 1, p
p = p[0]
assert p["requirement"] == "gradio>=4.40.0" and p["requested_by"] == "requirements", p
assert p["requested_at"] == "examples/repin-history/requirements.txt:2", p
' "$T_TMP/out.json"

# a longer build: the platform's requests keep their step's line, pip's
# "(from X)" gives transitive requests with their parent, and pip restating
# a request is not another one
log=tests/fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log
"$SPACELOCK" -q snapshot --build-log "$log" -o "$T_TMP/long.json"
check "transitive and platform requests" /usr/bin/python3 -c '
import json, sys
d = {p["name"]: p for p in json.load(open(sys.argv[1]))["packages"]}
rq = lambda n: [(r["by"], r.get("requirement"), r.get("line"), r.get("parent")) for r in d[n].get("requests", [])]
assert rq("fastapi") == [("platform", "fastapi<0.113.0", 33, None)], rq("fastapi")
assert rq("gradio") == [("platform", "gradio[oauth]==4.31.0", 33, None)], rq("gradio")
assert rq("anyio") == [("transitive", "anyio<5,>=3.4.0", 146, "starlette")], rq("anyio")
assert d["anyio"]["origin"] == "transitive" and d["anyio"]["required_by"] == ["starlette"]
' "$T_TMP/long.json"
finish
