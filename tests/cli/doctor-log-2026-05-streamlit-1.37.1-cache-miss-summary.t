spacelock doctor: classify the real log 2026-05-streamlit-1.37.1-cache-miss-summary.excerpt.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/2026-05-streamlit-1.37.1-cache-miss-summary.excerpt.log
@@ exit
1
@@ stdout
{"space":null,
"findings":[
  {"id":"log-failure","severity":"error","file":"fixtures/logs/2026-05-streamlit-1.37.1-cache-miss-summary.excerpt.log","line":2,"message":"building: the build failed; the build log says at which step: Job failed with exit code: 1. Reason: cache miss: [run 1/2] COPY --link ./ /app","fix":"retry the build once: platform hiccups (registry, scheduling, containerd) clear on a retry"}
],
"logs":["fixtures/logs/2026-05-streamlit-1.37.1-cache-miss-summary.excerpt.log"],
"bucket":"building","cause":{"rule":"build-job-failed","file":"fixtures/logs/2026-05-streamlit-1.37.1-cache-miss-summary.excerpt.log","line":2,"text":"Job failed with exit code: 1. Reason: cache miss: [run 1/2] COPY --link ./ /app","explain":"the build failed; the build log says at which step","source":"https://github.com/zlin0/wedefense/issues/93"},"steps":["retry the build once: platform hiccups (registry, scheduling, containerd) clear on a retry","restart the Space once (Settings > Restart)","factory rebuild once (Settings > Factory rebuild): it re-runs the cached pip layers","then read the build log's first error (spacelock log BUILD.log) and look at the dependencies"],"also":[],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":1,"warnings":0,"notes":0}
@@ stderr
