spacelock log: log-2024-10-zerogpu-runtime-error
@@ args
log --run --json fixtures/logs/2024-10-zerogpu-runtime-error.excerpt.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2024-10-zerogpu-runtime-error.excerpt.log","kind":"run","format":"plain","lines":15,"builds":0,"runs":0,
"has_build":false,"has_run":true,"unread":0,"mixed":0,
"queued_at":null,"commit":null,"started_at":null,
"base_image":null,"base_digest":null,
"python":null,"site_python":"3.10","pip_version":null,
"sdk":null,"sdk_version":null,
"platform_requirements":[],
"build_failed":false,"runtime_error":true,
"summary":{"present":false,"cache_stats":null,"logs_unavailable":"The user aborted a request.","cache_misses":[]},
"steps":[],
"failures":[
  {"line":11,"kind":"runtime","section":"run","subject":"RuntimeError","text":"RuntimeError: Error while initializing ZeroGPU: Unknown","rule":"zerogpu-init-error","bucket":"zerogpu-worker"}
],
"observations":[],
"warnings":[],
"warnings_dropped":0}
@@ stderr
