--json: each end carries "inferred" and "ambiguous" counts and each package "old_inferred" / "new_inferred" (the mark, or null) when a lock infers versions.
@@ args
--json diff fixtures/check/inferred/space.json fixtures/check/inferred/drift.json
@@ exit
1
@@ stdout
{"source":{"label":"fixtures/check/inferred/space.json","id":null,"revision":null,"build_time":"2024-03-15 12:30:00","built_commit":"0a1b2c3","build_status":"succeeded","unknown_why":"a CACHED build step hides what it installed","inferred":5,"ambiguous":0},"duplicate":{"label":"fixtures/check/inferred/drift.json","id":null,"revision":null,"build_time":"2024-03-15 12:30:00","built_commit":"0a1b2c3","build_status":"succeeded","unknown_why":"a CACHED build step hides what it installed","inferred":5,"ambiguous":1},"differs":true,"runtime":[],"requirements":[],"packages":[
  {"name":"beta","change":"downgraded","kind":"major","old":"1.2","new":"0.9","old_vcs":null,"new_vcs":null,"old_inferred":"inferred as of 2024-03-15T12:30:00","new_inferred":"inferred as of 2024-03-15T12:30:00, ambiguous","expected":null,"unknown_in":null,"origin":"transitive","chain":["alpha"],"cause":"none","reason":"","impact":null,"impact_why":null,"rank":1}]}
@@ stderr
diff: 0 runtime, 0 requirement, 1 package difference; 0 packages unknown on one side
