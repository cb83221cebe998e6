No Python in the path and no --python: an error that asks for it.
@@ args
check --site-packages fixtures/check/site/lib
@@ exit
2
@@ stdout
@@ stderr
spacelock: error: cannot tell the target python from 'fixtures/check/site/lib'; pass --python X.Y
