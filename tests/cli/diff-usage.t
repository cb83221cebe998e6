One argument: a usage error in two lines, exit 2.
@@ args
diff fixtures/diff/3-gradio-dropped.json
@@ exit
2
@@ stdout
@@ stderr
spacelock diff: diff takes two arguments, SOURCE and DUPLICATE (a lockfile or a Space each)
see 'spacelock diff --help'
