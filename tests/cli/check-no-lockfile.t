No spacelock.json here.
@@ args
check
@@ exit
2
@@ stdout
@@ stderr
spacelock: no spacelock.json here: make one with 'spacelock snapshot' in a Space checkout (or 'spacelock snapshot OWNER/NAME'), or name a LOCKFILE
