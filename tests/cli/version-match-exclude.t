With --prereleases false a pre-release is refused.
@@ args
version match '~=2.1' 2.2.0rc1 --prereleases false
@@ exit
0
@@ stdout
false
@@ stderr
