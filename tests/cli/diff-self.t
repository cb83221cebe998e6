A lock against itself: nothing on stdout, exit 0.
@@ args
diff fixtures/diff/3-gradio-dropped.json fixtures/diff/3-gradio-dropped.json
@@ exit
0
@@ stdout
@@ stderr
diff: no difference
