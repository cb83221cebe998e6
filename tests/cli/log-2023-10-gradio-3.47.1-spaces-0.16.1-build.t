spacelock log: log-2023-10-gradio-3.47.1-spaces-0.16.1-build
@@ args
log --json fixtures/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log
@@ exit
0
@@ stdout
{"source":"fixtures/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log","kind":"build","format":"plain","lines":41,"builds":1,"runs":0,
"has_build":true,"has_run":false,"unread":0,"mixed":0,
"queued_at":"2023-10-16 02:46:25","commit":"e9e3061","started_at":null,
"base_image":"docker.io/library/python:3.10","base_digest":"sha256:a20ae344b668753817b8bffb8628e068278d8ddbde1657f7b836fd74559beacd",
"python":"3.10","site_python":null,"pip_version":null,
"sdk":"gradio","sdk_version":"3.47.1",
"platform_requirements":[
  "gradio[oauth]==3.47.1",
  "uvicorn>=0.14.0",
  "spaces==0.16.1"
],
"build_failed":false,"runtime_error":false,
"summary":{"present":false,"cache_stats":null,"logs_unavailable":null,"cache_misses":[]},
"steps":[
  {"line":3,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":["from"],"observations":0,"instruction":"FROM docker.io/library/python:3.10@sha256:a20ae344b668753817b8bffb8628e068278d8ddbde1657f7b836fd74559beacd"},
  {"line":6,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN useradd -m -u 1000 user"},
  {"line":9,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":["pip","platform"],"observations":6,"instruction":"RUN pip install --no-cache-dir pip==22.3.1 && \tpip install --no-cache-dir \tdatasets \t\"huggingface-hub>=0.12.1\" \"protobuf<4\" \"click<8.1\" \"pydantic~=1.0\""},
  {"line":12,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":["pip","platform","sdk"],"observations":3,"instruction":"RUN pip install --no-cache-dir \tgradio[oauth]==3.47.1 \tuvicorn>=0.14.0 \tspaces==0.16.1"},
  {"line":15,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN --mount=target=/root/packages.txt,source=packages.txt \tapt-get update && \txargs -r -a /root/packages.txt apt-get install -y \t&& rm -rf /var/lib/apt/lists/*"},
  {"line":18,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":["pip","requirements"],"observations":0,"instruction":"RUN --mount=target=requirements.txt,source=requirements.txt \tpip install --no-cache-dir -r requirements.txt"},
  {"line":21,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":["pip","pre-requirements"],"observations":0,"instruction":"RUN --mount=target=pre-requirements.txt,source=pre-requirements.txt \tpip install --no-cache-dir -r pre-requirements.txt"},
  {"line":24,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"RUN apt-get update && apt-get install -y \tgit \tgit-lfs \tffmpeg \tlibsm6 \tlibxext6 \tcmake \tlibgl1-mesa-glx \t&& rm -rf /var/lib/apt/lists/* \t&& git lfs install"},
  {"line":27,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"WORKDIR /home/user/app"},
  {"line":30,"outcome":"cached","duration":null,"exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"COPY --link --chown=1000 --from=lfs /app /home/user/app"},
  {"line":33,"outcome":"done","duration":"0.0","exit_code":null,"stage":null,"roles":[],"observations":0,"instruction":"COPY --link --chown=1000 ./ /home/user/app"},
  {"line":36,"outcome":"done","duration":"1.0","exit_code":null,"stage":null,"roles":["pseudo"],"observations":0,"instruction":"Pushing image"},
  {"line":39,"outcome":"done","duration":"1.2","exit_code":null,"stage":null,"roles":["pseudo"],"observations":0,"instruction":"Exporting cache"}
],
"failures":[],
"observations":[
  {"line":9,"name":"pip","canonical":"pip","version":"22.3.1","strength":"pin","origin":"platform","requirement":"pip==22.3.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"pip==22.3.1"},
  {"line":9,"name":"datasets","canonical":"datasets","version":null,"strength":"mention","origin":"platform","requirement":"datasets","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"datasets"},
  {"line":9,"name":"huggingface-hub","canonical":"huggingface-hub","version":null,"strength":"mention","origin":"platform","requirement":"huggingface-hub>=0.12.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"huggingface-hub>=0.12.1"},
  {"line":9,"name":"protobuf","canonical":"protobuf","version":null,"strength":"mention","origin":"platform","requirement":"protobuf<4","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"protobuf<4"},
  {"line":9,"name":"click","canonical":"click","version":null,"strength":"mention","origin":"platform","requirement":"click<8.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"click<8.1"},
  {"line":9,"name":"pydantic","canonical":"pydantic","version":null,"strength":"mention","origin":"platform","requirement":"pydantic~=1.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"pydantic~=1.0"},
  {"line":12,"name":"gradio","canonical":"gradio","version":"3.47.1","strength":"pin","origin":"platform","requirement":"gradio[oauth]==3.47.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"gradio[oauth]==3.47.1"},
  {"line":12,"name":"uvicorn","canonical":"uvicorn","version":null,"strength":"mention","origin":"platform","requirement":"uvicorn>=0.14.0","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"uvicorn>=0.14.0"},
  {"line":12,"name":"spaces","canonical":"spaces","version":"0.16.1","strength":"pin","origin":"platform","requirement":"spaces==0.16.1","required_by":null,"vcs_url":null,"vcs_commit":null,"text":"spaces==0.16.1"}
],
"warnings":[],
"warnings_dropped":0}
@@ stderr
