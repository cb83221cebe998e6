A README.md without front matter (any project's README) is not a Space
checkout: the usage error stays.
@@ args
snapshot
@@ file README.md
# A Python project
@@ exit
2
@@ stdout
@@ stderr
spacelock snapshot: nothing to snapshot: give a Space id (owner/name), --dir, --build-log, --run-log, --freeze or --site-packages
see 'spacelock snapshot --help'
@@ absent spacelock.json
