# --python sets python_version, python_full_version (X.Y -> X.Y.0) and implementation_version
@@ args
marker eval 'python_full_version < "3.12.1"' --python 3.12
@@ exit
0
@@ stdout
true
@@ stderr
