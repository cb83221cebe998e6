A damaged site-packages still snapshots: each skipped distribution (no
METADATA, no Version, a NUL byte) is a warning naming the file, and, its
version unknown, an incomplete entry, never a locked package.
@@ args
snapshot --site-packages fixtures/site-packages/broken -o lock.json
@@ exit
1
@@ stdout
@@ stderr
spacelock: warning: 'six' is installed twice: 'fixtures/site-packages/broken/six-1.16.0.egg-info' and 'fixtures/site-packages/broken/six-1.17.0.dist-info'
spacelock: warning: 'six': fixtures/site-packages/broken/six-1.16.0.egg-info/PKG-INFO:3 shows 1.16.0 (installed) but fixtures/site-packages/broken/six-1.17.0.dist-info/METADATA:3 shows 1.17.0 (installed); 1.17.0 is kept
spacelock: warning: fixtures/site-packages/broken/badver-1.0.dist-info/METADATA:3: invalid version 'not a version!': expected a release number at column 1 (kept as written)
spacelock: warning: ignored direct_url.json: fixtures/site-packages/broken/badurl-1.0.dist-info/direct_url.json:1:38: invalid JSON
spacelock: warning: skipped 'fixtures/site-packages/broken/nometa-1.0.dist-info': cannot open 'fixtures/site-packages/broken/nometa-1.0.dist-info/METADATA': No such file or directory
spacelock: warning: skipped 'fixtures/site-packages/broken/noversion-2.0.dist-info': fixtures/site-packages/broken/noversion-2.0.dist-info/METADATA: no 'Version' field in the metadata header
spacelock: warning: skipped 'fixtures/site-packages/broken/nul-1.0.dist-info': fixtures/site-packages/broken/nul-1.0.dist-info/METADATA:3: NUL byte in the metadata header
snapshot: 2 packages locked, 5 unknown
snapshot: python unknown, sdk unknown
snapshot: unknown: package 'badver'
snapshot: unknown: package 'nometa'
snapshot: unknown: package 'noversion'
snapshot: unknown: package 'nul'
snapshot: unknown: runtime python
snapshot: 7 warnings
snapshot: wrote lock.json (incomplete: see its "incomplete" list)
