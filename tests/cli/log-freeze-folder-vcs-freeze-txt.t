spacelock log: log-freeze-folder-vcs-freeze-txt
@@ args
log --freeze --json fixtures/pip/folder-vcs.freeze.txt
@@ exit
0
@@ stdout
{"source":"fixtures/pip/folder-vcs.freeze.txt","format":"freeze",
"observations":[
  {"line":1,"name":"click","canonical":"click","version":"8.4.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"click==8.4.0"},
  {"line":2,"name":"Jinja2","canonical":"jinja2","version":"3.1.6","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Jinja2==3.1.6"},
  {"line":3,"name":"MarkupSafe","canonical":"markupsafe","version":"3.0.3","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"MarkupSafe==3.0.3"},
  {"line":4,"name":"six","canonical":"six","version":"1.17.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"six==1.17.0"},
  {"line":5,"name":"tiny-pkg","canonical":"tiny-pkg","version":null,"strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":"git+file:///tmp/pipfix/repo@74e6e1ed2f5fe259be630d2dd300646a308bee53","vcs_commit":"74e6e1ed2f5fe259be630d2dd300646a308bee53","text":"tiny-pkg @ git+file:///tmp/pipfix/repo@74e6e1ed2f5fe259be630d2dd300646a308bee53"}
]}
@@ stderr
