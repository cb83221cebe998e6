A path that does not exist: exit 7.
@@ args
metadata no/such/dir.dist-info
@@ exit
7
@@ stdout
@@ stderr
spacelock: error: cannot read 'no/such/dir.dist-info': no such file or directory
