PEP 610 direct_url.json: a git install and an editable directory, as JSON.
@@ args
metadata --json --scan fixtures/site-packages/direct
@@ exit
0
@@ stdout
{"distributions":[{"name":"Tiny.Local","canonical":"tiny-local","version":"1.0.dev3","metadata_version":"2.1","requires_python":null,"requires_dist":["requests (>=2)"],"provides_extra":[],"provides_dist":[],"source":"fixtures/site-packages/direct/Tiny.Local-1.0.dev3.dist-info/METADATA","version_line":3,"requires_dist_unknown":false,"kind":"dist-info","requested":true,"direct_url":{"url":"file:///tmp/mdwork/localpkg","vcs":null,"commit_id":null,"requested_revision":null,"editable":true}},{"name":"tinyvcs","canonical":"tinyvcs","version":"0.3.1","metadata_version":"2.1","requires_python":">=3.8","requires_dist":["six (>=1.10)","idna ; python_version >= \"3.8\"","click (>=8) ; extra == 'cli'"],"provides_extra":["cli"],"provides_dist":[],"source":"fixtures/site-packages/direct/tinyvcs-0.3.1.dist-info/METADATA","version_line":3,"requires_dist_unknown":false,"kind":"dist-info","requested":true,"direct_url":{"url":"file:///tmp/mdwork/repo","vcs":"git","commit_id":"04a31e9c631d1b5dfa102d49dbdf43ea6c328376","requested_revision":null,"editable":false}}],"warnings":[]}
@@ stderr
