/* lock.h: the lock model, what a lockfile holds in memory.
 *
 * A lock says which Space it describes (as its card declares it), which
 * interpreter and base image really ran, every package whose version some
 * input proves (with that proof), and what stays unknown and why.  The
 * structs are plain data that readers of the model (check, diff, apply)
 * walk directly; build and change them with the functions below so that
 * ownership stays clear: every string is owned by the lock.
 * docs/lockfile.md describes the JSON form (lockfile.h reads and writes it). */
#ifndef SPACELOCK_LOCK_H
#define SPACELOCK_LOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "evidence.h"

/* 2: packages carry "requests" (version 1's single "requirement" is read
 * as a direct request without a source).  3: a package may be "inferred"
 * (snapshot --reconstruct).  A lock with no inferred package is written as
 * version 2, so that a spacelock that does not know version 3 still reads
 * it; versions 1 to 3 are read. */
#define SL_LOCK_FORMAT_VERSION 3
#define SL_LOCK_FORMAT_VERSION_PLAIN 2

/* One piece of proof for a package: which input, which line. */
struct sl_lock_evidence {
	char *source;	    /* the input (path or label) */
	unsigned long line; /* 1-based line, 0 when the input is not line-based */
	char *text;	    /* the line itself, bounded and sanitised */
	enum sl_strength kind;
	char *version; /* the version this line shows, or NULL */
};

/* Package metadata stored by `check --update-lock` (all optional). */
struct sl_lock_metadata {
	char **requires_dist; /* Requires-Dist lines as written */
	size_t n_requires_dist;
	char *requires_python; /* Requires-Python, or NULL */
	char **provides_extra;
	size_t n_provides_extra;
};

/* One request for a package: who asked for it, with which requirement,
 * where that shows.  A package may be requested by the Space's
 * requirements, by the platform and by other packages at once. */
struct sl_lock_request {
	enum sl_origin by;  /* DIRECT, PLATFORM or TRANSITIVE */
	char *requirement;  /* "gradio>=4.40.0", "gradio[oauth]==4.31.0", or NULL */
	char *source;	    /* the input, or NULL when not known */
	unsigned long line; /* 1-based, 0 when not known */
	char *parent;	    /* TRANSITIVE: canonical name of the package that asked */
};

/* A version a resolution would have chosen at some date of the window. */
struct sl_lock_alternative {
	char *version;
	char *from;  /* the first date of the window it would have been chosen at */
	char *until; /* the date the next alternative took over; NULL: the window's end */
};

/* A version no input proves, inferred by resolving as pip would have on
 * the day the layer was built (docs/reconstruct.md).  Never evidence. */
struct sl_lock_inferred {
	char *as_of;	    /* the date the version was resolved at (the window's end) */
	char *window_start; /* the earliest date the layer can have been built, or NULL */
	char *window_end;   /* the latest (the build that printed CACHED) */
	char *rule;	    /* how it was chosen, e.g. "pip: newest installable" */
	bool ambiguous;	    /* false: the window's dates agree ("exact") */
	struct sl_lock_alternative *alternatives; /* ambiguous: each version, in date order */
	size_t n_alternatives;
};

struct sl_lock_package {
	char *name;    /* PEP 503 canonical */
	char *version; /* exact, as installed */
	/* The summary: the origin of the request whose evidence proves the
	 * locked version, else direct before platform before transitive. */
	enum sl_origin origin;
	struct sl_lock_request *requests; /* every request, sorted (by, source, line, ...) */
	size_t n_requests;
	char **required_by; /* transitive: canonical names of parents, sorted */
	size_t n_required_by;
	char *vcs_url;	  /* VCS / direct URL install, or NULL */
	char *vcs_commit; /* resolved commit, or NULL */
	struct sl_lock_evidence *evidence;
	size_t n_evidence;
	struct sl_lock_metadata *metadata; /* NULL when not stored */
	struct sl_lock_inferred *inferred; /* NULL: proven by evidence */
};

/* Something the inputs could not prove. */
struct sl_lock_incomplete {
	char *what; /* "package 'pydub'", "build", "step 'RUN pip install ...'" */
	char *why;
	char *remedy;
	/* A package whose version nothing proves keeps who asked for it (the
	 * Space's requirement line, the platform, a parent), as a locked
	 * package does: a diff needs "pydantic>=2.9.0" even when the build
	 * stopped before pip chose a version. */
	struct sl_lock_request *requests;
	size_t n_requests;
};

