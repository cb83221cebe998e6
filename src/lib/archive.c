/* archive.c: METADATA inside wheels, PKG-INFO inside sdists (the only file
 * that sees libarchive), and an index of a folder of distribution files. */
#include "spacelock/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dynload.h"
#include "spacelock/buf.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/wheelname.h"

/* libarchive, loaded on first use (dynload.h says why): one typed pointer
 * per function used, and each name below made a call through its pointer. */
#define ARCHIVE_FUNCTIONS(X)                                                                       \
	X(archive_read_new)                                                                        \
	X(archive_read_support_format_zip)                                                         \
	X(archive_read_support_filter_gzip)                                                        \
	X(archive_read_support_filter_bzip2)                                                       \
	X(archive_read_support_filter_xz)                                                          \
	X(archive_read_support_format_tar)                                                         \
	X(archive_read_support_format_gnutar)                                                      \
	X(archive_read_open_memory)                                                                \
	X(archive_read_open_filename)                                                              \
	X(archive_read_next_header)                                                                \
	X(archive_read_data)                                                                       \
	X(archive_read_free)                                                                       \
	X(archive_error_string)                                                                    \
	X(archive_filter_bytes)                                                                    \
	X(archive_entry_pathname)                                                                  \
	X(archive_entry_filetype)

#define ARCHIVE_SLOT(f) __typeof__(f) *f;
static struct {
	ARCHIVE_FUNCTIONS(ARCHIVE_SLOT)
} la;
static int la_loaded;

static int load_archive(struct sl_err *err)
{
#define ARCHIVE_SYM(f) {#f, (void **)&la.f},
	static const struct sl_dynsym syms[] = {ARCHIVE_FUNCTIONS(ARCHIVE_SYM)};

	return sl_dynload("libarchive.so.13", "libarchive13", syms, sizeof(syms) / sizeof(syms[0]),
			  &la_loaded, err);
}

#define archive_read_new (*la.archive_read_new)
#define archive_read_support_format_zip (*la.archive_read_support_format_zip)
#define archive_read_support_filter_gzip (*la.archive_read_support_filter_gzip)
#define archive_read_support_filter_bzip2 (*la.archive_read_support_filter_bzip2)
#define archive_read_support_filter_xz (*la.archive_read_support_filter_xz)
#define archive_read_support_format_tar (*la.archive_read_support_format_tar)
#define archive_read_support_format_gnutar (*la.archive_read_support_format_gnutar)
#define archive_read_open_memory (*la.archive_read_open_memory)
#define archive_read_open_filename (*la.archive_read_open_filename)
#define archive_read_next_header (*la.archive_read_next_header)
#define archive_read_data (*la.archive_read_data)
#define archive_read_free (*la.archive_read_free)
#define archive_error_string (*la.archive_error_string)
#define archive_filter_bytes (*la.archive_filter_bytes)
#define archive_entry_pathname (*la.archive_entry_pathname)
#define archive_entry_filetype (*la.archive_entry_filetype)

/* Uncompressed bytes we are willing to walk through before giving up on
 * finding the member (a decompression bomb ahead of it). */
#define SCAN_BYTES_MAX ((int64_t)1 << 30)
#define CHUNK 16384

static const struct {
	const char *suffix;
	enum sl_archive_kind kind;
} suffixes[] = {
    {".whl", SL_ARCHIVE_WHEEL},	    {".tar.gz", SL_ARCHIVE_SDIST}, {".tgz", SL_ARCHIVE_SDIST},
    {".tar.bz2", SL_ARCHIVE_SDIST}, {".tar.xz", SL_ARCHIVE_SDIST}, {".tar", SL_ARCHIVE_SDIST},
    {".zip", SL_ARCHIVE_SDIST},
};

static int suffix_index(const char *filename)
{
	size_t len = strlen(filename);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t n = strlen(suffixes[i].suffix);
		if (len > n && strcasecmp(filename + len - n, suffixes[i].suffix) == 0)
			return (int)i;
	}
	return -1;
}

enum sl_archive_kind sl_archive_kind_of(const char *filename)
{
	int i = suffix_index(filename);
	return i < 0 ? SL_ARCHIVE_UNKNOWN : suffixes[i].kind;
}

