A target that is not a Python version.
@@ args
check --python three fixtures/check/space-ok.json
@@ exit
2
@@ stdout
@@ stderr
spacelock: error: bad target python 'three': expected X.Y or X.Y.Z
