--json lists the inferred versions (package, version, as_of, confidence, the shared wording) when the lock has any.
@@ args
--json check fixtures/check/inferred/space.json
@@ exit
0
@@ stdout
{"consistent":true,"python":"3.11","packages":6,"solver_problems":0,"problems":[],"solutions":[],"warnings":[],"inferred":[
  {"package":"alpha","version":"1.1","as_of":"2024-03-15T12:30:00","confidence":"exact","note":"inferred as of 2024-03-15T12:30:00"},
  {"package":"beta","version":"1.2","as_of":"2024-03-15T12:30:00","confidence":"exact","note":"inferred as of 2024-03-15T12:30:00"},
  {"package":"epsilon","version":"0.1","as_of":"2024-03-15T12:30:00","confidence":"exact","note":"inferred as of 2024-03-15T12:30:00"},
  {"package":"gamma","version":"0.6","as_of":"2024-03-15T12:30:00","confidence":"exact","note":"inferred as of 2024-03-15T12:30:00"},
  {"package":"zeta","version":"1.1","as_of":"2024-03-15T12:30:00","confidence":"exact","note":"inferred as of 2024-03-15T12:30:00"}]}
@@ stderr
spacelock: 6 packages consistent for Python 3.11
spacelock: 5 of 6 versions inferred (0 ambiguous), not proven by a log
