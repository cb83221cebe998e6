A missing value is a usage error, as JSON too.
@@ args
check --json --python
@@ exit
2
@@ stdout
{"error":{"message":"option '--python' needs a value","kind":"usage","exit":2}}
@@ stderr
spacelock check: option '--python' needs a value
see 'spacelock check --help'
