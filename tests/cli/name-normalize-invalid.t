# an invalid project name is bad input: exit 3, the reason on stderr
@@ args
name normalize 'foo bar'
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: invalid project name 'foo bar': letters, digits, '.', '_' and '-', starting and ending with a letter or digit
