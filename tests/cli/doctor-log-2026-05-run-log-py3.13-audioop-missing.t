spacelock doctor: classify the real log 2026-05-run-log-py3.13-audioop-missing.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/2026-05-run-log-py3.13-audioop-missing.log
@@ exit
1
@@ stdout
{"space":null,
"findings":[
  {"id":"log-failure","severity":"error","file":"fixtures/logs/2026-05-run-log-py3.13-audioop-missing.log","line":6,"message":"missing-module: the app imports a module that is not installed; on a newer Python it may have left the standard library (audioop in 3.13): ModuleNotFoundError: No module named 'audioop'","fix":"if the module left the standard library (audioop in Python 3.13), set python_version to the source's Python"}
],
"logs":["fixtures/logs/2026-05-run-log-py3.13-audioop-missing.log"],
"bucket":"missing-module","cause":{"rule":"module-not-found","file":"fixtures/logs/2026-05-run-log-py3.13-audioop-missing.log","line":6,"text":"ModuleNotFoundError: No module named 'audioop'","explain":"the app imports a module that is not installed; on a newer Python it may have left the standard library (audioop in 3.13)","source":"https://huggingface.co/spaces/justinarndt/validated-bmr-micro-agent"},"steps":["if the module left the standard library (audioop in Python 3.13), set python_version to the source's Python","otherwise add the package that provides it to requirements.txt","rebuild and read the run log again"],"also":[],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":1,"warnings":0,"notes":0}
@@ stderr
