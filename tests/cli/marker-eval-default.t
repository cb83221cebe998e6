# marker eval against the default target (CPython 3.10.12, linux x86_64)
@@ args
marker eval 'python_version >= "3.8" and sys_platform == "linux" and platform_machine == "x86_64"'
@@ exit
0
@@ stdout
true
@@ stderr
