One case a line; a bad case prints error: and the run goes on, exit 0.
@@ args
version compare --stdin
@@ stdin
1.0	1.0.0
1.0a1	1.0
2.0.post1	2.0
1..0	1
only-one-field
1!0	99
@@ exit
0
@@ stdout
=
<
>
error: invalid version '1..0': unexpected '.' at column 2
error: expected two TAB-separated fields: A, B
>
@@ stderr
