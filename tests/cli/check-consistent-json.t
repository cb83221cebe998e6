The same lock as JSON.
@@ args
check --json fixtures/check/space-ok.json
@@ exit
0
@@ stdout
{"consistent":true,"python":"3.13","packages":29,"solver_problems":0,"problems":[],"solutions":[],"warnings":[]}
@@ stderr
spacelock: 29 packages consistent for Python 3.13
