# no subcommand: usage error (exit 2)
@@ args
requirement
@@ exit
2
@@ stdout
@@ stderr
spacelock requirement: expected 'parse'
see 'spacelock requirement --help'
