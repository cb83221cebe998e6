/* check_private.h: the model check.c and check_load.c share. */
#ifndef SPACELOCK_CHECK_PRIVATE_H
#define SPACELOCK_CHECK_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "spacelock/check.h"
#include "spacelock/error.h"

struct sl_version;
struct sl_specset;
struct sl_requirement;
struct sl_env;

/* One Requires-Dist of a package, parsed. */
struct creq {
	char *text;    /* as written */
	char *show;    /* the part before ';', trimmed: for messages */
	char *name;    /* canonical project required */
	char **extras; /* PEP 685 names of the extras it asks for */
	size_t nextras;
	char *spec;		      /* canonical specifier text; "" for none or a URL */
	const struct sl_specset *set; /* parsed spec, shared by equal texts (c->specsets) */
	struct sl_requirement *r;     /* owns the marker (its spec moved to c->specsets) */
	bool base;		      /* its marker holds with extra "" (or no marker) */
	bool uses_extra;	      /* its marker mentions `extra` */
	bool platform;		      /* a request made by the Spaces builder */
	const char *at; /* a request: "file:line" where it was made, or NULL (borrowed) */
};

/* One package version: in the set, or an alternative. */
struct cpkg {
	char *name;		/* canonical */
	char *version;		/* as written */
	struct sl_version *ver; /* NULL when the version is not PEP 440 */
	char *key;		/* libsolv sort key */
	char *why;		/* why it is in the set, or NULL */
	bool direct;		/* requested directly: a change is a "pin" */
	bool has_meta;
	bool unreached;	   /* the index was asked for its metadata and could not be reached */
	char *meta_source; /* where the metadata came from */
	char *unknown_why; /* a source had metadata whose Requires-Dist is unknown: why */
	char *inferred;	   /* the lock infers the version: its mark (sl_lock_inferred_mark) */
	char *inferred_as_of;
	bool inferred_ambiguous;
	char **requires_dist;
	size_t n_requires_dist;
	char *requires_python;
	char **provides_extra; /* normalised */
	size_t n_provides_extra;
	/* parsed on first use */
	bool parsed;
	struct creq *reqs;
	size_t nreqs;
	struct sl_specset *rp; /* requires_python parsed, or NULL */
	/* lock provenance, for the chain */
	int origin;
	char *request;
	char **parents;
	size_t nparents;
};

struct sl_check {
	struct cpkg *pkgs;
	size_t n, cap;
	size_t n_set; /* pkgs[0..n_set) is the set; then alternatives */
	bool alternatives_loaded;
	char *wheels; /* folder for alternatives, or NULL */
	char *python; /* target */
	struct sl_version *pyver;
	char *pykey;
	struct sl_env *env;
	char **requests;	/* top-level requirement texts (platform, direct) */
	bool *request_platform; /* per request: made by the builder */
	char **request_at;	/* per request: "file:line", or NULL */
	size_t nrequests;
	struct creq *top; /* requests parsed (those whose marker holds) */
	size_t ntop;
	bool site_mode; /* "installed" rather than "locked" in messages */
	char *sdk_version;
	char *sdk_why; /* "for sdk_version X", made once */
	char **warnings;
	size_t nwarnings;
	char *unreached;    /* the first "URL: cause" of an index that could not be reached */
	size_t n_unreached; /* packages left undecided by it */
	/* parsed specifier sets, one per distinct text (memory: thousands of
	 * requirements share a few hundred texts) */
	struct sl_specset **specsets;
	size_t nspecsets, capspecsets;
	void *specmap; /* struct check_map *: text -> index */
	void *warned;  /* struct check_map *: warning text -> index, to say each once */
};

/* A problem found by the direct walk. */
struct prob {
	enum sl_check_kind kind;
	size_t pkg;	      /* index into c->pkgs */
	const struct creq *q; /* NULL for python and unverifiable */
	const char *extra;
	size_t target; /* index into c->pkgs, or SIZE_MAX */
	bool request;  /* q is a request (platform, requirements), not a package's */
};