/* A wheel's "<x>.dist-info/METADATA" or an sdist's "<top>/PKG-INFO": one
 * directory level, no "..", not absolute ("./" in front is allowed). */
static bool is_member(const char *p, enum sl_archive_kind kind)
{
	const char *want = kind == SL_ARCHIVE_WHEEL ? "METADATA" : "PKG-INFO";
	const char *slash;

	if (strncmp(p, "./", 2) == 0)
		p += 2;
	slash = strchr(p, '/');
	if (!slash || slash == p || strcmp(slash + 1, want) != 0)
		return false;
	if (strncmp(p, "..", 2) == 0 && slash == p + 2)
		return false;
	if (kind == SL_ARCHIVE_WHEEL)
		return slash - p > 10 && strncmp(slash - 10, ".dist-info", 10) == 0;
	return true;
}

static struct archive *new_reader(enum sl_archive_kind kind)
{
	struct archive *a = archive_read_new(); /* libarchive is loaded (load_archive) */

	if (kind == SL_ARCHIVE_WHEEL) {
		archive_read_support_format_zip(a);
	} else {
		archive_read_support_filter_gzip(a);
		archive_read_support_filter_bzip2(a);
		archive_read_support_filter_xz(a);
		archive_read_support_format_tar(a);
		archive_read_support_format_gnutar(a);
		archive_read_support_format_zip(a);
	}
	return a;
}

static const char *why(struct archive *a)
{
	const char *s = archive_error_string(a);
	return s ? s : "unknown libarchive error";
}

/* Reads the current entry's data: until its header block is complete
 * (header_only), the entry ends, or SL_ARCHIVE_MEMBER_MAX is reached. */
static int read_member(struct archive *a, const char *where, bool header_only, struct sl_buf *b,
		       struct sl_err *err)
{
	for (;;) {
		size_t before = b->len;
		la_ssize_t got;

		sl_buf_grow(b, CHUNK);
		got = archive_read_data(a, b->buf + b->len, CHUNK);
		if (got < 0)
			return sl_error(err, SL_EPARSE, "%s: cannot read: %s", where, why(a));
		if (got == 0)
			return 0;
		b->len += (size_t)got;
		b->buf[b->len] = '\0';
		if (header_only && sl_metadata_header_complete(b->buf, b->len, before))
			return 0;
		if (b->len > SL_ARCHIVE_MEMBER_MAX)
			return sl_error(err, SL_ELIMIT, "%s: %s larger than %zu bytes", where,
					header_only ? "metadata header" : "member",
					SL_ARCHIVE_MEMBER_MAX);
	}
}

/* "<top>/<x>.egg-info/requires.txt" or "<top>/src/<x>.egg-info/requires.txt":
 * where setuptools sdists keep the requirements their old PKG-INFO lacks. */
static bool is_requires_txt(const char *p)
{
	const char *top, *eggdir;
	size_t n;

	if (strncmp(p, "./", 2) == 0)
		p += 2;
	top = strchr(p, '/');
	if (!top || top == p || (top == p + 2 && strncmp(p, "..", 2) == 0))
		return false;
	eggdir = top + 1;
	if (strncmp(eggdir, "src/", 4) == 0)
		eggdir += 4;
	n = strlen(eggdir);
	if (n <= 22 || strcmp(eggdir + n - 22, ".egg-info/requires.txt") != 0)
		return false;
	return memchr(eggdir, '/', n - 13) == NULL && eggdir[0] != '.';
}

/* Metadata 2.2 (PEP 643) made sdist PKG-INFO fields static unless listed
 * as Dynamic; older PKG-INFO says nothing reliable about Requires-Dist. */
static bool at_least_2_2(const char *mv)
{
	char *end;
	long major, minor = 0;

	if (!mv)
		return false;
	major = strtol(mv, &end, 10);
	if (*end == '.')
		minor = strtol(end + 1, NULL, 10);
	return major > 2 || (major == 2 && minor >= 2);
}

/* What the walk over an sdist has seen so far. */
struct walk {
	bool have_meta;
	char *req_where; /* the requires.txt found, or NULL */
	struct sl_buf req;
};

static bool sdist_done(const struct walk *w, const struct sl_metadata *m)
{
	return w->have_meta &&
	       (w->req_where || m->n_requires_dist > 0 || at_least_2_2(m->metadata_version));
}

