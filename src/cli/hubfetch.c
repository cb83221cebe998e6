/* hubfetch.c: the Hub side of `fetch` and `snapshot owner/space`. */
#include "hubfetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>

#include "net.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "spacelock/snapshot.h"
#include "spacelock/token.h"

static void warn_about(struct sl_cli *cli, const struct sl_hub_space *sp)
{
	const char *lc = sp->log_commit;

	for (size_t i = 0; sp->notes && sp->notes[i]; i++)
		cli_warn(cli, "cannot read the %s", sp->notes[i]);
	if (lc && strncmp(sp->sha, lc, strlen(lc)) != 0)
		cli_warn(cli,
			 "the build log is of commit '%s', not of the revision locked '%.12s': "
			 "the Space was not rebuilt at this revision (restart it, or lock "
			 "--revision %s)",
			 lc, sp->sha, lc);
	if (sp->steps_pip > 0 && sp->steps_cached >= sp->steps_pip)
		cli_warn(cli,
			 "every pip step in the build log of '%s' is CACHED, so it does not show "
			 "what pip "
			 "installed: a factory rebuild (Space settings, or POST "
			 "/api/spaces/%s/restart?factory=true) logs a full build",
			 sp->id, sp->id);
}

/* A new directory in parent (NULL: $TMPDIR or /tmp). */
static int make_temp(const char *parent, char **dir, struct sl_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char *d;

	if (!parent)
		parent = tmp && *tmp ? tmp : "/tmp";
	d = sl_xasprintf("%s/.spacelock-hub-XXXXXX", parent);

	if (!mkdtemp(d)) {
		free(d);
		return sl_error(err, SL_EIO, "cannot create a temporary directory");
	}
	*dir = d;
	return 0;
}

/* Moves what was fetched from the temporary directory into dir, so a
 * failed fetch leaves nothing there. */
static int move_into(struct cli_hub_fetch *out, const char *dir, struct sl_err *err)
{
	struct sl_hub_space *sp = &out->space;
	char **paths[] = {&sp->readme,	 &sp->requirements, &sp->pre_requirements,
			  &sp->packages, &sp->build_log,    &sp->run_log};

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		const char *base;
		char *to;
		if (!*paths[i])
			continue;
		base = strrchr(*paths[i], '/') + 1;
		to = sl_xasprintf("%s/%s", dir, base);
		if (rename(*paths[i], to) != 0) {
			free(to);
			return sl_error(err, SL_EIO, "cannot write '%s/%s'", dir, base);
		}
		free(*paths[i]);
		*paths[i] = to;
	}
	rmdir(out->dir);
	free(out->dir);
	out->dir = sl_xstrdup(dir);
	out->temporary = false;
	return 0;
}

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

static int fetch(struct sl_cli *cli, const char *space_id, const char *revision,
		 const char *token_file, const char *dir, struct cli_hub_fetch *out)
{
	struct sl_err err = {0};
	struct sl_token tok = {NULL, NULL};
	struct sl_http *http = NULL;
	struct sl_hub *hub = NULL;
	struct sl_hub_opts ho;
	bool made = false;
	int rc;

	memset(&ho, 0, sizeof(ho));
	cli_net_hub_opts(&ho);
	if (cli->offline) {
		sl_error(&err, SL_ENET, "cannot fetch '%s' offline", space_id);
		return cli_fail(cli, &err);
	}
	rc = sl_token_find(token_file, &tok, &err);
	if (rc == 0)
		rc = cli_net_open(cli, 0, &http, &err);
	if (rc == 0)
		rc = sl_hub_new(http, &ho, &tok, &hub, &err);
	sl_token_release(&tok);
	if (rc == 0 && dir && mkdir(dir, 0777) == 0)
		made = true;
	else if (rc == 0 && dir && errno != EEXIST)
		rc = sl_error(&err, SL_EIO, "cannot create '%s'", dir);
	if (rc == 0) {
		rc = make_temp(dir, &out->dir, &err);
		out->temporary = rc == 0;
	}
	if (rc == 0)
		rc = sl_hub_fetch_space(hub, space_id, revision, out->dir, &out->space, &err);
	if (rc == 0 && dir)
		rc = move_into(out, dir, &err);
	cli_net_done();
	sl_hub_free(hub);
	sl_http_free(http);
	if (rc < 0) {
		cli_hub_fetch_release(out);
		if (made)
			rmdir(dir); /* a failed fetch leaves nothing behind */
		return cli_fail(cli, &err);
	}
	warn_about(cli, &out->space);
	out->dir_label = sl_xasprintf("hf://spaces/%s@%s", space_id, out->space.sha);
	out->build_label = sl_xasprintf("hf://spaces/%s/logs/build", space_id);
	out->run_label = sl_xasprintf("hf://spaces/%s/logs/run", space_id);
	return 0;
}

int cli_hub_fetch(struct sl_cli *cli, const char *space, const char *revision,
		  const char *token_file, const char *dir, struct cli_hub_fetch *out)
{
	struct sl_hub_space_ref ref;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = read_space(cli, space, revision, &ref)) != 0)
		return rc;
	rc = fetch(cli, ref.id, ref.revision, token_file, dir, out);
	sl_hub_space_ref_release(&ref);
	return rc;
}

void cli_hub_fetch_inputs(const struct cli_hub_fetch *hf, struct sl_snapshot_inputs *in)
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
	struct cli_hub_fetch hf;
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
	cli_hub_fetch_release(&hf);
	return rc;
}

void cli_hub_fetch_release(struct cli_hub_fetch *out)
{
	static const char *const names[] = {
	    "README.md",    "requirements.txt", "pre-requirements.txt",
	    "packages.txt", "build.log",	"run.log"};

	if (out->dir && out->temporary) {
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			char *p = sl_xasprintf("%s/%s", out->dir, names[i]);
			unlink(p);
			free(p);
		}
		rmdir(out->dir);
	}
	free(out->dir);
	free(out->dir_label);
	free(out->build_label);
	free(out->run_label);
	sl_hub_space_release(&out->space);
	memset(out, 0, sizeof(*out));
}
