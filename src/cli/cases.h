/* cases.h: what the plumbing verbs (version, name, marker, requirement)
 * share: a verb turns one case (a command-line argument or a --stdin line)
 * into one result line; these run it and print. */
#ifndef SPACELOCK_CLI_CASES_H
#define SPACELOCK_CLI_CASES_H

#include <stdbool.h>

#include "cli.h"
#include "spacelock/buf.h"

/* fn turns one case into one result line in out, or fails with err. */
typedef int (*cli_case_fn)(char *line, void *ctx, struct sl_buf *out, struct sl_err *err);

/* Prints one case's failure as its result line: 'error: MSG', or with
 * --json {"error":MSG}. */
void cli_print_case_error(const struct sl_cli *cli, const char *msg);

/* Runs fn over every stdin line, printing results or 'error: MSG'. */
int pep508_stdin_loop(struct sl_cli *cli, cli_case_fn fn, void *ctx);

/* Runs fn on one command-line argument; a failure exits via cli_fail. */
int pep508_run_one(struct sl_cli *cli, cli_case_fn fn, char *arg, void *ctx);

/* Parses "<sub> [--stdin] [ARG]" for name and requirement: then
 * argv[optind] is sub and argv[optind + 1] the argument. */
int pep508_parse_common(int argc, char **argv, struct sl_cli *cli, const char *sub,
			bool *from_stdin);

#endif
