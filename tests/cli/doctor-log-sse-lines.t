spacelock doctor: a log saved as the Hub's SSE stream, where one event holds two lines of the log, one a line without its newline and one none (a keep-alive): the line doctor names is the decoded log's (5), not the stream's
@@ args
doctor --log hub.sse
@@ file hub.sse
data: {"data": "===== Application Startup at 2026-05-13 16:56:02 =====\n", "timestamp": "2026-05-13T16:56:02.037Z"}

data:

data: {"data": "\nTraceback (most recent call last):\n", "timestamp": "2026-05-13T16:56:03.001Z"}

data: {"data": "  File \"/home/user/app/app.py\", line 1, in <module>", "timestamp": "2026-05-13T16:56:03.002Z"}

data: {"data": "ModuleNotFoundError: No module named 'audioop'\n", "timestamp": "2026-05-13T16:56:03.003Z"}

@@ exit
1
@@ stdout
error   hub.sse:5 [log-failure] missing-module: the app imports a module that is not installed; on a newer Python it may have left the standard library (audioop in 3.13): ModuleNotFoundError: No module named 'audioop'
        fix: if the module left the standard library (audioop in Python 3.13), set python_version to the source's Python

failure: missing-module (hub.sse:5)
  ModuleNotFoundError: No module named 'audioop'
  why: the app imports a module that is not installed; on a newer Python it may have left the standard library (audioop in 3.13)
  next steps:
    1. if the module left the standard library (audioop in Python 3.13), set python_version to the source's Python
    2. otherwise add the package that provides it to requirements.txt
    3. rebuild and read the run log again

1 error, 0 warnings, 0 notes
@@ stderr
