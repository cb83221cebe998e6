The reason an unverifiable package's requirements are unknown, in --json.
@@ args
--offline check fixtures/check/dynamic/space.json --wheels fixtures/check/dynamic/wheels --json
@@ exit
1
@@ stdout
{"consistent":false,"python":"3.13","packages":3,"solver_problems":0,"problems":[
  {"package":"dynamic-sdist","version":"2.0","requirement":null,"kind":"unverifiable","installed":null,"target":null,"extra":null,"why":"required by app 1.0, which the Space's requirements request as app==1.0","requested_by":null,"requested_at":null,"reason":"its metadata marks Requires-Dist dynamic","group":0},
  {"package":"legacy-sdist","version":"0.9","requirement":null,"kind":"unverifiable","installed":null,"target":null,"extra":null,"why":"required by app 1.0, which the Space's requirements request as app==1.0","requested_by":null,"requested_at":null,"reason":"sdist PKG-INFO older than 2.2 lists no requirements","group":1}],"solutions":[],"warnings":[]}
@@ stderr
spacelock: 2 problems among 3 packages for Python 3.13
