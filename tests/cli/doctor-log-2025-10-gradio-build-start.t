spacelock doctor: classify the real log 2025-10-gradio-build-start.excerpt.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/2025-10-gradio-build-start.excerpt.log
@@ exit
0
@@ stdout
{"space":null,
"findings":[],
"logs":["fixtures/logs/2025-10-gradio-build-start.excerpt.log"],
"bucket":null,"cause":null,"steps":[],"also":[],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":0,"warnings":0,"notes":0}
@@ stderr
