spacelock doctor: classify the real log 2026-05-gradio-4.40.0-build-no-matching-distribution.sse (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.sse
@@ exit
1
@@ stdout
{"space":null,
"findings":[
  {"id":"log-failure","severity":"error","file":"fixtures/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.sse","line":36,"message":"no-distribution: the index has no release of this requirement for the Space's Python and platform: ERROR: Could not find a version that satisfies the requirement pyaudioop (from versions: none)","fix":"check the name and the version exist on the index for the Space's Python (python_version in the card)"}
],
"logs":["fixtures/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.sse"],
"bucket":"no-distribution","cause":{"rule":"pip-could-not-find-version","file":"fixtures/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.sse","line":36,"text":"ERROR: Could not find a version that satisfies the requirement pyaudioop (from versions: none)","explain":"the index has no release of this requirement for the Space's Python and platform","source":"https://huggingface.co/spaces/justinarndt/validated-bmr-micro-agent"},"steps":["check the name and the version exist on the index for the Space's Python (python_version in the card)","remove a requirement that is not a package (a standard-library module, or a backport meant for another Python)","pin a release that has a wheel for this Python"],"also":[{"bucket":"building","rule":"build-step-failed","file":"fixtures/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.sse","line":39}],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":1,"warnings":0,"notes":0}
@@ stderr
