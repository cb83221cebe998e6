A duplicate built today: the platform's gradio[oauth]==4.31.0 and fastapi<0.113.0 requests are not met, an extra's requirement is missing, a pin and a local version disagree, one package has no metadata; no alternatives, so no fixes.
@@ args
--offline check fixtures/check/space-broken.json
@@ exit
1
@@ stdout
gradio[oauth] 4.44.1 requires authlib, but authlib is not locked (gradio[oauth]==4.31.0 is installed by the platform for sdk_version 4.31.0)
the platform requests fastapi<0.113.0, but fastapi 0.115.2 is locked
the platform requests gradio[oauth]==4.31.0 for sdk_version 4.31.0, but gradio 4.44.1 is locked
pydantic 2.10.0b1 requires pydantic-core==2.27.0, but pydantic-core 2.26.0 is locked (pydantic>=2.9.0 is requested by the Space's requirements)
fastapi 0.115.2 requires starlette<0.41.0,>=0.37.2, but starlette 0.41.0 is locked (fastapi<0.113.0 is installed by the platform)
torchvision 0.19.1+cpu requires torch==2.4.1, but torch 2.5.0+cpu is locked (torchvision==0.19.1+cpu is requested by the Space's requirements)
h11 0.14.0: no metadata found, its requirements cannot be checked (required by uvicorn 0.30.6, which the platform installs as uvicorn>=0.14.0)
  (pass --site-packages DIR or --wheels DIR where the metadata is; --update-lock keeps it in the lock)
@@ stderr
spacelock: 7 problems among 28 packages for Python 3.13
spacelock: no other versions known; --wheels DIR with candidates gives fixes
