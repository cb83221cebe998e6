With --json a bad option is one JSON error object on stdout, and the
usual usage line on stderr (this printed nothing on stdout before).
@@ args
--json snapshot --bogus
@@ exit
2
@@ stdout
{"error":{"message":"unknown option '--bogus'","kind":"usage","exit":2}}
@@ stderr
spacelock snapshot: unknown option '--bogus'
see 'spacelock snapshot --help'
