/* distinfo.h: the distributions installed in a site-packages directory.
 *
 * Reads *.dist-info directories (METADATA), *.egg-info directories
 * (PKG-INFO, plus requires.txt when PKG-INFO has no Requires-Dist, as pip
 * does) and *.egg-info files (a bare PKG-INFO written by distutils), and
 * each dist-info's direct_url.json (PEP 610: VCS commit, URL, editable
 * local directory).  Only the metadata header is read: no RECORD, no long
 * description, no import of anything.  Results are sorted by canonical
 * name, then version, then path, so output is deterministic. */
#ifndef SPACELOCK_DISTINFO_H
#define SPACELOCK_DISTINFO_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "evidence.h"
#include "metadata.h"

enum sl_dist_kind {
	SL_DIST_DIST_INFO = 0, /* name-version.dist-info/METADATA */
	SL_DIST_EGG_INFO_DIR,  /* name-version[-pyX.Y].egg-info/PKG-INFO */
	SL_DIST_EGG_INFO_FILE, /* name-version[-pyX.Y].egg-info (a PKG-INFO file) */
};

/* PEP 610 direct_url.json, when present.  All strings may be NULL. */
struct sl_direct_url {
	char *url;		  /* "url" as written (https://..., file:///...) */
	char *vcs;		  /* vcs_info.vcs: "git", "hg", ... or NULL */
	char *commit_id;	  /* vcs_info.commit_id */
	char *requested_revision; /* vcs_info.requested_revision */
	bool editable;		  /* dir_info.editable */
	bool is_dir;		  /* dir_info present: a local directory install */
	bool is_archive;	  /* archive_info present: a wheel/sdist URL or file */
};

struct sl_dist {
	struct sl_metadata meta; /* name, version, requires_dist, ... as written */
	char *canonical;	 /* PEP 503 name of meta.name */
	char *path;		 /* the .dist-info / .egg-info directory or file */
	char *metadata_path;	 /* the file meta came from (METADATA, PKG-INFO) */
	enum sl_dist_kind kind;
	bool requested;	     /* a REQUESTED file exists (pip: asked for directly) */
	bool has_direct_url; /* direct_url.json was found and read */
	struct sl_direct_url direct;
};

/* A distribution the scan skipped (its metadata missing, unreadable or
 * without Name/Version): it is installed, but at an unknown version. */
struct sl_dist_skipped {
	char *path; /* the .dist-info / .egg-info directory or file */
	char *name; /* the project as the entry's file name spells it (the part
		       before the first '-'), or NULL when the name has none */
	char *why;  /* the error, with the path of the file at fault */
};

struct sl_dist_list {
	struct sl_dist *v;
	size_t n;
	size_t cap;
	/* Problems that did not stop the scan, one line each, with the path:
	 * unreadable or broken metadata (that dist is skipped), a bad
	 * direct_url.json (the dist is kept without it), the same project
	 * installed twice.  Sorted. */
	char **warnings;
	size_t n_warnings;
	size_t cap_warnings;
	/* The skipped distributions (each also has a warning), sorted by path. */
	struct sl_dist_skipped *skipped;
	size_t n_skipped;
	size_t cap_skipped;
};

#define SL_DIST_LIST_INIT                                                                          \
	{                                                                                          \
		NULL, 0, 0, NULL, 0, 0, NULL, 0, 0                                                 \
	}

/* Scans site_packages (not recursively) and appends every distribution it
 * finds to out, then sorts out (canonical name, version, path).  A broken
 * distribution becomes a warning in out->warnings, not an error.  Errors:
 * SL_ENOTFOUND when site_packages does not exist, SL_EIO when it cannot be
 * listed (message has the path). */
int sl_distinfo_scan(const char *site_packages, struct sl_dist_list *out, struct sl_err *err);

/* Reads one distribution: a .dist-info or .egg-info directory, or an
 * .egg-info file, at path.  Fills *d (owned by the caller, freed with
 * sl_dist_release).  Errors: as sl_metadata_read_file, plus SL_EPARSE for
 * a malformed direct_url.json (path in the message). */
int sl_distinfo_read_one(const char *path, struct sl_dist *d, struct sl_err *err);

/* Frees everything d owns. */
void sl_dist_release(struct sl_dist *d);

/* Frees every element, warning and array; the list is empty afterwards. */
void sl_dist_list_release(struct sl_dist_list *l);

/* Finds the first distribution with this canonical name in a sorted list
 * (binary search).  Returns a borrowed pointer, or NULL. */
const struct sl_dist *sl_dist_list_find(const struct sl_dist_list *l, const char *canonical);

/* Scans site_packages and appends one SL_EV_INSTALLED observation per
 * distribution to obs: name and version as written, source = the METADATA
 * (or PKG-INFO) path, line = the Version line, text = "Version: X",
 * origin SL_ORIGIN_UNKNOWN; for a PEP 610 VCS install vcs_url is
 * "<vcs>+<url>" (pip freeze's spelling) and vcs_commit the commit id; for
 * other direct URL installs (local directory, archive) vcs_url is the url
 * and vcs_commit NULL.  Broken distributions are skipped (use
 * sl_distinfo_scan to see the warnings and l->skipped).  Errors: as
 * sl_distinfo_scan. */
int sl_distinfo_observe(const char *site_packages, struct sl_obs_list *obs, struct sl_err *err);

/* The observations sl_distinfo_observe makes, from a list already scanned
 * (so a caller can also report l->warnings).  Appends to obs; never fails. */
void sl_distinfo_to_obs(const struct sl_dist_list *l, struct sl_obs_list *obs);

#endif
