# --stdin: MARKER[<TAB>ENV_JSON] a line; bad cases print error lines; exit 0
@@ args
marker eval --stdin
@@ stdin
python_version >= "3.8"
python_version >= "3.11"	python_version >= "3.8"
sys_platform == "win32"	{"sys_platform": "win32"}
"test" in extras	{"extras": ["Test", "docs"]}
"test" in extras
extra == "Docs"	{"extra": "docs"}
python_version ~= "3"
os_name ==
os_name == "posix"	{"os_nam": "posix"}
platform_machine in "x86_64 aarch64" and python_full_version < "3.10.13"
@@ exit
0
@@ stdout
true
error: invalid marker 'python_version >= "3.11" python_version >= "3.8"': expected end of marker expression at column 26
true
true
error: undefined environment name 'extras'
true
error: undefined comparison '~=' on '3.10' and '3'
error: invalid marker 'os_name ==': expected a marker variable or quoted string at column 11
error: <stdin>:9:21: unknown environment key 'os_nam'
true
@@ stderr
