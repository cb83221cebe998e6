# --json: each result as a JSON object
@@ args
--json name normalize Foo.Bar
@@ exit
0
@@ stdout
{"name":"foo-bar"}
@@ stderr
