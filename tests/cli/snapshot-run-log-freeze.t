An app that prints `pip freeze` at start-up makes its run log the best
evidence: the versions are "installed", and a freeze file agreeing with it
adds no warning.  Without a build log or card the interpreter stays unknown.
--json prints the summary as JSON on stdout.
@@ args
--json snapshot --run-log run.log --freeze extra.json -o lock.json
@@ file run.log
===== Application Startup at 2026-05-13 16:54:42 =====

Starting app
aiofiles==23.2.1
gradio==4.40.0
huggingface-hub==1.14.0
Running on local URL:  http://0.0.0.0:7860
@@ file extra.json
[{"name": "gradio", "version": "4.40.0"}]
@@ exit
1
@@ stdout
{"output":"lock.json","packages":3,"incomplete":1,"warnings":0,"complete":false}
@@ stderr
snapshot: 3 packages locked, 1 unknown
snapshot: python unknown, sdk unknown
snapshot: unknown: runtime python
snapshot: wrote lock.json (incomplete: see its "incomplete" list)
