spacelock doctor: classify the real log 2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log
@@ exit
1
@@ stdout
{"space":null,
"findings":[
  {"id":"log-failure","severity":"error","file":"fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log","line":330,"message":"wheel-build: a Rust extension (pydantic-core here) is built from source because no wheel exists for this Python, and its PyO3 does not support this Python: error: the configured Python interpreter version (3.13) is newer than PyO3's maximum supported version (3.12)","fix":"set python_version in the card to the Python the source used: a newer default Python often has no wheel for old pins"}
],
"logs":["fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log"],
"bucket":"wheel-build","cause":{"rule":"pyo3-python-too-new","file":"fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log","line":330,"text":"error: the configured Python interpreter version (3.13) is newer than PyO3's maximum supported version (3.12)","explain":"a Rust extension (pydantic-core here) is built from source because no wheel exists for this Python, and its PyO3 does not support this Python","source":"https://huggingface.co/spaces/justinarndt/validated-bmr-micro-agent"},"steps":["set python_version in the card to the Python the source used: a newer default Python often has no wheel for old pins","pin the package to a release that ships a wheel for that Python","factory rebuild"],"also":[{"bucket":"building","rule":"build-job-failed","file":"fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log","line":2}],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":1,"warnings":0,"notes":0}
@@ stderr
