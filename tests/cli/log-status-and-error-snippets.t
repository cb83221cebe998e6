spacelock log: log-status-and-error-snippets
@@ args
log --json fixtures/logs/status-and-error-snippets.multi-source.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/status-and-error-snippets.multi-source.log","kind":"build","format":"plain","lines":99,"builds":2,"runs":0,
"has_build":true,"has_run":true,"unread":0,"mixed":0,
"queued_at":"2025-04-18 22:43:52","commit":"a73e54d","started_at":null,
"base_image":"ghcr.io/danny-avila/librechat-dev:latest","base_digest":"sha256:a283dc00e48c7bf693652cf9219010a0aaf259acf7754469d318ef32ea6c65d6",
"python":null,"site_python":null,"pip_version":null,
"sdk":null,"sdk_version":null,
"platform_requirements":[],
"build_failed":true,"runtime_error":true,
"summary":{"present":true,"cache_stats":null,"logs_unavailable":"Failed to initialize stream (code 404)","cache_misses":[]},
"steps":[
  {"line":60,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":["from"],"observations":0,"instruction":"FROM ghcr.io/danny-avila/librechat-dev:latest@sha256:a283dc00e48c7bf693652cf9219010a0aaf259acf7754469d318ef32ea6c65d6"},
  {"line":73,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN mkdir -p /app/uploads/temp"},
  {"line":76,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN mkdir -p /app/client/public/images/temp"},
  {"line":79,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN mkdir -p /app/api/logs/"},
  {"line":82,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN mkdir -p /app/data"},
  {"line":85,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN chmod -R 777 /app/uploads/temp"},
  {"line":88,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN chmod -R 777 /app/client/public/images"},
  {"line":91,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN chmod -R 777 /app/api/logs/"},
  {"line":94,"outcome":"done","duration":"0.1","exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN chmod -R 777 /app/data"},
  {"line":97,"outcome":"none","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN cd /app/api && npm install"}
],
"failures":[
  {"line":3,"kind":"runtime","section":"run","subject":null,"text":"Exit code: 128. Reason: failed to create containerd task: failed to create shim task: context canceled","rule":"containerd-task","bucket":"building"},
  {"line":11,"kind":"runtime","section":"run","subject":null,"text":"Space failed to start. Exit code: 1","rule":"space-failed-to-start","bucket":"building"},
  {"line":18,"kind":"job","section":"run","subject":null,"text":"Job failed with exit code: 1","rule":"build-job-failed","bucket":"building"}
],
"observations":[],
"warnings":[
  "fixtures/logs/status-and-error-snippets.multi-source.log:58: another build starts here; only the last one is kept",
  "fixtures/logs/status-and-error-snippets.multi-source.log: the log ends before step 'RUN cd /app/api && npm install' finished (truncated?)"
],
"warnings_dropped":0}
@@ stderr
spacelock: warning: fixtures/logs/status-and-error-snippets.multi-source.log:58: another build starts here; only the last one is kept
spacelock: warning: fixtures/logs/status-and-error-snippets.multi-source.log: the log ends before step 'RUN cd /app/api && npm install' finished (truncated?)