struct probs {
	struct prob *v;
	size_t n, cap;
};

/* check_map.c: string -> size_t; keys borrowed; the first value put wins. */
struct check_map {
	const char **keys;
	size_t *vals;
	size_t cap, n;
};
void check_map_put(struct check_map *m, const char *key, size_t val);
bool check_map_get(const struct check_map *m, const char *key, size_t *val);
void check_map_release(struct check_map *m);

/* A set under the direct walk: its packages, and the extras requested. */
struct setv {
	size_t *idx; /* indices into c->pkgs */
	size_t n;
	struct check_map byname; /* name -> position in idx */
	char ***ext;		 /* requested extras per position */
	size_t *next;
	size_t *wl_pos; /* worklist of (position, extra) */
	const char **wl_ext;
	size_t wl_n, wl_cap;
};

/* check.c */
size_t check_add_pkg(struct sl_check *c, const char *name, const char *version);
/* Copies a package's metadata into p; more than SL_CHECK_MAX_REQUIRES
 * Requires-Dist are cut to that many, with a warning. */
void check_set_meta(struct sl_check *c, struct cpkg *p, const char *const *requires_dist, size_t n,
		    const char *requires_python, const char *const *provides_extra, size_t nextra,
		    const char *source);
void check_warn(struct sl_check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int check_set_python(struct sl_check *c, const char *python, struct sl_err *err);
/* Parses p's requirements and Requires-Python once (markers evaluated). */
void check_parse_pkg(struct sl_check *c, struct cpkg *p);
/* Requirement q of p comes with extra e (and not with the base). */
bool check_active_for_extra(struct sl_check *c, const struct cpkg *p, const struct creq *q,
			    const char *e);
/* p provides extra e (declared, or some requirement comes with it). */
bool check_extra_provided(struct sl_check *c, const struct cpkg *p, const char *e);
/* The lock's requests whose marker holds, parsed once; *n set. */
struct creq *check_requests(struct sl_check *c, size_t *n);
/* The direct walk over idx[0..n): problems appended to out (may be NULL),
 * their count returned; *keep (may be NULL) receives the set. */
size_t check_direct(struct sl_check *c, const size_t *idx, size_t n, struct setv *keep,
		    struct probs *out);
void check_setv_release(struct setv *sv);

struct sl_solve;
/* check_pool.c: the namespace callback's context */
struct check_match {
	struct sl_check *c;
	size_t *by_handle; /* handle -> package index; SIZE_MAX: the interpreter */
	size_t nh;
	struct check_map specs; /* specifier text -> index into sets */
	const struct sl_specset **sets;
	size_t nsets, capsets;
};

/* A check's packages as a libsolv pool. */
struct check_pool {
	struct sl_solve *s;
	struct check_match m;
	struct check_map named;	 /* "name[extra]" some requirement asks for */
	struct check_map pseudo; /* "name[extra]" present as a pseudo-package */
	char **owned;		 /* the keys of named */
	size_t nowned;
	int *h;		/* package index -> handle */
	int requests;	/* the requests' pseudo-package */
	size_t *px_pkg; /* pseudo-packages to add: package index, extra */
	const char **px_ext;
	size_t npx, cappx;
};

/* A pool of idx[0..n): the first ninst installed, the rest alternatives;
 * sv (may be NULL) adds the extras the set requests.  0 or SL_E*. */
int check_pool_build(struct sl_check *c, struct check_pool *pl, const size_t *idx, size_t n,
		     size_t ninst, const struct setv *sv, struct sl_err *err);
void check_pool_release(struct check_pool *pl);

/* check_report.c: groups, sorts and words the problems into r. */
void check_report_fill(struct sl_check *c, const struct probs *p, struct sl_check_report *r);

/* check_load.c */
int check_load_alternatives(struct sl_check *c, struct sl_err *err);

#endif
