# requirement parse: one-line JSON
@@ args
requirement parse 'Requests[socks, Security] (>=2.31, <3) ; python_version >= "3.8" and extra == "Proxy_Support"'
@@ exit
0
@@ stdout
{"name":"Requests","extras":["Security","socks"],"specifier":"<3,>=2.31","url":null,"marker":"python_version >= \"3.8\" and extra == \"proxy-support\""}
@@ stderr
