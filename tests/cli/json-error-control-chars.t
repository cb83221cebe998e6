An argument with a newline is echoed on one line, on stderr and in JSON:
a hostile string cannot forge an extra output line.
@@ args
--json snapshot a/b "$(printf 'x\ny')"
@@ exit
2
@@ stdout
{"error":{"message":"unexpected argument 'x y'","kind":"usage","exit":2}}
@@ stderr
spacelock snapshot: unexpected argument 'x y'
see 'spacelock snapshot --help'
