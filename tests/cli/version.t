@@ args
--version
@@ exit
0
@@ stdout
spacelock 0.1.0
