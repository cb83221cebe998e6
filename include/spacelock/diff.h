/* diff.h: what differs between two locks of a Space, the most likely cause
 * of each difference, and what matters most (docs/commands/diff.md).
 *
 * The source is the Space that works, the duplicate the one that behaves
 * differently.  sl_diff_compare looks at
 *  - the runtime: hardware, the Python that ran (version, image, digest),
 *    sdk and sdk_version, the builder's own step, the build's outcome, the
 *    names of secrets and variables, card keys that change behaviour, apt
 *    packages;
 *  - the Space's own requirement lines;
 *  - every package: added, removed, upgraded, downgraded, changed in kind
 *    (index <-> VCS, VCS commit, +local build), or unknown on one side
 *    (a lock that cannot tell never makes a package "removed").
 * Each package change gets a cause drawn from the two locks and a rank
 * driven by data/high-impact.txt; the runtime outranks every package.
 * The result is plain data (other verbs walk it: repin) with three
 * renderers that append to a buffer: text for people, Markdown for commit
 * messages and pull requests, JSON for scripts.  Nothing here prints. */
#ifndef SPACELOCK_DIFF_H
#define SPACELOCK_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "evidence.h"
#include "lock.h"

enum sl_diff_change {
	SL_DIFF_ADDED = 0, /* only the duplicate has it */
	SL_DIFF_REMOVED,   /* only the source has it, and the duplicate's lock lists all */
	SL_DIFF_UPGRADED,
	SL_DIFF_DOWNGRADED,
	SL_DIFF_CHANGED, /* different, not ordered: a kind, a +local build, a name list */
	SL_DIFF_UNKNOWN, /* known on one side only: unknown_in says where it is not */
};

/* Which lock something is unknown in. */
enum sl_diff_side { SL_DIFF_NOWHERE = 0, SL_DIFF_IN_SOURCE, SL_DIFF_IN_DUPLICATE };

/* The most likely cause of a package change, from what the two locks hold. */
enum sl_diff_cause {
	SL_CAUSE_NONE = 0,    /* nothing in the two locks explains it */
	SL_CAUSE_SDK_VERSION, /* the card's sdk_version differs */
	SL_CAUSE_REQUIREMENT, /* a requirement line of the Space differs */
	SL_CAUSE_PLATFORM,    /* the builder asked for something else */
	SL_CAUSE_PARENT,      /* a package that asks for it moved */
	SL_CAUSE_PYTHON,      /* a different Python: removed modules, markers, Requires-Python */
	SL_CAUSE_RESOLVED,    /* an open requirement resolved on another day */
};

/* One runtime difference.  Values are lists: a scalar field has zero (not
 * set) or one item, a list field (secrets, apt packages, the builder's
 * step) any number. */
struct sl_diff_field {
	const char *field; /* stable name: "hardware", "python", "sdk_version", ... */
	enum sl_diff_change change;
	enum sl_diff_side unknown_in;
	bool list;
	char **from, **to; /* source and duplicate values */
	size_t n_from, n_to;
	const char *kind; /* for versions: "major", "minor", "patch", ...; else NULL */
	char *reason;	  /* one clause for people, or "" */
	size_t rank;	  /* 1-based over every difference, runtime first */
};

/* A requirement line of the Space (requirements.txt) that differs. */
struct sl_diff_request {
	char *name;		    /* canonical package name */
	enum sl_diff_change change; /* ADDED, REMOVED or CHANGED */
	char *from, *to;	    /* the requirement text(s), "; "-joined; NULL when absent */
	char *from_at, *to_at;	    /* "requirements.txt:2", or NULL */
	char *reason;
	size_t rank;
};

