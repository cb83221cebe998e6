--json after the bad option still makes the error JSON: --json is
looked for on the whole command line before anything is parsed.
@@ args
snapshot --bogus --json
@@ exit
2
@@ stdout
{"error":{"message":"unknown option '--bogus'","kind":"usage","exit":2}}
@@ stderr
spacelock snapshot: unknown option '--bogus'
see 'spacelock snapshot --help'
