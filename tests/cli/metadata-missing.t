A path that does not exist: bad input, exit 3 (7 is for the Hub and the index).
@@ args
metadata no/such/dir.dist-info
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: cannot read 'no/such/dir.dist-info': no such file or directory
