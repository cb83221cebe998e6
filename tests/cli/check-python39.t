The target decides: on Python 3.9 markers bring exceptiongroup in (missing) and two Requires-Python fail.
@@ args
check --python 3.9 fixtures/check/space-ok.json
@@ exit
1
@@ stdout
anyio 4.6.0 requires exceptiongroup>=1.0.2, but exceptiongroup is not locked (required by starlette 0.38.6, which is required by fastapi 0.112.4, which the platform installs as fastapi<0.113.0)
the target is Python 3.9, but 2 packages refuse it:
  numpy 2.1.2 requires Python >=3.10 (required by torchvision 0.19.1+cpu, which the Space's requirements request as torchvision==0.19.1+cpu)
  sphinx 8.0.2 requires Python >=3.10 (sphinx is requested by the Space's requirements)
@@ stderr
spacelock: 3 problems among 29 packages for Python 3.9
spacelock: no other versions known; --wheels DIR with candidates gives fixes
