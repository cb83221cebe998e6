# a direct reference
@@ args
requirement parse 'nano-cohere-transcribe @ git+https://github.com/Deep-unlearning/nano-cohere-transcribe@b57e9de'
@@ exit
0
@@ stdout
{"name":"nano-cohere-transcribe","extras":[],"specifier":"","url":"git+https://github.com/Deep-unlearning/nano-cohere-transcribe@b57e9de","marker":null}
@@ stderr
