spacelock log: log-pip-index-reinstall
@@ args
log --json fixtures/pip/index-reinstall.log
@@ exit
0
@@ stdout
{"source":"fixtures/pip/index-reinstall.log","kind":"build","format":"plain","lines":13,"builds":0,"runs":0,
"has_build":true,"has_run":false,"unread":0,"mixed":0,
"queued_at":null,"commit":null,"started_at":null,
"base_image":null,"base_digest":null,
"python":null,"site_python":"3.11","pip_version":null,
"sdk":null,"sdk_version":null,
"platform_requirements":[],
"build_failed":false,"runtime_error":false,
"summary":{"present":false,"cache_stats":null,"logs_unavailable":null,"cache_misses":[]},
"steps":[],
"failures":[],
"observations":[
  {"line":2,"name":"flask","canonical":"flask","version":"3.1.3","strength":"pip","origin":"direct","requirement":"flask","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: flask in /tmp/pipfix/v1/lib/python3.11/site-packages (3.1.3)"},
  {"line":3,"name":"requests","canonical":"requests","version":"2.34.2","strength":"pip","origin":"direct","requirement":"requests","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: requests in /tmp/pipfix/v1/lib/python3.11/site-packages (2.34.2)"},
  {"line":4,"name":"blinker","canonical":"blinker","version":"1.9.0","strength":"pip","origin":"transitive","requirement":"blinker>=1.9.0","required_by":"flask","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: blinker>=1.9.0 in /tmp/pipfix/v1/lib/python3.11/site-packages (from flask) (1.9.0)"},
  {"line":5,"name":"click","canonical":"click","version":"8.4.0","strength":"pip","origin":"transitive","requirement":"click>=8.1.3","required_by":"flask","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: click>=8.1.3 in /tmp/pipfix/v1/lib/python3.11/site-packages (from flask) (8.4.0)"},
  {"line":6,"name":"itsdangerous","canonical":"itsdangerous","version":"2.2.0","strength":"pip","origin":"transitive","requirement":"itsdangerous>=2.2.0","required_by":"flask","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: itsdangerous>=2.2.0 in /tmp/pipfix/v1/lib/python3.11/site-packages (from flask) (2.2.0)"},
  {"line":7,"name":"jinja2","canonical":"jinja2","version":"3.1.6","strength":"pip","origin":"transitive","requirement":"jinja2>=3.1.2","required_by":"flask","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: jinja2>=3.1.2 in /tmp/pipfix/v1/lib/python3.11/site-packages (from flask) (3.1.6)"},
  {"line":8,"name":"markupsafe","canonical":"markupsafe","version":"3.0.3","strength":"pip","origin":"transitive","requirement":"markupsafe>=2.1.1","required_by":"flask","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: markupsafe>=2.1.1 in /tmp/pipfix/v1/lib/python3.11/site-packages (from flask) (3.0.3)"},
  {"line":9,"name":"werkzeug","canonical":"werkzeug","version":"3.1.8","strength":"pip","origin":"transitive","requirement":"werkzeug>=3.1.0","required_by":"flask","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: werkzeug>=3.1.0 in /tmp/pipfix/v1/lib/python3.11/site-packages (from flask) (3.1.8)"},
  {"line":10,"name":"charset_normalizer","canonical":"charset-normalizer","version":"3.4.7","strength":"pip","origin":"transitive","requirement":"charset_normalizer<4,>=2","required_by":"requests","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: charset_normalizer<4,>=2 in /tmp/pipfix/v1/lib/python3.11/site-packages (from requests) (3.4.7)"},
  {"line":11,"name":"idna","canonical":"idna","version":"3.13","strength":"pip","origin":"transitive","requirement":"idna<4,>=2.5","required_by":"requests","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: idna<4,>=2.5 in /tmp/pipfix/v1/lib/python3.11/site-packages (from requests) (3.13)"},
  {"line":12,"name":"urllib3","canonical":"urllib3","version":"2.7.0","strength":"pip","origin":"transitive","requirement":"urllib3<3,>=1.26","required_by":"requests","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: urllib3<3,>=1.26 in /tmp/pipfix/v1/lib/python3.11/site-packages (from requests) (2.7.0)"},
  {"line":13,"name":"certifi","canonical":"certifi","version":"2026.5.20","strength":"pip","origin":"transitive","requirement":"certifi>=2023.5.7","required_by":"requests","vcs_url":null,"vcs_commit":null,"text":"Requirement already satisfied: certifi>=2023.5.7 in /tmp/pipfix/v1/lib/python3.11/site-packages (from requests) (2026.5.20)"}
],
"warnings":[],
"warnings_dropped":0}
@@ stderr
