/* hubfetch.c: the command line side of `fetch` and `snapshot owner/space`,
 * and of every LOCK operand that may name a Space instead of a lockfile. */
#include "hubfetch.h"

#include <string.h>
#include <sys/stat.h>

#include "net.h"
#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/lock.h"
#include "spacelock/lockfile.h"
#include "spacelock/mem.h"
#include "spacelock/snapshot.h"
#include "spacelock/token.h"

/* The Space as the user named it, and the revision: from --revision or
 * the name ("owner/name@rev", ".../tree/rev"), which must agree. */
static int read_space(struct sl_cli *cli, const char *space, const char *revision,
		      struct sl_hub_space_ref *ref)
{
	struct sl_err err = {0};

	if (sl_hub_space_ref_parse(space, NULL, ref, &err) != 0)
		return cli_usage(cli, "%s", err.msg);
	if (revision && ref->revision && strcmp(revision, ref->revision) != 0) {
		int rc = cli_usage(cli, "--revision '%s' and '%s' in '%s' name different revisions",
				   revision, ref->revision, space);
		sl_hub_space_ref_release(ref);
		return rc;
	}
	if (revision && !ref->revision)
		ref->revision = sl_xstrdup(revision);
	return 0;
}

static int fetch(struct sl_cli *cli, const struct sl_hub_space_ref *ref, const char *token_file,
		 const char *dir, struct sl_hubdir *out)
{
	struct sl_err err = {0};
	struct sl_token tok = {NULL, NULL};
	struct sl_http *http = NULL;
	struct sl_hub *hub = NULL;
	struct sl_hub_opts ho;
	int rc;

	memset(&ho, 0, sizeof(ho));
	cli_net_hub_opts(&ho);
	if (cli->offline) {
		sl_error(&err, SL_ENET, "cannot fetch '%s' offline", ref->id);
		return cli_fail(cli, &err);
	}
	rc = sl_token_find(token_file, &tok, &err);
	if (rc == 0)
		rc = cli_net_open(cli, 0, &http, &err);
	if (rc == 0)
		rc = sl_hub_new(http, &ho, &tok, &hub, &err);
	sl_token_release(&tok);
	if (rc == 0)
		rc = sl_hubdir_fetch(hub, ref->id, ref->revision, dir, out, &err);
	cli_net_done();
	sl_hub_free(hub);
	sl_http_free(http);
	if (rc < 0)
		return cli_fail(cli, &err);
	for (size_t i = 0; i < out->n_warnings; i++)
		cli_warn(cli, "%s", out->warnings[i].msg);
	return 0;
}

int cli_hub_fetch(struct sl_cli *cli, const char *space, const char *revision,
		  const char *token_file, const char *dir, struct sl_hubdir *out)
{
	struct sl_hub_space_ref ref;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = read_space(cli, space, revision, &ref)) != 0)
		return rc;
	rc = fetch(cli, &ref, token_file, dir, out);
	sl_hub_space_ref_release(&ref);
	return rc;
}

void cli_hub_fetch_inputs(const struct sl_hubdir *hf, struct sl_snapshot_inputs *in)
{
	in->dir = hf->dir;
	in->dir_label = hf->dir_label;
	in->space_id = hf->space.id;
	in->revision = hf->space.sha;
	in->hardware = hf->space.hardware;
	in->secret_names = hf->space.secret_names;
	in->variable_names = hf->space.variable_names;
}

int cli_hub_snapshot(struct sl_cli *cli, const char *space, const char *revision,
		     const char *token_file, struct sl_lock **out)
{
	struct sl_hubdir hf;
	struct sl_snapshot_inputs in = {0};
	struct sl_snapshot_file build = {NULL, NULL}, run = {NULL, NULL};
	struct sl_err err = {0};
	int rc = cli_hub_fetch(cli, space, revision, token_file, NULL, &hf);

	if (rc)
		return rc;
	cli_hub_fetch_inputs(&hf, &in);
	if (hf.space.build_log) {
		build = (struct sl_snapshot_file){hf.space.build_log, hf.build_label};
		in.build_logs = &build;
		in.n_build_logs = 1;
	}
	if (hf.space.run_log) {
		run = (struct sl_snapshot_file){hf.space.run_log, hf.run_label};
		in.run_logs = &run;
		in.n_run_logs = 1;
	}
	if (sl_snapshot_run(&in, out, &err) != 0) {
		if (err.code == SL_EIO || err.code == SL_ENOTFOUND)
			err.code = SL_EPARSE; /* what the Hub sent cannot be read */
		rc = cli_fail(cli, &err);
	}
	sl_hubdir_release(&hf);
	return rc;
}

/* Whether arg names a Space in a form the Hub client reads.  A name
 * ending in .json is a lockfile even when it could be owner/name: a
 * mistyped lockfile path must say "cannot read", not ask the Hub. */
static bool is_space(const char *arg)
{
	struct sl_hub_space_ref ref;
	struct sl_err err;
	size_t n = strlen(arg);

	if ((n >= 5 && strcmp(arg + n - 5, ".json") == 0) ||
	    sl_hub_space_ref_parse(arg, NULL, &ref, &err) != 0)
		return false;
	sl_hub_space_ref_release(&ref);
	return true;
}

int cli_load_lock(struct sl_cli *cli, const char *arg, const char *token_file, struct sl_lock **out,
		  struct sl_buf *bytes)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_err err = {0};
	struct stat st;
	int rc;

	if (stat(arg, &st) != 0 && is_space(arg)) {
		if ((rc = cli_hub_snapshot(cli, arg, NULL, token_file, out)) == 0 && bytes)
			sl_lockfile_dump(*out, bytes);
		return rc;
	}
	rc = sl_file_read(arg, SL_LOCKFILE_MAX_BYTES, &b, &err);
	if (rc == 0)
		rc = sl_lockfile_parse(arg, b.buf, b.len, out, &err);
	if (rc == 0 && bytes)
		sl_buf_add(bytes, b.buf, b.len);
	sl_buf_release(&b);
	if (rc == 0)
		return 0;
	if (err.code == SL_EIO || err.code == SL_ENOTFOUND)
		err.code = SL_EPARSE; /* a local input: bad input, exit 3 */
	return cli_fail(cli, &err);
}
