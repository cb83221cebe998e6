/* commands.h: the entry point and usage text of every verb.  Each verb
 * lives in src/cli/cmd_<verb>.c; add its prototype here and its row in
 * the table in main.c. */
#ifndef SPACELOCK_COMMANDS_H
#define SPACELOCK_COMMANDS_H

#include "cli.h"

int cmd_help(int argc, char **argv, struct sl_cli *cli);
#define CMD_HELP_USAGE                                                                             \
	"usage: spacelock help [<command>]\n\nShows the list of commands, or the full help of one.\n"

/* COMMANDS-PROTOTYPES (one block per verb; keep this marker) */

int cmd_index(int argc, char **argv, struct sl_cli *cli);
#define CMD_INDEX_USAGE                                                                            \
	"usage: spacelock index [--index-url URL] [--cache-dir DIR] [-j N] [--from FILE]\n"         \
	"                       fetch NAME==VERSION...\n\n"                                          \
	"Fetches per-version metadata (requires_dist, requires_python, files with\n"               \
	"sha256 and yanked) from a PyPI-compatible JSON API, many at once, through\n"              \
	"the on-disk cache (docs/hub.md).  With the global --offline only the cache.\n\n"          \
	"  --index-url URL  the index (default $PIP_INDEX_URL, else https://pypi.org)\n"          \
	"  --cache-dir DIR  the cache (default $XDG_CACHE_HOME/spacelock)\n"                      \
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
