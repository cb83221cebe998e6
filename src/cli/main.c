/* main.c: global options and the one table of commands. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "spacelock/version_info.h"

/* The command table: name, function, one-line summary, full usage.
 * Keep sorted by how a user meets them: main jobs first, plumbing last. */
static const struct sl_command commands[] = {
    /* COMMANDS-TABLE-BEGIN (one row per verb; keep this marker) */
    {"snapshot", cmd_snapshot, "lock what a Space really ran from its files, logs or environment",
     CMD_SNAPSHOT_USAGE},
    {"check", cmd_check, "prove a lock or an installed environment consistent; propose fixes",
     CMD_CHECK_USAGE},
    {"diff", cmd_diff, "what differs between a Space and its duplicate, why, what matters most",
     CMD_DIFF_USAGE},
    {"fetch", cmd_fetch, "download a Space's card, requirements and logs (plumbing)",
     CMD_FETCH_USAGE},
    {"log", cmd_log, "show what a build or run log (or a pip freeze) proves (plumbing)",
     CMD_LOG_USAGE},
    {"metadata", cmd_metadata, "print the core metadata of installed or archived packages",
     CMD_METADATA_USAGE},
    {"index", cmd_index, "fetch package metadata from the index (plumbing)", CMD_INDEX_USAGE},
    {"version", cmd_version, "compare, normalize and match PEP 440 versions (plumbing)",
     CMD_VERSION_USAGE},
    {"name", cmd_name, "canonical form of a project name (plumbing)", CMD_NAME_USAGE},
    {"marker", cmd_marker, "evaluate PEP 508 markers against the target (plumbing)",
     CMD_MARKER_USAGE},
    {"requirement", cmd_requirement, "parse a PEP 508 requirement into JSON (plumbing)",
     CMD_REQUIREMENT_USAGE},
    {"help", cmd_help, "show help for spacelock or one command", CMD_HELP_USAGE},
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

static int unknown_command(const char *name)
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
		fprintf(stderr, "spacelock: unknown command '%s'; did you mean '%s'?\n", name,
			best);
	else
		fprintf(stderr, "spacelock: unknown command '%s'; see 'spacelock --help'\n", name);
	return EXIT_USAGE;
}

int cli_help_for(const char *verb)
{
	const struct sl_command *c = find_command(verb);

	if (!c) {
		fprintf(stderr, "spacelock: no help for unknown command '%s'\n", verb);
		return EXIT_USAGE;
	}
	fputs(c->usage, stdout);
	return 0;
}

int cmd_help(int argc, char **argv, struct sl_cli *cli)
{
	(void)cli;
	if (argc < 2) {
		print_main_help();
		return 0;
	}
	if (argc > 2)
		return cli_usage(cli, "help takes one command name");
	return cli_help_for(argv[1]);
}

static int parse_globals(int argc, char **argv, struct sl_cli *cli)
{
	static const struct option opts[] = {
	    {"quiet", no_argument, NULL, 'q'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"json", no_argument, NULL, 'j'},
	    {"offline", no_argument, NULL, 'o'},
	    {"version", no_argument, NULL, 'V'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	/* "+" stops at the verb, so each verb parses its own options */
	while ((c = getopt_long(argc, argv, "+C:qvh", opts, NULL)) != -1) {
		switch (c) {
		case 'C':
			if (chdir(optarg) != 0) {
				fprintf(stderr, "spacelock: error: cannot change to '%s'\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case 'q': cli->quiet = true; break;
		case 'v': cli->verbose++; break;
		case 'j': cli->json = true; break;
		case 'o': cli->offline = true; break;
		case 'V': printf("spacelock %s\n", SL_VERSION_STRING); return -1;
		case 'h': print_main_help(); return -1;
		default: fprintf(stderr, "spacelock: see 'spacelock --help'\n"); return EXIT_USAGE;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sl_cli cli = {0};
	const struct sl_command *cmd;
	int rc = parse_globals(argc, argv, &cli);

	if (rc < 0)
		return 0;
	if (rc > 0)
		return rc;
	if (optind >= argc) {
		fputs(main_usage, stderr);
		fprintf(stderr, "spacelock: a command is required; see 'spacelock --help'\n");
		return EXIT_USAGE;
	}
	cmd = find_command(argv[optind]);
	if (!cmd)
		return unknown_command(argv[optind]);
	cli.verb = cmd->name;
	argc -= optind;
	argv += optind;
	optind = 1; /* each verb runs getopt_long again on its own argv */
	opterr = 0; /* verbs report a bad option in one line (cli_bad_option) */
	return cmd->run(argc, argv, &cli);
}
