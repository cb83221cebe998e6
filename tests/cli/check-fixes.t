With a folder of other versions, libsolv's solutions become concrete, re-verified actions; a package the Space's requirements request changes by a pin.
@@ args
check fixtures/check/space-broken.json --wheels fixtures/check/wheels
@@ exit
1
@@ stdout
gradio[oauth] 4.44.1 requires authlib, but authlib is not locked (gradio[oauth]==4.31.0 is installed by the platform for sdk_version 4.31.0)
the platform requests fastapi<0.113.0, but fastapi 0.115.2 is locked
the platform requests gradio[oauth]==4.31.0 for sdk_version 4.31.0, but gradio 4.44.1 is locked
pydantic 2.10.0b1 requires pydantic-core==2.27.0, but pydantic-core 2.26.0 is locked (pydantic>=2.9.0 is requested by the Space's requirements)
fastapi 0.115.2 requires starlette<0.41.0,>=0.37.2, but starlette 0.41.0 is locked (fastapi<0.113.0 is installed by the platform)
torchvision 0.19.1+cpu requires torch==2.4.1, but torch 2.5.0+cpu is locked (torchvision==0.19.1+cpu is requested by the Space's requirements)

fixes (each re-verified):
  1. add authlib==1.3.2; downgrade fastapi 0.115.2 → 0.112.4; downgrade gradio 4.44.1 → 4.31.0; upgrade pydantic-core 2.26.0 → 2.27.0; downgrade starlette 0.41.0 → 0.38.6; pin torch==2.4.1+cpu
@@ stderr
spacelock: 6 problems among 28 packages for Python 3.13
