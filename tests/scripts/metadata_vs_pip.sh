#!/bin/sh
# metadata_vs_pip.sh: the metadata spacelock reads from an installed
# environment equals what pip itself reads (pip._internal.metadata: name,
# version, Requires-Python, Requires-Dist with egg-info requires.txt
# converted, Provides-Extra), on the committed fixtures and on every Python
# environment of this machine that has pip.  pip keeps one distribution per
# project where spacelock lists both and warns: compared by canonical name.
. "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

pips=""
# a venv of our own: its pip is the oracle, on no path of this machine
python3 -m venv "$T_TMP/venv" >/dev/null 2>&1
for c in "$T_TMP/venv/bin/python3"; do
	[ -x "$c" ] && "$c" -c 'from pip._internal.metadata.base import BaseEnvironment as B
B.iter_all_distributions' >/dev/null 2>&1 && pips="$pips $c"
done
if [ -z "$pips" ]; then
	echo "# skip: no python with pip here, nothing to compare with"
	finish
	exit $?
fi

pip_view() { # python, dir
	"$1" - "$2" <<'PY'
import sys
from pip._internal.metadata import get_environment
for d in get_environment([sys.argv[1]]).iter_all_distributions():
    m = d.metadata
    print("%s|%s|%s|%s|%s" % (d.canonical_name, m.get("Version"), m.get("Requires-Python"),
        ";;".join(m.get_all("Requires-Dist") or []), ";;".join(m.get_all("Provides-Extra") or [])))
PY
}

our_view() { # dir
	"$SPACELOCK" -q --json metadata --scan "$1" | python3 -c '
import json, sys
for x in json.load(sys.stdin)["distributions"]:
    print("%s|%s|%s|%s|%s" % (x["canonical"], x["version"], x["requires_python"],
        ";;".join(x["requires_dist"]), ";;".join(x["provides_extra"])))'
}

# An egg-info requires.txt section names an extra; pip 23.0 writes it as
# safe_extra() left it (use_chardet_on_py3), later pips and spacelock in
# its PEP 685 form (use-chardet-on-py3).  PEP 685: the two are the same
# extra, so the comparison normalises the name in `extra == "..."`.
pep685() {
	python3 -c '
import re, sys
norm = lambda m: "extra == \"%s\"" % re.sub(r"[-_.]+", "-", m.group(1)).lower()
for line in sys.stdin:
    sys.stdout.write(re.sub(r"extra == \"([^\"]+)\"", norm, line))'
}

compare() { # python, dir
	pip_view "$1" "$2" | pep685 | sort >"$T_TMP/pip" 2>/dev/null
	our_view "$2" | pep685 | sort >"$T_TMP/ours"
	# every row pip reports is ours; the same set of projects
	missing=$(comm -23 "$T_TMP/pip" "$T_TMP/ours")
	cut -d'|' -f1 "$T_TMP/pip" | sort -u >"$T_TMP/pn"
	cut -d'|' -f1 "$T_TMP/ours" | sort -u >"$T_TMP/on"
	n=$(wc -l <"$T_TMP/pip")
	if [ -z "$missing" ] && cmp -s "$T_TMP/pn" "$T_TMP/on"; then
		ok
	else
		not_ok "$2 ($1): spacelock differs from pip on $n distributions"
		comm -3 "$T_TMP/pip" "$T_TMP/ours" | head -n 5
	fi
}

first=${pips# }
first=${first%% *}
for d in real direct; do
	compare "$first" "$top/tests/fixtures/site-packages/$d"
done
for py in $pips; do
	site=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
	[ -d "$site" ] && compare "$py" "$site"
done
[ -d /usr/lib/python3/dist-packages ] && [ -x /usr/bin/python3 ] &&
	/usr/bin/python3 -c 'import pip' 2>/dev/null && compare /usr/bin/python3 /usr/lib/python3/dist-packages
finish
