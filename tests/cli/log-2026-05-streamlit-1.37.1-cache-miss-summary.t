spacelock log: log-2026-05-streamlit-1.37.1-cache-miss-summary
@@ args
log --json fixtures/logs/2026-05-streamlit-1.37.1-cache-miss-summary.excerpt.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2026-05-streamlit-1.37.1-cache-miss-summary.excerpt.log","kind":"build","format":"plain","lines":10,"builds":0,"runs":0,
"has_build":true,"has_run":false,"unread":0,"mixed":0,
"queued_at":null,"commit":null,"started_at":null,
"base_image":null,"base_digest":null,
"python":null,"site_python":null,"pip_version":null,
"sdk":"streamlit","sdk_version":"1.37.1",
"platform_requirements":[
  "streamlit==1.37.1",
  "uvicorn>=0.14.0",
  "websockets>=10.4",
  "spaces"
],
"build_failed":true,"runtime_error":false,
"summary":{"present":true,"cache_stats":null,"logs_unavailable":null,"cache_misses":[
  {"line":2,"stage":"run 1/2","instruction":"COPY --link ./ /app"},
  {"line":3,"stage":"run 2/2","instruction":"COPY --from=pipfreeze --link /pipfreeze/ /pipfreeze/"},
  {"line":4,"stage":"run 2/2","instruction":"LINK COPY --from=pipfreeze --link /pipfreeze/ /pipfreeze/"},
  {"line":5,"stage":"base 5/7","instruction":"RUN --mount=target=/tmp/requirements.txt,source=requirements.txt     pip install --no-cache-dir -r /tmp/requirements.txt     streamlit==1.37.1     \"uvicorn>=0.14.0\" \"websockets>=10.4\"     spaces"},
  {"line":6,"stage":"pipfreeze 1/2","instruction":"RUN mkdir -p /pipfreeze"},
  {"line":7,"stage":"pipfreeze 2/2","instruction":"RUN pip freeze > /pipfreeze/freeze.txt"},
  {"line":8,"stage":"run 1/2","instruction":"LINK COPY --link ./ /app"},
  {"line":9,"stage":"base 6/7","instruction":"RUN mkdir -p .streamlit && git config --global core.excludesfile ~/.gitignore && echo \".streamlit\" > ~/.gitignore"},
  {"line":10,"stage":"base 7/7","instruction":"RUN"}
]},
"steps":[],
"failures":[
  {"line":2,"kind":"job","section":"build","subject":null,"text":"Job failed with exit code: 1. Reason: cache miss: [run 1/2] COPY --link ./ /app","rule":"build-job-failed","bucket":"building"}
],
"observations":[],
"warnings":[],
"warnings_dropped":0}
@@ stderr
