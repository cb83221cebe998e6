# an unknown --env key is refused (a typo would otherwise go unnoticed): usage error
@@ args
marker eval --env '{"python_verison":"3.8"}' 'os_name == "posix"'
@@ exit
2
@@ stdout
@@ stderr
spacelock marker: --env:1:2: unknown environment key 'python_verison'
see 'spacelock marker --help'
