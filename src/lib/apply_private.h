/* apply_private.h: what apply.c (card, orchestration), apply_reqs.c
 * (requirement files), apply_verify.c and apply_io.c share. */
#ifndef SPACELOCK_APPLY_PRIVATE_H
#define SPACELOCK_APPLY_PRIVATE_H

#include "spacelock/apply.h"

struct sl_lock;
struct sl_reqfile;

/* Records one change (strings copied; any may be NULL). */
void apply_note(struct sl_apply_result *r, enum sl_apply_change_kind kind,
		enum sl_apply_file_id file, unsigned long line, const char *what,
		const char *old_text, const char *new_text, const char *reason);

/* Records an unknown: reason "why; remedy: remedy" and the remedy on its
 * own, so that output can group unknowns by what would resolve them
 * (remedy NULL: none known).  Does not mark the result partial. */
void apply_unknown(struct sl_apply_result *r, enum sl_apply_file_id file, unsigned long line,
		   const char *what, const char *old_text, const char *why, const char *remedy);

/* The requirement files' part: edits rf[SL_APPLY_REQUIREMENTS] and
 * rf[SL_APPLY_PRE_REQUIREMENTS] (either may be NULL: the file does not
 * exist; one is created when a pin must go there).  0 or an error. */
int apply_requirements(const struct sl_lock *lock, const struct sl_apply_options *opts,
		       struct sl_reqfile **rf, struct sl_apply_result *r, struct sl_err *err);

/* Whether the platform installs this canonical name itself: the sdk
 * package of lock's sdk (gradio, streamlit). */
const char *apply_sdk_package(const struct sl_lock *lock);

/* The new files must parse, and every pin apply wrote must equal the
 * lock's version.  SL_EINVAL naming the first mismatch. */
int apply_verify(const struct sl_lock *lock, const struct sl_apply_result *r, struct sl_err *err);

/* check.h on the result with the builder's pip step and the card's Python
 * (apply_check.c); sets r->n_checked and r->n_unchecked.  SL_ECONFLICT
 * naming the first conflict, or the check's own error. */
int apply_check(const struct sl_lock *lock, const struct sl_apply_options *opts,
		struct sl_apply_result *r, struct sl_err *err);

#endif
