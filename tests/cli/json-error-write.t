The lockfile cannot be written: exit 4, and the JSON error says 4 too
(kind "io"), with nothing else on stdout.
@@ args
snapshot --json --freeze freeze.json -o missing/dir/lock.json
@@ file freeze.json
[{"name": "six", "version": "1.17.0"}]
@@ absent missing
@@ exit
4
@@ stdout
{"error":{"message":"cannot write 'missing/dir/lock.json': No such file or directory","kind":"io","exit":4}}
@@ stderr
spacelock: error: cannot write 'missing/dir/lock.json': No such file or directory
