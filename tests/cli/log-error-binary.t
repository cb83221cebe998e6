spacelock log: log-error-binary
@@ args
log fixtures/archives/bigbody-1.0-py3-none-any.whl
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: fixtures/archives/bigbody-1.0-py3-none-any.whl: binary data, not a log
