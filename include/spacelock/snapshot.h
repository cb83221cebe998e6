/* snapshot.h: from the evidence a user can get without a shell inside the
 * Space (its files, build and run logs, pip freeze output, an installed
 * site-packages) to a lock.
 *
 * Each input is read by its reader (card.h, reqfile.h, buildlog.h,
 * freeze.h, distinfo.h) into observations (evidence.h); the merge keeps
 * per package the version of the strongest evidence (installed > pip >
 * pin), records every disagreement as a warning, and never invents a
 * version: a package no input proves goes to lock->incomplete, not to
 * lock->packages.  The Hub client (`snapshot owner/space`) downloads the
 * files into a directory and fills the same struct. */
#ifndef SPACELOCK_SNAPSHOT_H
#define SPACELOCK_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "lock.h"

/* One input file.  label, when not NULL, replaces path in the lock
 * (evidence sources, inputs, warnings), so that a temporary download
 * directory does not leak into a lockfile. */
struct sl_snapshot_file {
	const char *path;
	const char *label;
};

struct sl_snapshot_inputs {
	/* A checkout of the Space: README.md (required when dir is given),
	 * requirements.txt, pre-requirements.txt, packages.txt (optional). */
	const char *dir;
	const char *dir_label; /* names dir in the lock; NULL: dir as given, "": nothing */
	const struct sl_snapshot_file *build_logs;
	size_t n_build_logs;
	const struct sl_snapshot_file *run_logs;
	size_t n_run_logs;
	const struct sl_snapshot_file *freezes;
	size_t n_freezes;
	const char *site_packages; /* an installed environment, or NULL */
	/* What the caller knows from elsewhere (the Hub), or NULL. */
	const char *space_id;
	const char *revision;
	const char *hardware;
	/* The NAMES of the Space's secrets and variables (never values),
	 * NULL-terminated; NULL when not known.  Copied into the lock's
	 * space.secrets / space.variables, sorted. */
	char *const *secret_names;
	char *const *variable_names;
};

/* Reads every input and merges it into a new lock (*out, free with
 * sl_lock_free), sorted as the writer will write it.  At least one input
 * must be given (SL_EINVAL otherwise).  Unreadable or malformed input is
 * an error (SL_EIO, SL_EPARSE, SL_ENOTFOUND for a missing site-packages,
 * message with file[:line[:col]]); damaged but readable logs only add
 * warnings.  The lock is complete when lock->n_incomplete is 0. */
int sl_snapshot_run(const struct sl_snapshot_inputs *in, struct sl_lock **out, struct sl_err *err);

/* Whether dir looks like a checkout of a Space: a README.md that starts
 * with front matter (a '---' line), or a requirements.txt.  `snapshot`
 * with no input reads such a directory as --dir. */
bool sl_snapshot_is_checkout(const char *dir);

#endif
