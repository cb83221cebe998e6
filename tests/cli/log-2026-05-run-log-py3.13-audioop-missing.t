spacelock log: log-2026-05-run-log-py3.13-audioop-missing
@@ args
log --run --json fixtures/logs/2026-05-run-log-py3.13-audioop-missing.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2026-05-run-log-py3.13-audioop-missing.log","kind":"run","format":"plain","lines":31,"builds":0,"runs":1,
"has_build":false,"has_run":true,"unread":0,"mixed":0,
"queued_at":null,"commit":null,"started_at":"2026-05-13 16:54:42",
"base_image":null,"base_digest":null,
"python":null,"site_python":"3.13","pip_version":null,
"sdk":null,"sdk_version":null,
"platform_requirements":[],
"build_failed":false,"runtime_error":true,
"summary":{"present":false,"cache_stats":null,"logs_unavailable":null,"cache_misses":[]},
"steps":[],
"failures":[
  {"line":6,"kind":"runtime","section":"run","subject":"ModuleNotFoundError","text":"ModuleNotFoundError: No module named 'audioop'","rule":"module-not-found","bucket":"missing-module"},
  {"line":31,"kind":"runtime","section":"run","subject":"ModuleNotFoundError","text":"ModuleNotFoundError: No module named 'pyaudioop'","rule":"module-not-found","bucket":"missing-module"}
],
"observations":[],
"warnings":[],
"warnings_dropped":0}
@@ stderr
