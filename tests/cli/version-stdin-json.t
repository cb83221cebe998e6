With --json and --stdin every line is one JSON object, errors included.
@@ args
--json version normalize --stdin
@@ stdin
1.0.0
1.0+
@@ exit
0
@@ stdout
{"version":"1.0.0"}
{"error":"invalid version '1.0+': expected a letter or digit after '+' at column 5"}
@@ stderr
