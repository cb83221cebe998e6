/* resolve_private.h: the resolver's data (resolve_data.c: projects,
 * candidates, wheel tags, dates) shared with its loop (resolve.c). */
#ifndef SPACELOCK_RESOLVE_PRIVATE_H
#define SPACELOCK_RESOLVE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "spacelock/index.h"
#include "spacelock/marker.h"
#include "spacelock/requirement.h"
#include "spacelock/resolve.h"
#include "spacelock/version.h"

struct rs_ver {
	const char *version; /* borrowed from the project's index data, or fix_version */
	struct sl_version *v;
	char *key;		      /* sortable key (solve.h) */
	char ok_time[20];	      /* first upload of an installable file not yanked; "" none */
	char yanked_time[20];	      /* first upload of an installable yanked file; "" none */
	int meta;		      /* 0 not fetched, 1 fetched */
	struct sl_requirement **deps; /* Requires-Dist, parsed (the unparsable are dropped) */
	size_t ndeps;
};

struct rs_proj {
	char *name; /* canonical */
	struct sl_index_project ip;
	int state; /* 0 not fetched, 1 fetched, else the SL_E* code */
	struct sl_err err;
	struct rs_ver *vers;
	size_t nvers;
	char *fixed;	   /* a proven version, or NULL */
	char *fix_version; /* fixed, when the index does not list it */
	char **extras;	   /* extras some requirement asks for (normalised) */
	size_t nextras;
	char **pins; /* versions some requirement pins exactly (yanked allowed) */
	size_t npins;
	char **specs; /* the distinct non-empty specifiers of the requirements met */
	size_t nspecs;
};

struct rs_pre_rule; /* resolve_pre.c */

struct rs_spec {
	char *text;
	struct sl_specset *set; /* NULL when the text does not parse */
};

struct rs_req {
	char *name; /* canonical */
	char **extras;
	size_t nextras;
	char *spec; /* "" for any */
};

struct sl_resolve {
	struct sl_index *idx;
	struct sl_env *env;
	int py_minor; /* CPython 3.<py_minor> */
	struct sl_version *pyver;
	struct rs_proj *projs;
	size_t nprojs, capprojs;
	size_t *slots; /* open addressing over projs by name: index + 1, 0 empty */
	size_t nslots;
	struct rs_req *reqs;
	size_t nreqs, capreqs;
	struct rs_spec *specs; /* open addressing over spec texts */
	size_t nspecs, capspecs;
	struct rs_pre_rule *pre; /* pip's pre-release rules by date */
	size_t npre;
	bool all_pre; /* pip's --pre: every pre-release is a candidate */
};

/* The project named canon (a canonical name), added unfetched when new. */
struct rs_proj *rs_project(struct sl_resolve *r, const char *canon);
/* The same without adding: NULL when unknown. */
struct rs_proj *rs_project_find(const struct sl_resolve *r, const char *canon);

/* Builds p->vers from p->ip (after a successful fetch): parsed versions,
 * their keys and the first upload time of an installable file. */
void rs_project_load(struct sl_resolve *r, struct rs_proj *p);

/* Whether version v of p is a candidate at date as_of (pre-releases are
 * the caller's business). */
bool rs_candidate(const struct rs_proj *p, const struct rs_ver *v, const char *as_of);

/* Records a requirement seen in a request or a Requires-Dist: its project,
 * the extras it asks for, an exact pin. */
void rs_note_requirement(struct sl_resolve *r, const struct sl_requirement *q);

/* The parsed specifier set of text (cached), or NULL when it does not parse. */
const struct sl_specset *rs_spec(struct sl_resolve *r, const char *text);

/* Whether a requirement applies to the target (marker true with extra). */
bool rs_marker_holds(const struct sl_resolve *r, const struct sl_requirement *q, const char *extra);

/* resolve_pre.c: reads data/pip-prereleases.txt (SL_EPARSE when broken). */
int rs_pre_load(struct sl_resolve *r, struct sl_err *err);
void rs_pre_release(struct sl_resolve *r);

/* Whether p's pre-release candidates may be chosen at as_of, as the pip of
 * that day filters them with the requirements met so far on p. */
bool rs_pre_allowed(struct sl_resolve *r, const struct rs_proj *p, const char *as_of);

/* Frees a project's data. */
void rs_project_release(struct rs_proj *p);

#endif
