Broken YAML in the card: exit 3 with file:line:col, no lockfile.
@@ args
snapshot --dir . -o lock.json
@@ file README.md
---
title: x
sdk: gradio
tags: [a, b
---
@@ exit
3
@@ stdout
@@ stderr
spacelock: error: README.md:5:1: invalid YAML in front matter: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 4, column 7)
@@ absent lock.json
