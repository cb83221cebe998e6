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

#endif
