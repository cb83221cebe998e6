The same problems as data.
@@ args
--offline --json check fixtures/check/space-broken.json
@@ exit
1
@@ stdout
{"consistent":false,"python":"3.13","packages":28,"solver_problems":6,"problems":[
  {"package":"gradio","version":"4.44.1","requirement":"authlib; extra == \"oauth\"","kind":"missing","installed":null,"target":"authlib","extra":"oauth","why":"gradio[oauth]==4.31.0 is installed by the platform for sdk_version 4.31.0","requested_by":null,"requested_at":null,"reason":null,"group":0},
  {"package":"fastapi","version":"0.115.2","requirement":"fastapi<0.113.0","kind":"mismatch","installed":"0.115.2","target":"fastapi","extra":null,"why":null,"requested_by":"platform","requested_at":null,"reason":null,"group":1},
  {"package":"gradio","version":"4.44.1","requirement":"gradio[oauth]==4.31.0","kind":"mismatch","installed":"4.44.1","target":"gradio","extra":null,"why":"for sdk_version 4.31.0","requested_by":"platform","requested_at":null,"reason":null,"group":2},
  {"package":"pydantic","version":"2.10.0b1","requirement":"pydantic-core==2.27.0","kind":"mismatch","installed":"2.26.0","target":"pydantic-core","extra":null,"why":"pydantic>=2.9.0 is requested by the Space's requirements","requested_by":null,"requested_at":null,"reason":null,"group":3},
  {"package":"fastapi","version":"0.115.2","requirement":"starlette<0.41.0,>=0.37.2","kind":"mismatch","installed":"0.41.0","target":"starlette","extra":null,"why":"fastapi<0.113.0 is installed by the platform","requested_by":null,"requested_at":null,"reason":null,"group":4},
  {"package":"torchvision","version":"0.19.1+cpu","requirement":"torch==2.4.1","kind":"mismatch","installed":"2.5.0+cpu","target":"torch","extra":null,"why":"torchvision==0.19.1+cpu is requested by the Space's requirements","requested_by":null,"requested_at":null,"reason":null,"group":5},
  {"package":"h11","version":"0.14.0","requirement":null,"kind":"unverifiable","installed":null,"target":null,"extra":null,"why":"required by uvicorn 0.30.6, which the platform installs as uvicorn>=0.14.0","requested_by":null,"requested_at":null,"reason":null,"group":6}],"solutions":[],"warnings":[]}
@@ stderr
spacelock: 7 problems among 28 packages for Python 3.13
