# --stdin: the whole line is the requirement; bad lines print error lines; exit 0
@@ args
requirement parse --stdin
@@ stdin
requests[socks,Security]>=2.31,<3
torch==2.1.0+cpu ; sys_platform == "linux"
nano @ git+https://github.com/org/nano@b57e9de ; python_version >= "3.10"
name; extra == "Mariadb_Connector"
name[bar baz]

foo (>=1.0 , <2)
@@ exit
0
@@ stdout
{"name":"requests","extras":["Security","socks"],"specifier":"<3,>=2.31","url":null,"marker":null}
{"name":"torch","extras":[],"specifier":"==2.1.0+cpu","url":null,"marker":"sys_platform == \"linux\""}
{"name":"nano","extras":[],"specifier":"","url":"git+https://github.com/org/nano@b57e9de","marker":"python_version >= \"3.10\""}
{"name":"name","extras":[],"specifier":"","url":null,"marker":"extra == \"mariadb-connector\""}
error: invalid requirement 'name[bar baz]': expected comma between extra names at column 10
error: invalid requirement '': expected package name at the start of dependency specifier at column 1
{"name":"foo","extras":[],"specifier":"<2,>=1.0","url":null,"marker":null}
@@ stderr
