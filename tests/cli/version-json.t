--json prints one object per result.
@@ args
--json version compare 1.0 2.0
@@ exit
0
@@ stdout
{"result":"<"}
@@ stderr
