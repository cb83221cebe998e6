/* cmd_apply.c: `spacelock apply LOCK`: makes a duplicate's card and
 * requirement files pin what the source's lock proves, changing no other
 * byte.  The result is the library's (apply.h); this file reads the
 * options, prints the diff or the changes, and writes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "hubfetch.h"
#include "net.h"
#include "spacelock/apply.h"
#include "spacelock/buf.h"
#include "spacelock/index.h"
#include "spacelock/jsonw.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"

const char cmd_apply_summary[] =
    "make a duplicate's README card and requirements pin what a lock proves";

const char cmd_apply_usage[] =
    "usage: spacelock apply [--dir DIR] [--pin all|direct] [--python VER] [--hardware]\n"
    "                       [--wheels DIR] [--index-url URL] [--cache-dir DIR]\n"
    "                       [--dry-run] [--token-file FILE] LOCK\n\n"
    "Rewrites the duplicate's README.md card (sdk, sdk_version, python_version) and\n"
    "requirements.txt / pre-requirements.txt so that a fresh build installs what the\n"
    "source Space had, changing no byte that need not change\n"
    "(docs/commands/apply.md).  LOCK is a lockfile or a Space (OWNER/NAME[@REV], its\n"
    "URL), snapshotted from the Hub on the fly.\n\n"
    "  --dir DIR          the duplicate's checkout (default: the current directory)\n"
    "  --pin all|direct   pin every package of the lock (default), or only those the\n"
    "                     files already name\n"
    "  --python VER       write python_version VER instead of the Python the source ran\n"
    "  --hardware         also set suggested_hardware to the source's hardware\n"
    "  --wheels DIR       metadata for checking the result, besides the lock's\n"
    "  --index-url URL    the index whose cache gives metadata (never fetched;\n"
    "                     default $PIP_INDEX_URL, else https://pypi.org)\n"
    "  --cache-dir DIR    that cache's directory (default ~/.cache/spacelock)\n"
    "  --dry-run          print a unified diff of what would change; write nothing\n"
    "  --token-file FILE  the Hub token for a Space LOCK (docs/hub.md)\n"
    "  -q, --quiet        no summary on stderr\n\n"
    "Every file is computed and verified (it parses, its pins equal the lock's,\n"
    "and `check` finds no conflict with the builder's own pip step and the card's\n"
    "Python) before any is written, each atomically with its own mode.  Exit 0\n"
    "when every pin is proven, 1 when the lock is incomplete (what is proven is\n"
    "pinned, the rest is listed with its remedy), 2 usage, 3 a file that cannot\n"
    "be parsed (nothing is written), 4 write failed, 5-7 Hub errors, 8 the result\n"
    "would not install (the conflict is named; nothing is written).\n";

struct opts {
	struct sl_apply_options ap;
	const char *dir;
	const char *token_file;
	const char *lock;
	struct sl_index_opts idx;
	bool dry_run;
};

static int parse_opts(int argc, char **argv, struct sl_cli *cli, struct opts *o)
{
	static const struct option longopts[] = {
	    {"dir", required_argument, NULL, 'd'},
	    {"pin", required_argument, NULL, 'p'},
	    {"python", required_argument, NULL, 'P'},
	    {"hardware", no_argument, NULL, 'H'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"token-file", required_argument, NULL, 'T'},
	    {"wheels", required_argument, NULL, 'w'},
	    {"index-url", required_argument, NULL, 'i'},
	    {"cache-dir", required_argument, NULL, 'c'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	while ((c = cli_getopt(cli, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'd': o->dir = optarg; break;
		case 'p':
			if (strcmp(optarg, "all") == 0)
				o->ap.pin = SL_APPLY_PIN_ALL;
			else if (strcmp(optarg, "direct") == 0)
				o->ap.pin = SL_APPLY_PIN_DIRECT;
			else
				return cli_usage(cli, "--pin takes all or direct, not '%s'",
						 optarg);
			break;
		case 'P':
			if (!*optarg || strspn(optarg, "0123456789.") != strlen(optarg))
				return cli_usage(
				    cli, "--python takes a version like 3.10, not '%s'", optarg);
			o->ap.python = optarg;
			break;
		case 'H': o->ap.hardware = true; break;
		case 'n': o->dry_run = true; break;
		case 'T': o->token_file = optarg; break;
		case 'w': o->ap.wheels = optarg; break;
		case 'i': o->idx.index_url = optarg; break;
		case 'c': o->idx.cache_dir = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage(cli, "apply takes one argument, LOCK (a lockfile or a Space)");
	o->lock = argv[optind];
	o->ap.lock_label = o->lock;
	return 0;
}

static int load(struct sl_cli *cli, const struct opts *o, struct sl_lock **out)
{
	return cli_load_lock(cli, o->lock, o->token_file, out, NULL);
}

/* "README.md:7: set sdk_version: 4.31.0 -> "4.40.0" (reason)" */
static void print_change(const struct sl_apply_change *c, const char *reason, FILE *fp)
{
	if (c->kind == SL_APPLY_UNKNOWN && !c->line)
		fprintf(fp, "lock");
	else
		fprintf(fp, "%s", sl_apply_file_name(c->file));
	if (c->line)
		fprintf(fp, ":%lu", c->line);
	fprintf(fp, ": %s %s", sl_apply_change_kind_name(c->kind), c->what);
	if (c->old_text && c->new_text)
		fprintf(fp, ": %s -> %s", c->old_text, c->new_text);
	else if (c->new_text)
		fprintf(fp, ": %s", c->new_text);
	else if (c->old_text)
		fprintf(fp, ": %s", c->old_text);
	fprintf(fp, " (%s)\n", reason);
}

