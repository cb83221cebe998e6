With -q the default --dir . is taken silently, and the lock is the same as
with --dir . given.
@@ args
snapshot -q
@@ file README.md
---
sdk: gradio
sdk_version: 4.44.1
---
@@ exit
1
@@ stdout
@@ stderr
