/* hubdir.c: a Space from the Hub into a directory (hubdir.h): the
 * temporary directory, the move into place, and what the user should be
 * warned about. */
#include "spacelock/hubdir.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/tempfile.h"

#define TEMP_PREFIX ".spacelock-hub-"

/* What sl_hub_fetch_space may write into its directory (hub.h): a
 * temporary directory holding only these is removed whole. */
static const char *const fetched_files[] = {
    "README.md", "requirements.txt", "pre-requirements.txt", "packages.txt", "build.log", "run.log",
    NULL,
};

static void warn(struct sl_hubdir *d, enum sl_hubdir_warning_kind kind, char *msg)
{
	d->warnings = sl_xrealloc(d->warnings, (d->n_warnings + 1) * sizeof(*d->warnings));
	d->warnings[d->n_warnings].kind = kind;
	d->warnings[d->n_warnings].msg = msg;
	d->n_warnings++;
}

/* The build facts hub_log.c counted, judged: is the log of the revision
 * locked, does it show what pip installed? */
static void judge(struct sl_hubdir *d)
{
	const struct sl_hub_space *sp = &d->space;
	const char *lc = sp->log_commit;

	for (size_t i = 0; sp->notes && sp->notes[i]; i++)
		warn(d, SL_HUBDIR_UNREADABLE, sl_xasprintf("cannot read the %s", sp->notes[i]));
	if (lc && strncmp(sp->sha, lc, strlen(lc)) != 0)
		warn(
		    d, SL_HUBDIR_OTHER_COMMIT,
		    sl_xasprintf("the build log is of commit '%s', not of the revision locked "
				 "'%.12s': the Space was not rebuilt at this revision (restart it, "
				 "or lock --revision %s)",
				 lc, sp->sha, lc));
	if (sp->steps_pip > 0 && sp->steps_cached >= sp->steps_pip)
		warn(d, SL_HUBDIR_ALL_CACHED,
		     sl_xasprintf("every pip step in the build log of '%s' is CACHED, so it does "
				  "not show what pip installed: a factory rebuild (Space settings, "
				  "or POST /api/spaces/%s/restart?factory=true) logs a full build",
				  sp->id, sp->id));
}

/* Renames what was fetched from the temporary directory into dir, so a
 * failed fetch leaves nothing there, then removes the temporary one. */
static int move_into(struct sl_hubdir *d, const char *dir, struct sl_err *err)
{
	struct sl_hub_space *sp = &d->space;
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
			sl_error(err, SL_EWRITE, "cannot write '%s': %s", to, strerror(errno));
			free(to);
			return SL_EWRITE;
		}
		free(*paths[i]);
		*paths[i] = to;
	}
	sl_temp_remove(d->temp);
	d->temp = NULL;
	return 0;
}

static const char *temp_root(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/tmp";
}

int sl_hubdir_fetch(const struct sl_hub *hub, const char *id, const char *revision, const char *dir,
		    struct sl_hubdir *out, struct sl_err *err)
{
	struct sl_temp *made = NULL; /* dir, when this fetch created it */
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (dir)
		rc = sl_temp_mkdir(dir, &made, err);
	if (rc >= 0)
		rc = sl_temp_dir(dir ? dir : temp_root(), TEMP_PREFIX, fetched_files, &out->temp,
				 err);
	if (rc == 0)
		rc = sl_hub_fetch_space(hub, id, revision, sl_temp_path(out->temp), &out->space,
					err);
	if (rc == 0 && dir)
		rc = move_into(out, dir, err);
	if (rc < 0) {
		sl_hubdir_release(out);
		sl_temp_remove(made); /* a failed fetch leaves nothing behind */
		return rc;
	}
	sl_temp_keep(made);
	out->dir = sl_xstrdup(dir ? dir : sl_temp_path(out->temp));
	out->dir_label = sl_xasprintf("hf://spaces/%s@%s", id, out->space.sha);
	out->build_label = sl_xasprintf("hf://spaces/%s/logs/build", id);
	out->run_label = sl_xasprintf("hf://spaces/%s/logs/run", id);
	judge(out);
	return 0;
}

void sl_hubdir_release(struct sl_hubdir *out)
{
	sl_temp_remove(out->temp);
	free(out->dir);
	free(out->dir_label);
	free(out->build_label);
	free(out->run_label);
	for (size_t i = 0; i < out->n_warnings; i++)
		free(out->warnings[i].msg);
	free(out->warnings);
	sl_hub_space_release(&out->space);
	memset(out, 0, sizeof(*out));
}
