An unknown command with --json: the JSON error, kind "usage".
@@ args
--json chek
@@ exit
2
@@ stdout
{"error":{"message":"unknown command 'chek'; did you mean 'check'?","kind":"usage","exit":2}}
@@ stderr
spacelock: unknown command 'chek'; did you mean 'check'?
