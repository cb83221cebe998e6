Broken distributions are skipped with a warning naming the file; the rest is listed.
@@ args
metadata --scan fixtures/site-packages/broken
@@ exit
0
@@ stdout
badurl==1.0
badver==not a version!
six==1.16.0
six==1.17.0
@@ stderr
spacelock: warning: 'six' is installed twice: 'fixtures/site-packages/broken/six-1.16.0.egg-info' and 'fixtures/site-packages/broken/six-1.17.0.dist-info'
spacelock: warning: fixtures/site-packages/broken/badver-1.0.dist-info/METADATA:3: invalid version 'not a version!': expected a release number at column 1 (kept as written)
spacelock: warning: ignored direct_url.json: fixtures/site-packages/broken/badurl-1.0.dist-info/direct_url.json:1:38: invalid JSON
spacelock: warning: skipped 'fixtures/site-packages/broken/nometa-1.0.dist-info': cannot open 'fixtures/site-packages/broken/nometa-1.0.dist-info/METADATA': No such file or directory
spacelock: warning: skipped 'fixtures/site-packages/broken/noversion-2.0.dist-info': fixtures/site-packages/broken/noversion-2.0.dist-info/METADATA: no 'Version' field in the metadata header
spacelock: warning: skipped 'fixtures/site-packages/broken/nul-1.0.dist-info': fixtures/site-packages/broken/nul-1.0.dist-info/METADATA:3: NUL byte in the metadata header
