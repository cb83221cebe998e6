/* commands.h: the entry point and usage text of every verb.  Each verb
 * lives in src/cli/cmd_<verb>.c; add its prototype here and its row in
 * the table in main.c. */
#ifndef SPACELOCK_COMMANDS_H
#define SPACELOCK_COMMANDS_H

#include "cli.h"

int cmd_help(int argc, char **argv, struct sl_cli *cli);
#define CMD_HELP_USAGE                                                                             \
	"usage: spacelock help [<command>]\n\nShows the list of commands, or the full help of "    \
	"one.\n"

/* COMMANDS-PROTOTYPES (one block per verb; keep this marker) */

int cmd_log(int argc, char **argv, struct sl_cli *cli);
#define CMD_LOG_USAGE                                                                              \
	"usage: spacelock log [--run] [--json] FILE\n"                                             \
	"       spacelock log --freeze [--json] FILE\n\n"                                          \
	"Prints what a Space's build log proves (header time and commit, base image\n"             \
	"and Python, sdk, each step's outcome, failures, every package observation);\n"            \
	"plain logs and SSE streams are told apart automatically (docs/logs.md).\n\n"              \
	"  --run     read FILE as a run (container) log\n"                                         \
	"  --freeze  read FILE as pip freeze, pip list or pip install --report output\n"           \
	"  --json    the result as JSON\n"

int cmd_snapshot(int argc, char **argv, struct sl_cli *cli);
#define CMD_SNAPSHOT_USAGE                                                                         \
	"usage: spacelock snapshot [--dir DIR] [--build-log FILE]... [--run-log FILE]...\n"        \
	"                          [--freeze FILE]... [--site-packages DIR] [-o FILE]\n"           \
	"       spacelock snapshot [--revision REV] [--token-file FILE] [-o FILE] OWNER/NAME\n\n"  \
	"Locks what a Space really ran: reads the evidence you can get without a shell\n"          \
	"inside the Space and writes every package version it proves, with the proof,\n"           \
	"and what stays unknown (docs/commands/snapshot.md, docs/lockfile.md).\n\n"                \
	"  --dir DIR            a checkout of the Space: README.md (card), requirements.txt,\n"    \
	"                       pre-requirements.txt, packages.txt\n"                              \
	"  --build-log FILE     a build log (copied from the Space page or saved as SSE)\n"        \
	"  --run-log FILE       a container log (an app may print pip freeze in it)\n"             \
	"  --freeze FILE        pip freeze, pip list (--format=json) or pip install --report\n"    \
	"  --site-packages DIR  an installed environment (dist-info, egg-info)\n"                  \
	"  -o, --output FILE    the lockfile (default spacelock.json; '-' is stdout)\n"            \
	"  -q, --quiet          no summary on stderr\n"                                            \
	"  OWNER/NAME           fetch the Space from the Hub (card, requirements, build and\n"     \
	"                       run logs) and lock it with its id, revision and hardware\n"        \
	"  --revision REV       a branch, tag or commit (default: the main branch)\n"              \
	"  --token-file FILE    the Hub token (default: HF_TOKEN, then the token file;\n"          \
	"                       docs/hub.md)\n\n"                                                  \
	"Exit 0 when the lock is complete, 1 when something stays unknown (its\n"                  \
	"\"incomplete\" list says what and why), 3 for unreadable or malformed input,\n"           \
	"4 when the lockfile cannot be written, 5 network, 6 auth (401/403), 7 no such\n"          \
	"Space or revision.  A failed run leaves no file.\n"

int cmd_diff(int argc, char **argv, struct sl_cli *cli);
#define CMD_DIFF_USAGE                                                                             \
	"usage: spacelock diff [--json | --markdown] [--color WHEN] [--token-file FILE]\n"         \
	"                      SOURCE DUPLICATE\n\n"                                               \
	"Says what differs between a Space that works (SOURCE) and its duplicate, the\n"           \
	"most likely cause of each difference, and what matters most: the runtime\n"               \
	"(hardware, Python, sdk_version, the builder's step, secret and variable\n"                \
	"names, card keys, apt packages), the Space's requirement lines, then every\n"             \
	"package, ranked (docs/commands/diff.md).  Each side is a lockfile or a Space\n"           \
	"id, owner/name[@revision], snapshotted from the Hub on the fly.\n\n"                      \
	"  --json             the diff as JSON (stable keys, ranked order)\n"                      \
	"  --markdown         a table of old -> new with the reason, for a commit\n"               \
	"                     message or pull request\n"                                           \
	"  --color WHEN       auto (default: on a terminal, unless NO_COLOR is set),\n"            \
	"                     always or never\n"                                                   \
	"  --token-file FILE  the Hub token for Space ids (default: HF_TOKEN, then the\n"          \
	"                     token file; docs/hub.md)\n"                                          \
	"  -q, --quiet        no summary on stderr\n\n"                                            \
	"Exit 0 when nothing differs, 1 when something does (a drift gate for CI),\n"              \
	"2 usage, 3 unreadable or malformed lockfile, 5 network, 6 auth, 7 no such\n"              \
	"Space or revision.\n"

