A plain METADATA file: the body after the blank line is ignored, folded lines are unfolded.
@@ args
metadata METADATA
@@ file METADATA
Metadata-Version: 2.1
Name: Demo_Pkg
Version: 1.0rc1
Requires-Python: >=3.9
Requires-Dist: numpy (>=1.20,
  <2)
Requires-Dist: rich; extra == "cli"
Provides-Extra: cli
Description-Content-Type: text/markdown

Requires-Dist: not-a-requirement
@@ exit
0
@@ stdout
Metadata-Version: 2.1
Name: Demo_Pkg
Version: 1.0rc1
Requires-Python: >=3.9
Requires-Dist: numpy (>=1.20,  <2)
Requires-Dist: rich; extra == "cli"
Provides-Extra: cli
@@ stderr
