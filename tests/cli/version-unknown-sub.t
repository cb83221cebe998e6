An unknown subcommand is a usage error.
@@ args
version sort 1 2
@@ exit
2
@@ stdout
@@ stderr
spacelock version: unknown subcommand 'sort'; expected compare, normalize or match
see 'spacelock version --help'
