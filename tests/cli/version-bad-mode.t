An unknown --prereleases mode is a usage error.
@@ args
version match '>=1' 1 --prereleases sometimes
@@ exit
2
@@ stdout
@@ stderr
spacelock version: invalid pre-release mode 'sometimes': use default, true or false
see 'spacelock version --help'
