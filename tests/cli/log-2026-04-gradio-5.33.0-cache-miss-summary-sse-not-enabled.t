spacelock log: log-2026-04-gradio-5.33.0-cache-miss-summary-sse-not-enabled
@@ args
log --json fixtures/logs/2026-04-gradio-5.33.0-cache-miss-summary-sse-not-enabled.excerpt.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2026-04-gradio-5.33.0-cache-miss-summary-sse-not-enabled.excerpt.log","kind":"build","format":"plain","lines":13,"builds":0,"runs":0,
"has_build":true,"has_run":false,"unread":0,"mixed":0,
"queued_at":null,"commit":null,"started_at":null,
"base_image":null,"base_digest":null,
"python":null,"site_python":null,"pip_version":null,
"sdk":"gradio","sdk_version":"5.33.0",
"platform_requirements":[
  "gradio[oauth,mcp]==5.33.0",
  "uvicorn>=0.14.0",
  "websockets>=10.4",
  "spaces"
],
"build_failed":true,"runtime_error":false,
"summary":{"present":true,"cache_stats":"{\"total\":25,\"completed\":19,\"user_total\":14,\"user_cached\":5,\"user_completed\":8,\"user_cacheable\":13,\"from\":1,\"miss\":8,\"client_duration_ms\":12105}","logs_unavailable":"SSE is not enabled","cache_misses":[
  {"line":2,"stage":"run 1/2","instruction":"LINK COPY --link ./ /app"},
  {"line":3,"stage":"run 2/2","instruction":"LINK COPY --from=pipfreeze --link /pipfreeze/ /pipfreeze/"},
  {"line":4,"stage":"base 7/7","instruction":"RUN mkdir -p /home/user && ( [ -e /home/user/app ] || ln -s /app/ /home/user/app ) || true"},
  {"line":5,"stage":"run 1/2","instruction":"COPY --link ./ /app"},
  {"line":6,"stage":"pipfreeze 1/2","instruction":"RUN mkdir -p /pipfreeze"},
  {"line":7,"stage":"run 2/2","instruction":"COPY --from=pipfreeze --link /pipfreeze/ /pipfreeze/"},
  {"line":8,"stage":"pipfreeze 2/2","instruction":"RUN pip freeze > /pipfreeze/freeze.txt"},
  {"line":9,"stage":"base 6/7","instruction":"RUN --mount=target=/tmp/requirements.txt,source=requirements.txt     pip install --no-cache-dir -r /tmp/requirements.txt     gradio[oauth,mcp]==5.33.0     \"uvicorn>=0.14.0\" \"websockets>=10.4\"     spaces"}
]},
"steps":[],
"failures":[
  {"line":2,"kind":"job","section":"build","subject":null,"text":"Job failed with exit code: 1. Reason: cache miss: [run 1/2] LINK COPY --link ./ /app","rule":"build-job-failed","bucket":"building"}
],
"observations":[],
"warnings":[],
"warnings_dropped":0}
@@ stderr
