#!/bin/sh
# reconstruct_vs_pip.sh: snapshot --reconstruct against a real pip.  A
# little index with upload times (tests/scripts/reconstruct_index.py: a
# newest version that drops the target Python, sdist-only releases, a
# yanked release, a wheel for another CPython only) is served by the
# loopback server; a real pip in a fresh venv installs the requirements
# from the index as it stood at T (only files uploaded by T); the build
# log of that requirements file says CACHED.  Reconstructing from the full
# index must give pip's freeze with confidence exact, whether the release
# dates come from the simple API's JSON (PEP 700 upload-time, which the
# server also gives pip) or, where an index lacks it, from the PyPI JSON
# API; a window that spans
# releases must be ambiguous, and each alternative must be what pip
# chooses at its dates (pip install --dry-run --report).
. tests/lib.sh
PY=${PYTHON:-python3}
here=tests/scripts
if ! command -v "$PY" >/dev/null 2>&1; then
	echo "# skip: no $PY: no pip to compare with"
	finish
	exit $?
fi
if ! "$PY" -m venv "$T_TMP/venv" >"$T_TMP/venv.err" 2>&1 || [ ! -x "$T_TMP/venv/bin/pip" ]; then
	echo "# skip: '$PY -m venv' cannot make a venv with pip here: $(tail -1 "$T_TMP/venv.err")"
	finish
	exit $?
fi
VPY=$T_TMP/venv/bin/python
minor=$("$VPY" -c 'import sys; print(sys.version_info[1])')
"$PY" $here/reconstruct_index.py "$T_TMP/idx" "$minor"
SERVER_ARGS="--index-dir $T_TMP/idx"
. tests/server/start.sh
S=$SPACELOCK
T=2024-03-15T23:59:59

pip_at() { # DATE ARGS...: pip against the index as it stood at DATE
	d=$1
	shift
	PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_CONFIG_FILE=/dev/null \
		"$VPY" -m pip "$@" --index-url "$HUB/asof/$d/simple" -r "${REQ:-$T_TMP/space/requirements.txt}"
}

mkdir -p "$T_TMP/space"
printf 'alpha[fast]>=1.0\ngamma\ndelta\nzeta\n' >"$T_TMP/space/requirements.txt"
printf -- '---\ntitle: reconstruct\nsdk: docker\n---\n' >"$T_TMP/space/README.md"
cat >"$T_TMP/build.log" <<LOG
===== Build Queued at 2024-03-15 12:30:00 / Commit SHA: 0a1b2c3 =====

--> FROM docker.io/library/python:3.$minor@sha256:a20ae344b668753817b8bffb8628e068278d8ddbde1657f7b836fd74559beacd
DONE 0.0s

--> RUN --mount=target=requirements.txt,source=requirements.txt 	pip install --no-cache-dir -r requirements.txt
CACHED

--> Pushing image
DONE 1.0s
LOG

# ---- the venv pip built at T, and its freeze ----
if pip_at $T install -q >"$T_TMP/pip.out" 2>&1; then ok; else not_ok "pip install at T: $(cat "$T_TMP/pip.out")"; fi
PIP_DISABLE_PIP_VERSION_CHECK=1 "$VPY" -m pip freeze --exclude-editable | grep -v -e '^pip==' -e '^setuptools==' -e '^wheel==' | sort >"$T_TMP/freeze"
check "the freeze is the expected universe" test "$(wc -l <"$T_TMP/freeze")" -eq 6

lock_pairs() { # LOCK [CONFIDENCE]: name==version of its inferred packages
	"$PY" -c '
import json, sys
lock = json.load(open(sys.argv[1]))
want = sys.argv[2] if len(sys.argv) > 2 else None
for p in lock["packages"]:
    inf = p.get("inferred")
    if inf and (want is None or inf["confidence"] == want):
        print("%s==%s" % (p["name"], p["version"]))
' "$@" | sort
}

recon() { # NAME WANT_EXIT ARGS...: snapshot --reconstruct of the Space into $T_TMP/NAME.json
	n=$1 w=$2
	shift 2
	expect "$n" "$w" "" $S snapshot --dir "$T_TMP/space" --build-log "$T_TMP/build.log" \
		--index-url "$HUB/simple" -o "$T_TMP/$n.json" "$@"
}

