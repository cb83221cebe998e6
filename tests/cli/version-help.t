version --help prints the usage.
@@ args
version --help
@@ exit
0
@@ stdout
usage: spacelock version compare A B
       spacelock version normalize V
       spacelock version match SPEC V [--prereleases MODE]
       spacelock version (compare|normalize|match) --stdin

PEP 440 plumbing, as the latest pypa/packaging decides (docs/commands/version.md).
compare prints <, = or >; normalize the normal form; match true or false.

  --prereleases MODE  default, true or false (packaging's contains(prereleases=
                      None, True, False)); only false rejects pre-releases
  --stdin             one case a line, fields separated by TAB (match: SPEC, V
                      and an optional MODE); one result a line, 'error: MSG'
                      for a bad case; exit 0 once all input was read

Invalid input on the command line exits 3.  'spacelock --version' prints
spacelock's own version.
@@ stderr
