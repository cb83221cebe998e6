The same environment as JSON.
@@ args
check --json --site-packages fixtures/check/site/lib/python3.11/site-packages
@@ exit
1
@@ stdout
{"consistent":false,"python":"3.11","packages":6,"solver_problems":2,"problems":[
  {"package":"pydantic","version":"2.10.0b1","requirement":"annotated-types>=0.6.0","kind":"missing","installed":null,"target":"annotated-types","extra":null,"why":"required by fastapi 0.115.2","requested_by":null,"requested_at":null,"reason":null,"group":0},
  {"package":"pydantic","version":"2.10.0b1","requirement":"pydantic-core==2.27.0","kind":"missing","installed":null,"target":"pydantic-core","extra":null,"why":"required by fastapi 0.115.2","requested_by":null,"requested_at":null,"reason":null,"group":1},
  {"package":"fastapi","version":"0.115.2","requirement":"typing-extensions>=4.8.0","kind":"missing","installed":null,"target":"typing-extensions","extra":null,"why":null,"requested_by":null,"requested_at":null,"reason":null,"group":2},
  {"package":"pydantic","version":"2.10.0b1","requirement":"typing-extensions>=4.12.2","kind":"missing","installed":null,"target":"typing-extensions","extra":null,"why":"required by fastapi 0.115.2","requested_by":null,"requested_at":null,"reason":null,"group":2},
  {"package":"fastapi","version":"0.115.2","requirement":"starlette<0.41.0,>=0.37.2","kind":"mismatch","installed":"0.41.0","target":"starlette","extra":null,"why":null,"requested_by":null,"requested_at":null,"reason":null,"group":3}],"solutions":[],"warnings":[]}
@@ stderr
spacelock: 5 problems among 6 packages for Python 3.11
