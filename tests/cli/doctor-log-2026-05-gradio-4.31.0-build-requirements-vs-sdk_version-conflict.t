spacelock doctor: classify the real log 2026-05-gradio-4.31.0-build-requirements-vs-sdk_version-conflict.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/2026-05-gradio-4.31.0-build-requirements-vs-sdk_version-conflict.log
@@ exit
1
@@ stdout
{"space":null,
"findings":[
  {"id":"log-failure","severity":"error","file":"fixtures/logs/2026-05-gradio-4.31.0-build-requirements-vs-sdk_version-conflict.log","line":34,"message":"requirements-conflict: two requirements ask for versions of one package that cannot both hold; a gradio line against the sdk_version the builder injects is the usual one: ERROR: Cannot install gradio==4.31.0 and gradio>=4.40.0 because these package versions have conflicting dependencies.","fix":"read the two requirements pip names in the conflict"}
],
"logs":["fixtures/logs/2026-05-gradio-4.31.0-build-requirements-vs-sdk_version-conflict.log"],
"bucket":"requirements-conflict","cause":{"rule":"pip-conflicting-dependencies","file":"fixtures/logs/2026-05-gradio-4.31.0-build-requirements-vs-sdk_version-conflict.log","line":34,"text":"ERROR: Cannot install gradio==4.31.0 and gradio>=4.40.0 because these package versions have conflicting dependencies.","explain":"two requirements ask for versions of one package that cannot both hold; a gradio line against the sdk_version the builder injects is the usual one","source":"https://github.com/zlin0/wedefense/issues/93"},"steps":["read the two requirements pip names in the conflict","drop the gradio line of requirements.txt or make it equal to sdk_version (spacelock apply)","pin the rest to what the source built with: spacelock repin"],"also":[{"bucket":"building","rule":"build-step-failed","file":"fixtures/logs/2026-05-gradio-4.31.0-build-requirements-vs-sdk_version-conflict.log","line":49}],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":1,"warnings":0,"notes":0}
@@ stderr
