/* reconstruct.h: snapshot --reconstruct: what a CACHED pip step hides,
 * inferred by resolving the Space's requests as pip would have on the day
 * the layer was built (docs/reconstruct.md).
 *
 * The window: the layer cannot predate the last change of the files its
 * step installs (since) nor postdate the build that printed CACHED (until,
 * by default the build log's date).  The requests (the Space's
 * requirements, the platform step, the card's sdk) are resolved
 * (resolve.h) at the window's end, with every proven version fixed, and
 * again at its start and at every release in between.  A version every
 * date agrees on is inferred "exact"; one that depends on the day is
 * "ambiguous", with each alternative and its dates.  Inferred packages
 * join lock->packages with an `inferred` object and no evidence; their
 * "package 'x'" incomplete entries go; a proven pin the index contradicts
 * is a warning. */
#ifndef SPACELOCK_RECONSTRUCT_H
#define SPACELOCK_RECONSTRUCT_H

#include <stddef.h>

#include "error.h"
#include "index.h"
#include "lock.h"

struct sl_reconstruct_opts {
	struct sl_index *index; /* borrowed */
	const char *since;	/* the window's start as written, or NULL: not known */
	const char *until;	/* its end, or NULL: the build log's date (runtime.build_time) */
	const char *python;	/* NULL: runtime.python, else the card's python_version */
};

struct sl_reconstruct_report {
	size_t inferred, exact, ambiguous;
	size_t contradictions;	 /* proven pins the index contradicts (warnings) */
	size_t resolutions;	 /* dates resolved at */
	char start[20], end[20]; /* the window ("" start: not known) */
};

/* Adds the inferred packages to lock (sorted again).  SL_EINVAL when the
 * window or the Python is not known or the lock requests nothing;
 * SL_ESOLVER when the requests cannot be resolved at the window's end; an
 * index failure's code (SL_ENET, SL_ENOTFOUND: offline and not cached). */
int sl_reconstruct(struct sl_lock *lock, const struct sl_reconstruct_opts *o,
		   struct sl_reconstruct_report *rep, struct sl_err *err);

#endif