/* The Space as its card declares it; NULL means not known / not declared. */
struct sl_lock_space {
	char *id;	/* owner/name */
	char *revision; /* the commit the files were read at */
	char *hardware; /* the hardware it ran on (from the Hub) */
	char *sdk;
	char *sdk_version;
	char *python_version; /* as declared, e.g. "3.10" even when unquoted */
	char *app_file;
	char *suggested_hardware;
	char *startup_duration_timeout;
	char **preload_from_hub;
	size_t n_preload_from_hub;
	char **system_packages; /* packages.txt lines (apt), declared only */
	size_t n_system_packages;
	/* The NAMES (never values) of the Space's secrets and variables, from
	 * the Hub.  *_known is false when they are not known (no Hub, or the
	 * token may not read them); a known list may be empty.  A duplicate of
	 * the Space does not get the source's secrets. */
	char **secrets;
	size_t n_secrets;
	bool secrets_known;
	char **variables;
	size_t n_variables;
	bool variables_known;
};

/* What really ran, from build logs (or the card when no log says). */
struct sl_lock_runtime {
	char *python;	     /* "3.13", "3.8.9", or NULL when unknown */
	char *python_source; /* "build-log", "card", "site-packages" or NULL */
	char *base_image;    /* "docker.io/library/python:3.13" */
	char *digest;	     /* "sha256:..." */
	char *build_time;    /* "2026-05-13 16:49:14" as the log prints it */
	char *built_commit;  /* the log's Commit SHA */
	char *build_status;  /* "succeeded", "failed", "unknown" or NULL (no build log) */
	/* The builder's own pip step that installs the sdk, its requirement
	 * arguments in the order written ("gradio[oauth]==4.31.0", "spaces",
	 * ...), led by "-r requirements.txt" when the same pip run installs
	 * the Space's requirements (the builder's layout since 2025).  How the
	 * platform installs gradio and spaces changes between builder eras,
	 * which a diff of two locks must see.  Empty when no log shows it. */
	char **platform_step;
	size_t n_platform_step;
};

/* The package index the Space's requirements files point pip at (pip's
 * --index-url, --extra-index-url, -f/--find-links, --no-index, --pre and
 * --trusted-host lines): without them a CPU-only torch from the PyTorch
 * index cannot be reproduced; apply and export write them back.  URLs are
 * kept without a password written in them (never stored: a secret). */
struct sl_lock_index {
	char *index_url; /* the last --index-url, or NULL: pip's default */
	char **extra_index_urls;
	size_t n_extra_index_urls;
	char **find_links;
	size_t n_find_links;
	char **trusted_hosts;
	size_t n_trusted_hosts;
	bool no_index;
	bool pre;
};

struct sl_lock {
	int format_version; /* SL_LOCK_FORMAT_VERSION */
	struct sl_lock_space space;
	struct sl_lock_runtime runtime;
	struct sl_lock_package *packages;
	size_t n_packages;
	struct sl_lock_incomplete *incomplete;
	size_t n_incomplete;
	char **warnings;
	size_t n_warnings;
	char **inputs; /* "build-log: build.log", ... in the order given */
	size_t n_inputs;
	struct sl_lock_index index;	     /* "index" in the file, absent when nothing is set */
	size_t cap_packages, cap_incomplete; /* private */
	struct sl_lock_names *names;	     /* private: sl_lock_find's index by name */
};

/* A version a lock may hold: PEP 440, or a legacy version as old pip
 * installed them ("2004d": an alphanumeric first, then only letters,
 * digits and . _ + ! -; at most 128 bytes).  snapshot locks no other, and
 * the reader refuses any other ("not a version"). */
bool sl_lock_version_ok(const char *v);

/* Frees the index options' strings and clears *ix. */
void sl_lock_index_release(struct sl_lock_index *ix);

/* True when a requirements file set any index option. */
bool sl_lock_index_is_set(const struct sl_lock_index *ix);

/* A new empty lock; free with sl_lock_free (NULL allowed). */
struct sl_lock *sl_lock_new(void);
void sl_lock_free(struct sl_lock *lock);

/* Replaces the string *slot with a copy of value (NULL clears it).  Use it
 * for every char * field of the structs above. */
void sl_lock_set(char **slot, const char *value);

