normalize --stdin: one version a line.
@@ args
version normalize --stdin
@@ stdin
1.0.0
1.0-1

1.0RC1
@@ exit
0
@@ stdout
1.0.0
1.0.post1
error: invalid version '': empty version
1.0rc1
@@ stderr
