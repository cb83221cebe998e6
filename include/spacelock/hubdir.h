/* hubdir.h: a Space from the Hub into a directory, for `fetch` and
 * `snapshot OWNER/NAME`.
 *
 * What sl_hub_fetch_space reads (the card, requirement files, build and
 * run logs) goes into a new temporary directory (tempfile.h: removed on a
 * signal, swept by a later run if this one is killed).  Into a directory
 * the caller names, the files are renamed only once all of them arrived;
 * otherwise the temporary directory is the result, removed by
 * sl_hubdir_release.  What a user should be told (a log the token may not
 * read, a build log of another commit, a build whose pip steps were all
 * CACHED) comes back as warnings: data, for the caller to print. */
#ifndef SPACELOCK_HUBDIR_H
#define SPACELOCK_HUBDIR_H

#include <stddef.h>

#include "error.h"
#include "hub.h"

enum sl_hubdir_warning_kind {
	SL_HUBDIR_UNREADABLE,	/* a log, or the secret or variable names, the token may
				   not read (the lock is made without them) */
	SL_HUBDIR_OTHER_COMMIT, /* the build log is of another commit than the revision */
	SL_HUBDIR_ALL_CACHED,	/* every pip step of the build log was CACHED: the log
				   does not show what pip installed */
};

struct sl_hubdir_warning {
	enum sl_hubdir_warning_kind kind;
	char *msg; /* one line, for the user */
};

struct sl_hubdir {
	char *dir;		   /* where the files are */
	struct sl_hub_space space; /* its file and log paths are in dir */
	/* names for the lock instead of temporary paths: "hf://spaces/ID@SHA"
	 * for the directory, "hf://spaces/ID/logs/build" and ".../logs/run" */
	char *dir_label, *build_label, *run_label;
	struct sl_hubdir_warning *warnings;
	size_t n_warnings;
	struct sl_temp *temp; /* private: the temporary directory, while it exists */
};

/* Fetches Space id at revision (NULL: the default branch) with hub.  With
 * dir NULL the files stay in a new directory under $TMPDIR (else /tmp);
 * with dir, they are renamed into dir (created when missing, and removed
 * again when the fetch fails) once all of them arrived, through a
 * temporary directory inside it.  Errors: those of sl_hub_fetch_space
 * (SL_EINVAL, SL_EAUTH, SL_ENOTFOUND, SL_ENET, SL_ELIMIT naming the log's
 * URL) and SL_EWRITE with the cause ("No space left on device") when a
 * file or directory cannot be written.  out is filled on success and empty
 * on failure; release it either way. */
int sl_hubdir_fetch(const struct sl_hub *hub, const char *id, const char *revision, const char *dir,
		    struct sl_hubdir *out, struct sl_err *err);

/* Frees out, and removes the temporary directory with what is in it. */
void sl_hubdir_release(struct sl_hubdir *out);

#endif
