A bad option is a one-line usage error that names it, with a pointer to
--help, exit 2 (getopt's own message is suppressed).
@@ args
snapshot --bogus
@@ exit
2
@@ stdout
@@ stderr
spacelock snapshot: unknown option '--bogus'
see 'spacelock snapshot --help'
