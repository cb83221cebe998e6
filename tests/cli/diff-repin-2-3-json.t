--json: stable keys, ranked order, one entry a line.
@@ args
diff --json fixtures/diff/2-gradio-range.json fixtures/diff/3-gradio-dropped.json
@@ exit
1
@@ stdout
{"source":{"label":"fixtures/diff/2-gradio-range.json","id":null,"revision":null,"build_time":"2026-05-13 16:49:14","built_commit":"6a05175","build_status":"failed","unknown_why":"its build failed before pip installed everything","inferred":0,"ambiguous":0},"duplicate":{"label":"fixtures/diff/3-gradio-dropped.json","id":null,"revision":null,"build_time":"2026-05-13 16:56:02","built_commit":"10e9a26","build_status":"failed","unknown_why":"its build failed before pip installed everything","inferred":0,"ambiguous":0},"differs":true,"runtime":[
  {"field":"sdk_version","change":"upgraded","kind":"minor","old":"4.31.0","new":"4.40.0","unknown_in":null,"reason":"the builder installs gradio[oauth]==4.40.0 in the duplicate","rank":1}],"requirements":[
  {"name":"gradio","change":"removed","old":"gradio>=4.40.0","new":null,"old_at":"requirements.txt:2","new_at":null,"reason":"the source's line excludes its sdk_version 4.31.0: one pip run cannot install both, the build fails","rank":2}],"packages":[
  {"name":"gradio","change":"upgraded","kind":"minor","old":"4.31.0","new":"4.40.0","old_vcs":null,"new_vcs":null,"old_inferred":null,"new_inferred":null,"expected":null,"unknown_in":null,"origin":"platform","chain":[],"cause":"sdk-version","reason":"sdk_version 4.31.0 → 4.40.0","impact":"medium","impact_why":"the sdk: the app's UI, queue and API come from it","rank":3}]}
@@ stderr
diff: 1 runtime, 1 requirement, 1 package difference; 0 packages unknown on one side
