/* main.c: global options and the one table of commands. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "spacelock/tempfile.h"
#include "spacelock/version_info.h"

static int cmd_help(int argc, char **argv, struct sl_cli *cli);
static const char cmd_help_usage[] =
    "usage: spacelock help [<command>]\n\nShows the list of commands, or the full help of one.\n";

/* The command table: name, function, one-line summary, full usage.
 * Keep sorted by how a user meets them: main jobs first, plumbing last. */
static const struct sl_command commands[] = {
    /* COMMANDS-TABLE-BEGIN (one row per verb; keep this marker) */
    {"snapshot", cmd_snapshot, cmd_snapshot_summary, cmd_snapshot_usage},
    {"check", cmd_check, cmd_check_summary, cmd_check_usage},
    {"diff", cmd_diff, cmd_diff_summary, cmd_diff_usage},
    {"doctor", cmd_doctor, cmd_doctor_summary, cmd_doctor_usage},
    {"apply", cmd_apply, cmd_apply_summary, cmd_apply_usage},
    {"repin", cmd_repin, cmd_repin_summary, cmd_repin_usage},
    {"duplicate", cmd_duplicate, cmd_duplicate_summary, cmd_duplicate_usage},
    {"export", cmd_export, cmd_export_summary, cmd_export_usage},
    {"fetch", cmd_fetch, cmd_fetch_summary, cmd_fetch_usage},
    {"log", cmd_log, cmd_log_summary, cmd_log_usage},
    {"metadata", cmd_metadata, cmd_metadata_summary, cmd_metadata_usage},
    {"index", cmd_index, cmd_index_summary, cmd_index_usage},
    {"version", cmd_version, cmd_version_summary, cmd_version_usage},
    {"name", cmd_name, cmd_name_summary, cmd_name_usage},
    {"marker", cmd_marker, cmd_marker_summary, cmd_marker_usage},
    {"requirement", cmd_requirement, cmd_requirement_summary, cmd_requirement_usage},
    {"help", cmd_help, "show help for spacelock or one command", cmd_help_usage},
    /* COMMANDS-TABLE-END */
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char main_usage[] =
    "usage: spacelock [-C DIR] [-q] [-v] [--json] [--offline] <command> [<args>]\n"
    "       spacelock --version\n"
    "       spacelock help <command>\n";

static void print_main_help(void)
{
	fputs(main_usage, stdout);
	fputs("\nspacelock locks what a Hugging Face Space really ran and makes a duplicate match "
	      "it.\n\n"
	      "commands:\n",
	      stdout);
	for (size_t i = 0; i < NCOMMANDS; i++)
		printf("  %-12s %s\n", commands[i].name, commands[i].summary);
	fputs("\nglobal options:\n"
	      "  -C DIR       run as if started in DIR\n"
	      "  -q, --quiet  no progress or summaries on stderr\n"
	      "  -v           more detail on stderr (repeatable)\n"
	      "  --json       results and errors as JSON on stdout\n"
	      "  --offline    use caches only, never the network\n"
	      "  --version    print the version and exit\n"
	      "\nexit codes: 0 ok, 1 finding (incomplete, inconsistent, drift), 2 usage,\n"
	      "3 bad input, 4 write failed, 5 network, 6 auth, 7 not found (docs/exit-codes.md)\n",
	      stdout);
}

static const struct sl_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Levenshtein distance, for "did you mean" (systemd style). */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[64];

	if (lb >= sizeof(row) / sizeof(row[0]))
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static int unknown_command(struct sl_cli *cli, const char *name)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	for (size_t i = 0; i < NCOMMANDS; i++) {
		size_t d = edit_distance(name, commands[i].name);
		if (d < best_d) {
			best_d = d;
			best = commands[i].name;
		}
	}
	if (best && best_d <= 2)
		return cli_error(cli, "usage", EXIT_USAGE,
				 "unknown command '%s'; did you mean '%s'?", name, best);
	return cli_error(cli, "usage", EXIT_USAGE, "unknown command '%s'; see 'spacelock --help'",
			 name);
}

