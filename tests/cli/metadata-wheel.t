METADATA read inside a real wheel.
@@ args
metadata fixtures/archives/typing_inspect-0.9.0-py3-none-any.whl
@@ exit
0
@@ stdout
Metadata-Version: 2.1
Name: typing-inspect
Version: 0.9.0
Requires-Dist: mypy-extensions (>=0.3.0)
Requires-Dist: typing-extensions (>=3.7.4)
Requires-Dist: typing (>=3.7.4) ; python_version < "3.5"
@@ stderr
