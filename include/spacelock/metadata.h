/* metadata.h: Python core metadata (METADATA in a dist-info or a wheel,
 * PKG-INFO in an egg-info or an sdist), and egg-info requires.txt.
 *
 * Only the header block is read: the fields up to the first blank line,
 * RFC 822 style ("Field: value", continuation lines start with a space or
 * a tab, field names compare case-insensitively).  A body after the blank
 * line (the long description) is ignored.  Like Python's email parser, a
 * line that is neither a field nor a continuation ends the header block.
 * Values are kept exactly as written (trimmed), versions included. */
#ifndef SPACELOCK_METADATA_H
#define SPACELOCK_METADATA_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Upper bound on the header block (PKG-INFO of Metadata 1.x keeps the long
 * description in a folded header, so this is generous). */
#define SL_METADATA_HEADER_MAX ((size_t)8 << 20)

struct sl_metadata {
	char *metadata_version;	    /* "Metadata-Version", or NULL */
	char *name;		    /* "Name" as written */
	char *version;		    /* "Version" as written */
	unsigned long name_line;    /* 1-based line of the Name field */
	unsigned long version_line; /* 1-based line of the Version field */
	char *requires_python;	    /* "Requires-Python", or NULL */
	char **requires_dist;	    /* every "Requires-Dist", in file order */
	size_t n_requires_dist;
	char **provides_extra; /* every "Provides-Extra", in file order */
	size_t n_provides_extra;
	char **provides_dist; /* every "Provides-Dist", in file order */
	size_t n_provides_dist;
	/* "Dynamic: Requires-Dist" as written.  The core metadata
	 * specification gives Dynamic a meaning only in an sdist's PKG-INFO:
	 * in a wheel's or an installed .dist-info METADATA (setuptools writes
	 * Dynamic lines there too) the fields are final, as pip check reads
	 * them. */
	bool dynamic_requires_dist;
	/* Requires-Dist cannot be trusted to be complete, decided for sdists
	 * only (archive.c): PKG-INFO lists Requires-Dist as Dynamic, or is
	 * older than 2.2 with no egg-info requires.txt beside it.  check
	 * reports such a package as unverifiable. */
	bool requires_dist_unknown;
	/* private: capacities of the arrays above */
	size_t cap_requires_dist, cap_provides_extra, cap_provides_dist;
};

/* Zeroes m; call before any other function on it. */
void sl_metadata_init(struct sl_metadata *m);

/* Frees every string and array of m and leaves it initialised (empty). */
void sl_metadata_release(struct sl_metadata *m);

/* Parses the header block of a METADATA / PKG-INFO document of len bytes
 * (need not be NUL-terminated; may stop anywhere after the blank line).
 * source names the input in messages ("path" or "file.whl!x/METADATA").
 * Fills m (which must be initialised and is released first).
 * Errors: SL_EPARSE "source:line: ..." for a NUL byte in the header, a
 * missing Name or a missing Version (m is then left empty); SL_ELIMIT when
 * the header block is larger than SL_METADATA_HEADER_MAX. */
int sl_metadata_parse(const char *data, size_t len, const char *source, struct sl_metadata *m,
		      struct sl_err *err);

/* Reads the header block of the file at path (stops reading at the first
 * blank line, so a long description is never loaded) and parses it as
 * sl_metadata_parse does.  Errors: SL_EIO (with path) when it cannot be
 * read, SL_ENOTFOUND when it does not exist, and the parse errors. */
int sl_metadata_read_file(const char *path, struct sl_metadata *m, struct sl_err *err);

/* As sl_metadata_read_file, for the file rel relative to the directory
 * dirfd (AT_FDCWD for the working directory); path names it in messages.
 * A scan of site-packages opens each METADATA relative to its directory,
 * so the kernel does not walk the whole path again for every file. */
int sl_metadata_read_fileat(int dirfd, const char *rel, const char *path, struct sl_metadata *m,
			    struct sl_err *err);

/* True when data[0..len) already holds the blank line that ends the header
 * block (or starts with one), so a reader can stop reading.  Bytes before
 * from were checked by an earlier call (from = previous len is fine). */
bool sl_metadata_header_complete(const char *data, size_t len, size_t from);

/* Adds the requirements of an egg-info requires.txt (len bytes) to m as
 * Requires-Dist strings, the way pip does for egg-info distributions:
 * a "[extra]" section gives `req ; extra == "extra"`, "[:marker]" gives
 * `req ; marker`, "[extra:marker]" gives `req ; (marker) and extra ==
 * "extra"` (the extra canonicalised), and each new extra is added to
 * provides_extra unless m already had Provides-Extra fields.  Blank lines and '#' comments are
 * skipped; like pip, a line is a section header only when it starts with '[' and ends with ']'. Pip
 * only does this when METADATA has no Requires-Dist; callers check that.  Errors: SL_EPARSE
 * "source:line: ..." for a NUL byte. */
int sl_metadata_add_requires_txt(struct sl_metadata *m, const char *data, size_t len,
				 const char *source, struct sl_err *err);

#endif
