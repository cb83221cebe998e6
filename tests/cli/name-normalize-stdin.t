# --stdin: one result a line, an error line for a bad one, exit 0
@@ args
name normalize --stdin
@@ stdin
Foo.Bar__baz
requests
_bad

HuggingFace_Hub
@@ exit
0
@@ stdout
foo-bar-baz
requests
error: invalid project name '_bad': letters, digits, '.', '_' and '-', starting and ending with a letter or digit
error: invalid project name '': letters, digits, '.', '_' and '-', starting and ending with a letter or digit
huggingface-hub
@@ stderr
