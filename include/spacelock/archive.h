/* archive.h: core metadata read from distribution files on disk (libarchive
 * is wrapped here and nowhere else), and an index of a folder of them.
 *
 * A wheel (.whl, a zip) carries <name>-<version>.dist-info/METADATA; an
 * sdist (.tar.gz, .tgz, .tar.bz2, .tar.xz, .zip) carries <top>/PKG-INFO at
 * depth one.  Archives are untrusted: the member is read with a size bound
 * (SL_ARCHIVE_MEMBER_MAX), at most SL_ARCHIVE_ENTRIES_MAX entries are
 * looked at, absolute paths and ".." are never matched, and nothing is
 * ever extracted to disk. */
#ifndef SPACELOCK_ARCHIVE_H
#define SPACELOCK_ARCHIVE_H

#include <stddef.h>

#include "error.h"
#include "metadata.h"

#define SL_ARCHIVE_MEMBER_MAX ((size_t)8 << 20)
#define SL_ARCHIVE_ENTRIES_MAX 200000

enum sl_archive_kind {
	SL_ARCHIVE_UNKNOWN = 0,
	SL_ARCHIVE_WHEEL, /* .whl */
	SL_ARCHIVE_SDIST, /* .tar.gz, .tgz, .tar.bz2, .tar.xz, .tar, .zip */
};

/* The kind of a distribution file from its name (case-insensitive
 * suffix); SL_ARCHIVE_UNKNOWN for anything else. */
enum sl_archive_kind sl_archive_kind_of(const char *filename);

/* Reads the core metadata of the wheel or sdist at path into m (which must
 * be initialised; it is released first).  The kind comes from the file
 * name.  Errors: SL_EINVAL for a name that is neither, SL_ENOTFOUND when
 * the file does not exist or holds no METADATA / PKG-INFO, SL_EIO when it
 * cannot be read, SL_EPARSE for a corrupt archive or bad metadata,
 * SL_ELIMIT for an over-large member or too many entries.  Messages name
 * the file ("x.whl: ..." or "x.whl!pkg-1.0.dist-info/METADATA:3: ..."). */
int sl_archive_read_metadata(const char *path, struct sl_metadata *m, struct sl_err *err);

/* The same for an archive held in memory (len bytes of data, of the given
 * kind; label names it in messages).  Used by the fuzz target. */
int sl_archive_read_metadata_mem(const void *data, size_t len, enum sl_archive_kind kind,
				 const char *label, struct sl_metadata *m, struct sl_err *err);

/* One distribution file of a folder, known by its file name. */
struct sl_dist_file {
	char *path;	 /* dir/filename */
	char *filename;	 /* as on disk */
	char *name;	 /* project name as spelled in the file name */
	char *canonical; /* PEP 503 name */
	char *version;	 /* version as spelled in the file name */
	enum sl_archive_kind kind;
};

struct sl_dist_file_list {
	struct sl_dist_file *v;
	size_t n;
	size_t cap;
};

#define SL_DIST_FILE_LIST_INIT                                                                     \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* Lists the wheels and sdists in dir (not recursively) by their file
 * names, sorted by canonical name, then version string, then wheels before
 * sdists, then file name.  Files whose names do not parse (wheelname.h:
 * a valid PEP 440 version is required) are skipped.
 * No archive is opened here: call sl_archive_read_metadata on the one you
 * need.  Errors: SL_ENOTFOUND / SL_EIO for dir (with its path). */
int sl_archive_index_dir(const char *dir, struct sl_dist_file_list *out, struct sl_err *err);

/* Whether dir can be listed, without reading it: 0, or the error
 * sl_archive_index_dir would return. */
int sl_archive_check_dir(const char *dir, struct sl_err *err);

/* The first file for (canonical, version) in a sorted list, or for any
 * version when version is NULL.  Versions compare as strings, exactly.
 * Returns a borrowed pointer or NULL. */
const struct sl_dist_file *sl_dist_file_list_find(const struct sl_dist_file_list *l,
						  const char *canonical, const char *version);

/* Frees every element and the array. */
void sl_dist_file_list_release(struct sl_dist_file_list *l);

#endif
