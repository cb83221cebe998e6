spacelock log: log-text-2026-05-pydantic-core-fail
@@ args
log fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log
@@ exit
0
@@ stdout
fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log: build log, 400 lines (plain text)
queued       2026-05-13 16:43:56, commit 1f2685e
base image   docker.io/library/python:3.13@sha256:f3c3ff2b5f0984abb65c1c0c17020c8117eae1a8c445e832810eb94f4abc87cd
python       3.13 (site-packages: python3.13)
sdk          gradio 4.31.0
platform     gradio[oauth]==4.31.0 uvicorn>=0.14.0 websockets>=10.4 spaces fastapi<0.113.0
result       build failed: Job failed with exit code: 1. Reason: cache miss: [run 2/2] LINK COPY --from=pipfreeze --link /pipfreeze/ /pipfreeze/
summary      8 cache misses
steps
  15     done    FROM docker.io/library/python:3.13@sha256:f3c3ff2b5f0984abb65c1c0c17020c8117eae1a8c445e832810eb94f4a
  18     cached  COPY --from=root / /
  21     cached  WORKDIR /app
  24     cached  RUN apt-get update && apt-get install -y git git-lfs ffmpeg libsm6 libxext6 cmake rsync libgl1 && rm
  27     cached  RUN pip install --no-cache-dir pip -U && pip install --no-cache-dir datasets "huggingface-hub>=0.30"
  30     done    Restoring cache
  33     error   RUN --mount=target=/tmp/requirements.txt,source=requirements.txt pip install --no-cache-dir -r /tmp/
failures
  2      job             - [building]
         Job failed with exit code: 1. Reason: cache miss: [run 2/2] LINK COPY --from=pipfreeze --link /pipfreeze/ /pipfreeze/
  384    wheel-build     pydantic-core [wheel-build]
         ERROR: Failed building wheel for pydantic-core
  400    step            pip install --no-cache-dir -r /tmp/requirements.txt     gradio[oauth]==4.31.0     "uvicorn>=0.14.0" "websockets>=10.4"     spaces "fastapi<0.113.0" [building]
         --> ERROR: process "/bin/sh -c pip install --no-cache-dir -r /tmp/requirements.txt gradio[oauth]==4.31.0 \"uvicorn>=0.14.0\" \"websockets>=10.4\" spaces \"fastapi<0.113.0\"" did not complete successfu
