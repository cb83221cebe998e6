spacelock log: log-error-freeze-not-freeze
@@ args
log --freeze fixtures/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: fixtures/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log:1: not a pip freeze or pip list line