struct sl_diff_package {
	char *name; /* canonical */
	enum sl_diff_change change;
	enum sl_diff_side unknown_in;
	const char *kind; /* "epoch" ... "local" (sl_version_part_name), "vcs" (index <-> VCS),
			     "vcs-commit", "vcs-url", or NULL */
	char *from, *to;  /* versions as locked; NULL when absent or unknown */
	char *from_vcs, *to_vcs; /* "url@commit" for VCS installs, else NULL */
	/* a version its lock infers (snapshot --reconstruct) rather than proves:
	 * "inferred as of 2024-03-15T12:30:00" (sl_lock_inferred_mark); NULL
	 * for a proven one */
	char *from_inferred, *to_inferred;
	char *expected;	       /* UNKNOWN sdk package: the version its sdk_version implies */
	enum sl_origin origin; /* in the duplicate when it has it, else in the source */
	char **chain;	       /* TRANSITIVE: who pulled it in, root first */
	size_t n_chain;
	enum sl_diff_cause cause;
	char *reason;	    /* the cause in words, for people */
	const char *impact; /* "high", "medium" (data/high-impact.txt) or NULL */
	char *impact_why;   /* the matching rule's why, or NULL */
	int score;	    /* the ranking key: higher first (docs/commands/diff.md) */
	size_t rank;
};

/* One side of the comparison, for headers. */
struct sl_diff_end {
	char *label; /* the lockfile path or Space id the user gave */
	char *id, *revision, *build_time, *built_commit, *build_status;
	char *unknown_why;		/* why its lock does not prove every package, or NULL */
	size_t n_inferred, n_ambiguous; /* versions its lock infers, of them ambiguous */
};

struct sl_diff {
	struct sl_diff_end source, duplicate;
	struct sl_diff_field *runtime; /* ranked */
	size_t n_runtime;
	struct sl_diff_request *requirements; /* ranked */
	size_t n_requirements;
	struct sl_diff_package *packages; /* ranked */
	size_t n_packages;
};

/* The rules diff ranks and explains with: data/high-impact.txt and
 * data/python-removed.txt (datafile.h). */
struct sl_diff_rules;

/* An empty rule set (no package ranks higher, no module removed). */
struct sl_diff_rules *sl_diff_rules_new(void);

/* Adds the rules of one data file (name labels messages); a stanza is a
 * high-impact rule when it has "package", a removed module when it has
 * "module".  Unknown keys, a missing source, a bad version or an unknown
 * "when" are SL_EPARSE "name:line: ..."; the rules added so far stay. */
int sl_diff_rules_add(struct sl_diff_rules *rules, const char *name, const char *text, size_t len,
		      struct sl_err *err);

/* The rules spacelock is built with (the embedded data files).  *out is
 * new (free with sl_diff_rules_free); SL_EPARSE only if a data file is
 * broken, which t_diff catches before a release. */
int sl_diff_rules_load(struct sl_diff_rules **out, struct sl_err *err);

void sl_diff_rules_free(struct sl_diff_rules *rules);

/* Compares source with duplicate (labels as the user named them; rules may
 * be NULL: no ranking data).  Cannot fail; free with sl_diff_free.  The
 * same locks give the same diff, and swapping them gives its mirror image:
 * the same entries and ranks with sides, added/removed and
 * upgraded/downgraded exchanged. */
struct sl_diff *sl_diff_compare(const struct sl_lock *source, const char *source_label,
				const struct sl_lock *duplicate, const char *duplicate_label,
				const struct sl_diff_rules *rules);

void sl_diff_free(struct sl_diff *d);

/* Whether anything differs (runtime, requirements or packages, unknowns
 * included): the exit status of `spacelock diff`. */
bool sl_diff_differs(const struct sl_diff *d);

/* Renderers: append the diff to out.  Text is grouped, most important
 * first, one line each with the reason; SL_DIFF_COLOR adds ANSI colours.
 * Markdown is a table of old -> new with the reason, for commit messages
 * and pull requests.  JSON has stable keys (docs/commands/diff.md). */
#define SL_DIFF_COLOR 1u
void sl_diff_render_text(const struct sl_diff *d, unsigned flags, struct sl_buf *out);
void sl_diff_render_markdown(const struct sl_diff *d, struct sl_buf *out);
void sl_diff_render_json(const struct sl_diff *d, struct sl_buf *out);

/* "added", "removed", "upgraded", "downgraded", "changed", "unknown". */
const char *sl_diff_change_name(enum sl_diff_change c);

/* "none", "sdk-version", "requirement", "platform", "parent", "python",
 * "resolved". */
const char *sl_diff_cause_name(enum sl_diff_cause c);

#endif
