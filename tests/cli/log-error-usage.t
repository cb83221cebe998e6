spacelock log: log-error-usage
@@ args
log
@@ exit
2
@@ stdout
@@ stderr
spacelock log: log takes one FILE
see 'spacelock log --help'
