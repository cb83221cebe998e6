snapshot with no input at all is a usage error, and writes nothing.
@@ args
snapshot
@@ exit
2
@@ stdout
@@ stderr
spacelock snapshot: nothing to snapshot: give a Space id (owner/name), --dir, --build-log, --run-log, --freeze or --site-packages
see 'spacelock snapshot --help'
@@ absent spacelock.json
