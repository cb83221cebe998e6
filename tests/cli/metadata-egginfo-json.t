An egg-info directory: requires.txt sections become Requires-Dist as pip converts them.
@@ args
--json metadata fixtures/site-packages/real/PyJWT-2.6.0.egg-info
@@ exit
0
@@ stdout
{"name":"PyJWT","canonical":"pyjwt","version":"2.6.0","metadata_version":"2.1","requires_python":">=3.7","requires_dist":["cryptography>=3.4.0 ; extra == \"crypto\"","coverage[toml]==5.0.4 ; extra == \"dev\"","cryptography>=3.4.0 ; extra == \"dev\"","pre-commit ; extra == \"dev\"","pytest<7.0.0,>=6.0.0 ; extra == \"dev\"","sphinx-rtd-theme ; extra == \"dev\"","sphinx<5.0.0,>=4.5.0 ; extra == \"dev\"","zope.interface ; extra == \"dev\"","sphinx-rtd-theme ; extra == \"docs\"","sphinx<5.0.0,>=4.5.0 ; extra == \"docs\"","zope.interface ; extra == \"docs\"","coverage[toml]==5.0.4 ; extra == \"tests\"","pytest<7.0.0,>=6.0.0 ; extra == \"tests\""],"provides_extra":["crypto","dev","docs","tests"],"provides_dist":[],"source":"fixtures/site-packages/real/PyJWT-2.6.0.egg-info/PKG-INFO","version_line":3,"requires_dist_unknown":false,"kind":"egg-info","requested":false,"direct_url":null}
@@ stderr
