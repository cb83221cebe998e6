check without a LOCKFILE and without spacelock.json here, with --json:
the same hint as one JSON error, kind "usage", exit 2.
@@ args
check --json
@@ exit
2
@@ stdout
{"error":{"message":"no spacelock.json here: make one with 'spacelock snapshot' in a Space checkout (or 'spacelock snapshot OWNER/NAME'), or name a LOCKFILE","kind":"usage","exit":2}}
@@ stderr
spacelock: no spacelock.json here: make one with 'spacelock snapshot' in a Space checkout (or 'spacelock snapshot OWNER/NAME'), or name a LOCKFILE
