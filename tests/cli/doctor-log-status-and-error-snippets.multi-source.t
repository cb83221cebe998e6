spacelock doctor: classify the real log status-and-error-snippets.multi-source.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/status-and-error-snippets.multi-source.log
@@ exit
1
@@ stdout
{"space":null,
"findings":[
  {"id":"log-failure","severity":"error","file":"fixtures/logs/status-and-error-snippets.multi-source.log","line":3,"message":"building: the platform could not start the container; nothing in the Space caused it: Exit code: 128. Reason: failed to create containerd task: failed to create shim task: context canceled","fix":"retry the build once: platform hiccups (registry, scheduling, containerd) clear on a retry"}
],
"logs":["fixtures/logs/status-and-error-snippets.multi-source.log"],
"bucket":"building","cause":{"rule":"containerd-task","file":"fixtures/logs/status-and-error-snippets.multi-source.log","line":3,"text":"Exit code: 128. Reason: failed to create containerd task: failed to create shim task: context canceled","explain":"the platform could not start the container; nothing in the Space caused it","source":"https://github.com/Kunbyte-AI/ROSE/issues/13"},"steps":["retry the build once: platform hiccups (registry, scheduling, containerd) clear on a retry","restart the Space once (Settings > Restart)","factory rebuild once (Settings > Factory rebuild): it re-runs the cached pip layers","then read the build log's first error (spacelock log BUILD.log) and look at the dependencies"],"also":[],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":1,"warnings":0,"notes":0}
@@ stderr
