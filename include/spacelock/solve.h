/* solve.h: the libsolv layer (design A of docs/solver.md).
 *
 * A solve holds one pool for one target environment.  Each package
 * version is a solvable whose evr is an rpm-sortable key (so libsolv's
 * "newest", "upgrade" and "downgrade" agree with PEP 440); a requirement
 * with a specifier is one REL_NAMESPACE dependency whose callback asks the
 * caller's match function, so PEP 440 is evaluated by our own code and
 * never by libsolv.  Extras are pseudo-packages "name[extra]" that pin
 * their base exactly and live in a repo that is not installed.
 *
 * Packages are named by the int handle sl_solve_add returns.  Markers are
 * the caller's business: add only the requirements whose marker holds for
 * the target.  This is the only module that includes <solv/...>. */
#ifndef SPACELOCK_SOLVE_H
#define SPACELOCK_SOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct sl_solve;

/* Where a package goes: the set under test, the extras of anything, or
 * the alternative versions a fix may choose from. */
enum sl_solve_repo {
	SL_SOLVE_INSTALLED,
	SL_SOLVE_EXTRA,
	SL_SOLVE_AVAILABLE,
};

/* Creates an empty solve.  match(ctx, pkg, spec) must return true when
 * package pkg satisfies the specifier text spec (never empty); it is called
 * lazily, once per distinct (name, spec) and candidate.  Never fails. */
struct sl_solve *sl_solve_new(bool (*match)(void *ctx, int pkg, const char *spec), void *ctx);

/* Frees everything; s may be NULL. */
void sl_solve_free(struct sl_solve *s);

/* Adds a package version: name as the caller spells it (canonical, or
 * "name[extra]" for an extra), key its sortable version key.  All
 * SL_SOLVE_INSTALLED packages must be added before any other (SL_EINVAL
 * otherwise), and none after the first sl_solve_verify.  Returns the
 * handle (> 0) or a negative SL_E* code. */
int sl_solve_add(struct sl_solve *s, enum sl_solve_repo repo, const char *name, const char *key,
		 struct sl_err *err);

/* Package pkg requires name (a project or "name[extra]") at a version
 * matching spec; spec NULL or "" means any version. */
void sl_solve_require(struct sl_solve *s, int pkg, const char *name, const char *spec);

/* Package pkg (an extra) requires exactly package base. */
void sl_solve_require_pkg(struct sl_solve *s, int pkg, int base);

/* Installed package pkg may never change (the interpreter). */
void sl_solve_keep(struct sl_solve *s, int pkg);

/* Returns the name / key a package was added with (borrowed), its repo. */
const char *sl_solve_name(const struct sl_solve *s, int pkg);
enum sl_solve_repo sl_solve_repo_of(const struct sl_solve *s, int pkg);

/* Why libsolv thinks a problem exists: its most relevant rule. */
enum sl_solve_cause {
	SL_SOLVE_NOTHING_PROVIDES, /* source requires dep; no package matches */
	SL_SOLVE_REQUIRES,	   /* source requires dep; no match can be kept */
	SL_SOLVE_SAME_NAME,	   /* source and target are versions of one name */
	SL_SOLVE_OTHER,
};

struct sl_solve_problem {
	enum sl_solve_cause cause;
	int source, target;   /* handles, 0 when none */
	const char *dep_name; /* the dependency, borrowed from the solve */
	const char *dep_spec; /* "" when the dependency has no specifier */
};

/* Proves the installed set consistent: SOLVER_VERIFY|SOLVER_SOLVABLE_ALL
 * (or SOLVER_VERIFY of the n_only installed packages only[], when only is
 * not NULL), kept packages locked, the extras the set needs "installed"
 * from the extra repo; the alternatives are hidden, so nothing can change.
 * Fills *problems (caller frees the array; the strings are borrowed) and
 * *n; *n == 0 means consistent.  libsolv analyses every problem it meets
 * and restarts, which costs seconds on thousands of packages with a few
 * faults: verify only the packages already suspected when there are some.
 * Returns 0 or SL_ESOLVER. */
int sl_solve_verify(struct sl_solve *s, const int *only, size_t n_only,
		    struct sl_solve_problem **problems, size_t *n, struct sl_err *err);

/* One step of a fix: install pkg, remove it, or replace from by pkg. */
enum sl_solve_step { SL_SOLVE_INSTALL, SL_SOLVE_REMOVE, SL_SOLVE_UPGRADE, SL_SOLVE_DOWNGRADE };

struct sl_solve_action {
	enum sl_solve_step step;
	int pkg;  /* installed or removed package, or the replacement */
	int from; /* the replaced installed package, 0 unless up/downgrade */
};

struct sl_solve_fix {
	struct sl_solve_action *actions; /* sorted by name; extras left out */
	size_t n;
};

/* Proposes up to max distinct fixes, with downgrades allowed.  With
 * nsets > 0, one solve per set: the installed packages of sets[i] (lens[i]
 * handles) may change and every other installed package is locked; this is
 * the way on large sets, where the caller knows which packages a fix may
 * touch.  With nsets == 0, every installed package is locked and each of
 * libsolv's solutions of the first problem ("do not lock X") is followed.
 * Either way, problems left are settled by taking a solution (one that
 * removes nothing, when there is one), a few rounds at most; the
 * transactions with no problem left are the fixes.  Only possible when
 * alternatives were added.  *fixes is freed with sl_solve_fixes_free. */
int sl_solve_fixes(struct sl_solve *s, const int *const *sets, const size_t *lens, size_t nsets,
		   size_t max, struct sl_solve_fix **fixes, size_t *n, struct sl_err *err);

/* Frees what sl_solve_fixes returned. */
void sl_solve_fixes_free(struct sl_solve_fix *fixes, size_t n);

/* Resolves as an installer does (the dated resolution of snapshot
 * --reconstruct): installs, from the available and extra packages, one
 * package providing each request (names[i] at a version matching specs[i],
 * NULL or "" for any), libsolv's policy choosing the newest candidate of
 * every name a rule leaves open.  Installed packages are not used.  On
 * success fills *chosen with the handles of every package installed
 * (extras included; caller frees) and returns 0; when no set satisfies the
 * requests, returns SL_ESOLVER with *problems (as sl_solve_verify; caller
 * frees) describing why and *chosen NULL. */
int sl_solve_install(struct sl_solve *s, const char *const *names, const char *const *specs,
		     size_t nreq, int **chosen, size_t *n, struct sl_solve_problem **problems,
		     size_t *nproblems, struct sl_err *err);

/* The SHA-256 of data[0..len) as 64 lowercase hex digits and a NUL, with
 * libsolv's checksum code (the digest of a lock in a repin commit). */
void sl_sha256_hex(const void *data, size_t len, char out[65]);

#endif
