/* check.h: is a set of package versions consistent for its target?
 *
 * A check holds a set (from a lock or a site-packages directory), each
 * package's metadata (Requires-Dist, Requires-Python, Provides-Extra) from
 * the first source that has it (the lock itself, dist-info / egg-info
 * directories, wheels and sdists in a folder), and the target: CPython on
 * linux x86_64 at one Python version.  Running it applies the standards:
 * every Requires-Dist whose marker holds for the target, with the extras
 * actually requested, must be satisfied by the version in the set
 * (pre-releases included, as pip check does); Requires-Python must hold; a
 * package without metadata, or whose metadata leaves its requirements
 * unknown (Dynamic: Requires-Dist, an sdist PKG-INFO older than 2.2 without
 * an egg-info requires.txt), is "unverifiable", never silently consistent.
 * libsolv (solve.h) proves the verdict and, when alternative versions are
 * known (other versions in the wheels folder), proposes minimal fixes that
 * are re-verified before they are returned. */
#ifndef SPACELOCK_CHECK_H
#define SPACELOCK_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "lock.h"

struct sl_check;
struct sl_index;

/* At most this many Requires-Dist of one package's metadata are checked;
 * the rest are dropped with a warning.  A real METADATA lists at most a
 * few hundred; one someone else wrote must not decide how long a check
 * takes or how many problems it reports. */
#define SL_CHECK_MAX_REQUIRES 2000

struct sl_check_options {
	const char *python;	   /* target "3.13" or "3.13.1"; NULL: from the lock or path */
	const char *site_packages; /* metadata source (and the set, for sl_check_load_site) */
	const char *wheels;	   /* a folder of wheels / sdists, or NULL */
	bool offline;		   /* the index answers from its cache only */
	struct sl_index *index;	   /* the package index (index.h), or NULL: asked last,
				      for the packages no other source describes */
};

/* A new empty check; free with sl_check_free (NULL allowed). */
struct sl_check *sl_check_new(void);
void sl_check_free(struct sl_check *c);

/* Takes the set, the target and the requests (platform, direct) from a
 * lock (borrowed only during the call), then looks for each package's
 * metadata: the lock's own, o->site_packages, o->wheels, then o->index (its
 * failures are warnings: a package it cannot describe stays unverifiable;
 * with o->offline a cache miss is silent).  Target: o->python,
 * else runtime.python, else space.python_version, else SL_EINVAL asking for
 * --python.  Errors: SL_EINVAL, SL_EPARSE for a bad version or metadata
 * stored in the lock (with the package), SL_EIO / SL_ENOTFOUND for the
 * folders. */
int sl_check_load_lock(struct sl_check *c, const struct sl_lock *lock,
		       const struct sl_check_options *o, struct sl_err *err);

/* Takes the set from the distributions installed in o->site_packages.
 * Target: o->python, else guessed from the path (lib/pythonX.Y/site-packages,
 * refined by a venv's pyvenv.cfg), else SL_EINVAL asking for --python. */
int sl_check_load_site(struct sl_check *c, const struct sl_check_options *o, struct sl_err *err);

enum sl_check_kind {
	SL_CHECK_MISSING,      /* the required project is not in the set */
	SL_CHECK_MISMATCH,     /* it is, at a version the specifier refuses */
	SL_CHECK_PYTHON,       /* Requires-Python refuses the target */
	SL_CHECK_UNVERIFIABLE, /* no metadata found for the package, or its
				  requirements are unknown (see reason) */
};

