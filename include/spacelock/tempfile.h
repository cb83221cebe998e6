/* tempfile.h: temporary files and directories that nothing leaves behind.
 *
 * Every temporary spacelock makes (the "PATH.tmp.XXXXXX" of an atomic
 * write, the ".spacelock-hub-XXXXXX" directory of a Hub fetch) is
 * registered here while it exists, so that
 *  - a signal that ends the process removes it first: the program's
 *    handler calls sl_temp_remove_all(), which is async-signal-safe;
 *  - a later run removes what a run killed outright (SIGKILL, a crash, a
 *    power cut) left: before making a temporary, the entries beside it
 *    with exactly our naming, owned by this user, last changed before this
 *    run started and not locked are removed.  Each temporary holds an
 *    exclusive flock(2) while it lives, so a concurrent run's temporaries
 *    are never taken for stale ones.
 * git's tempfile.c and sigchain.c do the same for its lock files. */
#ifndef SPACELOCK_TEMPFILE_H
#define SPACELOCK_TEMPFILE_H

#include <signal.h>

#include "error.h"

struct sl_temp;

/* The signals a program routes to sl_temp_remove_all (SIGHUP, SIGINT,
 * SIGTERM).  They are blocked while a temporary is created and
 * registered, so a handler never meets a temporary that exists on disk
 * but not in the registry. */
void sl_temp_signals(sigset_t *set);

/* Marks the start of the run: only temporaries last changed before it
 * are stale.  Called once, early (the CLI's main); without it the first
 * call into this module marks the start. */
void sl_temp_begin(void);

/* Creates "PATH.tmp.XXXXXX" beside path (mkostemp: mode 0600, O_CLOEXEC),
 * locked and registered, after removing stale ones of the same path.
 * Returns its descriptor (>= 0) with *out set, or SL_EWRITE with the
 * cause ("cannot write 'PATH': No space left on device"). */
int sl_temp_file(const char *path, struct sl_temp **out, struct sl_err *err);

/* Renames the temporary file onto dest (its path), closes it and stops
 * tracking it; t is freed either way.  SL_EWRITE with the cause when the
 * rename fails (the temporary is then removed). */
int sl_temp_commit(struct sl_temp *t, const char *dest, struct sl_err *err);

/* Creates the directory "PARENT/PREFIX" plus six random characters
 * (mkdtemp: mode 0700), locked and registered, after removing stale ones
 * of the same prefix in parent.  entries (static, NULL-terminated) names
 * the files that may be put in it: they, and their own "NAME.tmp.XXXXXX"
 * temporaries, are removed with it (NULL: none).  0 or SL_EWRITE with the
 * cause. */
int sl_temp_dir(const char *parent, const char *prefix, const char *const *entries,
		struct sl_temp **out, struct sl_err *err);

/* Creates directory path, registered, for a directory that should exist
 * only if the run succeeds (fetch's DIR): removed again with
 * sl_temp_remove, or on a signal, when it is empty.  Returns 1 with *out
 * set when it was created, 0 with *out NULL when it already existed as a
 * directory, SL_EWRITE with the cause otherwise. */
int sl_temp_mkdir(const char *path, struct sl_temp **out, struct sl_err *err);

/* The temporary's path (borrowed). */
const char *sl_temp_path(const struct sl_temp *t);

/* Keeps a temporary directory and what is in it: stops tracking it and
 * frees t.  NULL is fine. */
void sl_temp_keep(struct sl_temp *t);

/* Removes the temporary (a directory: its entries first, then itself when
 * empty), stops tracking it and frees t.  NULL is fine. */
void sl_temp_remove(struct sl_temp *t);

/* Removes every registered temporary: files, then directories.  Only
 * atomic exchanges, unlink(), unlinkat() and rmdir(): safe in a signal
 * handler, and in any thread. */
void sl_temp_remove_all(void);

#endif
