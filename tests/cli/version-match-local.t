==X matches X+local unless the specifier has a local label itself.
@@ args
version match '==2.1.0' 2.1.0+cpu
@@ exit
0
@@ stdout
true
@@ stderr
