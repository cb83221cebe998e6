#!/bin/sh
# tests/cli/run-golden.sh: CLI golden tests, one file per case, *.t.
#
# A case file is made of sections, each headed by a line "@@ <section>":
#   @@ args          the arguments, one shell-quoted line (eval'd)
#   @@ stdin         standard input (omit for none)
#   @@ file NAME     a file written into the case's working directory first
#   @@ exit          the expected exit status
#   @@ stdout        the expected standard output (omit to ignore it)
#   @@ stderr        the expected standard error (omit to ignore it)
#   @@ expect-file NAME   a file that must exist afterwards with this content
#   @@ absent NAME   a file that must not exist afterwards
# Arguments: case files to run (default: every tests/cli/*.t).
# Text before the first section is a comment.  The case runs in a fresh
# directory with tests/fixtures linked as ./fixtures.  UPDATE=1 rewrites
# exit, stdout and stderr sections from what the binary does now.
set -u
: "${SPACELOCK:?}"
top=$(cd "$(dirname "$0")/../.." && pwd)
passed=0
failed=0

split_case() { # case file, out dir
	awk -v dir="$2" '
		/^@@ / { sec = substr($0, 4); gsub(/ /, "__", sec); out = dir "/" sec; printf "" > out; next }
		out != "" { print >> out }
	' "$1"
}

run_case() {
	case_file=$1
	d=$(mktemp -d)
	mkdir "$d/sec" "$d/work"
	split_case "$case_file" "$d/sec"
	ln -s "$top/tests/fixtures" "$d/work/fixtures"
	for f in "$d"/sec/file__*; do
		[ -f "$f" ] || continue
		name=$(basename "$f" | sed 's/^file__//; s/__/ /g')
		mkdir -p "$d/work/$(dirname "$name")"
		cp "$f" "$d/work/$name"
	done
	stdin=/dev/null
	[ -f "$d/sec/stdin" ] && stdin="$d/sec/stdin"
	args=$(cat "$d/sec/args" 2>/dev/null)
	(cd "$d/work" && eval "set -- $args" && "$SPACELOCK" "$@" <"$stdin" >"$d/out" 2>"$d/err"; echo $? >"$d/rc")
	rc=$(cat "$d/rc")
	bad=""
	if [ "${UPDATE:-0}" = 1 ]; then
		update_case "$case_file" "$d" "$rc"
	else
		want=$(cat "$d/sec/exit" 2>/dev/null)
		[ "$rc" = "$want" ] || bad="$bad exit:$rc!=$want"
		for s in stdout stderr; do
			real=out; [ $s = stderr ] && real=err
			if [ -f "$d/sec/$s" ] && ! diff -u "$d/sec/$s" "$d/$real" >"$d/diff"; then
				bad="$bad $s"
				cat "$d/diff"
			fi
		done
		for f in "$d"/sec/expect-file__*; do
			[ -f "$f" ] || continue
			name=$(basename "$f" | sed 's/^expect-file__//; s/__/ /g')
			diff -u "$f" "$d/work/$name" >"$d/diff" 2>&1 || { bad="$bad file:$name"; cat "$d/diff"; }
		done
		for f in "$d"/sec/absent__*; do
			[ -f "$f" ] || continue
			name=$(basename "$f" | sed 's/^absent__//; s/__/ /g')
			[ ! -e "$d/work/$name" ] || bad="$bad present:$name"
		done
	fi
	if [ -n "$bad" ]; then
		echo "FAIL $case_file:$bad"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
	rm -rf "$d"
}

# Rewrites the exit/stdout/stderr sections of a case from the last run.
update_case() {
	awk -v rc="$3" -v out="$2/out" -v err="$2/err" '
		function dump(f,   l) { while ((getline l < f) > 0) print l; close(f) }
		/^@@ / { skip = 0 }
		/^@@ exit$/ { print; print rc; skip = 1; next }
		/^@@ stdout$/ { print; dump(out); skip = 1; next }
		/^@@ stderr$/ { print; dump(err); skip = 1; next }
		!skip { print }
	' "$1" >"$1.new" && mv "$1.new" "$1"
}

# CASE.t arguments: only those (paths); none: every case
[ $# -gt 0 ] || set -- "$top"/tests/cli/*.t
for c in "$@"; do
	case $c in /*) ;; *) c=$(pwd)/$c ;; esac
	[ -f "$c" ] && run_case "$c"
done
echo "# passed $passed failed $failed"
[ "$failed" -eq 0 ]
