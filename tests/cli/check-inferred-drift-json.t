--json: each problem carries "inferred" and "installed_inferred" (the mark, or null) when the lock infers versions.
@@ args
--json check fixtures/check/inferred/drift.json
@@ exit
1
@@ stdout
{"consistent":false,"python":"3.11","packages":6,"solver_problems":3,"problems":[
  {"package":"alpha","version":"1.1","requirement":"beta>=1.0","kind":"mismatch","installed":"0.9","target":"beta","extra":null,"why":"alpha[fast]>=1.0 is requested by the Space's requirements","requested_by":null,"requested_at":null,"reason":null,"group":0,"inferred":"inferred as of 2024-03-15T12:30:00","installed_inferred":"inferred as of 2024-03-15T12:30:00, ambiguous"}],"solutions":[],"warnings":[],"inferred":[
  {"package":"alpha","version":"1.1","as_of":"2024-03-15T12:30:00","confidence":"exact","note":"inferred as of 2024-03-15T12:30:00"},
  {"package":"beta","version":"0.9","as_of":"2024-03-15T12:30:00","confidence":"ambiguous","note":"inferred as of 2024-03-15T12:30:00, ambiguous"},
  {"package":"epsilon","version":"0.1","as_of":"2024-03-15T12:30:00","confidence":"exact","note":"inferred as of 2024-03-15T12:30:00"},
  {"package":"gamma","version":"0.6","as_of":"2024-03-15T12:30:00","confidence":"exact","note":"inferred as of 2024-03-15T12:30:00"},
  {"package":"zeta","version":"1.1","as_of":"2024-03-15T12:30:00","confidence":"exact","note":"inferred as of 2024-03-15T12:30:00"}]}
@@ stderr
spacelock: 1 problem among 6 packages for Python 3.11
spacelock: 5 of 6 versions inferred (1 ambiguous), not proven by a log
