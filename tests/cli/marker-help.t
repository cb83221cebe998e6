# --help prints the full help
@@ args
marker --help
@@ exit
0
@@ stdout
usage: spacelock marker eval MARKER [--python VER] [--env JSON] [--extra NAME]
       spacelock marker normalize MARKER
       spacelock marker (eval|normalize) --stdin

Evaluates a PEP 508 environment marker against the target environment
(the Space, not this machine), as the latest pypa/packaging does, and
prints true or false; normalize prints its normal form.  Default target:
CPython 3.10.12 on linux x86_64 (docs/commands/plumbing-pep508.md).

  --python VER  3.12 or 3.11.4: python_version, python_full_version and
                implementation_version (X.Y means X.Y.0)
  --env JSON    an object of overrides, e.g. '{"sys_platform":"win32"}';
                extras and dependency_groups take arrays of names
  --extra NAME  the value of `extra`
  --stdin       one case a line: MARKER, optionally TAB and ENV_JSON; one
                result a line, 'error: MSG' for a bad case; exit 0 at the end

An invalid marker or an undefined comparison on the command line exits 3.
@@ stderr
