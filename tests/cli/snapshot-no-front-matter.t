A README without front matter is bad input: exit 3, file:line, no lockfile.
@@ args
snapshot --dir .
@@ file README.md
# My Space

No card here.
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: README.md:1: no front matter: a Space card starts with a '---' line
@@ absent spacelock.json
