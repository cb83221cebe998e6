# --extra sets the extra variable (PEP 685-normalised on both sides)
@@ args
marker eval --extra Foo_Bar 'extra == "foo.bar"'
@@ exit
0
@@ stdout
true
@@ stderr
