spacelock doctor: a log file holding two builds (a build, then the rebuild that replaced it, as a log saved twice): the verdict is the last build's, as the log reader keeps only the last build; the first build's failure is not even listed among the other buckets
@@ args
doctor --json --log twice.log
@@ file twice.log
===== Build Queued at 2026-05-13 16:43:56 / Commit SHA: 1111111 =====

--> RUN pip install --no-cache-dir -r requirements.txt
Collecting pyaudioop (from -r requirements.txt (line 3))
ERROR: Could not find a version that satisfies the requirement pyaudioop (from versions: none)
ERROR: No matching distribution found for pyaudioop
--> ERROR: process "/bin/sh -c pip install --no-cache-dir -r requirements.txt" did not complete successfully: exit code: 1
===== Build Queued at 2026-05-13 17:02:11 / Commit SHA: 2222222 =====

--> RUN pip install --no-cache-dir -r requirements.txt
ERROR: Cannot install gradio==4.31.0 and gradio>=4.40.0 because these package versions have conflicting dependencies.
ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts
--> ERROR: process "/bin/sh -c pip install --no-cache-dir -r requirements.txt" did not complete successfully: exit code: 1
@@ exit
1
@@ stdout
{"space":null,
"findings":[
  {"id":"log-failure","severity":"error","file":"twice.log","line":11,"message":"requirements-conflict: two requirements ask for versions of one package that cannot both hold; a gradio line against the sdk_version the builder injects is the usual one: ERROR: Cannot install gradio==4.31.0 and gradio>=4.40.0 because these package versions have conflicting dependencies.","fix":"read the two requirements pip names in the conflict"}
],
"logs":["twice.log"],
"bucket":"requirements-conflict","cause":{"rule":"pip-conflicting-dependencies","file":"twice.log","line":11,"text":"ERROR: Cannot install gradio==4.31.0 and gradio>=4.40.0 because these package versions have conflicting dependencies.","explain":"two requirements ask for versions of one package that cannot both hold; a gradio line against the sdk_version the builder injects is the usual one","source":"https://github.com/zlin0/wedefense/issues/93"},"steps":["read the two requirements pip names in the conflict","drop the gradio line of requirements.txt or make it equal to sdk_version (spacelock apply)","pin the rest to what the source built with: spacelock repin"],"also":[{"bucket":"building","rule":"build-step-failed","file":"twice.log","line":13}],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":1,"warnings":0,"notes":0}
@@ stderr
