/* cmd_export.c: `spacelock export LOCK --format pylock|requirements`: the
 * lock in a format pip and other installers read.  File hashes come from
 * the package index (index.h, through its cache); the rendering is the
 * library's (export.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "hubfetch.h"
#include "net.h"
#include "spacelock/buf.h"
#include "spacelock/export.h"
#include "spacelock/fileio.h"
#include "spacelock/http.h"
#include "spacelock/index.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "spacelock/redact.h"

const char cmd_export_summary[] =
    "write a lock as pylock.toml (PEP 751) or a hashed requirements.txt";

const char cmd_export_usage[] =
    "usage: spacelock export --format pylock|requirements [-o FILE] [--index-url URL]\n"
    "                        [--cache-dir DIR] [--no-index] [--token-file FILE] LOCK\n\n"
    "Writes the packages of LOCK (a lockfile or a Space, as `diff` reads one) in a\n"
    "format installers read (docs/commands/export.md): a PEP 751 pylock.toml, or a\n"
    "fully pinned requirements.txt with --hash=sha256 options for pip's\n"
    "--require-hashes mode.  File URLs, upload times and hashes come from the\n"
    "package index's metadata, through the on-disk cache (with the global --offline,\n"
    "only the cache).\n\n"
    "  --format F         pylock or requirements (required)\n"
    "  -o, --output FILE  write FILE atomically (default: standard output)\n"
    "  --index-url URL    the index (default $PIP_INDEX_URL, else https://pypi.org)\n"
    "  --cache-dir DIR    the index cache (default $XDG_CACHE_HOME/spacelock)\n"
    "  --no-index         ask no index: versions only, no files or hashes\n"
    "  --token-file FILE  the Hub token for a Space LOCK (docs/hub.md)\n"
    "  -q, --quiet        no summary on stderr\n\n"
    "Exit 0 when every package is written with its files' hashes (or a VCS commit),\n"
    "1 when the lock is incomplete or some hashes are unknown (the file is written\n"
    "all the same), 2 usage, 3 bad lock, 4 write failed, 5 network.\n";

struct opts {
	struct sl_export_opts ex;
	struct sl_index_opts idx;
	const char *output;
	const char *token_file;
	const char *lock;
	bool format_set, no_index;
};

static int parse_opts(int argc, char **argv, struct sl_cli *cli, struct opts *o)
{
	static const struct option longopts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"index-url", required_argument, NULL, 'i'},
	    {"cache-dir", required_argument, NULL, 'c'},
	    {"no-index", no_argument, NULL, 'N'},
	    {"token-file", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	while ((c = cli_getopt(cli, argc, argv, "o:", longopts)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "pylock") == 0)
				o->ex.format = SL_EXPORT_PYLOCK;
			else if (strcmp(optarg, "requirements") == 0)
				o->ex.format = SL_EXPORT_REQUIREMENTS;
			else
				return cli_usage(
				    cli, "--format takes pylock or requirements, not '%s'", optarg);
			o->format_set = true;
			break;
		case 'o': o->output = optarg; break;
		case 'i': o->idx.index_url = optarg; break;
		case 'c': o->idx.cache_dir = optarg; break;
		case 'N': o->no_index = true; break;
		case 'T': o->token_file = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (!o->format_set)
		return cli_usage(cli, "export needs --format pylock or --format requirements");
	if (argc - optind != 1)
		return cli_usage(cli, "export takes one argument, LOCK (a lockfile or a Space)");
	o->lock = argv[optind];
	o->ex.lock_label = o->lock;
	return 0;
}

static int load(struct sl_cli *cli, const struct opts *o, struct sl_lock **out)
{
	return cli_load_lock(cli, o->lock, o->token_file, out, NULL);
}

/* The index metadata of every package: a release the index or the cache
 * does not have stays unknown (its result says why); only a failure to
 * set the client up is an error. */
static int fetch_metadata(struct sl_cli *cli, struct opts *o, const struct sl_lock *lock,
			  struct sl_index_release **out, char **index_url)
{
	struct sl_index_release *rels = sl_xcalloc(lock->n_packages + 1, sizeof(*rels));
	struct sl_http *http = NULL;
	struct sl_index *idx = NULL;
	struct sl_err err = {0};
	int rc;

	for (size_t i = 0; i < lock->n_packages; i++) {
		rels[i].name = sl_xstrdup(lock->packages[i].name);
		rels[i].version = sl_xstrdup(lock->packages[i].version);
	}
	o->idx.offline = cli->offline;
	rc = cli_net_open(cli, 0, &http, &err);
	if (rc == 0)
		rc = sl_index_new(http, &o->idx, &idx, &err);
	if (rc == 0) {
		*index_url = sl_xstrdup(sl_index_url(idx));
		if (lock->n_packages)
			sl_index_fetch(idx, rels, lock->n_packages, &err);
	}
	cli_net_done();
	sl_index_free(idx);
	sl_http_free(http);
	*out = rels;
	return rc < 0 ? cli_fail(cli, &err) : 0;
}

static void summary(struct sl_cli *cli, const struct sl_lock *lock,
		    const struct sl_export_stats *st)
{
	size_t missing = st->packages - st->with_files - st->vcs;

	if (cli->quiet)
		return;
	fprintf(stderr, "export: %zu package%s, %zu with file hashes, %zu at a VCS commit",
		st->packages, st->packages == 1 ? "" : "s", st->with_files, st->vcs);
	if (missing)
		fprintf(stderr, "; %zu without hashes (the index metadata is not at hand)",
			missing);
	if (!sl_lock_is_complete(lock))
		fprintf(stderr, "; the lock is incomplete: %zu unknown", lock->n_incomplete);
	if (st->inferred)
		fprintf(stderr, "; %zu inferred, " SL_LOCK_INFERRED_WHY " (marked)", st->inferred);
	fputc('\n', stderr);
}

int cmd_export(int argc, char **argv, struct sl_cli *cli)
{
	struct opts o;
	struct sl_lock *lock = NULL;
	struct sl_index_release *rels = NULL;
	struct sl_export_stats st = {0, 0, 0, 0};
	struct sl_buf out = SL_BUF_INIT;
	struct sl_err err = {0};
	char *index_url = NULL;
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = parse_opts(argc, argv, cli, &o)) != 0)
		return rc;
	if ((rc = load(cli, &o, &lock)) != 0)
		goto out;
	if (!o.no_index && (rc = fetch_metadata(cli, &o, lock, &rels, &index_url)) != 0)
		goto out;
	o.ex.rels = rels;
	o.ex.index_url = index_url;
	if (sl_export_render(lock, &o.ex, &out, &st, &err) != 0) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	sl_redact_tokens_n(out.buf, out.len); /* a lock written by hand may hold one */
	if (sl_file_write_atomic(o.output ? o.output : "-", out.buf, out.len, &err) != 0) {
		rc = cli_fail_exit(cli, &err, EXIT_WRITE);
		goto out;
	}
	summary(cli, lock, &st);
	rc = !sl_lock_is_complete(lock) || st.with_files + st.vcs < st.packages ? EXIT_FINDING
										: EXIT_OK_;
out:
	for (size_t i = 0; rels && lock && i < lock->n_packages; i++)
		sl_index_clear(&rels[i]);
	free(rels);
	free(index_url);
	sl_buf_release(&out);
	sl_lock_free(lock);
	return rc;
}
