No spacelock.json here.
@@ args
check
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: cannot read 'spacelock.json': No such file or directory
