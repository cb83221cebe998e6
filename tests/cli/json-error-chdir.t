A -C that cannot be followed, as JSON.
@@ args
-C no-such-dir --json log x.log
@@ exit
2
@@ stdout
{"error":{"message":"cannot change to 'no-such-dir'","kind":"usage","exit":2}}
@@ stderr
spacelock: cannot change to 'no-such-dir'
see 'spacelock --help'
