/* options.c: the one option parser of every verb.  Options may come before
 * or after operands, "--" ends them, and the global options (-C DIR, -q,
 * -v, --json, --offline) are merged into each verb's own table, so they
 * work after the verb too (docs/architecture.md, "Command line"). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "spacelock/buf.h"
#include "spacelock/mem.h"

/* Values of the long-only globals: above every character, so they never
 * meet a verb's own option values. */
enum { OPT_JSON = 0x100, OPT_OFFLINE };

static const struct option global_longopts[] = {
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"json", no_argument, NULL, OPT_JSON},
    {"offline", no_argument, NULL, OPT_OFFLINE},
};
#define N_GLOBAL (sizeof(global_longopts) / sizeof(global_longopts[0]))
/* 'h' is here so that a cluster holding it (-vh) is help as -h alone is */
static const char global_shortopts[] = "C:qvh";

/* The parse under way, like getopt's own state: one at a time. */
static struct {
	char **argv;	      /* the vector being parsed, NULL between parses */
	bool in_order;	      /* '+': stop at the first operand (main, before the verb) */
	int operands;	      /* operands met so far, gathered at argv[1..] */
	struct option *longs; /* the verb's long options and the globals */
	struct sl_buf shorts; /* getopt's string: mode, the verb's, the globals' */
} p = {.shorts = SL_BUF_INIT};

static void begin(char **argv, const char *shortopts, const struct option *longopts)
{
	size_t n = 0;

	while (longopts && longopts[n].name)
		n++;
	free(p.longs);
	p.longs = sl_xcalloc(n + N_GLOBAL + 1, sizeof(*p.longs));
	if (n)
		memcpy(p.longs, longopts, n * sizeof(*p.longs));
	memcpy(p.longs + n, global_longopts, sizeof(global_longopts));
	p.in_order = shortopts[0] == '+';
	if (p.in_order)
		shortopts++;
	/* '-' hands operands back one by one (code 1) whatever POSIXLY_CORRECT
	 * says; ':' tells a missing value from an unknown option */
	sl_buf_reset(&p.shorts);
	sl_buf_addstr(&p.shorts, p.in_order ? "+:" : "-:");
	sl_buf_addstr(&p.shorts, shortopts);
	sl_buf_addstr(&p.shorts, global_shortopts);
	p.argv = argv;
	p.operands = 0;
	optind = 0; /* GNU: start afresh, main's parse ran before */
	opterr = 0; /* the messages are ours: one line each */
}

/* After the last option: the operands gathered at argv[1..] move to just
 * before those that followed "--", so argv[optind..argc) holds them all in
 * the order given. */
static void end(char **argv)
{
	int n = p.operands;

	if (!p.in_order && n) {
		memmove(argv + optind - n, argv + 1, (size_t)n * sizeof(*argv));
		optind -= n;
	}
	p.argv = NULL;
}

/* The long options that "--NAME[=V]" abbreviates, listed into out
 * ("--timeout, --token-file"); their count, 0 for an exact name. */
static size_t abbreviates(const char *elem, struct sl_buf *out)
{
	const char *name = elem + 2;
	size_t len = strcspn(name, "="), n = 0;

	for (const struct option *o = p.longs; o && o->name; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (strlen(o->name) == len)
			return 0;
		sl_buf_addf(out, "%s--%s", n++ ? ", " : "", o->name);
	}
	return n;
}

/* The element that held the bad option (saved before getopt moved on).
 * getopt takes a unique prefix of a long option for it; a prefix of
 * several is refused with the candidates, so a new option never changes
 * what an old abbreviation meant without a word. */
static int bad_option(struct sl_cli *cli, int c, const char *elem)
{
	if (strncmp(elem, "--", 2) == 0) {
		int len = (int)strcspn(elem, "=");
		struct sl_buf names = SL_BUF_INIT;
		int rc;
		if (c == ':')
			return cli_usage(cli, "option '%.*s' needs a value", len, elem);
		if (optopt)
			return cli_usage(cli, "option '%.*s' takes no value", len, elem);
		if (abbreviates(elem, &names) > 1)
			rc = cli_usage(cli, "option '%.*s' is ambiguous: %s", len, elem, names.buf);
		else
			rc = cli_usage(cli, "unknown option '%.*s'", len, elem);
		sl_buf_release(&names);
		return rc;
	}
	if (c == ':')
		return cli_usage(cli, "option '-%c' needs a value", optopt);
	return cli_usage(cli, "unknown option '-%c'", optopt);
}

static int global_option(struct sl_cli *cli, int c, const char *arg)
{
	switch (c) {
	case 'C':
		if (chdir(arg) != 0)
			return cli_usage(cli, "cannot change to '%s'", arg);
		return 0;
	case 'h': /* in a cluster (-vh): -h alone main.c saw already */
		if (!cli->usage)
			return -1; /* before the verb: main's own --help */
		fputs(cli->usage, stdout);
		cli->helped = true;
		return 1;
	case 'q': cli->quiet = true; return 0;
	case 'v': cli->verbose++; return 0;
	case OPT_JSON: cli->json = true; return 0;
	case OPT_OFFLINE: cli->offline = true; return 0;
	}
	return -1;
}

int cli_getopt(struct sl_cli *cli, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	if (p.argv != argv)
		begin(argv, shortopts, longopts);
	for (;;) {
		int at = optind ? optind : 1; /* where getopt reads next */
		const char *elem = at < argc ? argv[at] : "";
		int c, rc;

		c = getopt_long(argc, argv, p.shorts.buf, p.longs, NULL);
		if (c == -1) {
			end(argv);
			return -1;
		}
		if (c == 1) { /* an operand: gathered where options were */
			argv[1 + p.operands++] = optarg;
			continue;
		}
		if (c == '?' || c == ':') {
			p.argv = NULL;
			bad_option(cli, c, elem);
			return '?';
		}
		rc = global_option(cli, c, optarg);
		if (rc < 0)
			return c;
		if (rc > 0) {
			p.argv = NULL;
			return '?';
		}
	}
}
