/* resolve.h: a dated resolution, as pip would have resolved a set of
 * requirements on a given day (snapshot --reconstruct, docs/reconstruct.md).
 *
 * The candidates of a project at date D are its versions with a file
 * uploaded by D that installs on the target: Requires-Python holds for the
 * target Python, and the file is a wheel whose tags CPython X.Y on manylinux
 * x86_64 accepts, or an sdist.  Yanked files count only for an exact pin;
 * pre-releases as the pip of that day allows them (a specifier that names
 * one, or no final candidate; data/pip-prereleases.txt).  libsolv
 * (solve.h) picks, as pip does, the newest candidate a rule leaves open;
 * proven versions are fixed points.  Release lists and the metadata of the
 * chosen versions come from the index (index.h), fetched concurrently and
 * cached, so resolving again at another date costs no network. */
#ifndef SPACELOCK_RESOLVE_H
#define SPACELOCK_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "index.h"

struct sl_resolve;

/* A new resolver for CPython `python` ("3.10", "3.8.9") on linux x86_64,
 * reading idx (borrowed).  SL_EINVAL for a Python that is not X.Y[.Z]. */
int sl_resolve_new(struct sl_index *idx, const char *python, struct sl_resolve **out,
		   struct sl_err *err);
void sl_resolve_free(struct sl_resolve *r);

/* A top-level requirement (PEP 508 text).  One whose marker is false for
 * the target is dropped (returns 0); a URL requirement is SL_EINVAL (it
 * names no version to resolve).  SL_EPARSE for bad text. */
int sl_resolve_request(struct sl_resolve *r, const char *requirement, struct sl_err *err);

/* As pip's --pre (on the command line or in a requirements file): every
 * pre-release is a candidate of every project, beside the final releases,
 * and the newest allowed version wins whatever it is. */
void sl_resolve_allow_pre(struct sl_resolve *r);

/* Fixes project name at version (a proven pin): the only candidate. */
void sl_resolve_fix(struct sl_resolve *r, const char *name, const char *version);

/* One package of a resolution. */
struct sl_resolved {
	const char *name;    /* canonical; borrowed from the resolver */
	const char *version; /* as the index spells it; borrowed */
	const char *parent;  /* canonical name of a package that requires it, or NULL (a request) */
};

/* Resolves at date as_of ("YYYY-MM-DDTHH:MM:SS", UTC).  On success fills
 * *out (caller frees the array, sorted by name) and returns 0.  SL_ESOLVER
 * when no set satisfies the requests at that date (err says which
 * requirement fails), an index failure's code (SL_ENET, SL_ENOTFOUND, ...)
 * otherwise. */
int sl_resolve_at(struct sl_resolve *r, const char *as_of, struct sl_resolved **out, size_t *n,
		  struct sl_err *err);

/* The dates after `after` and up to `until` at which a version of a project
 * met so far was first uploaded: where a resolution may change.  Sorted,
 * distinct; *dates is a new array of borrowed strings (caller frees the
 * array). */
void sl_resolve_release_dates(const struct sl_resolve *r, const char *after, const char *until,
			      const char ***dates, size_t *n);

/* The date a version was first uploaded (of an installable file), or NULL
 * when the index does not have it.  Borrowed. */
const char *sl_resolve_released(const struct sl_resolve *r, const char *name, const char *version);

/* Normalises a date as written by a user, a build log header or the index
 * ("2024-03-10", "2024-03-10 12:00:00", "2024-03-10T12:00:00.123456Z")
 * into out (20 bytes): "YYYY-MM-DDTHH:MM:SS".  A bare day is its first
 * second, or its last when end_of_day.  false when s is not such a date. */
bool sl_resolve_date(const char *s, bool end_of_day, char out[20]);

#endif