struct sl_check_problem {
	enum sl_check_kind kind;
	const char *package; /* canonical name of the package that requires (for a
				request: the package requested) */
	const char *version; /* its version, as written (NULL: a missing request) */
	const char
	    *requirement;   /* the Requires-Dist (or Requires-Python) text; NULL if unverifiable */
	const char *extra;  /* the requested extra that brings the requirement, or NULL */
	const char *target; /* canonical name required (NULL for python, unverifiable) */
	const char *installed;	  /* mismatch: the target's version; python: the target python */
	const char *why;	  /* why package is in the set ("required by x"), or NULL */
	const char *requested_by; /* "platform" or "requirements" when the requirement is a
				     request of the Space, not of a package; else NULL */
	const char *requested_at; /* a request: "file:line" where it was made, or NULL */
	const char *reason;	  /* unverifiable: why the requirements are unknown although
				     metadata was found ("its metadata marks Requires-Dist
				     dynamic", "sdist PKG-INFO older than 2.2 lists no
				     requirements"); NULL when no metadata was found */
	size_t group;		  /* index into the report's groups: the root cause */
	/* the lock infers package's version (snapshot --reconstruct), not a
	 * log: its mark, "inferred as of 2024-03-15T12:30:00" (lock.h); NULL
	 * when proven.  installed_inferred: the same for the installed target. */
	const char *inferred;
	const char *installed_inferred;
};

/* A package of the set whose version the lock infers rather than proves. */
struct sl_check_inferred {
	const char *name;
	const char *version;
	const char *as_of; /* the date it was resolved at, or NULL */
	bool ambiguous;	   /* the window's dates disagree */
	const char *mark;  /* "inferred as of ..." (sl_lock_inferred_mark) */
};

/* Problems share a root cause: one package at one version, one missing
 * project, the interpreter, or one package without metadata. */
struct sl_check_group {
	enum sl_check_kind kind;
	const char *name;     /* the project at the root, or "python" */
	const char *version;  /* its version in the set, or NULL */
	const char *inferred; /* a mismatch whose version the lock infers: its mark */
	size_t count;	      /* problems in the group */
};

enum sl_check_step {
	SL_CHECK_PIN,
	SL_CHECK_UPGRADE,
	SL_CHECK_DOWNGRADE,
	SL_CHECK_ADD,
	SL_CHECK_REMOVE
};

struct sl_check_action {
	enum sl_check_step step; /* PIN: a directly requested package changes version */
	const char *name;
	const char *from; /* NULL for ADD */
	const char *to;	  /* NULL for REMOVE */
};

struct sl_check_solution {
	struct sl_check_action *actions;
	size_t n;
};

struct sl_check_report {
	bool consistent;
	bool site;		/* the set is installed (site-packages), not locked */
	const char *python;	/* the target interpreter version */
	size_t n_packages;	/* packages in the set */
	size_t solver_problems; /* libsolv's problem count; 0 iff no missing/mismatch/python */
	bool alternatives;	/* alternative versions were known */
	struct sl_check_problem *problems; /* sorted: group, package, requirement */
	size_t n_problems;
	struct sl_check_group *groups;
	size_t n_groups;
	struct sl_check_solution *solutions; /* each re-verified */
	size_t n_solutions;
	char **warnings; /* sorted; e.g. an extra that is not provided */
	size_t n_warnings;
	/* the index could not be reached (DNS, connection, timeout, 5xx after
	 * retries): n_unreached packages are undecided, neither consistent nor
	 * problems; unreached is the first failure, "URL: cause" */
	const char *unreached;
	size_t n_unreached;
	/* the set's inferred versions, in set order (none for a site-packages:
	 * what is installed is seen) */
	struct sl_check_inferred *inferred;
	size_t n_inferred, n_ambiguous;
};

/* Runs the check and fills *r (release with sl_check_report_release; its
 * strings are borrowed from c, so release it before freeing c).  Returns 0
 * whatever the verdict, or SL_ESOLVER when libsolv fails. */
int sl_check_run(struct sl_check *c, struct sl_check_report *r, struct sl_err *err);

void sl_check_report_release(struct sl_check_report *r);

/* Stores in lock (its packages with the same names) the metadata the check
 * used, so the next check of that lock needs no other source.  Returns the
 * number of packages that gained or changed metadata. */
size_t sl_check_store_metadata(const struct sl_check *c, struct sl_lock *lock);

/* Short names: "missing", "mismatch", "python", "unverifiable";
 * "pin", "upgrade", "downgrade", "add", "remove". */
const char *sl_check_kind_name(enum sl_check_kind k);
const char *sl_check_step_name(enum sl_check_step s);

#endif
