A build log that does not exist is bad input (exit 3); nothing is written.
@@ args
snapshot --build-log nope.log
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: cannot read 'nope.log': No such file or directory
@@ absent spacelock.json
