Metadata found, requirements unknown: an sdist whose PKG-INFO (2.2) marks
Requires-Dist dynamic, and one whose PKG-INFO is older than 2.2 with no
egg-info requires.txt.  Both are unverifiable, with the reason, never
silently consistent.
@@ args
--offline check fixtures/check/dynamic/space.json --wheels fixtures/check/dynamic/wheels
@@ exit
1
@@ stdout
dynamic-sdist 2.0: its requirements are unknown (its metadata marks Requires-Dist dynamic), they cannot be checked (required by app 1.0, which the Space's requirements request as app==1.0)
legacy-sdist 0.9: its requirements are unknown (sdist PKG-INFO older than 2.2 lists no requirements), they cannot be checked (required by app 1.0, which the Space's requirements request as app==1.0)
  (the metadata of a wheel built from it has the requirements: pass --wheels DIR with that wheel)
@@ stderr
spacelock: 2 problems among 3 packages for Python 3.13
