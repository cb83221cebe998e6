A model's address is not a Space: one usage line says so.
@@ args
snapshot https://huggingface.co/gradio/model
@@ exit
2
@@ stdout
@@ stderr
spacelock snapshot: 'https://huggingface.co/gradio/model' is not the address of a Space (https://huggingface.co/spaces/OWNER/NAME)
see 'spacelock snapshot --help'
@@ absent spacelock.json
