The normal form, as packaging's str(Version).
@@ args
version normalize ' V1.0-ALPHA_2.POST-3-dev_4+Ubuntu-007 '
@@ exit
0
@@ stdout
1.0a2.post3.dev4+ubuntu.7
@@ stderr
