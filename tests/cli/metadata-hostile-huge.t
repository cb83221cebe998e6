A wheel whose METADATA header is over the bound: a clear error, exit 3.
@@ args
metadata fixtures/archives/huge-1.0-py3-none-any.whl
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: fixtures/archives/huge-1.0-py3-none-any.whl!huge-1.0.dist-info/METADATA: metadata header larger than 8388608 bytes
