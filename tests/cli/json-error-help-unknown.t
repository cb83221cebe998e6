`help` for an unknown command, as JSON.
@@ args
--json help chek
@@ exit
2
@@ stdout
{"error":{"message":"no help for unknown command 'chek'","kind":"usage","exit":2}}
@@ stderr
spacelock: no help for unknown command 'chek'
see 'spacelock --help'