/* Appends a copy of s to the string array (*v, *n). */
void sl_lock_strv_add(char ***v, size_t *n, const char *s);

/* Adds a package with canonical name and version (copied) and returns it,
 * owned by the lock.  The pointer stays valid until the next add. */
struct sl_lock_package *sl_lock_add_package(struct sl_lock *lock, const char *name,
					    const char *version);

/* The package with this canonical name, or NULL.  Hashed: a lock's
 * packages are found in constant time (reading a lock calls it per
 * package).  A package's name is not changed after it is added; adding
 * and sl_lock_sort keep the index, and so does any change of
 * n_packages. */
struct sl_lock_package *sl_lock_find(const struct sl_lock *lock, const char *name);

/* Appends a copy of one piece of evidence to a package. */
void sl_lock_package_add_evidence(struct sl_lock_package *pkg, const struct sl_lock_evidence *ev);

/* Adds a copy of *rq to the package's requests unless an equal one (same
 * by, requirement, source, line and parent) is already there. */
void sl_lock_package_add_request(struct sl_lock_package *pkg, const struct sl_lock_request *rq);

/* Adds parent (copied) to required_by unless it is already there. */
void sl_lock_package_add_parent(struct sl_lock_package *pkg, const char *parent);

/* Stores metadata (everything copied; any array may be empty, requires_python
 * NULL), replacing what the package had. */
void sl_lock_package_set_metadata(struct sl_lock_package *pkg, const char *const *requires_dist,
				  size_t n_requires_dist, const char *requires_python,
				  const char *const *provides_extra, size_t n_provides_extra);

/* The stored metadata or NULL. Borrowed. */
const struct sl_lock_metadata *sl_lock_package_metadata(const struct sl_lock_package *pkg);

/* Marks the package inferred with a copy of *inf (NULL: proven again). */
void sl_lock_package_set_inferred(struct sl_lock_package *pkg, const struct sl_lock_inferred *inf);

/* How many packages are inferred, how many of them ambiguous. */
size_t sl_lock_count_inferred(const struct sl_lock *lock, size_t *ambiguous);

/* What every verb says of an inferred version, so that check, diff, export
 * and apply word it alike: "inferred as of 2024-03-15T12:30:00" (ambiguous:
 * "..., ambiguous"), followed where a sentence has room by
 * SL_LOCK_INFERRED_WHY.  A new string (free it). */
char *sl_lock_inferred_mark(const struct sl_lock_inferred *inf);
#define SL_LOCK_INFERRED_WHY "not proven by a log"

/* "exact" or "ambiguous", as the lockfile writes an inferred confidence. */
const char *sl_lock_inferred_confidence(const struct sl_lock_inferred *inf);

/* The lockfile_version a lock is written with: 3 when a package is
 * inferred, else 2 (readable by a spacelock that predates version 3). */
int sl_lock_format_of(const struct sl_lock *lock);

/* Records something unknown (strings copied; remedy may be NULL). */
void sl_lock_add_incomplete(struct sl_lock *lock, const char *what, const char *why,
			    const char *remedy);

/* The incomplete entry most recently added (NULL when there is none), to
 * attach requests to it.  Valid until the next add. */
struct sl_lock_incomplete *sl_lock_last_incomplete(struct sl_lock *lock);

/* Removes incomplete entry i (its strings freed), keeping the others' order. */
void sl_lock_remove_incomplete(struct sl_lock *lock, size_t i);

/* As sl_lock_package_add_request, for an unproven package. */
void sl_lock_incomplete_add_request(struct sl_lock_incomplete *e, const struct sl_lock_request *rq);

/* Records a warning (copied); an identical warning is kept once. */
void sl_lock_add_warning(struct sl_lock *lock, const char *msg);

/* Sorts packages by name, their evidence by (source, line), their requests
 * and an incomplete entry's requests by (by, source, line, requirement,
 * parent), required_by,
 * space.secrets and space.variables, incomplete by (what, why), warnings; removes duplicate
 * incomplete entries.  The writer calls it, so a lock is written the same way whatever order it was
 * built in. */
void sl_lock_sort(struct sl_lock *lock);

/* true when nothing is incomplete. */
bool sl_lock_is_complete(const struct sl_lock *lock);

/* Parses an origin or strength name ("direct", "pip", ...) back; returns
 * -1 when unknown. */
int sl_lock_origin_from_name(const char *s);
int sl_lock_strength_from_name(const char *s);

#endif