int cmd_check(int argc, char **argv, struct sl_cli *cli);
#define CMD_CHECK_USAGE                                                                            \
	"usage: spacelock check [LOCKFILE] [--python X.Y[.Z]] [--wheels DIR] [--index-url URL]\n"  \
	"                       [--update-lock]\n"                                                 \
	"       spacelock check --site-packages DIR [--python X.Y[.Z]] [--wheels DIR]\n\n"         \
	"Proves with libsolv that every package's requirements (Requires-Dist whose\n"             \
	"marker holds, with the extras requested; Requires-Python) are satisfied by\n"             \
	"the versions of the set, for CPython on linux x86_64.  LOCKFILE defaults to\n"            \
	"spacelock.json; --site-packages alone checks an installed environment, as\n"              \
	"pip check does.  Exit 0 when consistent, 1 with the problems grouped by\n"                \
	"root cause and, when other versions are known, re-verified fixes\n"                       \
	"(docs/commands/check.md).\n\n"                                                            \
	"  --python X.Y[.Z]     the target (default: the lock's runtime.python, else the\n"        \
	"                       card's python_version; for a site-packages, its path)\n"           \
	"  --site-packages DIR  metadata from installed dist-info (or the set itself)\n"           \
	"  --wheels DIR         metadata from wheels/sdists; other versions there are\n"           \
	"                       the candidates for fixes\n"                                        \
	"  --index-url URL      the package index asked last (default $PIP_INDEX_URL, else\n"      \
	"                       https://pypi.org; only its cache with --offline)\n"                \
	"  --update-lock        store the metadata used in LOCKFILE\n"                             \
	"  --json               the report as JSON on stdout\n"

int cmd_name(int argc, char **argv, struct sl_cli *cli);
#define CMD_NAME_USAGE                                                                             \
	"usage: spacelock name normalize N\n"                                                      \
	"       spacelock name normalize --stdin\n\n"                                              \
	"Prints the PEP 503 canonical form of a project name (lower case, runs of\n"               \
	"'-', '_' and '.' as one '-'), as packaging's canonicalize_name.  A name that\n"           \
	"is not a valid PEP 508 name exits 3 (docs/commands/plumbing-pep508.md).\n\n"              \
	"  --stdin  one name a line; one result a line, 'error: MSG' for a bad one\n"

int cmd_marker(int argc, char **argv, struct sl_cli *cli);
#define CMD_MARKER_USAGE                                                                           \
	"usage: spacelock marker eval MARKER [--python VER] [--env JSON] [--extra NAME]\n"         \
	"       spacelock marker normalize MARKER\n"                                               \
	"       spacelock marker (eval|normalize) --stdin\n\n"                                     \
	"Evaluates a PEP 508 environment marker against the target environment\n"                  \
	"(the Space, not this machine), as the latest pypa/packaging does, and\n"                  \
	"prints true or false; normalize prints its normal form.  Default target:\n"               \
	"CPython 3.10.12 on linux x86_64 (docs/commands/plumbing-pep508.md).\n\n"                  \
	"  --python VER  3.12 or 3.11.4: python_version, python_full_version and\n"                \
	"                implementation_version (X.Y means X.Y.0)\n"                               \
	"  --env JSON    an object of overrides, e.g. '{\"sys_platform\":\"win32\"}';\n"           \
	"                extras and dependency_groups take arrays of names\n"                      \
	"  --extra NAME  the value of `extra`\n"                                                   \
	"  --stdin       one case a line: MARKER, optionally TAB and ENV_JSON; one\n"              \
	"                result a line, 'error: MSG' for a bad case; exit 0 at the end\n\n"        \
	"An invalid marker or an undefined comparison on the command line exits 3.\n"

int cmd_requirement(int argc, char **argv, struct sl_cli *cli);
#define CMD_REQUIREMENT_USAGE                                                                      \
	"usage: spacelock requirement parse REQ\n"                                                 \
	"       spacelock requirement parse --stdin\n\n"                                           \
	"Parses a PEP 508 requirement as the latest pypa/packaging does and prints\n"              \
	"one line of JSON: {\"name\", \"extras\", \"specifier\", \"url\", \"marker\"}; name as\n"  \
	"written, extras sorted, specifier clauses sorted and comma-joined (\"\" when\n"           \
	"none), url and marker null when absent, marker in normal form\n"                          \
	"(docs/commands/plumbing-pep508.md).  An invalid requirement exits 3.\n\n"                 \
	"  --stdin  one requirement a line (the whole line); one result a line,\n"                 \
	"           'error: MSG' for a bad one; exit 0 once all input was read\n"

