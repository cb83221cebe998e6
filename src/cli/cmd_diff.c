/* cmd_diff.c: `spacelock diff SOURCE DUPLICATE`: what differs between a
 * Space and its duplicate, why, and what matters most.  Each side is a
 * lockfile or a Space id snapshotted on the fly; the comparison and its
 * three renderings are the library's (diff.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "hubfetch.h"
#include "spacelock/buf.h"
#include "spacelock/diff.h"
#include "spacelock/lock.h"
#include "spacelock/lockfile.h"
#include "spacelock/mem.h"

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
	    {"json", no_argument, NULL, 'j'},	     {"markdown", no_argument, NULL, 'm'},
	    {"color", required_argument, NULL, 'c'}, {"token-file", required_argument, NULL, 'T'},
	    {"quiet", no_argument, NULL, 'q'},	     {NULL, 0, NULL, 0},
	};
	int c, rc;

	o->format = cli->json ? JSON : TEXT;
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': o->format = JSON; break;
		case 'm': o->format = MARKDOWN; break;
		case 'c':
			if ((rc = parse_color(cli, optarg, &o->color)) != 0)
				return rc;
			break;
		case 'T': o->token_file = optarg; break;
		case 'q': cli->quiet = true; break;
		default: return cli_bad_option(cli, argc, argv);
		}
	}
	if (o->format == JSON)
		cli->json = true;
	if (argc - optind != 2)
		return cli_usage(cli, "diff takes two arguments, SOURCE and DUPLICATE (a lockfile "
				      "or owner/name[@revision] each)");
	o->side[0] = argv[optind];
	o->side[1] = argv[optind + 1];
	return 0;
}

/* owner/name or owner/name@revision, as the Hub spells ids. */
static bool space_id_part(const char *s, size_t n)
{
	if (n == 0 || n > 96)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-",
			    s[i]))
			return false;
	return true;
}

static bool split_space(const char *arg, char **id, char **revision)
{
	const char *at = strchr(arg, '@'), *slash = strchr(arg, '/'), *second;
	size_t n = at ? (size_t)(at - arg) : strlen(arg);

	if (!slash || slash > arg + n)
		return false;
	second = strchr(slash + 1, '/');
	if ((second && second < arg + n) || !space_id_part(arg, (size_t)(slash - arg)) ||
	    !space_id_part(slash + 1, n - (size_t)(slash - arg) - 1) || (at && !at[1]))
		return false;
	*id = sl_xstrndup(arg, n);
	*revision = at ? sl_xstrdup(at + 1) : NULL;
	return true;
}

/* A side: an existing file is a lockfile; otherwise a Space id is fetched
 * and snapshotted. */
static int load(struct sl_cli *cli, const struct opts *o, const char *arg, struct sl_lock **out)
{
	struct sl_err err = {0};
	struct stat st;
	char *id = NULL, *revision = NULL;
	int rc;

	if (stat(arg, &st) == 0 || !split_space(arg, &id, &revision)) {
		if (sl_lockfile_read(arg, out, &err) == 0)
			return 0;
		if (err.code == SL_EIO || err.code == SL_ENOTFOUND)
			err.code = SL_EPARSE; /* a local input: bad input, exit 3 */
		return cli_fail(cli, &err);
	}
	rc = cli_hub_snapshot(cli, id, revision, o->token_file, out);
	free(id);
	free(revision);
	return rc;
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

	if (cli_wants_help(argc, argv, cli))
		return 0;
	if ((rc = parse_opts(argc, argv, cli, &o)) != 0)
		return rc;
	if ((rc = load(cli, &o, o.side[0], &lock[0])) != 0 ||
	    (rc = load(cli, &o, o.side[1], &lock[1])) != 0)
		goto out;
	if (sl_diff_rules_load(&rules, &err) != 0) {
		err.code = SL_EINVAL; /* a broken built-in data file is a bug */
		rc = EXIT_INTERNAL;
		cli_fail(cli, &err);
		goto out;
	}
	d = sl_diff_compare(lock[0], o.side[0], lock[1], o.side[1], rules);
	if (o.format == JSON)
		sl_diff_render_json(d, &out);
	else if (o.format == MARKDOWN)
		sl_diff_render_markdown(d, &out);
	else
		sl_diff_render_text(d, use_color(&o) ? SL_DIFF_COLOR : 0, &out);
	fwrite(out.buf, 1, out.len, stdout);
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
