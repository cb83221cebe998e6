PKG-INFO read inside a real setuptools sdist; its requires.txt supplies Requires-Dist.
@@ args
--json metadata fixtures/archives/tinyvcs-0.3.1.tar.gz
@@ exit
0
@@ stdout
{"name":"tinyvcs","canonical":"tinyvcs","version":"0.3.1","metadata_version":"2.1","requires_python":">=3.8","requires_dist":["six>=1.10","idna ; python_version >= \"3.8\"","click>=8 ; extra == \"cli\""],"provides_extra":["cli"],"provides_dist":[],"source":"fixtures/archives/tinyvcs-0.3.1.tar.gz","version_line":3,"requires_dist_unknown":false}
@@ stderr
