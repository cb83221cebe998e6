A consistent lock (extras, markers, a pre-release, local versions, a cycle through an extra, Requires-Python): exit 0, one line on stderr, nothing on stdout.
@@ args
check fixtures/check/space-ok.json
@@ exit
0
@@ stdout
@@ stderr
spacelock: 29 packages consistent for Python 3.13