/* Reads and parses the metadata member at the current entry. */
static int take_metadata(struct archive *a, const char *label, const char *p, struct sl_metadata *m,
			 struct sl_err *err)
{
	struct sl_buf b = SL_BUF_INIT;
	char *where = sl_xasprintf("%s!%s", label, p);
	int rc = read_member(a, where, true, &b, err);

	if (rc == 0)
		rc = sl_metadata_parse(b.buf, b.len, where, m, err);
	sl_buf_release(&b);
	free(where);
	return rc;
}

/* One entry: 1 when the walk is complete, 0 to go on, or an error. */
static int visit(struct archive *a, struct archive_entry *e, enum sl_archive_kind kind,
		 const char *label, struct walk *w, struct sl_metadata *m, struct sl_err *err)
{
	const char *p = archive_entry_pathname(e);
	int rc;

	if (!p || archive_entry_filetype(e) != AE_IFREG)
		return 0;
	if (!w->have_meta && is_member(p, kind)) {
		rc = take_metadata(a, label, p, m, err);
		w->have_meta = rc == 0;
		return rc < 0 ? rc : kind == SL_ARCHIVE_WHEEL || sdist_done(w, m);
	}
	if (kind == SL_ARCHIVE_SDIST && !w->req_where && is_requires_txt(p)) {
		w->req_where = sl_xasprintf("%s!%s", label, p);
		rc = read_member(a, w->req_where, false, &w->req, err);
		return rc < 0 ? rc : sdist_done(w, m);
	}
	return 0;
}

/* An old sdist PKG-INFO without Requires-Dist: take the egg-info
 * requires.txt when there is one, else say the requirements are unknown. */
static int finish_sdist(struct walk *w, struct sl_metadata *m, struct sl_err *err)
{
	/* the one place Dynamic means "filled in at build time" */
	if (m->dynamic_requires_dist) {
		m->requires_dist_unknown = true;
		return 0;
	}
	if (m->n_requires_dist > 0 || at_least_2_2(m->metadata_version))
		return 0;
	if (!w->req_where) {
		m->requires_dist_unknown = true;
		return 0;
	}
	return sl_metadata_add_requires_txt(m, w->req.buf, w->req.len, w->req_where, err);
}

/* Walks the entries of an opened archive to the metadata member (and, for
 * sdists, an egg-info requires.txt) and parses it. */
static int walk_archive(struct archive *a, enum sl_archive_kind kind, const char *label,
			struct walk *w, struct sl_metadata *m, struct sl_err *err)
{
	const char *want = kind == SL_ARCHIVE_WHEEL ? "*.dist-info/METADATA" : "*/PKG-INFO";
	struct archive_entry *e;
	long entries = 0;
	int r, rc;

	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		if (++entries > SL_ARCHIVE_ENTRIES_MAX)
			return sl_error(err, SL_ELIMIT, "%s: more than %d entries", label,
					SL_ARCHIVE_ENTRIES_MAX);
		if (archive_filter_bytes(a, 0) > SCAN_BYTES_MAX)
			return sl_error(err, SL_ELIMIT, "%s: more than %lld bytes to read", label,
					(long long)SCAN_BYTES_MAX);
		rc = visit(a, e, kind, label, w, m, err);
		if (rc != 0)
			return rc < 0 ? rc : 0;
	}
	if (r != ARCHIVE_EOF)
		return sl_error(err, SL_EPARSE, "%s: not a readable %s: %s", label,
				kind == SL_ARCHIVE_WHEEL ? "wheel (zip)" : "sdist archive", why(a));
	if (!w->have_meta)
		return sl_error(err, SL_ENOTFOUND, "%s: no '%s' in the archive", label, want);
	return 0;
}

static int find_and_parse(struct archive *a, enum sl_archive_kind kind, const char *label,
			  struct sl_metadata *m, struct sl_err *err)
{
	struct walk w = {false, NULL, SL_BUF_INIT};
	int rc = walk_archive(a, kind, label, &w, m, err);

	if (rc == 0 && kind == SL_ARCHIVE_SDIST)
		rc = finish_sdist(&w, m, err);
	if (rc < 0)
		sl_metadata_release(m);
	free(w.req_where);
	sl_buf_release(&w.req);
	return rc;
}

