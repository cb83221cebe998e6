spacelock log: log-2023-06-gradio-build-pip-collecting
@@ args
log --json fixtures/logs/2023-06-gradio-build-pip-collecting.excerpt.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2023-06-gradio-build-pip-collecting.excerpt.log","kind":"build","format":"plain","lines":39,"builds":1,"runs":0,
"has_build":true,"has_run":false,"unread":0,"mixed":0,
"queued_at":"2023-06-20 15:37:14","commit":"a75174f","started_at":null,
"base_image":"docker.io/library/python:3.10","base_digest":"sha256:a8462db480ec3a74499a297b1f8e074944283407b7a417f22f20d8e2e1619782",
"python":"3.10","site_python":null,"pip_version":null,
"sdk":null,"sdk_version":null,
"platform_requirements":[],
"build_failed":false,"runtime_error":false,
"summary":{"present":false,"cache_stats":null,"logs_unavailable":null,"cache_misses":[]},
"steps":[
  {"line":3,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":["from"],"observations":0,"instruction":"FROM docker.io/library/python:3.10@sha256:a8462db480ec3a74499a297b1f8e074944283407b7a417f22f20d8e2e1619782"},
  {"line":6,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"WORKDIR /home/user/app"},
  {"line":9,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN apt-get update && apt-get install -y \tgit \tgit-lfs \tffmpeg \tlibsm6 \tlibxext6 \tcmake \tlibgl1-mesa-glx \t&& rm -rf /var/lib/apt/lists/* \t&& git lfs install"},
  {"line":12,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":["pip","platform"],"observations":5,"instruction":"RUN pip install --no-cache-dir pip==22.3.1 &&     pip install --no-cache-dir         datasets         \"huggingface-hub>=0.12.1\" \"protobuf<4\" \"click<8.1\""},
  {"line":15,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN useradd -m -u 1000 user"},
  {"line":18,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN --mount=target=/root/packages.txt,source=packages.txt \tapt-get update &&     xargs -r -a /root/packages.txt apt-get install -y     && rm -rf /var/lib/apt/lists/*"},
  {"line":21,"outcome":"done","duration":"2.7","exit_code":null,"stage":null,"roles":["pip","pre-requirements"],"observations":0,"instruction":"RUN --mount=target=pre-requirements.txt,source=pre-requirements.txt \tpip install --no-cache-dir -r pre-requirements.txt"},
  {"line":36,"outcome":"none","duration":null,"exit_code":null,"stage":null,"roles":["pip","requirements"],"observations":1,"instruction":"RUN --mount=target=requirements.txt,source=requirements.txt \tpip install --no-cache-dir -r requirements.txt"}
],
"failures":[],
"observations":[
  {"line":12,"name":"pip","canonical":"pip","version":"22.3.1","strength":"pin","origin":"platform","requirement":"pip==22.3.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"pip==22.3.1"},
  {"line":12,"name":"datasets","canonical":"datasets","version":null,"strength":"mention","origin":"platform","requirement":"datasets","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"datasets"},
  {"line":12,"name":"huggingface-hub","canonical":"huggingface-hub","version":null,"strength":"mention","origin":"platform","requirement":"huggingface-hub>=0.12.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"huggingface-hub>=0.12.1"},
  {"line":12,"name":"protobuf","canonical":"protobuf","version":null,"strength":"mention","origin":"platform","requirement":"protobuf<4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"protobuf<4"},
  {"line":12,"name":"click","canonical":"click","version":null,"strength":"mention","origin":"platform","requirement":"click<8.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"click<8.1"},
  {"line":38,"name":"matplotlib","canonical":"matplotlib","version":null,"strength":"mention","origin":"direct","requirement":"matplotlib>=3.2.2","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"Collecting matplotlib>=3.2.2"}
],
"warnings":[
  "fixtures/logs/2023-06-gradio-build-pip-collecting.excerpt.log:1: every line starts with '> ' (a quoted copy); the prefix is ignored",
  "fixtures/logs/2023-06-gradio-build-pip-collecting.excerpt.log: the log ends before step 'RUN --mount=target=requirements.txt,source=requirements.txt \tpip install --no-ca' finished (truncated?)"
],
"warnings_dropped":0}
@@ stderr
spacelock: warning: fixtures/logs/2023-06-gradio-build-pip-collecting.excerpt.log:1: every line starts with '> ' (a quoted copy); the prefix is ignored
spacelock: warning: fixtures/logs/2023-06-gradio-build-pip-collecting.excerpt.log: the log ends before step 'RUN --mount=target=requirements.txt,source=requirements.txt 	pip install --no-ca' finished (truncated?)
