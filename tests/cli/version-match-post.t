<V.postN admits pre-releases of V (packaging 26.1 narrowed the exclusion).
@@ args
version match '<1.0.post1' 1.0rc1
@@ exit
0
@@ stdout
true
@@ stderr