static bool same_remedy(const struct sl_apply_change *a, const struct sl_apply_change *b)
{
	return a->remedy && b->remedy ? strcmp(a->remedy, b->remedy) == 0 : a->remedy == b->remedy;
}

/* An unknown's reason without the "; remedy: ..." its group heading says. */
static void print_unknown(const struct sl_apply_change *c, FILE *fp)
{
	const char *r = c->reason ? c->reason : "";
	const char *cut = strstr(r, "; remedy: ");
	char *why = cut ? sl_xstrndup(r, (size_t)(cut - r)) : sl_xstrdup(r);

	fputs("    ", fp);
	print_change(c, why, fp);
	free(why);
}

/* The changes in file order, then the unknowns grouped by remedy (in the
 * order each remedy first comes), so that one remedy is read once with
 * everything it would resolve under it. */
static void print_changes(const struct sl_apply_result *r, FILE *fp)
{
	bool *done = sl_xcalloc(r->n_changes + 1, sizeof(bool));
	size_t unknown = 0;

	for (size_t i = 0; i < r->n_changes; i++) {
		if (r->changes[i].kind != SL_APPLY_UNKNOWN)
			print_change(&r->changes[i],
				     r->changes[i].reason ? r->changes[i].reason : "", fp);
		else
			unknown++;
	}
	if (unknown)
		fprintf(fp, "%zu unknown to the lock, by remedy:\n", unknown);
	for (size_t i = 0; i < r->n_changes; i++) {
		if (r->changes[i].kind != SL_APPLY_UNKNOWN || done[i])
			continue;
		fprintf(fp, "  remedy: %s\n",
			r->changes[i].remedy ? r->changes[i].remedy : "none known");
		for (size_t k = i; k < r->n_changes; k++) {
			if (r->changes[k].kind != SL_APPLY_UNKNOWN || done[k] ||
			    !same_remedy(&r->changes[i], &r->changes[k]))
				continue;
			done[k] = true;
			print_unknown(&r->changes[k], fp);
		}
	}
	free(done);
}

static void print_json(const struct sl_apply_result *r, bool written)
{
	struct sl_buf out = SL_BUF_INIT;
	struct sl_jsonw w;

	sl_jsonw_init(&w, &out);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_bool(&w, "changed", sl_apply_changed(r));
	sl_jsonw_field_bool(&w, "written", written);
	sl_jsonw_field_bool(&w, "partial", r->partial);
	sl_jsonw_key(&w, "files");
	sl_jsonw_array_begin(&w);
	for (int id = 0; id < SL_APPLY_NFILES; id++)
		if (r->files[id].new_data)
			sl_jsonw_string(&w, sl_apply_file_name(id));
	sl_jsonw_array_end(&w);
	sl_jsonw_key(&w, "changes");
	sl_jsonw_array_begin(&w);
	for (size_t i = 0; i < r->n_changes; i++) {
		const struct sl_apply_change *c = &r->changes[i];
		sl_jsonw_object_begin(&w);
		sl_jsonw_field_string(&w, "kind", sl_apply_change_kind_name(c->kind));
		sl_jsonw_field_string(&w, "file", sl_apply_file_name(c->file));
		sl_jsonw_field_int(&w, "line", (long long)c->line);
		sl_jsonw_field_string(&w, "what", c->what);
		sl_jsonw_field_string(&w, "old", c->old_text);
		sl_jsonw_field_string(&w, "new", c->new_text);
		sl_jsonw_field_string(&w, "reason", c->reason);
		sl_jsonw_field_string(&w, "remedy", c->remedy);
		sl_jsonw_object_end(&w);
	}
	sl_jsonw_array_end(&w);
	sl_jsonw_object_end(&w);
	sl_buf_addch(&out, '\n');
	cli_print(out.buf, out.len);
	sl_buf_release(&out);
}

