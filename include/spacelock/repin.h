/* repin.h: the commit a repin makes, as text: a one-line summary, a body
 * listing each change of the apply result (old → new, with its reason),
 * what stays unknown, and the trailer naming the lock by its digest
 * ("Spacelock-Lock: sha256:<hex>"), so a commit says exactly which lock
 * it pins to.  The same text goes to the Hub commit API (summary and
 * description), to `git commit` (--git) and to --dry-run's output. */
#ifndef SPACELOCK_REPIN_H
#define SPACELOCK_REPIN_H

#include <stddef.h>

#include "apply.h"

/* "sha256:<64 hex>" of the lock's bytes (as read from its file, or as
 * sl_lockfile_dump writes it for a lock made on the fly).  Caller frees. */
char *sl_repin_lock_digest(const void *lock_bytes, size_t len);

struct sl_repin_message {
	char *summary; /* one line, no newline */
	char *body;    /* paragraphs, ending with the trailer and "\n" */
};

/* The message of the commit that applies r.  source names the Space whose
 * lock it is ("demo/repin-history", or the lockfile's path when the lock
 * names no Space); digest from sl_repin_lock_digest.  Deterministic: the
 * same result gives the same bytes. */
void sl_repin_message(const struct sl_apply_result *r, const char *source, const char *digest,
		      struct sl_repin_message *out);

/* Summary, a blank line, the body: what `git commit -F -` takes. */
char *sl_repin_message_text(const struct sl_repin_message *m);

void sl_repin_message_release(struct sl_repin_message *m);

#endif
