spacelock log: log-freeze-index-list-json
@@ args
log --freeze --json fixtures/pip/index.list.json
@@ exit
0
@@ stdout
{"source":"fixtures/pip/index.list.json","format":"list-json",
"observations":[
  {"line":0,"name":"annotated-types","canonical":"annotated-types","version":"0.7.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"annotated-types==0.7.0"},
  {"line":0,"name":"blinker","canonical":"blinker","version":"1.9.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"blinker==1.9.0"},
  {"line":0,"name":"certifi","canonical":"certifi","version":"2026.5.20","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"certifi==2026.5.20"},
  {"line":0,"name":"charset-normalizer","canonical":"charset-normalizer","version":"3.4.7","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"charset-normalizer==3.4.7"},
  {"line":0,"name":"click","canonical":"click","version":"8.4.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"click==8.4.0"},
  {"line":0,"name":"Flask","canonical":"flask","version":"3.1.3","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Flask==3.1.3"},
  {"line":0,"name":"idna","canonical":"idna","version":"3.13","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"idna==3.13"},
  {"line":0,"name":"itsdangerous","canonical":"itsdangerous","version":"2.2.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"itsdangerous==2.2.0"},
  {"line":0,"name":"Jinja2","canonical":"jinja2","version":"3.1.6","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Jinja2==3.1.6"},
  {"line":0,"name":"MarkupSafe","canonical":"markupsafe","version":"3.0.3","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"MarkupSafe==3.0.3"},
  {"line":0,"name":"pip","canonical":"pip","version":"23.2.1","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"pip==23.2.1"},
  {"line":0,"name":"pydantic","canonical":"pydantic","version":"2.13.4","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"pydantic==2.13.4"},
  {"line":0,"name":"pydantic_core","canonical":"pydantic-core","version":"2.46.4","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"pydantic_core==2.46.4"},
  {"line":0,"name":"python-dateutil","canonical":"python-dateutil","version":"2.9.0.post0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"python-dateutil==2.9.0.post0"},
  {"line":0,"name":"requests","canonical":"requests","version":"2.34.2","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"requests==2.34.2"},
  {"line":0,"name":"setuptools","canonical":"setuptools","version":"65.5.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"setuptools==65.5.0"},
  {"line":0,"name":"six","canonical":"six","version":"1.17.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"six==1.17.0"},
  {"line":0,"name":"typing_extensions","canonical":"typing-extensions","version":"4.15.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"typing_extensions==4.15.0"},
  {"line":0,"name":"typing-inspection","canonical":"typing-inspection","version":"0.4.2","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"typing-inspection==0.4.2"},
  {"line":0,"name":"urllib3","canonical":"urllib3","version":"2.7.0","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"urllib3==2.7.0"},
  {"line":0,"name":"Werkzeug","canonical":"werkzeug","version":"3.1.8","strength":"installed","origin":"unknown","requirement":null,"required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Werkzeug==3.1.8"}
]}
@@ stderr
