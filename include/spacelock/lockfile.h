/* lockfile.h: the lock model as JSON (spacelock.json), written and read.
 *
 * The writer is deterministic: the lock is sorted first (sl_lock_sort),
 * object keys are written in byte order, two-space indentation, one
 * trailing newline, no timestamps; the same lock gives the same bytes.
 * docs/lockfile.md and docs/lockfile.schema.json describe the format. */
#ifndef SPACELOCK_LOCKFILE_H
#define SPACELOCK_LOCKFILE_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "lock.h"

/* Largest lockfile: the reader accepts no larger one, and the writer
 * refuses to write one (so whatever snapshot writes, check reads). */
#define SL_LOCKFILE_MAX_BYTES (64u * 1024 * 1024)

/* Sorts lock in place and appends its JSON text to out.  Cannot fail. */
void sl_lockfile_dump(struct sl_lock *lock, struct sl_buf *out);

/* Sorts lock and writes it to path atomically (as sl_file_write_atomic;
 * "-" is standard output), streamed: no copy of the text is held.  On
 * failure nothing is left at path.  A path naming a device or pipe
 * (/dev/null) is written in place, never replaced.  Returns 0, SL_ELIMIT
 * when the text would be larger than SL_LOCKFILE_MAX_BYTES (nothing
 * written), or SL_EWRITE with the cause. */
int sl_lockfile_write(struct sl_lock *lock, const char *path, struct sl_err *err);

/* Parses and validates a lockfile held in data[0..len); path names it in
 * messages.  Bad JSON, or bytes that are not UTF-8, is reported as
 * SL_EPARSE "path:line:col: ..."; a
 * valid JSON document that is not a lockfile as SL_EPARSE "path: key: ..."
 * naming the offending key (e.g. "packages[2].version").  Keys this
 * version does not know are ignored; a newer lockfile_version is refused
 * (version 1's "requirement" is read as a request, lock.h).
 * On success *out is a new lock (free with sl_lock_free). */
int sl_lockfile_parse(const char *path, const char *data, size_t len, struct sl_lock **out,
		      struct sl_err *err);

/* Reads and parses path (at most SL_LOCKFILE_MAX_BYTES); SL_EIO when it
 * cannot be read. */
int sl_lockfile_read(const char *path, struct sl_lock **out, struct sl_err *err);

#endif
