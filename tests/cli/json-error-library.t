A library error: message, kind and exit in one nested object.
@@ args
--json log missing.log
@@ exit
3
@@ stdout
{"error":{"message":"cannot read 'missing.log': No such file or directory","kind":"io","exit":3}}
@@ stderr
spacelock: error: cannot read 'missing.log': No such file or directory
