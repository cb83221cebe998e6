A local label sorts after its public version, numbers after strings.
@@ args
version compare 1.0+ubuntu10 1.0+ubuntu9
@@ exit
0
@@ stdout
<
@@ stderr
