@@ args
snapshot -o
@@ exit
2
@@ stderr
spacelock snapshot: unknown option or missing value: '-o'
see 'spacelock snapshot --help'