# ---- a window with no release in it: exactly pip's freeze ----
recon exact 1 --reconstruct=2024-03-10
lock_pairs "$T_TMP/exact.json" exact >"$T_TMP/exact.pairs"
if diff -u "$T_TMP/freeze" "$T_TMP/exact.pairs"; then ok; else not_ok "reconstruct != pip freeze"; fi
check "every inferred package exact" test "$(lock_pairs "$T_TMP/exact.json" | wc -l)" -eq 6
check "lockfile version 3" grep -q '"lockfile_version": 3' "$T_TMP/exact.json"
check "summary counts inferred apart" grep -q '^snapshot: 6 inferred (6 exact, 0 ambiguous), not proven' "$T_TMP/err"
check "the CACHED step stays unproven" grep -q "step 'RUN --mount" "$T_TMP/exact.json"
check "the requests moved to the inferred package" grep -q '"requirement": "alpha\[fast\]>=1.0"' "$T_TMP/exact.json"
check "no package 'x' left unknown" test "$(grep -c "package '" "$T_TMP/exact.json")" -eq 0

# ---- the same from the cache alone: same bytes ----
expect "offline" 1 "" $S --offline snapshot --dir "$T_TMP/space" --build-log "$T_TMP/build.log" \
	--index-url "$HUB/simple" -o "$T_TMP/offline.json" --reconstruct=2024-03-10
check "offline: same lock" cmp -s "$T_TMP/exact.json" "$T_TMP/offline.json"

# ---- PEP 700: the simple API's JSON dates the releases when the index
# gives it; else the PyPI JSON API, as before ----
check "PEP 700: release lists from the simple API's JSON" grep -q ' /simple/alpha/ auth' "$REC"
if grep -q ' /pypi/alpha/json ' "$REC"; then not_ok "PEP 700: the JSON API was asked too"; else ok; fi
for mode in no-project-json html-only json-1.0; do
	recon "$mode" 1 --reconstruct=2024-03-10 --index-url "$HUB/$mode/simple"
	lock_pairs "$T_TMP/$mode.json" exact >"$T_TMP/$mode.pairs"
	if diff -u "$T_TMP/freeze" "$T_TMP/$mode.pairs"; then ok; else not_ok "$mode: reconstruct != pip freeze"; fi
done
if grep -q ' /no-project-json/pypi/alpha/json ' "$REC"; then
	not_ok "no-project-json: the JSON API was asked"
else
	ok
fi
check "html-only: no JSON simple API, the PyPI JSON API" grep -q ' /html-only/pypi/alpha/json ' "$REC"
check "json-1.0: no upload-time, the PyPI JSON API" grep -q ' /json-1.0/pypi/alpha/json ' "$REC"

# ---- the index URL is the simple API's root, as pip reads --index-url:
# one without "/simple" in it (https://download.pytorch.org/whl/cu121) is
# asked at {url}/{name}/, and the project JSON it lacks is not needed ----
if PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PIP_CONFIG_FILE=/dev/null "$VPY" -m pip \
	install -q --dry-run --ignore-installed --report "$T_TMP/cu.report" \
	--index-url "$HUB/asof/$T/whl/cu121" -r "$T_TMP/space/requirements.txt" >"$T_TMP/cu.out" 2>&1; then
	"$PY" -c '
import json, sys
for i in json.load(open(sys.argv[1]))["install"]:
    print("%s==%s" % (i["metadata"]["name"], i["metadata"]["version"]))
' "$T_TMP/cu.report" | sort >"$T_TMP/cu.pip"
	if diff -u "$T_TMP/freeze" "$T_TMP/cu.pip"; then ok; else not_ok "pip at the /whl/cu121 root"; fi
else
	not_ok "pip at the /whl/cu121 root: $(tail -3 "$T_TMP/cu.out")"
fi
recon cu121 1 --reconstruct=2024-03-10 --index-url "$HUB/whl/cu121"
lock_pairs "$T_TMP/cu121.json" exact >"$T_TMP/cu121.pairs"
if diff -u "$T_TMP/freeze" "$T_TMP/cu121.pairs"; then ok; else not_ok "/whl/cu121: reconstruct != pip freeze"; fi
check "/whl/cu121: release lists from {url}/{name}/" grep -q ' /whl/cu121/alpha/ auth' "$REC"
if grep -q -e ' /whl/cu121/simple/' -e ' /whl/cu121/pypi/alpha/json ' "$REC"; then
	not_ok "/whl/cu121: asked a /simple/ or project JSON URL"
