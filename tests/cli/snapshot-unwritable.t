The lockfile cannot be written (no such directory): exit 4.
@@ args
snapshot --freeze freeze.json -o missing/dir/lock.json
@@ file freeze.json
[{"name": "six", "version": "1.17.0"}]
@@ exit
4
@@ stdout
@@ stderr
spacelock: error: cannot write 'missing/dir/lock.json': No such file or directory
@@ absent missing
