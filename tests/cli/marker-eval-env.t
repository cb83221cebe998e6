# --env overrides keys of the target; extras is a set (PEP 751)
@@ args
marker eval --env '{"sys_platform":"win32","extras":["Cuda_12"]}' 'sys_platform == "win32" and "cuda-12" in extras'
@@ exit
0
@@ stdout
true
@@ stderr
