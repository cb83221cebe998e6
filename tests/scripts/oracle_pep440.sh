#!/bin/sh
# oracle_pep440.sh: differential test of `spacelock version` against Debian's
# python3-packaging (23.0) on generated versions and specifiers (about 27,000
# cases), in the categories where 23.0 already answers like the
# latest packaging; oracle_pep440.py lists the categories it leaves out.
# It also runs the examples of docs/commands/version.md as written.
. "$(dirname "$0")/../lib.sh"
py=/usr/bin/python3
here=$(dirname "$0")

if ! "$py" -c 'import packaging.version' 2>/dev/null; then
	echo "# skip: no python3-packaging, the PEP 440 oracle cannot run"
	finish
	exit $?
fi
for seed in 440; do
	"$py" "$here/oracle_pep440.py" "$SPACELOCK" "$seed" >"$T_TMP/out" 2>&1
	rc=$?
	sed "s/^/seed $seed: /" "$T_TMP/out"
	# one check per category line: "NAME checked N mismatches M"
	while read -r name _ n _ m; do
		[ -n "$name" ] || continue
		min=1000
		[ "$name" = docs-examples ] && min=10
		if [ "$n" -ge "$min" ] && [ "$m" = 0 ]; then ok; else not_ok "seed $seed $name"; fi
	done <<LINES
$(grep ' checked [0-9]* mismatches [0-9]*$' "$T_TMP/out")
LINES
	[ "$rc" = 0 ] || not_ok "seed $seed: oracle exited $rc"
done
finish
