/* cmd_repin.c: `spacelock repin DUPLICATE --lock SOURCE`: one commit that
 * makes a duplicate pin what the source's lock proves, on the Hub (the
 * commit API, parentCommit set to the head that was read) or in a local
 * clone (--git DIR).  The files and the changes are apply's (apply.h), the
 * message repin.h's, the Hub calls hub_write.h's; --wait is repin_wait.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "hubfetch.h"
#include "net.h"
#include "repin.h"
#include "spacelock/apply.h"
#include "spacelock/git.h"
#include "spacelock/hub_write.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "spacelock/repin.h"
#include "spacelock/token.h"

const char cmd_repin_summary[] =
    "commit a duplicate's pins to the source lock, and verify the rebuild";

const char cmd_repin_usage[] =
    "usage: spacelock repin [--dry-run] [--create-pr] [--wait [--timeout SECS]]\n"
    "                       [--factory-rebuild] [--token-file FILE] --lock SOURCE\n"
    "                       (DUPLICATE | --git DIR)\n\n"
    "Makes the duplicate's README.md card and requirement files pin what the lock of\n"
    "the Space that works proves (as `spacelock apply` computes it) and commits them\n"
    "in one commit: through the Hub's commit API, based on the head it read, or in a\n"
    "local clone (docs/commands/repin.md).  SOURCE is a lockfile or a Space\n"
    "(OWNER/NAME[@REV], its URL); DUPLICATE a Space, OWNER/NAME[@BRANCH].\n\n"
    "  --lock SOURCE      the lock to pin to (required)\n"
    "  --git DIR          commit in the clone DIR with git instead (a clean work tree)\n"
    "  --dry-run          print the commit (message and diffs); send and write nothing\n"
    "  --create-pr        open a pull request on the Hub instead of committing\n"
    "  --wait             follow the rebuild, snapshot its build log and diff it\n"
    "                     against SOURCE: exit 0 only when it matches\n"
    "  --timeout SECS     how long --wait waits for the rebuild (default 1800)\n"
    "  --factory-rebuild  after the commit, ask for a rebuild without cached layers,\n"
    "                     so the new build log shows every version\n"
    "  --token-file FILE  the Hub token (default: HF_TOKEN, then the token file)\n"
    "  -q, --quiet        no progress or summary on stderr\n\n"
    "The message lists each change old -> new with its reason and ends with the\n"
    "trailer Spacelock-Lock: sha256:<digest of the lock>.  Exit 0 when the commit is\n"
    "made (or nothing needed to change), 1 when the lock is incomplete (what it\n"
    "proves is committed, the rest listed) or --wait found a difference or a failed\n"
    "build, 2 usage, 3 a file or card that cannot be parsed (or that the Hub\n"
    "rejects), 4 git failed, 5 network, 6 no write access, 7 no such Space, 8 the\n"
    "branch moved since it was read (nothing was committed; run repin again) or the\n"
    "result would not install (its conflict is named; nothing was committed).\n";

static int parse_timeout(struct sl_cli *cli, const char *s, long *out)
{
	char *end;
	double d = strtod(s, &end);

	if (end == s || *end || d <= 0 || d > 86400)
		return cli_usage(cli, "--timeout takes seconds (0 < SECS <= 86400), not '%s'", s);
	*out = (long)(d * 1000.0 + 0.5);
	return 0;
}

static int check_combination(struct sl_cli *cli, const struct repin_opts *o)
{
	if (!o->lock)
		return cli_usage(cli, "repin needs --lock SOURCE (a lockfile or a Space)");
	if (!o->target == !o->git_dir)
		return cli_usage(cli, "repin takes a DUPLICATE Space or --git DIR (one of them)");
	if (o->git_dir && (o->create_pr || o->wait || o->factory))
		return cli_usage(cli, "--create-pr, --wait and --factory-rebuild are for a Space "
				      "on the Hub, not --git");
	if (o->dry_run && (o->wait || o->factory))
		return cli_usage(cli, "--dry-run commits nothing, so nothing rebuilds: --wait and "
				      "--factory-rebuild need a commit");
	if (o->create_pr && (o->wait || o->factory))
		return cli_usage(cli, "a pull request does not rebuild the Space: --wait and "
				      "--factory-rebuild need a commit, not --create-pr");
	return 0;
}

static int parse_opts(int argc, char **argv, struct sl_cli *cli, struct repin_opts *o)
{
	static const struct option longopts[] = {
	    {"lock", required_argument, NULL, 'l'},
	    {"git", required_argument, NULL, 'g'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"create-pr", no_argument, NULL, 'p'},
	    {"wait", no_argument, NULL, 'w'},
	    {"timeout", required_argument, NULL, 't'},
	    {"factory-rebuild", no_argument, NULL, 'f'},
	    {"token-file", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0},
	};
	int c, rc;

	o->timeout_ms = 1800 * 1000L;
	while ((c = cli_getopt(cli, argc, argv, "", longopts)) != -1) {
		switch (c) {
		case 'l': o->lock = optarg; break;
		case 'g': o->git_dir = optarg; break;
		case 'n': o->dry_run = true; break;
		case 'p': o->create_pr = true; break;
		case 'w': o->wait = true; break;
		case 't':
			if ((rc = parse_timeout(cli, optarg, &o->timeout_ms)) != 0)
				return rc;
			break;
		case 'f': o->factory = true; break;
		case 'T': o->token_file = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return cli_usage(cli, "repin takes one DUPLICATE");
	if (argc - optind == 1)
		o->target = argv[optind];
	return check_combination(cli, o);
}

/* ---- the source lock ---- */

