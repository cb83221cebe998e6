spacelock doctor: a missing log is bad input
@@ args
doctor --log no-such.log
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: cannot read 'no-such.log': No such file or directory
