The message says what is wrong and where.
@@ args
version match '>=1.0, <2.0.x' 1.0
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: invalid specifier '<2.0.x': unexpected '.' at column 12
