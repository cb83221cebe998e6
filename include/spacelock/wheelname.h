/* wheelname.h: distribution file names -> project name, version, tags.
 *
 * Wheels follow the binary distribution format specification:
 *   {name}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl
 * where name uses '_' for runs of '-', '_', '.', and tags may be compressed
 * sets joined by '.'.  Source distributions are {name}-{version}.tar.gz (or
 * .zip, .tar.bz2, .tar.xz, .tgz, .tar); legacy sdists may keep '-' in the
 * name, so the split is at the last '-' whose remainder is a valid PEP 440
 * version.  pip's metadata-first downloads ("X.whl.metadata") are accepted
 * and flagged. */
#ifndef SPACELOCK_WHEELNAME_H
#define SPACELOCK_WHEELNAME_H

#include <stdbool.h>

#include "error.h"

struct sl_wheelname {
	char *name;	    /* as written in the file name */
	char *version;	    /* as written */
	char *build;	    /* wheel build tag, or NULL */
	char *python_tag;   /* wheels only, else NULL: "py3", "cp313", "py2.py3" */
	char *abi_tag;	    /* "none", "abi3", "cp313" */
	char *platform_tag; /* "any", "manylinux_2_17_x86_64.manylinux2014_x86_64" */
	bool wheel;	    /* a wheel (else an sdist) */
	bool metadata;	    /* the name ended in ".metadata" (PEP 658 file) */
};

/* Parses a file name (a path or URL is cut at its last '/', and a "#..."
 * or "?..." suffix is dropped).  On success fills *out (release with
 * sl_wheelname_release).  Returns SL_EPARSE when the name is not a wheel
 * or sdist name with a valid version. */
int sl_wheelname_parse(const char *filename, struct sl_wheelname *out, struct sl_err *err);

/* Whether filename (cut as sl_wheelname_parse cuts it) names a PEP 658
 * ".metadata" file: what sl_wheelname_parse would mark metadata, without
 * parsing or allocating. */
bool sl_wheelname_is_metadata(const char *filename);

/* Frees the strings of *w and zeroes it. */
void sl_wheelname_release(struct sl_wheelname *w);

/* Splits "name-version" (pip's "Successfully installed" items, sdist stems)
 * at the last '-' whose remainder is a valid PEP 440 version: on success
 * *name and *version are new strings.  Returns SL_EPARSE otherwise. */
int sl_wheelname_split_name_version(const char *s, size_t len, char **name, char **version,
				    struct sl_err *err);

#endif
