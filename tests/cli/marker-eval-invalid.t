# a syntax error says what was expected and where
@@ args
marker eval 'python_version >= "3" and'
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: invalid marker 'python_version >= "3" and': expected a marker variable or quoted string at column 26
