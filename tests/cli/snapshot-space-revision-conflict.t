A revision in the Space's URL and a different --revision: refused before
anything is fetched, with both named.
@@ args
snapshot https://huggingface.co/spaces/gradio/hello_world/tree/v2 --revision main
@@ exit
2
@@ stdout
@@ stderr
spacelock snapshot: --revision 'main' and 'v2' in 'https://huggingface.co/spaces/gradio/hello_world/tree/v2' name different revisions
see 'spacelock snapshot --help'
@@ absent spacelock.json