int repin_load_source(struct sl_cli *cli, const struct repin_opts *o, struct repin_source *src)
{
	struct sl_buf bytes = SL_BUF_INIT;
	int rc;

	memset(src, 0, sizeof(*src));
	if ((rc = cli_load_lock(cli, o->lock, o->token_file, &src->lock, &bytes)) != 0) {
		sl_buf_release(&bytes);
		return rc;
	}
	src->digest = sl_repin_lock_digest(bytes.buf, bytes.len);
	src->name = src->lock->space.id ? src->lock->space.id : o->lock;
	sl_buf_release(&bytes);
	return 0;
}

void repin_source_release(struct repin_source *src)
{
	sl_lock_free(src->lock);
	free(src->digest);
	memset(src, 0, sizeof(*src));
}

/* ---- shared steps ---- */

int repin_hub_open(struct sl_cli *cli, const char *token_file, struct sl_http **http,
		   struct sl_hub **hub, struct sl_err *err)
{
	struct sl_token tok = {NULL, NULL};
	struct sl_hub_opts ho;
	int rc;

	*http = NULL;
	*hub = NULL;
	memset(&ho, 0, sizeof(ho));
	cli_net_hub_opts(&ho);
	if (cli->offline)
		return sl_error(err, SL_ENET, "the Hub cannot be written to offline");
	rc = sl_token_find(token_file, &tok, err);
	if (rc == 0)
		rc = cli_net_open(cli, 0, http, err);
	if (rc == 0)
		rc = sl_hub_new(*http, &ho, &tok, hub, err);
	sl_token_release(&tok);
	return rc;
}

void repin_hub_close(struct sl_http *http, struct sl_hub *hub)
{
	cli_net_done();
	sl_hub_free(hub);
	sl_http_free(http);
}

static int compute(struct sl_cli *cli, const struct repin_source *src, const char *label,
		   struct sl_apply_result *r, struct sl_repin_message *msg)
{
	struct sl_apply_options ap = {.pin = SL_APPLY_PIN_ALL, .lock_label = label};
	struct sl_err err = {0};

	if (sl_apply_compute(src->lock, &ap, r, &err) != 0)
		return cli_fail(cli, &err);
	sl_repin_message(r, src->name, src->digest, msg);
	return 0;
}

static void print_dry_run(const char *where, const struct sl_apply_result *r,
			  const struct sl_repin_message *msg)
{
	struct sl_buf d = SL_BUF_INIT;

	printf("would commit to %s:\n\n%s\n\n%s\n", where, msg->summary, msg->body);
	sl_apply_diff(r, &d);
	cli_print(d.buf, d.len);
	sl_buf_release(&d);
}

static int done_status(struct sl_cli *cli, const struct sl_apply_result *r)
{
	if (r->partial && !cli->quiet)
		fprintf(stderr, "repin: the lock is incomplete: what it proves is pinned, the "
				"rest is listed in the message (exit 1)\n");
	return r->partial ? EXIT_FINDING : EXIT_OK_;
}

static int nothing_to_do(struct sl_cli *cli, const char *where, const struct repin_source *src)
{
	if (!cli->quiet)
		fprintf(stderr,
			"repin: %s already pins what the lock of %s proves; nothing to "
			"commit\n",
			where, src->name);
	return EXIT_OK_;
}

/* ---- --git DIR ---- */

static int git_clean(struct sl_cli *cli, const char *dir)
{
	static const char *const status[] = {"status", "--porcelain", "--untracked-files=no", NULL};
	struct sl_buf out = SL_BUF_INIT;
	struct sl_err err = {0};
	int rc = sl_git_run(dir, status, NULL, &out, &err);

	if (rc == 0 && out.len)
		rc = sl_error(&err, SL_EWRITE,
			      "'%s' has uncommitted changes (git status); commit or stash them "
			      "first, repin commits only its own",
			      dir);
	sl_buf_release(&out);
	return rc ? cli_fail_exit(cli, &err, rc == SL_EIO ? EXIT_INPUT : EXIT_WRITE) : 0;
}