else
	ok
fi
# the requirements' own --index-url is the index pip read
mkdir -p "$T_TMP/ixreq"
cp "$T_TMP/space/README.md" "$T_TMP/ixreq/"
{ printf -- '--index-url %s/whl/cu121\n' "$HUB"; cat "$T_TMP/space/requirements.txt"; } \
	>"$T_TMP/ixreq/requirements.txt"
expect "the requirements' --index-url" 1 "reconstructed from $HUB/whl/cu121:" \
	$S snapshot --dir "$T_TMP/ixreq" --build-log "$T_TMP/build.log" -o "$T_TMP/ixreq.json" \
	--reconstruct=2024-03-10 --cache-dir "$T_TMP/ixcache"
lock_pairs "$T_TMP/ixreq.json" exact >"$T_TMP/ixreq.pairs"
if diff -u "$T_TMP/freeze" "$T_TMP/ixreq.pairs"; then ok; else not_ok "requirements' --index-url: != pip freeze"; fi
# two indexes in the requirements: the one given is read, and the lock says
# that the other was not
{ printf -- '--extra-index-url %s/other/simple\n' "$HUB"; cat "$T_TMP/ixreq/requirements.txt"; } \
	>"$T_TMP/ixreq/r2" && mv "$T_TMP/ixreq/r2" "$T_TMP/ixreq/requirements.txt"
recon ixreq2 1 --reconstruct=2024-03-10 --dir "$T_TMP/ixreq"
check "two indexes: said" grep -q "more than one index (--extra-index-url $HUB/other/simple): only $HUB is read" \
	"$T_TMP/ixreq2.json"

# ---- pre-releases, as pip decides them (data/pip-prereleases.txt; the pip
# here is of the era before 26.0, as the dates): a bare requirement takes one
# only when the project has no final release (theta); a specifier that names
# one lets them in, here a dependency's (iota 1.1rc1 requires eta>=2.0b1);
# one that names none leaves them out, and pip fails rather than take
# kappa 2.0b1 for kappa>=1.0 ----
report_pairs() { # REPORT: name==version of pip's install report
	"$PY" -c '
import json, sys
for i in json.load(open(sys.argv[1]))["install"]:
    print("%s==%s" % (i["metadata"]["name"], i["metadata"]["version"]))
' "$1" | sort
}
for s in pre kappa; do
	mkdir -p "$T_TMP/$s"
	cp "$T_TMP/space/README.md" "$T_TMP/$s/"
done
printf 'eta\ntheta\niota>=1.1rc1\n' >"$T_TMP/pre/requirements.txt"
printf 'kappa>=1.0\n' >"$T_TMP/kappa/requirements.txt"
if REQ=$T_TMP/pre/requirements.txt pip_at $T install -q --dry-run --ignore-installed \
	--report "$T_TMP/pre.report" >"$T_TMP/pre.out" 2>&1; then
	report_pairs "$T_TMP/pre.report" >"$T_TMP/pre.pip"
	check "pre-releases: pip chooses eta 2.0b1, iota 1.1rc1, theta 0.1b2" \
		test "$(tr '\n' ' ' <"$T_TMP/pre.pip")" = "eta==2.0b1 iota==1.1rc1 theta==0.1b2 "
else
	not_ok "pip --dry-run of the pre-release Space: $(tail -3 "$T_TMP/pre.out")"
fi
expect "pre-releases: reconstruct" 1 "" $S snapshot --dir "$T_TMP/pre" --build-log "$T_TMP/build.log" \
	--index-url "$HUB/simple" -o "$T_TMP/pre.json" --reconstruct=2024-03-10
lock_pairs "$T_TMP/pre.json" exact >"$T_TMP/pre.ours"
if diff -u "$T_TMP/pre.pip" "$T_TMP/pre.ours"; then ok; else not_ok "pre-releases: reconstruct != pip"; fi
if REQ=$T_TMP/kappa/requirements.txt pip_at $T install -q --dry-run --ignore-installed \
	>"$T_TMP/kappa.out" 2>&1; then
	not_ok "pip took kappa 2.0b1 for kappa>=1.0"
