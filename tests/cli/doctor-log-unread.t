spacelock doctor: a --log the log reader refuses (binary data, here a wheel) is a warning that says so, not a verdict drawn from its bytes
@@ args
doctor --log fixtures/archives/outcome-1.3.0.post0-py3-none-any.whl
@@ exit
0
@@ stdout
warning fixtures/archives/outcome-1.3.0.post0-py3-none-any.whl [log-unread] fixtures/archives/outcome-1.3.0.post0-py3-none-any.whl: binary data, not a log
        fix: give the log as text, as the Space page or `spacelock fetch` saves it

0 errors, 1 warning, 0 notes
@@ stderr
