# ~= with a right side that is no valid specifier is an undefined comparison: exit 3
@@ args
marker eval 'python_version ~= "3"'
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: undefined comparison '~=' on '3.10' and '3'
