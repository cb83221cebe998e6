An epoch outranks any release number.
@@ args
version compare '1!0.1' 2024.1
@@ exit
0
@@ stdout
>
@@ stderr
