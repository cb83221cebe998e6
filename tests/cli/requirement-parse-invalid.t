# invalid: exit 3, what was expected and at which column
@@ args
requirement parse 'name >= 1.0 <= 2.0'
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: invalid requirement 'name >= 1.0 <= 2.0': expected comma (within version specifier), semicolon (after version specifier) or end at columns 6-12
