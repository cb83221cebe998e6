/* cmd_diff.c: `spacelock diff SOURCE DUPLICATE`: what differs between a
 * Space and its duplicate, why, and what matters most.  Each side is a
 * lockfile or a Space id snapshotted on the fly; the comparison and its
 * three renderings are the library's (diff.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "hubfetch.h"
#include "spacelock/buf.h"
#include "spacelock/diff.h"
#include "spacelock/lock.h"

const char cmd_diff_summary[] =
    "what differs between a Space and its duplicate, why, what matters most";

const char cmd_diff_usage[] =
    "usage: spacelock diff [--json | --markdown] [--color WHEN] [--token-file FILE]\n"
    "                      SOURCE DUPLICATE\n\n"
    "Says what differs between a Space that works (SOURCE) and its duplicate, the\n"
    "most likely cause of each difference, and what matters most: the runtime\n"
    "(hardware, Python, sdk_version, the builder's step, secret and variable\n"
    "names, card keys, apt packages), the Space's requirement lines, then every\n"
    "package, ranked (docs/commands/diff.md).  Each side is a lockfile or a Space:\n"
    "OWNER/NAME[@REV], spaces/OWNER/NAME or its URL, snapshotted from the Hub on\n"
    "the fly.\n\n"
    "  --json             the diff as JSON (stable keys, ranked order)\n"
    "  --markdown         a table of old -> new with the reason, for a commit\n"
    "                     message or pull request\n"
    "  --color WHEN       auto (default: on a terminal, unless NO_COLOR is set),\n"
    "                     always or never\n"
    "  --token-file FILE  the Hub token for a Space (default: HF_TOKEN, then the\n"
    "                     token file; docs/hub.md)\n"
    "  -q, --quiet        no summary on stderr\n\n"
    "Exit 0 when nothing differs, 1 when something does (a drift gate for CI),\n"
    "2 usage, 3 unreadable or malformed lockfile, 5 network, 6 auth, 7 no such\n"
    "Space or revision.\n";

enum format { TEXT, MARKDOWN, JSON };
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct opts {
	enum format format;
	enum color color;
	const char *token_file;
	const char *side[2];
};

static int parse_color(struct sl_cli *cli, const char *s, enum color *out)
{
	if (strcmp(s, "auto") == 0)
		*out = COLOR_AUTO;
	else if (strcmp(s, "always") == 0)
		*out = COLOR_ALWAYS;
	else if (strcmp(s, "never") == 0)
		*out = COLOR_NEVER;
	else
		return cli_usage(cli, "--color takes auto, always or never, not '%s'", s);
	return 0;
}

static int parse_opts(int argc, char **argv, struct sl_cli *cli, struct opts *o)
{
	static const struct option longopts[] = {
	    {"markdown", no_argument, NULL, 'm'},
	    {"color", required_argument, NULL, 'c'},
	    {"token-file", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0},
	};
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'm': o->format = MARKDOWN; break;
		case 'c':
			if ((rc = parse_color(cli, optarg, &o->color)) != 0)
				return rc;
			break;
		case 'T': o->token_file = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (cli->json)
		o->format = JSON;
	if (argc - optind != 2)
		return cli_usage(cli, "diff takes two arguments, SOURCE and DUPLICATE (a lockfile "
				      "or a Space each)");
	o->side[0] = argv[optind];
	o->side[1] = argv[optind + 1];
	return 0;
}

/* A side: a lockfile, or a Space fetched and snapshotted. */
static int load(struct sl_cli *cli, const struct opts *o, const char *arg, struct sl_lock **out)
{
	return cli_load_lock(cli, arg, o->token_file, out, NULL);
}

static bool use_color(const struct opts *o)
{
	const char *no = getenv("NO_COLOR");

	if (o->color != COLOR_AUTO)
		return o->color == COLOR_ALWAYS;
	return isatty(STDOUT_FILENO) && !(no && *no);
}

/* One line on stderr: how much differs. */
static void summary(const struct sl_diff *d, struct sl_cli *cli)
{
	size_t unknown = 0;

	if (cli->quiet)
		return;
	for (size_t i = 0; i < d->n_packages; i++)
		unknown += d->packages[i].change == SL_DIFF_UNKNOWN;
	if (!sl_diff_differs(d)) {
		fprintf(stderr, "diff: no difference\n");
		return;
	}
	fprintf(stderr,
		"diff: %zu runtime, %zu requirement, %zu package difference%s; %zu package%s "
		"unknown on one side\n",
		d->n_runtime, d->n_requirements, d->n_packages - unknown,
		d->n_packages - unknown == 1 ? "" : "s", unknown, unknown == 1 ? "" : "s");
}

int cmd_diff(int argc, char **argv, struct sl_cli *cli)
{
	struct opts o = {0};
	struct sl_lock *lock[2] = {NULL, NULL};
	struct sl_diff_rules *rules = NULL;
	struct sl_diff *d = NULL;
	struct sl_buf out = SL_BUF_INIT;
	struct sl_err err = {0};
	int rc;

	if ((rc = parse_opts(argc, argv, cli, &o)) != 0)
		return rc;
	if ((rc = load(cli, &o, o.side[0], &lock[0])) != 0 ||
	    (rc = load(cli, &o, o.side[1], &lock[1])) != 0)
		goto out;
	if (sl_diff_rules_load(&rules, &err) != 0) {
		rc = cli_fail_exit(cli, &err, EXIT_INTERNAL); /* a broken built-in data file */
		goto out;
	}
	d = sl_diff_compare(lock[0], o.side[0], lock[1], o.side[1], rules);
	if (o.format == JSON)
		sl_diff_render_json(d, &out);
	else if (o.format == MARKDOWN)
		sl_diff_render_markdown(d, &out);
	else
		sl_diff_render_text(d, use_color(&o) ? SL_DIFF_COLOR : 0, &out);
	cli_print(out.buf, out.len);
	fflush(stdout); /* the result before the summary on a shared terminal */
	summary(d, cli);
	rc = sl_diff_differs(d) ? EXIT_FINDING : EXIT_OK_;
out:
	sl_buf_release(&out);
	sl_diff_free(d);
	sl_diff_rules_free(rules);
	sl_lock_free(lock[0]);
	sl_lock_free(lock[1]);
	return rc;
}
