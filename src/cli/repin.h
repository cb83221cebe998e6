/* repin.h: what `repin` and `duplicate` share: a repin of a Space (or a
 * local clone) to a source lock, and following the rebuild it starts. */
#ifndef SPACELOCK_CLI_REPIN_H
#define SPACELOCK_CLI_REPIN_H

#include <stdbool.h>

#include "cli.h"
#include "spacelock/hub.h"

struct sl_lock;

struct repin_opts {
	const char *lock;	/* SOURCE as given: a lockfile or a Space */
	const char *target;	/* DUPLICATE: a Space (NULL with git_dir) */
	const char *git_dir;	/* --git DIR */
	const char *token_file; /* --token-file */
	bool dry_run, create_pr, wait, factory;
	long timeout_ms; /* --timeout, for --wait */
	/* duplicate --dry-run: "OWNER/NAME@SHA" whose files stand for the
	 * target's, which does not exist yet (a duplicate starts as a copy of
	 * the source at its head) */
	const char *files_of;
};

/* The source lock and what names it in the commit: its digest
 * ("sha256:..." of the lockfile's bytes, or of the lock as written when it
 * was made from a Space) and its Space id (else the path given). */
struct repin_source {
	struct sl_lock *lock;
	char *digest;
	const char *name; /* borrowed from lock or opts */
};

/* Loads SOURCE; prints the error and returns the exit code, or 0. */
int repin_load_source(struct sl_cli *cli, const struct repin_opts *o, struct repin_source *src);
void repin_source_release(struct repin_source *src);

/* Repins o->target (or o->git_dir) to src; prints what it did.  Returns
 * the exit code (docs/commands/repin.md). */
int repin_run(struct sl_cli *cli, const struct repin_opts *o, const struct repin_source *src);

/* An http client and Hub client from the environment and the token
 * (token_file overrides the lookup).  Prints nothing; 0 or an SL_E code
 * with err filled.  Free both with repin_hub_close. */
int repin_hub_open(struct sl_cli *cli, const char *token_file, struct sl_http **http,
		   struct sl_hub **hub, struct sl_err *err);
void repin_hub_close(struct sl_http *http, struct sl_hub *hub);

/* --wait: follows the rebuild of space_id after commit new_sha (polling
 * the runtime stage, bounded by o->timeout_ms), then snapshots the
 * rebuilt Space and diffs it against the source: 0 when it matches, 1 when
 * something still differs or the build failed (with doctor's bucket), or
 * the exit code of an error. */
int repin_wait(struct sl_cli *cli, const struct repin_opts *o, const struct repin_source *src,
	       const struct sl_hub *hub, const char *space_id, const char *new_sha);

#endif
