An sdist without a top-level PKG-INFO.
@@ args
metadata --json fixtures/archives/deep-1.0.tar.gz
@@ exit
7
@@ stdout
{"error":{"message":"fixtures/archives/deep-1.0.tar.gz: no '*/PKG-INFO' in the archive","kind":"not_found","exit":7}}
@@ stderr
spacelock: error: fixtures/archives/deep-1.0.tar.gz: no '*/PKG-INFO' in the archive