observations
  27     mention   platform   pip -
  27     mention   platform   datasets -
  27     mention   platform   huggingface-hub -
  27     mention   platform   hf-transfer -
  27     mention   platform   protobuf -
  27     mention   platform   click -
  33     pin       platform   gradio 4.31.0
  33     mention   platform   uvicorn -
  33     mention   platform   websockets -
  33     mention   platform   spaces -
  33     mention   platform   fastapi -
  34     mention   platform   gradio -
  36     mention   platform   uvicorn -
  38     mention   platform   websockets -
  40     mention   platform   spaces -
  42     mention   platform   fastapi -
  44     mention   direct     pydantic -
  46     mention   direct     psutil -
  48     mention   transitive aiofiles - (from gradio)
  50     mention   transitive altair - (from gradio)
  52     mention   transitive ffmpy - (from gradio)
  54     mention   transitive gradio-client - (from gradio)
  56     pip       transitive httpx 0.28.1 (from gradio)
  57     pip       transitive huggingface-hub 1.14.0 (from gradio)
  58     mention   transitive importlib-resources - (from gradio)
  60     mention   transitive jinja2 - (from gradio)
  62     mention   transitive markupsafe - (from gradio)
  63     pip       transitive MarkupSafe 2.1.5 (from gradio)
  70     mention   transitive matplotlib - (from gradio)
  72     mention   transitive numpy - (from gradio)
  73     pip       transitive numpy 1.26.4 (from gradio)
  85     mention   transitive orjson - (from gradio)
  87     pip       transitive packaging 26.2 (from gradio)
  88     mention   transitive pandas - (from gradio)
  90     mention   transitive pillow - (from gradio)
  92     mention   transitive pydub - (from gradio)
  94     mention   transitive python-multipart - (from gradio)
  96     pip       transitive pyyaml 6.0.3 (from gradio)
  97     mention   transitive ruff - (from gradio)
  99     mention   transitive semantic-version - (from gradio)
  101    mention   transitive tomlkit - (from gradio)
  103    pip       transitive typer 0.23.1 (from gradio)
  104    pip       transitive typing-extensions 4.15.0 (from gradio)
  105    pip       transitive urllib3 2.7.0 (from gradio)
  106    mention   transitive annotated-types - (from pydantic)
  108    mention   transitive pydantic-core - (from pydantic)
  109    pip       transitive pydantic_core 2.18.2 (from pydantic)
  118    pip       transitive fsspec 2026.2.0 (from gradio-client)
  119    mention   platform   websockets -
  121    mention   transitive authlib - (from gradio)
  123    mention   transitive itsdangerous - (from gradio)
  125    mention   transitive starlette - (from fastapi)
  127    mention   transitive jsonschema - (from altair)
  129    mention   transitive narwhals - (from altair)
  131    mention   transitive contourpy - (from matplotlib)
  133    mention   transitive cycler - (from matplotlib)
  135    mention   transitive fonttools - (from matplotlib)
  137    mention   transitive kiwisolver - (from matplotlib)
  139    mention   transitive pyparsing - (from matplotlib)
  141    pip       transitive python-dateutil 2.9.0.post0 (from matplotlib)
  142    mention   transitive pytz - (from pandas)
  144    mention   transitive tzdata - (from pandas)
  146    pip       transitive anyio 4.13.0 (from starlette)
  147    pip       transitive idna 3.15 (from anyio)
  148    pip       transitive click 8.0.4 (from typer)
  149    pip       transitive shellingham 1.5.4 (from typer)
  150    pip       transitive rich 15.0.0 (from typer)
  151    pip       transitive annotated-doc 0.0.4 (from typer)
  152    pip       transitive h11 0.16.0 (from uvicorn)
  153    pip       transitive requests 2.34.0 (from spaces)
  154    pip       transitive charset_normalizer 3.4.7 (from requests)
  155    pip       transitive certifi 2026.4.22 (from requests)
  156    pip       transitive httpcore 1.0.9 (from httpx)
  157    pip       transitive filelock 3.29.0 (from huggingface-hub)
  158    pip       transitive hf-xet 1.5.0 (from huggingface-hub)
  159    pip       transitive tqdm 4.67.3 (from huggingface-hub)
  160    pip       transitive attrs 26.1.0 (from jsonschema)
  161    mention   transitive jsonschema-specifications - (from jsonschema)
  163    mention   transitive referencing - (from jsonschema)
  165    mention   transitive rpds-py - (from jsonschema)
  167    pip       transitive six 1.17.0 (from python-dateutil)
  168    pip       transitive markdown-it-py 4.2.0 (from rich)
  169    pip       transitive pygments 2.20.0 (from rich)
  170    pip       transitive mdurl 0.1.2 (from markdown-it-py)
  171    mention   transitive cryptography - (from authlib)
  173    mention   transitive joserfc - (from authlib)
  175    mention   transitive cffi - (from cryptography)
  177    mention   transitive pycparser - (from cffi)
  179    pip       platform   gradio 4.31.0
  181    pip       direct     pydantic 2.7.1
  182    pip       direct     psutil 5.9.8
  183    pip       transitive gradio_client 0.16.2 (from gradio)
  184    pip       transitive tomlkit 0.12.0 (from gradio)
  185    pip       platform   websockets 11.0.3
  186    pip       platform   fastapi 0.112.4
  187    pip       transitive aiofiles 23.2.1 (from gradio)
  188    pip       transitive altair 5.5.0 (from gradio)
  190    pip       transitive importlib_resources 6.5.2 (from gradio)
  191    pip       transitive jinja2 3.1.6 (from gradio)
  192    pip       transitive matplotlib 3.10.9 (from gradio)
  194    pip       transitive orjson 3.11.9 (from gradio)
  195    pip       transitive pandas 2.3.3 (from gradio)
  197    pip       transitive pillow 10.4.0 (from gradio)
  199    pip       transitive semantic_version 2.10.0 (from gradio)
  200    pip       transitive starlette 0.38.6 (from fastapi)
  201    pip       platform   uvicorn 0.46.0
  202    pip       platform   spaces 0.50.0
  203    pip       transitive annotated_types 0.7.0 (from pydantic)
  204    pip       transitive contourpy 1.3.3 (from matplotlib)
  205    pip       transitive cycler 0.12.1 (from matplotlib)
  206    pip       transitive fonttools 4.62.1 (from matplotlib)
  208    pip       transitive jsonschema 4.26.0 (from altair)
  209    pip       transitive jsonschema_specifications 2025.9.1 (from jsonschema)
  210    pip       transitive kiwisolver 1.5.0 (from matplotlib)
  212    pip       transitive narwhals 2.21.0 (from altair)
  213    pip       transitive pyparsing 3.3.2 (from matplotlib)
  214    pip       transitive python_multipart 0.0.28 (from gradio)
  215    pip       transitive pytz 2026.2 (from pandas)
  216    pip       transitive referencing 0.37.0 (from jsonschema)
  217    pip       transitive rpds_py 0.30.0 (from jsonschema)
  218    pip       transitive ruff 0.15.12 (from gradio)
  220    pip       transitive tzdata 2026.2 (from pandas)
  221    pip       transitive authlib 1.7.2 (from gradio)
  222    pip       transitive joserfc 1.6.5 (from authlib)
  223    pip       transitive cryptography 48.0.0 (from authlib)
  225    pip       transitive cffi 2.0.0 (from cryptography)
  226    pip       transitive ffmpy 1.0.0 (from gradio)
  227    pip       transitive itsdangerous 2.2.0 (from gradio)
  228    pip       transitive pycparser 3.0 (from cffi)
  229    pip       transitive pydub 0.25.1 (from gradio)
@@ stderr
