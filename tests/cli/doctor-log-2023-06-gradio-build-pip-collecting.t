spacelock doctor: classify the real log 2023-06-gradio-build-pip-collecting.excerpt.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/2023-06-gradio-build-pip-collecting.excerpt.log
@@ exit
0
@@ stdout
{"space":null,
"findings":[],
"logs":["fixtures/logs/2023-06-gradio-build-pip-collecting.excerpt.log"],
"bucket":null,"cause":null,"steps":[],"also":[],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":0,"warnings":0,"notes":0}
@@ stderr
