Invalid input on the command line: exit 3, the error on stderr.
@@ args
version normalize '1.0+'
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: invalid version '1.0+': expected a letter or digit after '+' at column 5
