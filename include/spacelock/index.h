/* index.h: per-version metadata from a PyPI-compatible index (the JSON API
 * {index}/pypi/{name}/{version}/json) and project release lists with each
 * file's upload time ({index}/pypi/{name}/json), fetched many at once through
 * http.c and kept in an on-disk cache keyed by URL and revalidated with
 * ETag, so a second run needs no network and offline mode reads only the
 * cache. */
#ifndef SPACELOCK_INDEX_H
#define SPACELOCK_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "http.h"

struct sl_index;

struct sl_index_opts {
	const char *index_url; /* NULL: $PIP_INDEX_URL, else https://pypi.org/simple.
				  As pip reads it, the simple API's root
				  ({url}/{name}/); the JSON API's root is it
				  without a trailing "/simple" */
	const char *cache_dir; /* NULL: $XDG_CACHE_HOME/spacelock, else
				  ~/.cache/spacelock; "" disables the cache */
	bool offline;	       /* only the cache; a miss is SL_ENOTFOUND */
};

struct sl_index_file {
	char *filename;
	char *url;
	char *sha256;	   /* hex, or NULL */
	char *upload_time; /* upload_time_iso_8601, or NULL */
	long long size;	   /* bytes, as the JSON API's "size" says; -1 when it does not */
	bool yanked;
};

struct sl_index_release {
	char *name;	       /* as the caller asked */
	char *version;	       /* as the caller asked */
	char *requires_python; /* info.requires_python, or NULL */
	char **requires_dist;  /* info.requires_dist, NULL-terminated; NULL when none */
	struct sl_index_file *files;
	size_t nfiles;
	bool from_cache; /* answered without a full download (cache or 304) */
	int result;	 /* 0 or the SL_E* code for this release */
	struct sl_err err;
};

/* Creates a client on http (borrowed).  SL_EINVAL for an index URL that is
 * not http(s).  Free with sl_index_free. */
int sl_index_new(struct sl_http *http, const struct sl_index_opts *opts, struct sl_index **out,
		 struct sl_err *err);
void sl_index_free(struct sl_index *idx);

/* The JSON API base in use (no trailing "/"). Borrowed. */
const char *sl_index_url(const struct sl_index *idx);

/* Fetches rels[i].name / rels[i].version for every i (the caller sets those
 * two fields, heap strings owned by the release), as many at once as the
 * http client allows.  Each release gets its own result and message;
 * returns 0 when all succeeded, else the first failure's code (err holds
 * its message).  A 404 is SL_ENOTFOUND, a body that is not the expected
 * JSON SL_ENET, an unusable cache entry is ignored (fetched again). */
int sl_index_fetch(struct sl_index *idx, struct sl_index_release *rels, size_t n,
		   struct sl_err *err);

/* Reads one JSON API body (len bytes, need not be NUL-terminated) into
 * r's requires_python, requires_dist and files (r should be fresh or
 * cleared).  url names the source in messages.  SL_ENET when the body is
 * not a JSON object with an "info" object. */
int sl_index_parse(const char *url, const char *body, size_t len, struct sl_index_release *r,
		   struct sl_err *err);

/* Splits a cache file's bytes raw (len, modified: the ETag gets its NUL)
 * as the cache reads them: "spacelock-index-cache 1\n" URL "\n" ETAG "\n"
 * then the body.  False when raw is not an entry for url; else *etag
 * ("" for none) and *body point into raw.  Public for the fuzz target. */
bool sl_index_cache_entry(const char *url, char *raw, size_t len, const char **etag,
			  const char **body, size_t *body_len);

/* Frees every field of a release (name and version included) and zeroes it. */
void sl_index_clear(struct sl_index_release *rel);

/* ---- project release lists ({index}/pypi/{name}/json "releases") ---- */

struct sl_index_dist {
	char *filename;
	char *upload_time;     /* upload_time_iso_8601 as served, or NULL */
	char *requires_python; /* of this file, or NULL */
	bool yanked;
};

struct sl_index_version {
	char *version; /* as the index spells it */
	struct sl_index_dist *files;
	size_t nfiles;
};

struct sl_index_project {
	char *name; /* as the caller asked (a heap string owned by the project) */
	struct sl_index_version *versions; /* in the order served */
	size_t nversions;
	bool simple; /* from the simple API's JSON (PEP 691/700), else the JSON API */
	bool from_cache;
	int result; /* 0 or the SL_E* code for this project */
	struct sl_err err;
};

/* The simple API's JSON form (PEP 691), for the Accept header. */
#define SL_INDEX_SIMPLE_JSON "application/vnd.pypi.simple.v1+json"

/* Fetches the release list of projs[i].name for every i, as many at once as
 * the client allows, cached like sl_index_fetch; each project gets its own
 * result.  The list comes from the simple API's JSON form,
 * {index_url}/{name}/ (the index URL as given is the simple root, as in
 * pip), when every file there has PEP 700's upload-time;
 * else (no JSON simple API, api-version 1.0, a file without upload-time,
 * a failure) from the PyPI JSON API, {index}/pypi/{name}/json, whose
 * failure is then the project's.  Returns 0 or the first failure's code
 * (err holds its message). */
int sl_index_fetch_projects(struct sl_index *idx, struct sl_index_project *projs, size_t n,
			    struct sl_err *err);

/* Reads one project JSON body into p's versions (p's name is kept).
 * SL_ENET when it is not a JSON object with a "releases" object. */
int sl_index_parse_project(const char *url, const char *body, size_t len,
			   struct sl_index_project *p, struct sl_err *err);

/* Reads one simple API JSON body (PEP 691) into p's versions, grouping its
 * files by the normalised version their names carry.  SL_ENET when it is
 * not such a body, SL_ENOTFOUND when a file has no PEP 700 upload-time (p
 * is then left without versions). */
int sl_index_parse_simple(const char *url, const char *body, size_t len, struct sl_index_project *p,
			  struct sl_err *err);

/* Frees every field of a project (name included) and zeroes it. */
void sl_index_project_clear(struct sl_index_project *p);

#endif
