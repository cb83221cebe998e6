The same lock with its metadata read from wheels (METADATA inside the archives).
@@ args
check fixtures/check/space-nometa.json --wheels fixtures/check/wheels
@@ exit
0
@@ stdout
@@ stderr
spacelock: 29 packages consistent for Python 3.13
