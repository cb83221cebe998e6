@@ args
snapshot -o
@@ exit
2
@@ stderr
spacelock snapshot: option '-o' needs a value
see 'spacelock snapshot --help'
