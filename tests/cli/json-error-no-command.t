No command at all with --json: the JSON error and the usage on stderr.
@@ args
--json
@@ exit
2
@@ stdout
{"error":{"message":"a command is required; see 'spacelock --help'","kind":"usage","exit":2}}
@@ stderr
usage: spacelock [-C DIR] [-q] [-v] [--json] [--offline] <command> [<args>]
       spacelock --version
       spacelock help <command>
spacelock: a command is required; see 'spacelock --help'
