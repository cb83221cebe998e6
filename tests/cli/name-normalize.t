# name normalize: PEP 503 canonical form
@@ args
name normalize Foo.Bar__baz
@@ exit
0
@@ stdout
foo-bar-baz
@@ stderr
