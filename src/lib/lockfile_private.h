/* lockfile_private.h: the parts of the lockfile format kept in their own
 * file (lockfile_inferred.c), shared with lockfile.c only. */
#ifndef SPACELOCK_LOCKFILE_PRIVATE_H
#define SPACELOCK_LOCKFILE_PRIVATE_H

#include <cJSON.h>

#include "spacelock/error.h"
#include "spacelock/lock.h"

/* A package's "inferred" object. */
cJSON *lockfile_inferred_json(const struct sl_lock_inferred *f);

/* Reads a package's "inferred" member o (absent or null: proven) into p.
 * path and where name the file and the key in messages ("packages[3]").
 * Returns 0 or SL_EPARSE "path: 'where.inferred': ...". */
int lockfile_inferred_read(const char *path, const char *where, const cJSON *o,
			   struct sl_lock_package *p, struct sl_err *err);

#endif
