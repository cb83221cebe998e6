/* index_private.h: the index client's fetch-and-cache loop, shared by the
 * per-version JSON (index.c) and the project JSON (index_project.c). */
#ifndef SPACELOCK_INDEX_PRIVATE_H
#define SPACELOCK_INDEX_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "spacelock/error.h"
#include "spacelock/index.h"

/* Parses body i (len bytes from url) into the caller's item i. */
typedef int (*index_parse_fn)(void *ctx, size_t i, const char *url, const char *body, size_t len,
			      struct sl_err *err);

struct index_fetch {
	const char *const *urls;   /* n URLs */
	const char *const *labels; /* n names for "not in the cache" messages */
	index_parse_fn parse;
	void *ctx;
	const char *accept; /* the Accept header; NULL: application/json */
};

struct index_outcome {
	bool from_cache; /* answered without a full download (cache or 304) */
	int result;	 /* 0 or the SL_E* code */
	struct sl_err err;
};

/* Fetches the n URLs at once (revalidating cached copies with their ETag;
 * offline: the cache only) and parses each body; out[i] says how item i
 * went.  Returns 0 or the first failure's code. */
int index_fetch_bodies(struct sl_index *idx, const struct index_fetch *f, size_t n,
		       struct index_outcome *out);

/* The JSON API base in use, for URLs. */
const char *sl_index_url(const struct sl_index *idx);

/* The simple API's root (PEP 503): the index URL as given, as pip reads
 * --index-url, without a trailing "/". */
const char *index_simple_url(const struct sl_index *idx);

#endif
