A lock without metadata: every package is unverifiable, never silently consistent.
@@ args
--offline check fixtures/check/space-nometa.json
@@ exit
1
@@ stdout
no metadata found for 29 packages, their requirements are unchecked:
  annotated-types 0.7.0, anyio 4.6.0, authlib 1.3.2, cffi 1.17.1,
  click 8.1.7, cryptography 43.0.1, fastapi 0.112.4, filelock 3.16.1,
  gradio 4.31.0, h11 0.14.0, huggingface-hub 0.25.2, idna 3.10,
  itsdangerous 2.2.0, numpy 2.1.2, packaging 24.1, pillow 10.4.0,
  psutil 6.0.0, pycparser 2.22, pydantic 2.10.0b1, pydantic-core 2.27.0,
  sniffio 1.3.1, sphinx 8.0.2, sphinxcontrib-applehelp 2.0.0,
  starlette 0.38.6, torch 2.4.1+cpu, torchvision 0.19.1+cpu, typer 0.12.5,
  typing-extensions 4.12.2, uvicorn 0.30.6
  (pass --site-packages DIR or --wheels DIR where the metadata is; --update-lock keeps it in the lock)
@@ stderr
spacelock: 29 problems among 29 packages for Python 3.13
