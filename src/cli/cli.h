/* cli.h: what every cmd_<verb>.c shares: global options, the exit-code
 * table and the only functions that print diagnostics. */
#ifndef SPACELOCK_CLI_H
#define SPACELOCK_CLI_H

#include <stdbool.h>

#include "spacelock/error.h"

/* Exit codes (docs/exit-codes.md); all below 64. */
enum sl_exit {
	EXIT_OK_ = 0,
	EXIT_FINDING = 1,  /* lock incomplete, set inconsistent, drift found */
	EXIT_USAGE = 2,	   /* bad command line */
	EXIT_INPUT = 3,	   /* unreadable or malformed input */
	EXIT_WRITE = 4,	   /* an output could not be written */
	EXIT_NETWORK = 5,  /* network failure after retries */
	EXIT_AUTH = 6,	   /* Hub refused the token (401/403) */
	EXIT_NOTFOUND = 7, /* Hub or index has no such thing (404) */
	EXIT_CONFLICT = 8, /* the Hub moved under a write, or its target exists */
	EXIT_INTERNAL = 9, /* a bug or a library set-up failure */
};

struct sl_cli {
	const char *verb;	 /* the command being run, for messages */
	bool json;		 /* --json: machine-readable results and errors */
	bool quiet;		 /* -q: no progress or summaries */
	int verbose;		 /* -v, repeatable */
	bool offline;		 /* --offline: no network, caches only */
	bool json_errors;	 /* --json anywhere: errors met before it was parsed are JSON too */
	const char *usage;	 /* the verb's help text, once the verb is known */
	bool helped;		 /* -h met in a cluster (-vh): the usage is printed, exit 0 */
	unsigned long case_line; /* --stdin: the number of the line being run */
};

struct sl_command {
	const char *name;
	int (*run)(int argc, char **argv, struct sl_cli *cli);
	const char *summary; /* one line for `spacelock --help` */
	const char *usage;   /* full help text for `spacelock help <verb>` */
};

/* Maps a library SL_E* code to the exit code above. */
int cli_exit_for(int code);

/* Every failure is reported by one of these, once: a human line on stderr
 * and, with --json (anywhere on the command line), one JSON object
 * {"error":{"message":M,"kind":K,"exit":N}} on stdout.  Each returns the
 * exit code. */

/* `spacelock: error: <msg>`; kind from the code, exit cli_exit_for(code). */
int cli_fail(struct sl_cli *cli, const struct sl_err *err);

/* The same with another exit code (a write that failed is 4, not 3). */
int cli_fail_exit(struct sl_cli *cli, const struct sl_err *err, int exit_code);

/* A failure reading local input (a file or folder named on the command
 * line): one that does not exist is bad input, 3, in every verb; 7 is
 * for what the Hub or the index does not have. */
int cli_fail_input(struct sl_cli *cli, const struct sl_err *err);

/* A usage error: `spacelock <verb>: <msg>` and a pointer to --help; kind
 * "usage", exit 2. */
int cli_usage(struct sl_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* `spacelock: <msg>` with the given kind and exit code (main's own errors:
 * an unknown command). */
int cli_error(struct sl_cli *cli, const char *kind, int exit_code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* getopt_long for every verb (and main): returns the next of the verb's
 * own options (optarg set) or -1 at the end, with the operands in
 * argv[optind..argc) in the order given.  Options may follow operands and
 * "--" ends them; shortopts starting with '+' stop at the first operand
 * instead (main, before the verb).  The global options -C DIR, -q/--quiet,
 * -v/--verbose, --json and --offline are merged into every table and set
 * cli here, so a verb must not define them.  An unknown option, a missing
 * value or a -C that fails is reported here (one usage line) and returns
 * '?': the verb then returns EXIT_USAGE.  One parse at a time; a new argv
 * starts a new parse. */
struct option;
int cli_getopt(struct sl_cli *cli, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);

/* Writes s[0..n) to standard output with Hub tokens and URL passwords
 * masked (redact.h): a result never shows a secret its input held. */
void cli_print(const char *s, size_t n);

/* Prints `spacelock: warning: <msg>` unless quiet. */
void cli_warn(struct sl_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
