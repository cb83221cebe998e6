sdk_version 5.29.0, and no build log of that commit: gradio is unknown in the duplicate but expected at 5.29.0, a new major (high impact); the Python, the builder's step and the build's outcome are unknown, not changed.
@@ args
diff fixtures/diff/3-gradio-dropped.json fixtures/diff/4-sdk-5.29.json
@@ exit
1
@@ stdout
source     fixtures/diff/3-gradio-dropped.json, built 2026-05-13 16:56:02 (commit 10e9a26), build failed
duplicate  fixtures/diff/4-sdk-5.29.json

runtime
  python         3.13 → ?         unknown in the duplicate: no build log, and its card sets no python_version: the builder's default decides
  sdk_version    4.40.0 → 5.29.0  major upgrade: the duplicate's card asks the builder for gradio 5.29.0
  platform_step  6 items → ?      unknown in the duplicate
  build_status   failed → ?       unknown in the duplicate

unknown in the duplicate (1): no build log or freeze of it was read
  gradio         4.40.0 → ?       platform: sdk_version 4.40.0 → 5.29.0; the duplicate's implies gradio 5.29.0 (expected, not proven); high impact: a new Gradio major changes components, events and the API; apps written for the old one break
@@ stderr
diff: 4 runtime, 0 requirement, 0 package differences; 1 package unknown on one side
