/* diff_private.h: what diff.c (the comparison), diff_runtime.c,
 * diff_cause.c (causes and ranking), diff_rules.c (the data files) and
 * diff_render.c share. */
#ifndef SPACELOCK_DIFF_PRIVATE_H
#define SPACELOCK_DIFF_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "spacelock/buf.h"
#include "spacelock/diff.h"
#include "spacelock/lock.h"
#include "spacelock/version.h"

enum { SRC = 0, DUP = 1 };

/* What one lock says about one package: locked (pkg) or named but
 * unproven (inc), with who asked for it either way. */
struct diff_view {
	const struct sl_lock_package *pkg;
	const struct sl_lock_incomplete *inc;
	const struct sl_lock_request *requests;
	size_t n_requests;
};

/* A lock's packages and unproven packages by canonical name, sorted. */
struct diff_name {
	const char *name;
	const struct sl_lock_package *pkg;
	const struct sl_lock_incomplete *inc;
};

struct diff_ctx {
	const struct sl_lock *lock[2];
	struct diff_name *names[2];
	size_t n_names[2];
	const struct sl_diff_rules *rules;
	struct sl_diff *d;
	bool lists_all[2];	    /* absence from the lock means "not installed" */
	bool knows_requirements[2]; /* the lock read the Space's requirement lines */
	bool card_known[2];	    /* the lock read the card (declared keys are meaningful) */
	size_t cap_runtime, cap_requirements, cap_packages;
};

/* ---- diff.c ---- */
void diff_view_of(const struct diff_ctx *c, int side, const char *name, struct diff_view *out);
/* The requirement texts of requests made by `by`, sorted, unique, "; "-joined
 * into out (empty when none); returns how many. */
size_t diff_request_texts(const struct diff_view *v, enum sl_origin by, struct sl_buf *out);
/* The package entry of the diff for name, or NULL. */
const struct sl_diff_package *diff_find_package(const struct sl_diff *d, const char *name);
/* The canonical sdk package of a lock ("gradio", "streamlit") or NULL. */
char *diff_sdk_package(const struct sl_lock *lock);
/* The strings' array copy. */
char **diff_strv_dup(char *const *v, size_t n);
void diff_strv_free(char **v, size_t n);

/* ---- diff_runtime.c ---- */
void diff_runtime(struct diff_ctx *c);
/* The builder's step of a lock with its sdk pin written as
 * name[extras]==<sdk_version>, so two eras compare apart from the sdk
 * version (which sdk_version reports). */
char **diff_platform_normalized(const struct sl_lock *lock, size_t *n);

/* ---- diff_cause.c ---- */
void diff_explain(struct diff_ctx *c);
void diff_rank(struct diff_ctx *c);

/* ---- diff_rules.c ---- */
struct diff_impact {
	char *package;
	int when; /* enum when in diff_rules.c */
	struct sl_version *boundary;
	char *hardware; /* or NULL */
	int level;	/* 2 high, 1 medium */
	char *why;
};

struct diff_removal {
	char *module;
	struct sl_version *removed;
	char *removed_text; /* "3.13" */
	char *backport;	    /* or NULL */
	char **used_by;
	size_t n_used_by;
};

/* A change as the impact rules see it. */
struct diff_change_view {
	const char *name;
	enum sl_diff_change change;
	const char *from, *to; /* versions, NULL when absent */
	const char *hardware[2];
};

/* The strongest rule matching the change (the first in the file among
 * equals), or NULL. */
const struct diff_impact *diff_rules_impact(const struct sl_diff_rules *r,
					    const struct diff_change_view *cv);

/* The modules removed after one Python and up to the other (in either
 * order), in file order; *n set.  The array is new, its items borrowed. */
const struct diff_removal **diff_rules_removed(const struct sl_diff_rules *r, const char *py_a,
					       const char *py_b, size_t *n);

/* Parses v or NULL when it is not a PEP 440 version. */
struct sl_version *diff_version(const char *v);

/* ---- diff_render.c helpers used by the others ---- */
/* "a, b, c" of v[0..n) (at most max names, then ", and N more"). */
void diff_join(struct sl_buf *b, char *const *v, size_t n, size_t max);

#endif
