The mirror of a diff with unknowns: the newest commit as source, the first build as duplicate; what the source cannot prove is unknown in the source.
@@ args
diff fixtures/diff/4-sdk-5.29.json fixtures/diff/1-exact-pins.json
@@ exit
1
@@ stdout
source     fixtures/diff/4-sdk-5.29.json
duplicate  fixtures/diff/1-exact-pins.json, built 2026-05-13 16:43:56 (commit 1f2685e), build failed

runtime
  python               ? → 3.13                           unknown in the source: no build log, and its card sets no python_version: the builder's default decides
  sdk_version          5.29.0 → 4.31.0                    major downgrade: the builder installs gradio[oauth]==4.31.0 in the duplicate
  platform_step        ? → 6 items                        unknown in the source
  build_status         ? → failed                         unknown in the source

requirements
  psutil               psutil>=5.9.8 → psutil==5.9.8      2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log:46: a range became a pin
  pydantic             pydantic>=2.9.0 → pydantic==2.7.1  2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log:44: a range became a pin

unknown in the source (73): no build log or freeze of it was read
  gradio               ? → 4.31.0                         platform: sdk_version 5.29.0 → 4.31.0; the source's implies gradio 5.29.0 (expected, not proven); high impact: a new Gradio major changes components, events and the API; apps written for the old one break
  pydantic             ? → 2.7.1                          direct: requirements.txt: pydantic>=2.9.0 → pydantic==2.7.1; 'pydantic>=2.9.0' there rules out 2.7.1
  spaces               ? → 0.50.0                         platform; medium impact: the platform installs it unpinned; new releases require new Gradio
  huggingface-hub      ? → 1.14.0                         transitive via gradio; medium impact: every download and Hub call of the app goes through it
  psutil               ? → 5.9.8                          direct: requirements.txt: psutil>=5.9.8 → psutil==5.9.8
  fastapi              ? → 0.112.4                        platform
  uvicorn              ? → 0.46.0                         platform
  websockets           ? → 11.0.3                         platform
  aiofiles             ? → 23.2.1                         transitive via gradio
  altair               ? → 5.5.0                          transitive via gradio
  annotated-doc        ? → 0.0.4                          transitive via gradio > typer
  annotated-types      ? → 0.7.0                          transitive via pydantic
  anyio                ? → 4.13.0                         transitive via fastapi > starlette
  attrs                ? → 26.1.0                         transitive via gradio > altair > jsonschema
  authlib              ? → 1.7.2                          transitive via gradio
  certifi              ? → 2026.4.22                      transitive via spaces > requests
  cffi                 ? → 2.0.0                          transitive via gradio > authlib > cryptography
  charset-normalizer   ? → 3.4.7                          transitive via spaces > requests
  click                ? → 8.0.4                          transitive via gradio > typer
  contourpy            ? → 1.3.3                          transitive via gradio > matplotlib
  cryptography         ? → 48.0.0                         transitive via gradio > authlib
  cycler               ? → 0.12.1                         transitive via gradio > matplotlib
  ffmpy                ? → 1.0.0                          transitive via gradio
  filelock             ? → 3.29.0                         transitive via huggingface-hub
  fonttools            ? → 4.62.1                         transitive via gradio > matplotlib
  fsspec               ? → 2026.2.0                       transitive via gradio > gradio-client
  gradio-client        ? → 0.16.2                         transitive via gradio
  h11                  ? → 0.16.0                         transitive via uvicorn
  hf-xet               ? → 1.5.0                          transitive via huggingface-hub
  httpcore             ? → 1.0.9                          transitive via gradio > httpx
  httpx                ? → 0.28.1                         transitive via gradio
  idna                 ? → 3.15                           transitive via fastapi > starlette > anyio
  importlib-resources  ? → 6.5.2                          transitive via gradio
  itsdangerous         ? → 2.2.0                          transitive via gradio
  jinja2               ? → 3.1.6                          transitive via gradio
  joserfc              ? → 1.6.5                          transitive via gradio > authlib
  jsonschema           ? → 4.26.0                         transitive via gradio > altair
  jsonschema-specifications  ? → 2025.9.1                       transitive via gradio > altair > jsonschema
  kiwisolver           ? → 1.5.0                          transitive via gradio > matplotlib
  markdown-it-py       ? → 4.2.0                          transitive via gradio > typer > rich
  markupsafe           ? → 2.1.5                          transitive via gradio
  matplotlib           ? → 3.10.9                         transitive via gradio
  mdurl                ? → 0.1.2                          transitive via gradio > typer > rich > markdown-it-py
  narwhals             ? → 2.21.0                         transitive via gradio > altair
  numpy                ? → 1.26.4                         transitive via gradio
  orjson               ? → 3.11.9                         transitive via gradio
  packaging            ? → 26.2                           transitive via gradio
  pandas               ? → 2.3.3                          transitive via gradio
  pillow               ? → 10.4.0                         transitive via gradio
  pycparser            ? → 3.0                            transitive via gradio > authlib > cryptography > cffi
  pydantic-core        ? → 2.18.2                         transitive via pydantic
  pydub                ? → 0.25.1                         transitive via gradio
  pygments             ? → 2.20.0                         transitive via gradio > typer > rich
  pyparsing            ? → 3.3.2                          transitive via gradio > matplotlib
  python-dateutil      ? → 2.9.0.post0                    transitive via gradio > matplotlib
  python-multipart     ? → 0.0.28                         transitive via gradio
  pytz                 ? → 2026.2                         transitive via gradio > pandas
  pyyaml               ? → 6.0.3                          transitive via gradio
  referencing          ? → 0.37.0                         transitive via gradio > altair > jsonschema
  requests             ? → 2.34.0                         transitive via spaces
  rich                 ? → 15.0.0                         transitive via gradio > typer
  rpds-py              ? → 0.30.0                         transitive via gradio > altair > jsonschema
  ruff                 ? → 0.15.12                        transitive via gradio
  semantic-version     ? → 2.10.0                         transitive via gradio
  shellingham          ? → 1.5.4                          transitive via gradio > typer
  six                  ? → 1.17.0                         transitive via gradio > matplotlib > python-dateutil
  starlette            ? → 0.38.6                         transitive via fastapi
  tomlkit              ? → 0.12.0                         transitive via gradio
  tqdm                 ? → 4.67.3                         transitive via huggingface-hub
  typer                ? → 0.23.1                         transitive via gradio
  typing-extensions    ? → 4.15.0                         transitive via gradio
  tzdata               ? → 2026.2                         transitive via gradio > pandas
  urllib3              ? → 2.7.0                          transitive via gradio
@@ stderr
diff: 4 runtime, 2 requirement, 0 package differences; 73 packages unknown on one side
