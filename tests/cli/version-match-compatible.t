~=2.1 means >=2.1 and ==2.*; packaging 26 lets a single pre-release in by default.
@@ args
version match '~=2.1' 2.2.0rc1
@@ exit
0
@@ stdout
true
@@ stderr
