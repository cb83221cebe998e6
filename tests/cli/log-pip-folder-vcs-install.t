spacelock log: log-pip-folder-vcs-install
@@ args
log --json fixtures/pip/folder-vcs-install.log
@@ exit
0
@@ stdout
{"source":"fixtures/pip/folder-vcs-install.log","kind":"build","format":"plain","lines":22,"builds":0,"runs":0,
"has_build":true,"has_run":false,"unread":0,"mixed":0,
"queued_at":null,"commit":null,"started_at":null,
"base_image":null,"base_digest":null,
"python":null,"site_python":null,"pip_version":null,
"sdk":null,"sdk_version":null,
"platform_requirements":[],
"build_failed":false,"runtime_error":false,
"summary":{"present":false,"cache_stats":null,"logs_unavailable":null,"cache_misses":[]},
"steps":[],
"failures":[],
"observations":[
  {"line":2,"name":"tiny-pkg","canonical":"tiny-pkg","version":null,"strength":"mention","origin":"direct","requirement":"tiny-pkg","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting tiny-pkg"},
  {"line":6,"name":"tiny-pkg","canonical":"tiny-pkg","version":null,"strength":"mention","origin":"direct","requirement":"tiny-pkg","required_by":null,"vcs_url":"file:///tmp/pipfix/repo","vcs_commit":"74e6e1ed2f5fe259be630d2dd300646a308bee53","text":"  Resolved file:///tmp/pipfix/repo to commit 74e6e1ed2f5fe259be630d2dd300646a308bee53"},
  {"line":11,"name":"Jinja2","canonical":"jinja2","version":"3.1.6","strength":"pip","origin":"direct","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Processing /tmp/pipfix/wh/packages/Jinja2-3.1.6-py3-none-any.whl"},
  {"line":12,"name":"click","canonical":"click","version":"8.4.0","strength":"pip","origin":"direct","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Processing /tmp/pipfix/wh/packages/click-8.4.0-py3-none-any.whl"},
  {"line":13,"name":"six","canonical":"six","version":"1.17.0","strength":"pip","origin":"transitive","requirement":null,"required_by":"tiny-pkg","vcs_url":null,"vcs_commit":null,"text":"Processing /tmp/pipfix/wh/packages/six-1.17.0-py3-none-any.whl (from tiny-pkg)"},
  {"line":14,"name":"MarkupSafe","canonical":"markupsafe","version":"3.0.3","strength":"pip","origin":"transitive","requirement":null,"required_by":"jinja2","vcs_url":null,"vcs_commit":null,"text":"Processing /tmp/pipfix/wh/packages/MarkupSafe-3.0.3-cp311-cp311-manylinux_2_17_x86_64.whl (from jinja2)"},
  {"line":22,"name":"MarkupSafe","canonical":"markupsafe","version":"3.0.3","strength":"pip","origin":"transitive","requirement":null,"required_by":"jinja2","vcs_url":null,"vcs_commit":null,"text":"Successfully installed MarkupSafe-3.0.3 click-8.4.0 jinja2-3.1.6 six-1.17.0 tiny-pkg-0.3.1"},
  {"line":22,"name":"click","canonical":"click","version":"8.4.0","strength":"pip","origin":"direct","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Successfully installed MarkupSafe-3.0.3 click-8.4.0 jinja2-3.1.6 six-1.17.0 tiny-pkg-0.3.1"},
  {"line":22,"name":"jinja2","canonical":"jinja2","version":"3.1.6","strength":"pip","origin":"direct","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Successfully installed MarkupSafe-3.0.3 click-8.4.0 jinja2-3.1.6 six-1.17.0 tiny-pkg-0.3.1"},
  {"line":22,"name":"six","canonical":"six","version":"1.17.0","strength":"pip","origin":"transitive","requirement":null,"required_by":"tiny-pkg","vcs_url":null,"vcs_commit":null,"text":"Successfully installed MarkupSafe-3.0.3 click-8.4.0 jinja2-3.1.6 six-1.17.0 tiny-pkg-0.3.1"},
  {"line":22,"name":"tiny-pkg","canonical":"tiny-pkg","version":"0.3.1","strength":"pip","origin":"direct","requirement":"tiny-pkg","required_by":null,"vcs_url":"file:///tmp/pipfix/repo","vcs_commit":"74e6e1ed2f5fe259be630d2dd300646a308bee53","text":"Successfully installed MarkupSafe-3.0.3 click-8.4.0 jinja2-3.1.6 six-1.17.0 tiny-pkg-0.3.1"}
],
"warnings":[],
"warnings_dropped":0}
@@ stderr
