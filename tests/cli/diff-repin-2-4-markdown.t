--markdown: the table a commit message or pull request gets.
@@ args
diff --markdown fixtures/diff/2-gradio-range.json fixtures/diff/4-sdk-5.29.json
@@ exit
1
@@ stdout
| what | old → new | change | why |
|---|---|---|---|
| python | `3.13` → ? | unknown in the duplicate | no build log, and its card sets no python_version: the builder's default decides |
| sdk_version | `4.31.0` → `5.29.0` | major upgrade | the duplicate's card asks the builder for gradio 5.29.0 |
| platform_step | 6 items → ? | unknown in the duplicate |  |
| build_status | `failed` → ? | unknown in the duplicate |  |
| requirement gradio | `gradio>=4.40.0` → none | removed | the source's line excludes its sdk_version 4.31.0: one pip run cannot install both, the build fails |
| gradio | `4.31.0` → ? | unknown in the duplicate | platform: sdk_version 4.31.0 → 5.29.0; the duplicate's implies gradio 5.29.0 (expected, not proven); high impact: a new Gradio major changes components, events and the API; apps written for the old one break |
@@ stderr
diff: 4 runtime, 1 requirement, 0 package differences; 1 package unknown on one side
