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
