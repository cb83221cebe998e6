A problem between inferred versions says so on both sides, with the ambiguous one marked; the summary counts them.
@@ args
check fixtures/check/inferred/drift.json
@@ exit
1
@@ stdout
alpha 1.1 (inferred as of 2024-03-15T12:30:00) requires beta>=1.0, but beta 0.9 (inferred as of 2024-03-15T12:30:00, ambiguous) is locked (alpha[fast]>=1.0 is requested by the Space's requirements)
@@ stderr
spacelock: 1 problem among 6 packages for Python 3.11
spacelock: 5 of 6 versions inferred (1 ambiguous), not proven by a log
spacelock: no other versions known; --wheels DIR with candidates gives fixes
