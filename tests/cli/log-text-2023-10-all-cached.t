spacelock log: log-text-2023-10-all-cached
@@ args
log fixtures/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log
@@ exit
0
@@ stdout
fixtures/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log: build log, 41 lines (plain text)
queued       2023-10-16 02:46:25, commit e9e3061
base image   docker.io/library/python:3.10@sha256:a20ae344b668753817b8bffb8628e068278d8ddbde1657f7b836fd74559beacd
python       3.10
sdk          gradio 3.47.1
platform     gradio[oauth]==3.47.1 uvicorn>=0.14.0 spaces==0.16.1
result       no build failure seen
steps
  3      done    FROM docker.io/library/python:3.10@sha256:a20ae344b668753817b8bffb8628e068278d8ddbde1657f7b836fd7455
  6      cached  RUN useradd -m -u 1000 user
  9      cached  RUN pip install --no-cache-dir pip==22.3.1 && pip install --no-cache-dir datasets "huggingface-hub>=
  12     cached  RUN pip install --no-cache-dir gradio[oauth]==3.47.1 uvicorn>=0.14.0 spaces==0.16.1
  15     cached  RUN --mount=target=/root/packages.txt,source=packages.txt apt-get update && xargs -r -a /root/packag
  18     cached  RUN --mount=target=requirements.txt,source=requirements.txt pip install --no-cache-dir -r requiremen
  21     cached  RUN --mount=target=pre-requirements.txt,source=pre-requirements.txt pip install --no-cache-dir -r pr
  24     cached  RUN apt-get update && apt-get install -y git git-lfs ffmpeg libsm6 libxext6 cmake libgl1-mesa-glx &&
  27     cached  WORKDIR /home/user/app
  30     cached  COPY --link --chown=1000 --from=lfs /app /home/user/app
  33     done    COPY --link --chown=1000 ./ /home/user/app
  36     done    Pushing image
  39     done    Exporting cache
observations
  9      pin       platform   pip 22.3.1
  9      mention   platform   datasets -
  9      mention   platform   huggingface-hub -
  9      mention   platform   protobuf -
  9      mention   platform   click -
  9      mention   platform   pydantic -
  12     pin       platform   gradio 3.47.1
  12     mention   platform   uvicorn -
  12     pin       platform   spaces 0.16.1
@@ stderr