static int help_for(struct sl_cli *cli, const char *verb)
{
	const struct sl_command *c = find_command(verb);

	if (!c)
		return cli_usage(cli, "no help for unknown command '%s'", verb);
	fputs(c->usage, stdout);
	return 0;
}

static int cmd_help(int argc, char **argv, struct sl_cli *cli)
{
	if (cli_getopt(cli, argc, argv, "", NULL) != -1)
		return EXIT_USAGE;
	if (optind == argc) {
		print_main_help();
		return 0;
	}
	if (argc - optind > 1)
		return cli_usage(cli, "help takes one command name");
	return help_for(cli, argv[optind]);
}

/* Whether arg is among the options of argv (before any "--"): --help and
 * --json are honoured before the command line is parsed, so a mistake
 * anywhere still shows the help, or an error in JSON. */
static bool has_option(int argc, char **argv, const char *arg, const char *alias)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], arg) == 0 || (alias && strcmp(argv[i], alias) == 0))
			return true;
	return false;
}

/* The options before the verb; returns -1 when done (--version, --help). */
static int parse_globals(int argc, char **argv, struct sl_cli *cli)
{
	static const struct option opts[] = {
	    {"version", no_argument, NULL, 'V'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	while ((c = cli_getopt(cli, argc, argv, "+h", opts)) != -1) {
		switch (c) {
		case 'V': printf("spacelock %s\n", SL_VERSION_STRING); return -1;
		case 'h': print_main_help(); return -1;
		default: return EXIT_USAGE;
		}
	}
	return 0;
}

static int run(int argc, char **argv, struct sl_cli *cli)
{
	const struct sl_command *cmd;
	int rc;

	cli->json_errors = has_option(argc, argv, "--json", NULL);
	rc = parse_globals(argc, argv, cli);
	if (rc < 0)
		return 0;
	if (rc > 0)
		return rc;
	if (optind >= argc) {
		fputs(main_usage, stderr);
		return cli_error(cli, "usage", EXIT_USAGE,
				 "a command is required; see 'spacelock --help'");
	}
	cmd = find_command(argv[optind]);
	if (!cmd)
		return unknown_command(cli, argv[optind]);
	cli->verb = cmd->name;
	argc -= optind;
	argv += optind;
	if (has_option(argc, argv, "--help", "-h")) {
		fputs(cmd->usage, stdout);
		return 0;
	}
	cli->usage = cmd->usage;
	rc = cmd->run(argc, argv, cli);
	return cli->helped ? EXIT_OK_ : rc;
}

/* SIGINT, SIGTERM, SIGHUP: the temporaries go first (tempfile.h), then
 * the process ends by the same signal, so a shell sees 128+n and a loop
 * around spacelock stops as it would for any other program. */
static void on_ending_signal(int sig)
{
	sl_temp_remove_all();
	signal(sig, SIG_DFL);
	raise(sig); /* delivered when the handler returns: sig is blocked in it */
}

static void handle_ending_signals(void)
{
	struct sigaction sa, old;
	sigset_t set;

	sl_temp_signals(&set);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_ending_signal;
	sa.sa_mask = set; /* one cleanup at a time */
	for (int sig = 1; sig < NSIG; sig++) {
		if (!sigismember(&set, sig))
			continue;
		/* ignored when we started (nohup, a background job): stays so */
		if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sig, &sa, NULL);
	}
}

/* Results that never reached stdout are a failed write (git checks the
 * same after every builtin): one error line and exit 4, unless the
 * command already failed and said why. */
static int finish_stdout(struct sl_cli *cli, int rc)
{
	struct sl_err err = {0};
	int cause;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	cause = errno;
	if (rc != EXIT_OK_ && rc != EXIT_FINDING)
		return rc;
	if (cause)
		sl_error(&err, SL_EWRITE, "cannot write to standard output: %s", strerror(cause));
	else
		sl_error(&err, SL_EWRITE, "cannot write to standard output");
	return cli_fail(cli, &err);
}

int main(int argc, char **argv)
{
	struct sl_cli cli = {0};

	sl_temp_begin();
	handle_ending_signals();
	return finish_stdout(&cli, run(argc, argv, &cli));
}