/* Shared by cmd_name.c, cmd_marker.c and cmd_requirement.c (defined in the
 * last): fn turns one case (a command-line argument or a --stdin line) into
 * one result line in out, or fails with err. */
struct sl_buf;
/* Runs fn over every stdin line, printing results or 'error: MSG'. */
int pep508_stdin_loop(struct sl_cli *cli,
		      int (*fn)(char *line, void *ctx, struct sl_buf *out, struct sl_err *err),
		      void *ctx);
/* Runs fn on one command-line argument; a failure exits via cli_fail. */
int pep508_run_one(struct sl_cli *cli,
		   int (*fn)(char *line, void *ctx, struct sl_buf *out, struct sl_err *err),
		   char *arg, void *ctx);
/* Parses "<sub> [--stdin] [ARG]" for name and requirement. */
int pep508_parse_common(int argc, char **argv, struct sl_cli *cli, const char *sub,
			bool *from_stdin);

int cmd_version(int argc, char **argv, struct sl_cli *cli);
#define CMD_VERSION_USAGE                                                                          \
	"usage: spacelock version compare A B\n"                                                   \
	"       spacelock version normalize V\n"                                                   \
	"       spacelock version match SPEC V [--prereleases MODE]\n"                             \
	"       spacelock version (compare|normalize|match) --stdin\n\n"                           \
	"PEP 440 plumbing, as the latest pypa/packaging decides (docs/commands/version.md).\n"     \
	"compare prints <, = or >; normalize the normal form; match true or false.\n\n"            \
	"  --prereleases MODE  default, true or false (packaging's contains(prereleases=\n"        \
	"                      None, True, False)); only false rejects pre-releases\n"             \
	"  --stdin             one case a line, fields separated by TAB (match: SPEC, V\n"         \
	"                      and an optional MODE); one result a line, 'error: MSG'\n"           \
	"                      for a bad case; exit 0 once all input was read\n\n"                 \
	"Invalid input on the command line exits 3.  'spacelock --version' prints\n"               \
	"spacelock's own version.\n"

int cmd_fetch(int argc, char **argv, struct sl_cli *cli);
#define CMD_FETCH_USAGE                                                                            \
	"usage: spacelock fetch [--revision REV] [--token-file FILE] OWNER/NAME DIR\n\n"           \
	"Downloads what `spacelock snapshot OWNER/NAME` reads from the Hub into DIR:\n"            \
	"README.md, requirements.txt, pre-requirements.txt, packages.txt at the exact\n"           \
	"revision, and the build and run logs (build.log, run.log, as server-sent\n"               \
	"events, Hub tokens redacted).  Prints the Space id, the full revision sha,\n"             \
	"sdk, hardware and the names (never values) of secrets and variables the\n"                \
	"token may read.  Token: HF_TOKEN, HUGGING_FACE_HUB_TOKEN, then the token file\n"          \
	"(docs/hub.md); --token-file overrides.\n"

int cmd_index(int argc, char **argv, struct sl_cli *cli);
#define CMD_INDEX_USAGE                                                                            \
	"usage: spacelock index [--index-url URL] [--cache-dir DIR] [-j N] [--from FILE]\n"        \
	"                       fetch NAME==VERSION...\n\n"                                        \
	"Fetches per-version metadata (requires_dist, requires_python, files with\n"               \
	"sha256 and yanked) from a PyPI-compatible JSON API, many at once, through\n"              \
	"the on-disk cache (docs/hub.md).  With the global --offline only the cache.\n\n"          \
	"  --index-url URL  the index (default $PIP_INDEX_URL, else https://pypi.org)\n"           \
	"  --cache-dir DIR  the cache (default $XDG_CACHE_HOME/spacelock)\n"                       \
	"  -j, --jobs N     transfers at once (default 32)\n"                                      \
	"  --from FILE      read NAME==VERSION lines from FILE\n"

int cmd_metadata(int argc, char **argv, struct sl_cli *cli);
#define CMD_METADATA_USAGE                                                                         \
	"usage: spacelock metadata [--json] PATH\n"                                                \
	"       spacelock metadata [--json] --scan SITE-PACKAGES\n"                                \
	"       spacelock metadata [--json] --wheels DIR\n\n"                                      \
	"Prints the core metadata spacelock reads (Name, Version, Requires-Dist,\n"                \
	"Requires-Python, Provides-Extra) from PATH: a .dist-info or .egg-info, a\n"               \
	"METADATA or PKG-INFO file, a wheel (.whl) or an sdist (.tar.gz, .zip, ...).\n\n"          \
	"  --scan DIR    every installed distribution of a site-packages directory,\n"             \
	"                one 'name==version' line each (as pip freeze spells them)\n"              \
	"  --wheels DIR  the wheels and sdists of a folder, by canonical name and version\n"       \
	"  --json        the same as JSON\n"

#endif
