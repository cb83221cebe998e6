Trailing zeros, case, separators and a leading v do not change a version.
@@ args
version compare v1.0.0RC1 1.0c1
@@ exit
0
@@ stdout
=
@@ stderr
