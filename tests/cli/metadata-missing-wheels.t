A wheels folder that does not exist: bad input, exit 3.
@@ args
metadata --wheels no/such/wheels
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: cannot list 'no/such/wheels': No such file or directory
