An unknown verb gets one line with the closest match and exit 2.
@@ args
hepl
@@ exit
2
@@ stdout
@@ stderr
spacelock: unknown command 'hepl'; did you mean 'help'?