static int git_commit(struct sl_cli *cli, const char *dir, const struct sl_apply_result *r,
		      const struct sl_repin_message *msg)
{
	const char *add[SL_APPLY_NFILES + 3] = {"add", "--"};
	static const char *const commit[] = {"commit", "-q", "-F", "-", NULL};
	static const char *const head[] = {"rev-parse", "HEAD", NULL};
	struct sl_buf sha = SL_BUF_INIT;
	struct sl_err err = {0};
	char *text = sl_repin_message_text(msg);
	size_t n = 2;
	int rc;

	for (int i = 0; i < SL_APPLY_NFILES; i++)
		if (r->files[i].new_data)
			add[n++] = sl_apply_file_name((enum sl_apply_file_id)i);
	add[n] = NULL;
	rc = sl_apply_write(dir, r, &err);
	if (rc == 0)
		rc = sl_git_run(dir, add, NULL, NULL, &err);
	if (rc == 0)
		rc = sl_git_run(dir, commit, text, NULL, &err);
	if (rc == 0)
		rc = sl_git_run(dir, head, NULL, &sha, &err);
	free(text);
	if (rc < 0) {
		sl_buf_release(&sha);
		return cli_fail_exit(cli, &err, EXIT_WRITE);
	}
	printf("committed %.*s in %s: %s\n", (int)strcspn(sha.buf, "\n"), sha.buf, dir,
	       msg->summary);
	sl_buf_release(&sha);
	return done_status(cli, r);
}

static int repin_git(struct sl_cli *cli, const struct repin_opts *o, const struct repin_source *src)
{
	struct sl_apply_result r = {0};
	struct sl_repin_message msg = {0};
	struct sl_err err = {0};
	int rc;

	if ((rc = git_clean(cli, o->git_dir)) != 0)
		return rc;
	if (sl_apply_read_dir(o->git_dir, &r, &err) != 0)
		rc = cli_fail_input(cli, &err);
	else if ((rc = compute(cli, src, o->lock, &r, &msg)) != 0)
		;
	else if (!sl_apply_changed(&r))
		rc = nothing_to_do(cli, o->git_dir, src);
	else if (o->dry_run) {
		print_dry_run(o->git_dir, &r, &msg);
		rc = done_status(cli, &r);
	} else
		rc = git_commit(cli, o->git_dir, &r, &msg);
	sl_repin_message_release(&msg);
	sl_apply_result_release(&r);
	return rc;
}

/* ---- a Space on the Hub ---- */

struct hub_target {
	struct sl_hub_space_ref ref;
	const char *branch;
	struct sl_hub_space info; /* the head read: info.sha is parentCommit */
};

/* Reads the files of the Space id at rev into r, and its head into t. */
static int read_target(const struct sl_hub *hub, const char *id, const char *rev,
		       struct hub_target *t, struct sl_apply_result *r, struct sl_err *err)
{
	const char *names[SL_APPLY_NFILES];
	struct sl_hub_blob blobs[SL_APPLY_NFILES];
	int rc;

	for (int i = 0; i < SL_APPLY_NFILES; i++)
		names[i] = sl_apply_file_name((enum sl_apply_file_id)i);
	rc = sl_hub_space_info(hub, id, rev, &t->info, err);
	if (rc == 0)
		rc = sl_hub_read_files(hub, id, t->info.sha, names, SL_APPLY_NFILES, blobs, err);
	if (rc < 0)
		return rc;
	for (int i = 0; i < SL_APPLY_NFILES; i++)
		sl_apply_set_file(r, (enum sl_apply_file_id)i, blobs[i].data, blobs[i].len, 0644);
	sl_hub_blob_release(blobs, SL_APPLY_NFILES);
	return 0;
}

static int send_commit(struct sl_cli *cli, const struct repin_opts *o, const struct sl_hub *hub,
		       struct hub_target *t, const struct sl_apply_result *r,
		       const struct sl_repin_message *msg, struct sl_hub_commit_result *res)
{
	struct sl_hub_file files[SL_APPLY_NFILES];
	struct sl_hub_commit c = {.summary = msg->summary,
				  .description = msg->body,
				  .parent_commit = t->info.sha,
				  .files = files,
				  .create_pr = o->create_pr};
	const struct sl_apply_file *card = &r->files[SL_APPLY_README];
	struct sl_err err = {0};

	for (int i = 0; i < SL_APPLY_NFILES; i++)
		if (r->files[i].new_data)
			files[c.n_files++] =
			    (struct sl_hub_file){sl_apply_file_name((enum sl_apply_file_id)i),
						 r->files[i].new_data, r->files[i].new_len};
	if (card->new_data && sl_hub_validate_card(hub, card->new_data, card->new_len, &err) != 0)
		return cli_fail(cli, &err);
	if (sl_hub_commit(hub, t->ref.id, t->branch, &c, res, &err) != 0)
		return cli_fail(cli, &err);
	if (res->pr_url)
		printf("opened a pull request on %s: %s\n", t->ref.id, res->pr_url);
	else
		printf("committed %s to %s (%s): %s\n", res->commit_oid, t->ref.id, t->branch,
		       res->commit_url ? res->commit_url : "");
	return 0;
}

