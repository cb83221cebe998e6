An installed environment, as pip check sees it; the Python comes from the path.
@@ args
check --site-packages fixtures/check/site/lib/python3.11/site-packages
@@ exit
1
@@ stdout
pydantic 2.10.0b1 requires annotated-types>=0.6.0, but annotated-types is not installed (required by fastapi 0.115.2)
pydantic 2.10.0b1 requires pydantic-core==2.27.0, but pydantic-core is not installed (required by fastapi 0.115.2)
typing-extensions is not installed, but 2 requirements need it:
  fastapi 0.115.2 requires typing-extensions>=4.8.0
  pydantic 2.10.0b1 requires typing-extensions>=4.12.2 (required by fastapi 0.115.2)
fastapi 0.115.2 requires starlette<0.41.0,>=0.37.2, but starlette 0.41.0 is installed
@@ stderr
spacelock: 5 problems among 6 packages for Python 3.11
spacelock: no other versions known; --wheels DIR with candidates gives fixes