int sl_archive_read_metadata_mem(const void *data, size_t len, enum sl_archive_kind kind,
				 const char *label, struct sl_metadata *m, struct sl_err *err)
{
	struct archive *a;
	int rc;

	sl_metadata_release(m);
	if (kind == SL_ARCHIVE_UNKNOWN)
		return sl_error(err, SL_EINVAL, "%s: not a wheel or sdist", label);
	if ((rc = load_archive(err)) < 0)
		return rc;
	a = new_reader(kind);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK)
		rc = sl_error(err, SL_EPARSE, "%s: not a readable archive: %s", label, why(a));
	else
		rc = find_and_parse(a, kind, label, m, err);
	archive_read_free(a);
	return rc;
}

int sl_archive_read_metadata(const char *path, struct sl_metadata *m, struct sl_err *err)
{
	enum sl_archive_kind kind = sl_archive_kind_of(path);
	struct archive *a;
	struct stat st;
	int rc;

	sl_metadata_release(m);
	if (kind == SL_ARCHIVE_UNKNOWN)
		return sl_error(err, SL_EINVAL, "'%s': not a wheel or sdist file name", path);
	if (stat(path, &st) != 0)
		return sl_error(err, errno == ENOENT ? SL_ENOTFOUND : SL_EIO,
				"cannot read '%s': %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return sl_error(err, SL_EIO, "cannot read '%s': not a regular file", path);
	if ((rc = load_archive(err)) < 0)
		return rc;
	a = new_reader(kind);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK)
		rc = sl_error(err, SL_EPARSE, "%s: not a readable archive: %s", path, why(a));
	else
		rc = find_and_parse(a, kind, path, m, err);
	archive_read_free(a);
	return rc;
}

void sl_dist_file_list_release(struct sl_dist_file_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].filename);
		free(l->v[i].name);
		free(l->v[i].canonical);
		free(l->v[i].version);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Adds filename to out when wheelname.h parses it as a wheel or sdist of
 * the kind its suffix says. */
static void index_file(const char *dir, const char *filename, struct sl_dist_file_list *out)
{
	enum sl_archive_kind kind = sl_archive_kind_of(filename);
	struct sl_wheelname w = {0};
	struct sl_err e = {0};
	struct sl_dist_file *f;

	if (kind == SL_ARCHIVE_UNKNOWN || sl_wheelname_parse(filename, &w, &e) < 0)
		return;
	if (!w.metadata && w.wheel == (kind == SL_ARCHIVE_WHEEL)) {
		sl_xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v));
		f = &out->v[out->n++];
		f->path = sl_xasprintf("%s/%s", dir, filename);
		f->filename = sl_xstrdup(filename);
		f->canonical = sl_name_canonical(w.name);
		f->name = w.name;
		f->version = w.version;
		f->kind = kind;
		w.name = w.version = NULL;
	}
	sl_wheelname_release(&w);
}

static int cmp_file(const void *a, const void *b)
{
	const struct sl_dist_file *x = a, *y = b;
	int c = strcmp(x->canonical, y->canonical);

	if (c == 0)
		c = strcmp(x->version, y->version);
	if (c == 0 && x->kind != y->kind)
		c = x->kind == SL_ARCHIVE_WHEEL ? -1 : 1;
	return c ? c : strcmp(x->filename, y->filename);
}

static int list_error(const char *dir, struct sl_err *err)
{
	return sl_error(err, errno == ENOENT ? SL_ENOTFOUND : SL_EIO, "cannot list '%s': %s", dir,
			strerror(errno));
}

int sl_archive_check_dir(const char *dir, struct sl_err *err)
{
	DIR *d = opendir(dir);

	if (!d)
		return list_error(dir, err);
	closedir(d);
	return 0;
}

int sl_archive_index_dir(const char *dir, struct sl_dist_file_list *out, struct sl_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t first = out->n;

	if (!d)
		return list_error(dir, err);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			index_file(dir, e->d_name, out);
	closedir(d);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v), cmp_file);
	return 0;
}

const struct sl_dist_file *sl_dist_file_list_find(const struct sl_dist_file_list *l,
						  const char *canonical, const char *version)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(l->v[mid].canonical, canonical) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < l->n && strcmp(l->v[lo].canonical, canonical) == 0; lo++)
		if (!version || strcmp(l->v[lo].version, version) == 0)
			return &l->v[lo];
	return NULL;
}
