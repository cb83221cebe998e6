A requirements.txt alone makes the directory look like a checkout too; a
Space's card is then missing, and the error says which file.
@@ args
snapshot
@@ file requirements.txt
numpy==1.26.4
@@ exit
3
@@ stdout
@@ stderr
snapshot: no input given: reading the Space checkout in this directory (--dir .)
spacelock: error: cannot read './README.md': No such file or directory
@@ absent spacelock.json