else
	check "pip: no final kappa satisfies kappa>=1.0" grep -q 'kappa>=1.0' "$T_TMP/kappa.out"
fi
expect "pre-releases: kappa>=1.0 as pip: no candidate" 1 "no version of 'kappa" \
	$S snapshot --dir "$T_TMP/kappa" --build-log "$T_TMP/build.log" --index-url "$HUB/simple" \
	-o "$T_TMP/kappa.json" --reconstruct=2024-03-10

# ---- a requirements file's --pre, on its own line, is pip's --pre: every
# pre-release is a candidate (eta 2.0b1 over 1.0, kappa 2.0b1 for
# kappa>=1.0, iota 1.1rc1 unasked), as pip's --dry-run chooses ----
mkdir -p "$T_TMP/pre2"
cp "$T_TMP/space/README.md" "$T_TMP/pre2/"
printf -- 'eta\n--pre\niota\nkappa>=1.0\nbeta\n' >"$T_TMP/pre2/requirements.txt"
if REQ=$T_TMP/pre2/requirements.txt pip_at $T install -q --dry-run --ignore-installed \
	--report "$T_TMP/pre2.report" >"$T_TMP/pre2.out" 2>&1; then
	report_pairs "$T_TMP/pre2.report" >"$T_TMP/pre2.pip"
	check "--pre: pip takes eta 2.0b1 and kappa 2.0b1" \
		test "$(grep -c -x -e 'eta==2.0b1' -e 'kappa==2.0b1' "$T_TMP/pre2.pip")" -eq 2
else
	not_ok "pip --dry-run with --pre: $(tail -3 "$T_TMP/pre2.out")"
fi
expect "--pre: reconstruct" 1 "" $S snapshot --dir "$T_TMP/pre2" --build-log "$T_TMP/build.log" \
	--index-url "$HUB/simple" -o "$T_TMP/pre2.json" --reconstruct=2024-03-10
lock_pairs "$T_TMP/pre2.json" exact >"$T_TMP/pre2.ours"
if diff -u "$T_TMP/pre2.pip" "$T_TMP/pre2.ours"; then ok; else not_ok "--pre: reconstruct != pip"; fi
check "--pre: the rule says so" grep -q -- '--pre: pre-releases are candidates' "$T_TMP/pre2.json"

# ---- a window spanning releases: ambiguous, each alternative pip's choice at its dates ----
recon window 1 --since 2024-02-01 --until "2024-03-15 12:30:00"
"$PY" -c '
import json, sys
for p in json.load(open(sys.argv[1]))["packages"]:
    inf = p["inferred"]
    for a in inf["alternatives"]:
        print(p["name"], a["version"], a["from"], a["until"])
    if not inf["alternatives"]:
        print(p["name"], p["version"], "exact")
' "$T_TMP/window.json" >"$T_TMP/alts"
cat >"$T_TMP/alts.want" <<'W'
alpha 1.0 2024-02-01T00:00:00 2024-02-10T12:00:00
alpha 1.1 2024-02-10T12:00:00 None
beta 1.0 2024-02-01T00:00:00 2024-03-01T12:00:00
beta 1.2 2024-03-01T12:00:00 None
delta 3.0 exact
epsilon 0.1 exact
gamma 0.5 2024-02-01T00:00:00 2024-02-10T12:00:00
gamma 0.6 2024-02-10T12:00:00 None
zeta 1.0 2024-02-01T00:00:00 2024-02-10T12:00:00
zeta 1.1 2024-02-10T12:00:00 None
W
if diff -u "$T_TMP/alts.want" "$T_TMP/alts"; then ok; else not_ok "window: alternatives"; fi
# each alternative's start is a date pip chooses it at
awk '$3 != "exact" {print $3}' "$T_TMP/alts" | sort -u >"$T_TMP/dates"
while read -r d; do
	if pip_at "$d" install -q --dry-run --ignore-installed --report "$T_TMP/r.json" >"$T_TMP/dry.out" 2>&1; then
		"$PY" -c '
import json, sys
for i in json.load(open(sys.argv[1]))["install"]:
    print(i["metadata"]["name"], i["metadata"]["version"])