static void summary(struct sl_cli *cli, const struct sl_apply_result *r, bool dry_run)
{
	size_t unknown = 0, changes = 0;

	if (cli->quiet)
		return;
	for (size_t i = 0; i < r->n_changes; i++) {
		unknown += r->changes[i].kind == SL_APPLY_UNKNOWN;
		changes +=
		    r->changes[i].kind != SL_APPLY_UNKNOWN && r->changes[i].kind != SL_APPLY_KEEP;
	}
	if (!sl_apply_changed(r))
		fprintf(stderr, "apply: nothing to change: the files already match the lock");
	else
		fprintf(stderr, "apply: %zu change%s %s", changes, changes == 1 ? "" : "s",
			dry_run ? "would be made (dry run: nothing written)" : "made");
	if (unknown)
		fprintf(stderr, "; %zu unknown to the lock: the pins are partial (exit 1)",
			unknown);
	if (r->n_checked || r->n_unchecked)
		fprintf(stderr,
			"; no conflict with the builder's pip step (the requirements of %zu of %zu "
			"packages checked: %s)",
			r->n_checked, r->n_checked + r->n_unchecked,
			r->n_unchecked ? "--wheels DIR or `check --update-lock` gives the rest"
				       : "all");
	fputc('\n', stderr);
}

/* The result, checked with the index's cache as well: opened offline,
 * so apply never waits on the network for it. */
static int compute(struct sl_cli *cli, struct opts *o, const struct sl_lock *lock,
		   struct sl_apply_result *r)
{
	struct sl_http *http = NULL;
	struct sl_index *idx = NULL;
	struct sl_err err = {0};
	int rc;

	o->idx.offline = true;
	rc = cli_net_open(cli, 0, &http, &err);
	if (rc == 0)
		rc = sl_index_new(http, &o->idx, &idx, &err);
	o->ap.index = idx;
	if (rc == 0)
		rc = sl_apply_compute(lock, &o->ap, r, &err);
	o->ap.index = NULL;
	cli_net_done();
	sl_index_free(idx);
	sl_http_free(http);
	if (rc == 0)
		return 0;
	return cli_fail_input(cli, &err); /* a missing wheels folder is bad input (3) */
}

int cmd_apply(int argc, char **argv, struct sl_cli *cli)
{
	struct opts o = {0};
	struct sl_lock *lock = NULL;
	struct sl_apply_result r = {0};
	struct sl_err err = {0};
	struct stat st;
	int rc;

	if ((rc = parse_opts(argc, argv, cli, &o)) != 0)
		return rc;
	if (o.dir && (stat(o.dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		sl_error(&err, SL_EIO, "cannot read directory '%s'", o.dir);
		return cli_fail_input(cli, &err);
	}
	if ((rc = load(cli, &o, &lock)) != 0)
		goto out;
	if (sl_apply_read_dir(o.dir, &r, &err) != 0) {
		rc = cli_fail_input(cli, &err);
		goto out;
	}
	if ((rc = compute(cli, &o, lock, &r)) != 0)
		goto out;
	if (!o.dry_run && sl_apply_write(o.dir, &r, &err) != 0) {
		rc = cli_fail_exit(cli, &err, EXIT_WRITE);
		goto out;
	}
	if (cli->json) {
		print_json(&r, !o.dry_run && sl_apply_changed(&r));
	} else {
		if (o.dry_run) {
			struct sl_buf d = SL_BUF_INIT;
			sl_apply_diff(&r, &d);
			cli_print(d.buf, d.len);
			sl_buf_release(&d);
		}
		print_changes(&r, o.dry_run ? stderr : stdout);
	}
	fflush(stdout);
	summary(cli, &r, o.dry_run);
	rc = r.partial ? EXIT_FINDING : EXIT_OK_;
out:
	sl_apply_result_release(&r);
	sl_lock_free(lock);
	return rc;
}
