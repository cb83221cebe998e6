Numbers of any length are kept exactly.
@@ args
version normalize 18446744073709551616.00099999999999999999999.post000
@@ exit
0
@@ stdout
18446744073709551616.99999999999999999999.post0
@@ stderr
