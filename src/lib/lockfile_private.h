/* lockfile_private.h: the parts of the lockfile format kept in their own
 * file (lockfile_inferred.c, lockfile_index.c), shared with lockfile.c
 * (the reader) and lockfile_write.c (the writer) only. */
#ifndef SPACELOCK_LOCKFILE_PRIVATE_H
#define SPACELOCK_LOCKFILE_PRIVATE_H

#include <cJSON.h>

#include "spacelock/error.h"
#include "spacelock/jsonw.h"
#include "spacelock/lock.h"

/* A package's "inferred" member, its keys in byte order. */
void lockfile_inferred_write(struct sl_jsonw *w, const struct sl_lock_inferred *f);

/* Reads a package's "inferred" member o (absent or null: proven) into p.
 * path and where name the file and the key in messages ("packages[3]").
 * Returns 0 or SL_EPARSE "path: 'where.inferred': ...". */
int lockfile_inferred_read(const char *path, const char *where, const cJSON *o,
			   struct sl_lock_package *p, struct sl_err *err);

/* The lock's "index" member, left out when no option is set (so that
 * locks without index options read as before). */
void lockfile_index_write(struct sl_jsonw *w, const struct sl_lock_index *ix);

/* Reads the lock's "index" member o (absent or null: nothing set) into ix
 * (lockfile_index.c).  Returns 0 or SL_EPARSE "path: 'index.KEY': ...". */
int lockfile_index_read(const char *path, const cJSON *o, struct sl_lock_index *ix,
			struct sl_err *err);

#endif
