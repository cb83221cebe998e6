spacelock log: log-error-missing
@@ args
log fixtures/logs/no-such.log
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: cannot read 'fixtures/logs/no-such.log': No such file or directory