' "$T_TMP/r.json" | sort >"$T_TMP/pip.at"
		awk -v d="$d" '$3 == "exact" {print $1, $2} $3 <= d && ($4 == "None" || $4 > d) && $3 != "exact" {print $1, $2}' \
			"$T_TMP/alts" | sort >"$T_TMP/ours.at"
		if diff -u "$T_TMP/pip.at" "$T_TMP/ours.at"; then ok; else not_ok "window: pip at $d differs"; fi
	else
		not_ok "pip --dry-run at $d: $(tail -3 "$T_TMP/dry.out")"
	fi
done <"$T_TMP/dates"

# ---- a window starting before anything was uploaded: those days are not
# possible build days (pip would have failed); the window starts later ----
recon early 1 --since 2024-01-01
check "early: said" grep -q 'the layer cannot have been built then (pip would have failed); the window starts later' "$T_TMP/early.json"
check "early: alternatives start at the first possible day" "$PY" -c '
import json, sys
p = [p for p in json.load(open(sys.argv[1]))["packages"] if p["name"] == "alpha"][0]
alts = p["inferred"]["alternatives"]
sys.exit(0 if alts[0]["version"] == "1.0" and alts[0]["from"] == "2024-01-10T12:00:00" else 1)' "$T_TMP/early.json"

# ---- a proven pin is a fixed point; one the index contradicts is reported ----
printf 'alpha==2.0\n' >"$T_TMP/freeze-proof.txt"
recon proven 1 --reconstruct=2024-03-10 --freeze "$T_TMP/freeze-proof.txt"
check "proven alpha kept, not inferred" "$PY" -c '
import json, sys
p = [p for p in json.load(open(sys.argv[1]))["packages"] if p["name"] == "alpha"][0]
sys.exit(0 if p["version"] == "2.0" and "inferred" not in p else 1)' "$T_TMP/proven.json"
check "contradiction reported" grep -q 'alpha 2.0 is proven but was first uploaded at 2024-04-01T12:00:00, after the window' "$T_TMP/proven.json"

# ---- a Space on the Hub: the window starts at the last change of its
# requirements files (the tree listing's lastCommit), not of its README ----
expect "hub" 1 "the requirements files last changed at 2024-03-10T09:15:00 (Hub history)" \
	env HF_ENDPOINT="$HUB" $S snapshot demo/cached-layer --reconstruct --index-url "$HUB/simple" \
	-o "$T_TMP/hub.json"
check "hub: window start from the history" grep -q '"start": "2024-03-10T09:15:00"' "$T_TMP/hub.json"
check "hub: every inferred package exact" test "$(lock_pairs "$T_TMP/hub.json" exact | wc -l)" -eq 5
check "hub: the proven pin is not inferred" "$PY" -c '
import json, sys
p = [p for p in json.load(open(sys.argv[1]))["packages"] if p["name"] == "delta"][0]
sys.exit(0 if p["version"] == "3.0" and "inferred" not in p and p["evidence"] else 1)' "$T_TMP/hub.json"

# ---- what cannot be reconstructed says why ----
expect "no window end" 2 "the window's end is not known" $S snapshot --dir "$T_TMP/space" \
	--index-url "$HUB/simple" -o "$T_TMP/x.json" --reconstruct
expect "nothing uploaded yet" 1 "at 2023-12-01T23:59:59 no version of '" \
	$S snapshot --dir "$T_TMP/space" --build-log "$T_TMP/build.log" --index-url "$HUB/simple" \
	-o "$T_TMP/x.json" --until 2023-12-01
expect "bad date" 2 "is not a date" $S snapshot --dir "$T_TMP/space" --build-log "$T_TMP/build.log" \
	--index-url "$HUB/simple" -o "$T_TMP/x.json" --reconstruct=yesterday
expect "options without --reconstruct" 2 "go with --reconstruct" $S snapshot --dir "$T_TMP/space" \
	--index-url "$HUB/simple" -o "$T_TMP/x.json"
expect "offline, not cached" 7 "not in the index cache (offline)" $S --offline snapshot \
	--dir "$T_TMP/space" --build-log "$T_TMP/build.log" --index-url "$HUB/other" \
	-o "$T_TMP/x.json" --reconstruct
check "a failed reconstruct writes nothing" test ! -e "$T_TMP/x.json"
finish
