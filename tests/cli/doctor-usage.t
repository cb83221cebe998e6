spacelock doctor: nothing to examine is a usage error
@@ args
doctor
@@ exit
2
@@ stdout
@@ stderr
spacelock doctor: nothing to examine: give a Space checkout DIR, OWNER/NAME or --log FILE
see 'spacelock doctor --help'
