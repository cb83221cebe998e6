A lock named with bytes that are not UTF-8 (a Latin-1 file name) still
gives valid JSON: each bad byte is U+FFFD in the --json summary.
@@ args
--json snapshot -q --freeze freeze.txt -o "$(printf 'lock-\351.json')"
@@ file freeze.txt
gradio==4.40.0
@@ exit
1
@@ stdout
{"output":"lock-�.json","packages":1,"incomplete":1,"warnings":0,"complete":false}
@@ stderr
