The commit that dropped the gradio line and moved sdk_version to 4.40.0: the runtime first, the dropped line that clashed, gradio upgraded because of sdk_version.
@@ args
diff fixtures/diff/2-gradio-range.json fixtures/diff/3-gradio-dropped.json
@@ exit
1
@@ stdout
source     fixtures/diff/2-gradio-range.json, built 2026-05-13 16:49:14 (commit 6a05175), build failed
duplicate  fixtures/diff/3-gradio-dropped.json, built 2026-05-13 16:56:02 (commit 10e9a26), build failed

runtime
  sdk_version  4.31.0 → 4.40.0        minor upgrade: the builder installs gradio[oauth]==4.40.0 in the duplicate

requirements
  gradio       gradio>=4.40.0 → none  requirements.txt:2: the source's line excludes its sdk_version 4.31.0: one pip run cannot install both, the build fails

packages
  gradio       4.31.0 → 4.40.0        minor upgrade, platform: sdk_version 4.31.0 → 4.40.0; medium impact: the sdk: the app's UI, queue and API come from it
@@ stderr
diff: 1 runtime, 1 requirement, 1 package difference; 0 packages unknown on one side
