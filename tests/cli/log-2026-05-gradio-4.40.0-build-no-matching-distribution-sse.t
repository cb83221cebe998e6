spacelock log: log-2026-05-gradio-4.40.0-build-no-matching-distribution-sse
@@ args
log --json fixtures/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.sse
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.sse","kind":"build","format":"sse","lines":39,"builds":1,"runs":0,
"has_build":true,"has_run":false,"unread":0,"mixed":0,
"queued_at":"2026-05-13 16:56:02","commit":"10e9a26","started_at":null,
"base_image":"docker.io/library/python:3.13","base_digest":"sha256:f3c3ff2b5f0984abb65c1c0c17020c8117eae1a8c445e832810eb94f4abc87cd",
"python":"3.13","site_python":null,"pip_version":null,
"sdk":"gradio","sdk_version":"4.40.0",
"platform_requirements":[
  "gradio[oauth]==4.40.0",
  "uvicorn>=0.14.0",
  "websockets>=10.4",
  "spaces",
  "fastapi<0.113.0"
],
"build_failed":true,"runtime_error":false,
"summary":{"present":false,"cache_stats":null,"logs_unavailable":null,"cache_misses":[]},
"steps":[
  {"line":5,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":["from"],"observations":0,"instruction":"FROM docker.io/library/python:3.13@sha256:f3c3ff2b5f0984abb65c1c0c17020c8117eae1a8c445e832810eb94f4abc87cd"},
  {"line":13,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"WORKDIR /app"},
  {"line":19,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN apt-get update && apt-get install -y \tgit \tgit-lfs \tffmpeg \tlibsm6 \tlibxext6 \tcmake \trsync \tlibgl1 \t&& rm -rf /var/lib/apt/lists/* \t&& git lfs install"},
  {"line":25,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"COPY --from=root / /"},
  {"line":33,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":["pip","platform"],"observations":6,"instruction":"RUN pip install --no-cache-dir pip -U &&     pip install --no-cache-dir     datasets     \"huggingface-hub>=0.30\" \"hf-transfer>=0.1.4\" \"protobuf<4\" \"click<8.1\""},
  {"line":39,"outcome":"done","duration":"11.7","exit_code":null,"stage":null,"roles":["pseudo"],"observations":0,"instruction":"Restoring cache"},
  {"line":45,"outcome":"error","duration":null,"exit_code":1,"stage":null,"roles":["pip","platform","sdk","requirements"],"observations":12,"instruction":"RUN --mount=target=/tmp/requirements.txt,source=requirements.txt     pip install --no-cache-dir -r /tmp/requirements.txt     gradio[oauth]==4.40.0     \"uvicorn>=0.14.0\" \"websockets>=10.4\"     spaces \"fastapi<0.113.0\""}
],
"failures":[
  {"line":79,"kind":"no-distribution","section":"build","subject":"pyaudioop","text":"ERROR: Could not find a version that satisfies the requirement pyaudioop (from versions: none)","rule":"pip-could-not-find-version","bucket":"no-distribution"},
  {"line":85,"kind":"step","section":"build","subject":"pip install --no-cache-dir -r /tmp/requirements.txt     gradio[oauth]==4.40.0     \"uvicorn>=0.14.0\" \"websockets>=10.4\"     spaces \"fastapi<0.113.0\"","text":"--> ERROR: process \"/bin/sh -c pip install --no-cache-dir -r /tmp/requirements.txt     gradio[oauth]==4.40.0     \\\"uvicorn>=0.14.0\\\" \\\"websockets>=10.4\\\"     spaces \\\"fastapi<0.113.0\\\"\" did not complete successfully: exit code: 1","rule":"build-step-failed","bucket":"building"}
],
"observations":[
  {"line":33,"name":"pip","canonical":"pip","version":null,"strength":"mention","origin":"platform","requirement":"pip","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"pip"},
  {"line":33,"name":"datasets","canonical":"datasets","version":null,"strength":"mention","origin":"platform","requirement":"datasets","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"datasets"},
  {"line":33,"name":"huggingface-hub","canonical":"huggingface-hub","version":null,"strength":"mention","origin":"platform","requirement":"huggingface-hub>=0.30","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"huggingface-hub>=0.30"},
  {"line":33,"name":"hf-transfer","canonical":"hf-transfer","version":null,"strength":"mention","origin":"platform","requirement":"hf-transfer>=0.1.4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"hf-transfer>=0.1.4"},
  {"line":33,"name":"protobuf","canonical":"protobuf","version":null,"strength":"mention","origin":"platform","requirement":"protobuf<4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"protobuf<4"},
  {"line":33,"name":"click","canonical":"click","version":null,"strength":"mention","origin":"platform","requirement":"click<8.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"click<8.1"},
  {"line":45,"name":"gradio","canonical":"gradio","version":"4.40.0","strength":"pin","origin":"platform","requirement":"gradio[oauth]==4.40.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"gradio[oauth]==4.40.0"},
  {"line":45,"name":"uvicorn","canonical":"uvicorn","version":null,"strength":"mention","origin":"platform","requirement":"uvicorn>=0.14.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"uvicorn>=0.14.0"},
  {"line":45,"name":"websockets","canonical":"websockets","version":null,"strength":"mention","origin":"platform","requirement":"websockets>=10.4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"websockets>=10.4"},
  {"line":45,"name":"spaces","canonical":"spaces","version":null,"strength":"mention","origin":"platform","requirement":"spaces","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"spaces"},
  {"line":45,"name":"fastapi","canonical":"fastapi","version":null,"strength":"mention","origin":"platform","requirement":"fastapi<0.113.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"fastapi<0.113.0"},
  {"line":47,"name":"gradio","canonical":"gradio","version":null,"strength":"mention","origin":"platform","requirement":"gradio==4.40.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting gradio==4.40.0 (from gradio[oauth]==4.40.0)"},
  {"line":53,"name":"uvicorn","canonical":"uvicorn","version":null,"strength":"mention","origin":"platform","requirement":"uvicorn>=0.14.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting uvicorn>=0.14.0"},
  {"line":57,"name":"websockets","canonical":"websockets","version":null,"strength":"mention","origin":"platform","requirement":"websockets>=10.4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting websockets>=10.4"},
  {"line":61,"name":"spaces","canonical":"spaces","version":null,"strength":"mention","origin":"platform","requirement":"spaces","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting spaces"},
  {"line":65,"name":"fastapi","canonical":"fastapi","version":null,"strength":"mention","origin":"platform","requirement":"fastapi<0.113.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting fastapi<0.113.0"},
  {"line":69,"name":"pydantic","canonical":"pydantic","version":null,"strength":"mention","origin":"direct","requirement":"pydantic>=2.9.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting pydantic>=2.9.0 (from -r /tmp/requirements.txt (line 1))"},
  {"line":75,"name":"psutil","canonical":"psutil","version":null,"strength":"mention","origin":"direct","requirement":"psutil>=5.9.8","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting psutil>=5.9.8 (from -r /tmp/requirements.txt (line 2))"}
],
"warnings":[],
"warnings_dropped":0}
@@ stderr
