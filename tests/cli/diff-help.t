diff --help prints the full help.
@@ args
diff --help
@@ exit
0
@@ stdout
usage: spacelock diff [--json | --markdown] [--color WHEN] [--token-file FILE]
                      SOURCE DUPLICATE

Says what differs between a Space that works (SOURCE) and its duplicate, the
most likely cause of each difference, and what matters most: the runtime
(hardware, Python, sdk_version, the builder's step, secret and variable
names, card keys, apt packages), the Space's requirement lines, then every
package, ranked (docs/commands/diff.md).  Each side is a lockfile or a Space:
OWNER/NAME[@REV], spaces/OWNER/NAME or its URL, snapshotted from the Hub on
the fly.

  --json             the diff as JSON (stable keys, ranked order)
  --markdown         a table of old -> new with the reason, for a commit
                     message or pull request
  --color WHEN       auto (default: on a terminal, unless NO_COLOR is set),
                     always or never
  --token-file FILE  the Hub token for a Space (default: HF_TOKEN, then the
                     token file; docs/hub.md)
  -q, --quiet        no summary on stderr

Exit 0 when nothing differs, 1 when something does (a drift gate for CI),
2 usage, 3 unreadable or malformed lockfile, 5 network, 6 auth, 7 no such
Space or revision.
@@ stderr
