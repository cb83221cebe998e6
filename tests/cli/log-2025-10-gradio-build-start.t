spacelock log: log-2025-10-gradio-build-start
@@ args
log --json fixtures/logs/2025-10-gradio-build-start.excerpt.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2025-10-gradio-build-start.excerpt.log","kind":"build","format":"plain","lines":9,"builds":1,"runs":0,
"has_build":true,"has_run":false,"unread":0,"mixed":0,
"queued_at":"2025-10-16 05:27:28","commit":"a810a05","started_at":null,
"base_image":"docker.io/library/python:3.10","base_digest":"sha256:2c8b447084a66ca457489f23580a3ed99695aaa88ba4ec381a40afd3d7ef2e68",
"python":"3.10","site_python":null,"pip_version":null,
"sdk":null,"sdk_version":null,
"platform_requirements":[],
"build_failed":false,"runtime_error":false,
"summary":{"present":false,"cache_stats":null,"logs_unavailable":null,"cache_misses":[]},
"steps":[
  {"line":3,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":["from"],"observations":0,"instruction":"FROM docker.io/library/python:3.10@sha256:2c8b447084a66ca457489f23580a3ed99695aaa88ba4ec381a40afd3d7ef2e68"},
  {"line":6,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"COPY --chown=1000:1000 --from=root / /"},
  {"line":9,"outcome":"none","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN apt-get update && apt-get install -y fakeroot &&     m"}
],
"failures":[],
"observations":[],
"warnings":[
  "fixtures/logs/2025-10-gradio-build-start.excerpt.log: the log ends before step 'RUN apt-get update && apt-get install -y fakeroot &&     m' finished (truncated?)"
],
"warnings_dropped":0}
@@ stderr
spacelock: warning: fixtures/logs/2025-10-gradio-build-start.excerpt.log: the log ends before step 'RUN apt-get update && apt-get install -y fakeroot &&     m' finished (truncated?)
