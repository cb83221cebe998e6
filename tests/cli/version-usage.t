A missing argument is a usage error.
@@ args
version compare 1.0
@@ exit
2
@@ stdout
@@ stderr
spacelock version: compare takes two versions
see 'spacelock version --help'
