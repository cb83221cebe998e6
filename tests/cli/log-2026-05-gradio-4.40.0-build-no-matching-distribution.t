spacelock log: log-2026-05-gradio-4.40.0-build-no-matching-distribution
@@ args
log --json fixtures/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2026-05-gradio-4.40.0-build-no-matching-distribution.log","kind":"build","format":"plain","lines":39,"builds":1,"runs":0,
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
  {"line":3,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":["from"],"observations":0,"instruction":"FROM docker.io/library/python:3.13@sha256:f3c3ff2b5f0984abb65c1c0c17020c8117eae1a8c445e832810eb94f4abc87cd"},
  {"line":6,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"WORKDIR /app"},
  {"line":9,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN apt-get update && apt-get install -y \tgit \tgit-lfs \tffmpeg \tlibsm6 \tlibxext6 \tcmake \trsync \tlibgl1 \t&& rm -rf /var/lib/apt/lists/* \t&& git lfs install"},
  {"line":12,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"COPY --from=root / /"},
  {"line":15,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":["pip","platform"],"observations":6,"instruction":"RUN pip install --no-cache-dir pip -U &&     pip install --no-cache-dir     datasets     \"huggingface-hub>=0.30\" \"hf-transfer>=0.1.4\" \"protobuf<4\" \"click<8.1\""},
  {"line":18,"outcome":"done","duration":"11.7","exit_code":null,"stage":null,"roles":["pseudo"],"observations":0,"instruction":"Restoring cache"},
  {"line":21,"outcome":"error","duration":null,"exit_code":1,"stage":null,"roles":["pip","platform","sdk","requirements"],"observations":12,"instruction":"RUN --mount=target=/tmp/requirements.txt,source=requirements.txt     pip install --no-cache-dir -r /tmp/requirements.txt     gradio[oauth]==4.40.0     \"uvicorn>=0.14.0\" \"websockets>=10.4\"     spaces \"fastapi<0.113.0\""}
],
"failures":[
  {"line":36,"kind":"no-distribution","section":"build","subject":"pyaudioop","text":"ERROR: Could not find a version that satisfies the requirement pyaudioop (from versions: none)","rule":"pip-could-not-find-version","bucket":"no-distribution"},
  {"line":39,"kind":"step","section":"build","subject":"pip install --no-cache-dir -r /tmp/requirements.txt     gradio[oauth]==4.40.0     \"uvicorn>=0.14.0\" \"websockets>=10.4\"     spaces \"fastapi<0.113.0\"","text":"--> ERROR: process \"/bin/sh -c pip install --no-cache-dir -r /tmp/requirements.txt     gradio[oauth]==4.40.0     \\\"uvicorn>=0.14.0\\\" \\\"websockets>=10.4\\\"     spaces \\\"fastapi<0.113.0\\\"\" did not complete successfully: exit code: 1","rule":"build-step-failed","bucket":"building"}
],
"observations":[
  {"line":15,"name":"pip","canonical":"pip","version":null,"strength":"mention","origin":"platform","requirement":"pip","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"pip"},
  {"line":15,"name":"datasets","canonical":"datasets","version":null,"strength":"mention","origin":"platform","requirement":"datasets","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"datasets"},
  {"line":15,"name":"huggingface-hub","canonical":"huggingface-hub","version":null,"strength":"mention","origin":"platform","requirement":"huggingface-hub>=0.30","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"huggingface-hub>=0.30"},
  {"line":15,"name":"hf-transfer","canonical":"hf-transfer","version":null,"strength":"mention","origin":"platform","requirement":"hf-transfer>=0.1.4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"hf-transfer>=0.1.4"},
  {"line":15,"name":"protobuf","canonical":"protobuf","version":null,"strength":"mention","origin":"platform","requirement":"protobuf<4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"protobuf<4"},
  {"line":15,"name":"click","canonical":"click","version":null,"strength":"mention","origin":"platform","requirement":"click<8.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"click<8.1"},
  {"line":21,"name":"gradio","canonical":"gradio","version":"4.40.0","strength":"pin","origin":"platform","requirement":"gradio[oauth]==4.40.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"gradio[oauth]==4.40.0"},
  {"line":21,"name":"uvicorn","canonical":"uvicorn","version":null,"strength":"mention","origin":"platform","requirement":"uvicorn>=0.14.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"uvicorn>=0.14.0"},
  {"line":21,"name":"websockets","canonical":"websockets","version":null,"strength":"mention","origin":"platform","requirement":"websockets>=10.4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"websockets>=10.4"},
  {"line":21,"name":"spaces","canonical":"spaces","version":null,"strength":"mention","origin":"platform","requirement":"spaces","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"spaces"},
  {"line":21,"name":"fastapi","canonical":"fastapi","version":null,"strength":"mention","origin":"platform","requirement":"fastapi<0.113.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"fastapi<0.113.0"},
  {"line":22,"name":"gradio","canonical":"gradio","version":null,"strength":"mention","origin":"platform","requirement":"gradio==4.40.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting gradio==4.40.0 (from gradio[oauth]==4.40.0)"},
  {"line":24,"name":"uvicorn","canonical":"uvicorn","version":null,"strength":"mention","origin":"platform","requirement":"uvicorn>=0.14.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting uvicorn>=0.14.0"},
  {"line":26,"name":"websockets","canonical":"websockets","version":null,"strength":"mention","origin":"platform","requirement":"websockets>=10.4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting websockets>=10.4"},
  {"line":28,"name":"spaces","canonical":"spaces","version":null,"strength":"mention","origin":"platform","requirement":"spaces","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting spaces"},
  {"line":30,"name":"fastapi","canonical":"fastapi","version":null,"strength":"mention","origin":"platform","requirement":"fastapi<0.113.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting fastapi<0.113.0"},
  {"line":32,"name":"pydantic","canonical":"pydantic","version":null,"strength":"mention","origin":"direct","requirement":"pydantic>=2.9.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting pydantic>=2.9.0 (from -r /tmp/requirements.txt (line 1))"},
  {"line":34,"name":"psutil","canonical":"psutil","version":null,"strength":"mention","origin":"direct","requirement":"psutil>=5.9.8","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting psutil>=5.9.8 (from -r /tmp/requirements.txt (line 2))"}
],
"warnings":[],
"warnings_dropped":0}
@@ stderr