static int after_commit(struct sl_cli *cli, const struct repin_opts *o,
			const struct repin_source *src, const struct sl_hub *hub,
			const struct hub_target *t, const struct sl_hub_commit_result *res)
{
	struct sl_err err = {0};

	if (o->factory && sl_hub_restart(hub, t->ref.id, true, &err) != 0)
		return cli_fail(cli, &err);
	if (o->factory && !cli->quiet)
		fprintf(stderr, "repin: asked %s for a factory rebuild\n", t->ref.id);
	if (!o->wait)
		return -1;
	return repin_wait(cli, o, src, hub, t->ref.id, res->commit_oid);
}

/* The target's files, or with o->files_of those of the Space it will be
 * a copy of. */
static int read_files(const struct sl_hub *hub, const struct repin_opts *o, struct hub_target *t,
		      struct sl_apply_result *r, struct sl_err *err)
{
	struct sl_hub_space_ref of;
	int rc;

	if (!o->files_of)
		return read_target(hub, t->ref.id, t->branch, t, r, err);
	if ((rc = sl_hub_space_ref_parse(o->files_of, NULL, &of, err)) != 0)
		return rc;
	rc = read_target(hub, of.id, of.revision, t, r, err);
	sl_hub_space_ref_release(&of);
	return rc;
}

static char *dry_run_where(const struct repin_opts *o, const struct hub_target *t)
{
	if (o->files_of)
		return sl_xasprintf("%s (%s, once duplicated from %s at %.12s)", t->ref.id,
				    t->branch, t->info.id ? t->info.id : o->files_of, t->info.sha);
	return sl_xasprintf("%s (%s, parent %.12s)%s", t->ref.id, t->branch, t->info.sha,
			    o->create_pr ? " as a pull request" : "");
}

static int repin_hub(struct sl_cli *cli, const struct repin_opts *o, const struct repin_source *src,
		     const struct sl_hub *hub)
{
	struct hub_target t;
	struct sl_apply_result r = {0};
	struct sl_repin_message msg = {0};
	struct sl_hub_commit_result res = {0};
	struct sl_err err = {0};
	char *where = NULL;
	int rc;

	memset(&t, 0, sizeof(t));
	if (sl_hub_space_ref_parse(o->target, NULL, &t.ref, &err) != 0)
		return cli_fail(cli, &err);
	t.branch = t.ref.revision ? t.ref.revision : "main";
	if (read_files(hub, o, &t, &r, &err) != 0)
		rc = cli_fail(cli, &err);
	else if ((rc = compute(cli, src, o->lock, &r, &msg)) != 0)
		;
	else if (!sl_apply_changed(&r))
		rc = nothing_to_do(cli, t.ref.id, src);
	else if (o->dry_run) {
		where = dry_run_where(o, &t);
		print_dry_run(where, &r, &msg);
		rc = done_status(cli, &r);
	} else if ((rc = send_commit(cli, o, hub, &t, &r, &msg, &res)) == 0) {
		fflush(stdout);
		rc = after_commit(cli, o, src, hub, &t, &res);
		if (rc < 0)
			rc = done_status(cli, &r);
	}
	free(where);
	sl_hub_commit_result_release(&res);
	sl_repin_message_release(&msg);
	sl_apply_result_release(&r);
	sl_hub_space_release(&t.info);
	sl_hub_space_ref_release(&t.ref);
	return rc;
}

int repin_run(struct sl_cli *cli, const struct repin_opts *o, const struct repin_source *src)
{
	struct sl_http *http = NULL;
	struct sl_hub *hub = NULL;
	struct sl_err err = {0};
	int rc;

	if (o->git_dir)
		return repin_git(cli, o, src);
	if (repin_hub_open(cli, o->token_file, &http, &hub, &err) != 0)
		rc = cli_fail(cli, &err);
	else
		rc = repin_hub(cli, o, src, hub);
	repin_hub_close(http, hub);
	return rc;
}

int cmd_repin(int argc, char **argv, struct sl_cli *cli)
{
	struct repin_opts o = {0};
	struct repin_source src;
	int rc;

	if ((rc = parse_opts(argc, argv, cli, &o)) != 0)
		return rc;
	if ((rc = repin_load_source(cli, &o, &src)) != 0)
		return rc;
	rc = repin_run(cli, &o, &src);
	repin_source_release(&src);
	return rc;
}
