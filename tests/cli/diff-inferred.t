Two locks whose versions snapshot --reconstruct inferred: each side's header counts them, each changed package says which of its versions is inferred and that no log proves it.
@@ args
diff fixtures/check/inferred/space.json fixtures/check/inferred/drift.json
@@ exit
1
@@ stdout
source     fixtures/check/inferred/space.json, built 2024-03-15 12:30:00 (commit 0a1b2c3), build succeeded; 5 versions inferred (0 ambiguous), not proven by a log
duplicate  fixtures/check/inferred/drift.json, built 2024-03-15 12:30:00 (commit 0a1b2c3), build succeeded; 5 versions inferred (1 ambiguous), not proven by a log

packages
  beta      1.2 → 0.9  major downgrade, transitive via alpha; 1.2 inferred as of 2024-03-15T12:30:00; 0.9 inferred as of 2024-03-15T12:30:00, ambiguous, not proven by a log
@@ stderr
diff: 0 runtime, 0 requirement, 1 package difference; 0 packages unknown on one side
