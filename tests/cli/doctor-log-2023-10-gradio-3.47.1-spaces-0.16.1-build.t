spacelock doctor: classify the real log 2023-10-gradio-3.47.1-spaces-0.16.1-build.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log
@@ exit
0
@@ stdout
{"space":null,
"findings":[],
"logs":["fixtures/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log"],
"bucket":null,"cause":null,"steps":[],"also":[],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":0,"warnings":0,"notes":0}
@@ stderr
