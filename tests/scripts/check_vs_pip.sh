#!/bin/sh
# check_vs_pip.sh: the pip differential.  On real environments made by a
# real pip (python3 -m venv, pip install --no-index from a folder of wheels)
# `spacelock check --site-packages` must report exactly the broken
# requirements `pip check` reports; what pip does not look at (extras,
# Requires-Python) is checked on its own.  Venvs and wheels are cached under
# $BUILD/check-pip, so a rerun only runs the checks.
. "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
helper="$here/check_pip_env.py"
PY=${PYTHON:-python3}
: "${BUILD:=$(pwd)/build}"
cache="$BUILD/check-pip"

if ! "$PY" -m pip --version >/dev/null 2>&1; then
	echo "# skip: '$PY -m pip' is not available, nothing to compare with"
	finish
	exit $?
fi
mkdir -p "$cache"
if ! "$PY" -m venv --without-pip "$cache/probe" >/dev/null 2>&1; then
	echo "# skip: '$PY -m venv' cannot make a virtual environment here"
	finish
	exit $?
fi
pipdir=$("$PY" -c 'import os, pip; print(os.path.dirname(pip.__path__[0]))')
site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
pyver=$("$PY" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
mkdir -p "$cache/piponly"
[ -e "$cache/piponly/pip" ] || ln -s "$pipdir/pip" "$cache/piponly/pip"

# pip without installing it: PYTHONPATH holds only the pip package, so
# `pip check` sees nothing but the venv.
vpip() { # venv, args...
	v=$1
	shift
	PYTHONPATH="$cache/piponly" PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
		"$v/bin/python" -m pip "$@"
}

new_venv() { # name: an empty venv (cached); prints its path
	v="$cache/venv-$1"
	if [ ! -f "$v/.ready" ]; then
		rm -rf "$v"
		"$PY" -m venv --without-pip "$v" >/dev/null || return 1
		touch "$v/.ready-base"
	fi
	echo "$v"
}

sp_of() { "$1/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'; }

# compare NAME VENV: pip check against spacelock on the venv's site-packages
# (VENV "-" is this machine's own environment)
compare() {
	name=$1
	if [ "$2" = - ]; then
		sp=$site
		"$PY" -m pip check >"$T_TMP/$name.pip" 2>&1
	else
		sp=$(sp_of "$2")
		vpip "$2" check >"$T_TMP/$name.pip" 2>&1
	fi
	"$PY" "$helper" pip-problems "$T_TMP/$name.pip" >"$T_TMP/$name.pipset"
	"$SPACELOCK" check --json --site-packages "$sp" >"$T_TMP/$name.json" 2>"$T_TMP/$name.err"
	rc=$?
	"$PY" "$helper" our-problems "$T_TMP/$name.json" >"$T_TMP/$name.ourset"
	if diff -u "$T_TMP/$name.pipset" "$T_TMP/$name.ourset"; then
		ok
	else
		not_ok "$name: spacelock and pip check disagree (pip said:)"
		cat "$T_TMP/$name.pip"
	fi
	# exit status: 0 exactly when nothing at all is wrong
	if [ -s "$T_TMP/$name.ourset" ] && [ $rc -ne 1 ]; then
		not_ok "$name: broken set but exit $rc"
	else
		ok
	fi
}

kinds_has() { # name, expected "kind pkg target extra" line
	if grep -qx "$2" "$T_TMP/$1.kinds"; then ok; else not_ok "$1: no '$2' in: $(cat "$T_TMP/$1.kinds")"; fi
}

# ---- synthetic wheels: extras, markers, pre-releases, local versions ----
wh="$cache/wheels-syn2"
[ -d "$wh" ] || "$PY" "$helper" wheels "$wh"

v=$(new_venv syn-ok)
if [ ! -f "$v/.ready" ]; then
	vpip "$v" install -q --no-index --find-links "$wh" --pre app >/dev/null 2>&1 &&
		vpip "$v" install -q --no-index --find-links "$wh" --ignore-requires-python newpy \
			>/dev/null 2>&1 && touch "$v/.ready"
fi
compare syn-ok "$v"
"$PY" "$helper" our-kinds "$T_TMP/syn-ok.json" >"$T_TMP/syn-ok.kinds"
kinds_has syn-ok "python newpy None None"
[ "$(wc -l <"$T_TMP/syn-ok.kinds")" -eq 1 ] && ok || not_ok "syn-ok: only newpy's Requires-Python"

v=$(new_venv syn-broken)
if [ ! -f "$v/.ready" ]; then
	vpip "$v" install -q --no-index --find-links "$wh" --no-deps app extlib 'lib==1.0' libpre \
		cyc-a >/dev/null 2>&1 && touch "$v/.ready"
fi
compare syn-broken "$v"
"$PY" "$helper" our-kinds "$T_TMP/syn-broken.json" >"$T_TMP/syn-broken.kinds"
kinds_has syn-broken "mismatch app lib None"
kinds_has syn-broken "missing app torchish None"
kinds_has syn-broken "missing extlib fancydep fancy"
kinds_has syn-broken "missing cyc-a cyc-b None"

# Dynamic: Requires-Dist in a wheel's (so an installed) METADATA is final:
# pip check reads those requirements, and so must check
v=$(new_venv syn-dynamic)
if [ ! -f "$v/.ready" ]; then
	vpip "$v" install -q --no-index --find-links "$wh" dynmeta >/dev/null 2>&1 && touch "$v/.ready"
fi
compare syn-dynamic "$v"
"$SPACELOCK" check --site-packages "$(sp_of "$v")" >"$T_TMP/dyn.out" 2>&1
check "syn-dynamic: consistent, exit 0 like pip check: $(cat "$T_TMP/dyn.out")" test $? -eq 0
v=$(new_venv syn-dynamic-broken)
if [ ! -f "$v/.ready" ]; then
	vpip "$v" install -q --no-index --find-links "$wh" --no-deps dynmeta 'lib==1.0' \
		>/dev/null 2>&1 && touch "$v/.ready"
fi
compare syn-dynamic-broken "$v"
"$PY" "$helper" our-kinds "$T_TMP/syn-dynamic-broken.json" >"$T_TMP/syn-dynamic-broken.kinds"
kinds_has syn-dynamic-broken "mismatch dynmeta lib None"
kinds_has syn-dynamic-broken "missing dynmeta fancydep None"

# ---- this Python's own environment, then real wheels repacked from Debian's ----
if [ "$("$PY" -c 'import site; print(len(site.getsitepackages()))')" = 1 ]; then
	compare machine -
else
	echo "# skip: $PY has several site directories; its own environment is not compared"
fi
# the real METADATA of Debian's python3-jsonschema and its closure (attrs,
# pyrsistent; ./configure installs it), never a Python that happens to be on
# this machine.  Debian strips the requirements from its egg-info packages
# (flask, requests); jsonschema's dist-info keeps upstream's Requires-Dist.
debsite=/usr/lib/python3/dist-packages
rw="$cache/wheels-debian"
if [ ! -f "$rw/.ready" ]; then
	/usr/bin/python3 "$helper" repack "$debsite" "$rw" jsonschema >/dev/null 2>&1 &&
		touch "$rw/.ready"
fi
if [ "$(ls "$rw" | grep -c -e '^jsonschema-' -e '^attrs-' -e '^pyrsistent-')" = 3 ]; then
	for kind in ok nodeps; do
		v=$(new_venv debian-$kind)
		[ -f "$v/.ready" ] && continue
		flag=""
		[ $kind = nodeps ] && flag=--no-deps
		vpip "$v" install -q --no-index --find-links "$rw" $flag jsonschema \
			>/dev/null 2>&1 && touch "$v/.ready"
	done
	for kind in rmdist edited; do
		v="$cache/venv-debian-$kind"
		[ -f "$v/.ready" ] && continue
		rm -rf "$v"
		cp -a "$cache/venv-debian-ok" "$v" || continue
		sp=$(sp_of "$v")
		if [ $kind = rmdist ]; then
			rm -rf "$sp"/pyrsistent-*.dist-info
		else
			m=$(ls -d "$sp"/jsonschema-*.dist-info)/METADATA
			"$PY" "$helper" edit "$m" "Requires-Dist: attrs" "Requires-Dist: attrs<1,"
			m=$(ls -d "$sp"/pyrsistent-*.dist-info)/METADATA
			"$PY" "$helper" edit "$m" "Version: " "Version: 0.1.dev0+"
		fi
		touch "$v/.ready"
	done
	for kind in ok nodeps rmdist edited; do
		compare debian-$kind "$cache/venv-debian-$kind"
	done
	[ -s "$T_TMP/debian-nodeps.pipset" ] && ok || not_ok "debian-nodeps: pip found nothing broken"
	[ -s "$T_TMP/debian-rmdist.pipset" ] && ok || not_ok "debian-rmdist: pip found nothing broken"
	[ -s "$T_TMP/debian-edited.pipset" ] && ok || not_ok "debian-edited: pip found nothing broken"
else
	echo "# skip: no jsonschema, attrs and pyrsistent in $debsite to repack (real-wheel cases; ./configure installs python3-jsonschema)"
fi
finish
