A missing operand is a usage error, as JSON too.
@@ args
log --json
@@ exit
2
@@ stdout
{"error":{"message":"log takes one FILE","kind":"usage","exit":2}}
@@ stderr
spacelock log: log takes one FILE
see 'spacelock log --help'
