/* export.h: a lock written in the formats other tools install from: a
 * PEP 751 pylock.toml, or a fully pinned requirements.txt with
 * `--hash=sha256:` options (pip's --require-hashes mode).  File URLs,
 * upload times and hashes come from the package index's metadata
 * (index.h), joined to the lock by the caller; without it the formats
 * still pin every version, without files.  Deterministic: the same lock
 * and metadata give the same bytes. */
#ifndef SPACELOCK_EXPORT_H
#define SPACELOCK_EXPORT_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

struct sl_lock;
struct sl_index_release;

enum sl_export_format {
	SL_EXPORT_PYLOCK = 0,	/* pylock.toml (PEP 751, lock-version 1.0) */
	SL_EXPORT_REQUIREMENTS, /* requirements.txt with hashes */
};

struct sl_export_opts {
	enum sl_export_format format;
	/* the index the files come from (its JSON API base, as sl_index_url
	   gives it); NULL: https://pypi.org */
	const char *index_url;
	/* the index metadata of lock->packages[i] in rels[i], or NULL for
	   none; a release whose result is not 0 is not known */
	const struct sl_index_release *rels;
	const char *lock_label; /* how the header names the lock */
};

struct sl_export_stats {
	size_t packages;   /* packages written */
	size_t with_files; /* of them, with files and hashes from the index */
	size_t vcs;	   /* of them, pinned to a VCS commit (no hash possible) */
	size_t inferred;   /* of them, versions the lock infers (marked as such) */
};

/* Appends the lock in o->format to out.  SL_EINVAL for a lock with a
 * package without a version. */
int sl_export_render(const struct sl_lock *lock, const struct sl_export_opts *o, struct sl_buf *out,
		     struct sl_export_stats *stats, struct sl_err *err);

/* Builder tools that requirements exports leave out, as `pip freeze`
 * does: pip, setuptools, wheel. */
int sl_export_is_tool(const char *name);

#endif
