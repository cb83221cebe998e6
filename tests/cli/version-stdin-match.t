match --stdin: SPEC, V and an optional MODE (default, true, false).
@@ args
version match --stdin
@@ stdin
>=1.0,<2	1.5
>=1.0,<2	1.5a1
>=1.0,<2	1.5a1	false
>=1.0,<2	1.5a1	true
~=1	1.0
>=1.0	not-a-version
===foobar	FOOBAR
>=1.0	1.5	maybe
@@ exit
0
@@ stdout
true
true
false
true
error: invalid specifier '~=1': '~=' needs at least two release numbers at column 3
error: invalid version 'not-a-version': expected a release number at column 1
true
error: invalid pre-release mode 'maybe': use default, true or false
@@ stderr
