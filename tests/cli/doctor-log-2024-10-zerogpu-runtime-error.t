spacelock doctor: classify the real log 2024-10-zerogpu-runtime-error.excerpt.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/2024-10-zerogpu-runtime-error.excerpt.log
@@ exit
1
@@ stdout
{"space":null,
"findings":[
  {"id":"log-failure","severity":"error","file":"fixtures/logs/2024-10-zerogpu-runtime-error.excerpt.log","line":10,"message":"zerogpu-worker: the spaces package could not register with ZeroGPU at start-up (often a platform incident): raise RuntimeError(\"Error while initializing ZeroGPU: Unknown\")","fix":"retry once: worker errors are often transient"}
],
"logs":["fixtures/logs/2024-10-zerogpu-runtime-error.excerpt.log"],
"bucket":"zerogpu-worker","cause":{"rule":"zerogpu-init-error","file":"fixtures/logs/2024-10-zerogpu-runtime-error.excerpt.log","line":10,"text":"raise RuntimeError(\"Error while initializing ZeroGPU: Unknown\")","explain":"the spaces package could not register with ZeroGPU at start-up (often a platform incident)","source":"https://github.com/pengHTYX/Era3D/issues/45"},"steps":["retry once: worker errors are often transient","restart the Space once","check torch against the releases ZeroGPU supports, then factory rebuild","read the run log around the error (spacelock log RUN.log)"],"also":[{"bucket":"building","rule":"error-logs-unavailable","file":"fixtures/logs/2024-10-zerogpu-runtime-error.excerpt.log","line":15}],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":1,"warnings":0,"notes":0}
@@ stderr
