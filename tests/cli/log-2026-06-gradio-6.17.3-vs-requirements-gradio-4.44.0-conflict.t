spacelock log: log-2026-06-gradio-6.17.3-vs-requirements-gradio-4.44.0-conflict
@@ args
log --json fixtures/logs/2026-06-gradio-6.17.3-vs-requirements-gradio-4.44.0-conflict.excerpt.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2026-06-gradio-6.17.3-vs-requirements-gradio-4.44.0-conflict.excerpt.log","kind":"build","format":"plain","lines":32,"builds":1,"runs":0,
"has_build":true,"has_run":false,"unread":0,"mixed":0,
"queued_at":"2026-06-10 08:27:01","commit":"d5e5a38","started_at":null,
"base_image":"docker.io/library/python:3.13","base_digest":"sha256:241ee7332d3ffa37bd3ff98569b556a1e8e472b869cae7e32d27e58d3586d88e",
"python":"3.13","site_python":null,"pip_version":null,
"sdk":"gradio","sdk_version":"6.17.3",
"platform_requirements":[
  "gradio[oauth,mcp]==6.17.3",
  "uvicorn>=0.14.0",
  "websockets>=10.4",
  "spaces"
],
"build_failed":true,"runtime_error":false,
"summary":{"present":false,"cache_stats":null,"logs_unavailable":null,"cache_misses":[]},
"steps":[
  {"line":2,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":["from"],"observations":0,"instruction":"FROM docker.io/library/python:3.13@sha256:241ee7332d3ffa37bd3ff98569b556a1e8e472b869cae7e32d27e58d3586d88e"},
  {"line":4,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"COPY --from=root / /"},
  {"line":6,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN apt-get update && apt-get install -y     git     git-lfs     ffmpeg     libsm6     libxext6     cmake     rsync     libgl1     && rm -rf /var/lib/apt/lists/*     && git lfs install"},
  {"line":8,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"WORKDIR /app"},
  {"line":10,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":["pip","platform"],"observations":6,"instruction":"RUN pip install --no-cache-dir pip -U &&     pip install --no-cache-dir     datasets     \"huggingface-hub>=0.30\" \"hf-transfer>=0.1.4\" \"protobuf<4\" \"click<8.1\""},
  {"line":12,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN     apt-get update &&     apt-get install -y curl &&     curl -fsSL https://deb.nodesource.com/setup_20.x | bash - &&     apt-get install -y nodejs &&     rm -rf /var/lib/apt/lists/* && apt-get clean"},
  {"line":14,"outcome":"done","duration":"12.8","exit_code":null,"stage":null,"roles":["pseudo"],"observations":0,"instruction":"Restoring cache"},
  {"line":16,"outcome":"none","duration":null,"exit_code":null,"stage":null,"roles":["pip","platform","sdk","requirements"],"observations":8,"instruction":"RUN --mount=target=/tmp/requirements.txt,source=requirements.txt     pip install --no-cache-dir -r /tmp/requirements.txt     gradio[oauth,mcp]==6.17.3     \"uvicorn>=0.14.0\" \"websockets>=10.4\"     spaces"}
],
"failures":[
  {"line":25,"kind":"resolution","section":"build","subject":"gradio==4.44.0 and gradio==6.17.3","text":"ERROR: Cannot install gradio==4.44.0 and gradio==6.17.3 because these package versions have conflicting dependencies.","rule":"pip-conflicting-dependencies","bucket":"requirements-conflict"}
],
"observations":[
  {"line":10,"name":"pip","canonical":"pip","version":null,"strength":"mention","origin":"platform","requirement":"pip","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"pip"},
  {"line":10,"name":"datasets","canonical":"datasets","version":null,"strength":"mention","origin":"platform","requirement":"datasets","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"datasets"},
  {"line":10,"name":"huggingface-hub","canonical":"huggingface-hub","version":null,"strength":"mention","origin":"platform","requirement":"huggingface-hub>=0.30","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"huggingface-hub>=0.30"},
  {"line":10,"name":"hf-transfer","canonical":"hf-transfer","version":null,"strength":"mention","origin":"platform","requirement":"hf-transfer>=0.1.4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"hf-transfer>=0.1.4"},
  {"line":10,"name":"protobuf","canonical":"protobuf","version":null,"strength":"mention","origin":"platform","requirement":"protobuf<4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"protobuf<4"},
  {"line":10,"name":"click","canonical":"click","version":null,"strength":"mention","origin":"platform","requirement":"click<8.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"click<8.1"},
  {"line":16,"name":"gradio","canonical":"gradio","version":"6.17.3","strength":"pin","origin":"platform","requirement":"gradio[oauth,mcp]==6.17.3","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"gradio[oauth,mcp]==6.17.3"},
  {"line":16,"name":"uvicorn","canonical":"uvicorn","version":null,"strength":"mention","origin":"platform","requirement":"uvicorn>=0.14.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"uvicorn>=0.14.0"},
  {"line":16,"name":"websockets","canonical":"websockets","version":null,"strength":"mention","origin":"platform","requirement":"websockets>=10.4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"websockets>=10.4"},
  {"line":16,"name":"spaces","canonical":"spaces","version":null,"strength":"mention","origin":"platform","requirement":"spaces","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"spaces"},
  {"line":17,"name":"gradio","canonical":"gradio","version":null,"strength":"mention","origin":"platform","requirement":"gradio==6.17.3","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting gradio==6.17.3 (from gradio[mcp,oauth]==6.17.3)"},
  {"line":19,"name":"uvicorn","canonical":"uvicorn","version":null,"strength":"mention","origin":"platform","requirement":"uvicorn>=0.14.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting uvicorn>=0.14.0"},
  {"line":21,"name":"websockets","canonical":"websockets","version":null,"strength":"mention","origin":"platform","requirement":"websockets>=10.4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting websockets>=10.4"},
  {"line":23,"name":"spaces","canonical":"spaces","version":null,"strength":"mention","origin":"platform","requirement":"spaces","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting spaces"}
],
"warnings":[
  "fixtures/logs/2026-06-gradio-6.17.3-vs-requirements-gradio-4.44.0-conflict.excerpt.log: the log ends before step 'RUN --mount=target=/tmp/requirements.txt,source=requirements.txt     pip install' finished (truncated?)"
],
"warnings_dropped":0}
@@ stderr
spacelock: warning: fixtures/logs/2026-06-gradio-6.17.3-vs-requirements-gradio-4.44.0-conflict.excerpt.log: the log ends before step 'RUN --mount=target=/tmp/requirements.txt,source=requirements.txt     pip install' finished (truncated?)
