No path and no --scan: a usage error.
@@ args
metadata
@@ exit
2
@@ stdout
@@ stderr
spacelock metadata: give one PATH, or --scan DIR, or --wheels DIR
see 'spacelock metadata --help'
