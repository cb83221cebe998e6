A consistent lock whose versions snapshot --reconstruct inferred (the bundled cached-layer example, metadata stored by check --update-lock): check says how many are inferred, not proven by a log.
@@ args
check fixtures/check/inferred/space.json
@@ exit
0
@@ stdout
@@ stderr
spacelock: 6 packages consistent for Python 3.11
spacelock: 5 of 6 versions inferred (0 ambiguous), not proven by a log
