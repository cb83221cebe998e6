/* metadata.c: the header block of METADATA / PKG-INFO, and egg-info
 * requires.txt turned into Requires-Dist the way pip does it. */
#include "spacelock/metadata.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/buf.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"

enum field {
	F_OTHER = 0,
	F_METADATA_VERSION,
	F_NAME,
	F_VERSION,
	F_REQUIRES_PYTHON,
	F_REQUIRES_DIST,
	F_PROVIDES_EXTRA,
	F_PROVIDES_DIST,
	F_DYNAMIC,
};

static const struct {
	const char *name;
	size_t len;
	enum field id;
} fields[] = {
    {"metadata-version", 16, F_METADATA_VERSION},
    {"name", 4, F_NAME},
    {"version", 7, F_VERSION},
    {"requires-python", 15, F_REQUIRES_PYTHON},
    {"requires-dist", 13, F_REQUIRES_DIST},
    {"provides-extra", 14, F_PROVIDES_EXTRA},
    {"provides-dist", 13, F_PROVIDES_DIST},
    {"dynamic", 7, F_DYNAMIC},
};

void sl_metadata_init(struct sl_metadata *m)
{
	memset(m, 0, sizeof(*m));
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void sl_metadata_release(struct sl_metadata *m)
{
	free(m->metadata_version);
	free(m->name);
	free(m->version);
	free(m->requires_python);
	free_strv(m->requires_dist, m->n_requires_dist);
	free_strv(m->provides_extra, m->n_provides_extra);
	free_strv(m->provides_dist, m->n_provides_dist);
	sl_metadata_init(m);
}

static void strv_push(char ***v, size_t *n, size_t *cap, char *s)
{
	sl_xgrow((void **)v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

static enum field field_id(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].len == len && strncasecmp(fields[i].name, name, len) == 0)
			return fields[i].id;
	return F_OTHER;
}

/* The first occurrence of a single-valued field wins, as with Python's
 * email.message.get(). */
static void set_once(char **slot, unsigned long *line_slot, char *value, unsigned long line)
{
	if (*slot) {
		free(value);
		return;
	}
	*slot = value;
	if (line_slot)
		*line_slot = line;
}

static void store(struct sl_metadata *m, enum field id, const char *v, size_t len,
		  unsigned long line)
{
	char *s;

	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r'))
		len--;
	s = sl_xstrndup(v, len);
	switch (id) {
	case F_METADATA_VERSION: set_once(&m->metadata_version, NULL, s, line); break;
	case F_NAME: set_once(&m->name, &m->name_line, s, line); break;
	case F_VERSION: set_once(&m->version, &m->version_line, s, line); break;
	case F_REQUIRES_PYTHON: set_once(&m->requires_python, NULL, s, line); break;
	case F_REQUIRES_DIST:
		strv_push(&m->requires_dist, &m->n_requires_dist, &m->cap_requires_dist, s);
		break;
	case F_PROVIDES_EXTRA:
		strv_push(&m->provides_extra, &m->n_provides_extra, &m->cap_provides_extra, s);
		break;
	case F_PROVIDES_DIST:
		strv_push(&m->provides_dist, &m->n_provides_dist, &m->cap_provides_dist, s);
		break;
	case F_DYNAMIC:
		if (strcasecmp(s, "requires-dist") == 0)
			m->dynamic_requires_dist = true;
		free(s);
		break;
	default: free(s); break;
	}
}

/* Length of a field name ending at a ':' (printable ASCII except ':' and
 * space, as Python's email header pattern), or 0 when line is no field. */
static size_t field_name_len(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		if (c == ':')
			return i;
		if (c < 0x21 || c > 0x7e)
			return 0;
	}
	return 0;
}

/* The state of the field being read: its id, first line and the value
 * collected so far (only for fields we keep). */
struct cur {
	enum field id;
	bool open;
	unsigned long line;
	struct sl_buf val;
};

static void flush(struct sl_metadata *m, struct cur *c)
{
	if (c->open && c->id != F_OTHER)
		store(m, c->id, c->val.buf, c->val.len, c->line);
	c->open = false;
	sl_buf_reset(&c->val);
}

static void start_field(struct cur *c, const char *line, size_t len, size_t nlen,
			unsigned long lineno)
{
	size_t i = nlen + 1;

	c->id = field_id(line, nlen);
	c->open = true;
	c->line = lineno;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (c->id != F_OTHER)
		sl_buf_add(&c->val, line + i, len - i);
}

static int check_required(const struct sl_metadata *m, const char *source, struct sl_err *err)
{
	if (!m->name || !*m->name)
		return sl_error(err, SL_EPARSE, "%s: no 'Name' field in the metadata header",
				source);
	if (!m->version || !*m->version)
		return sl_error(err, SL_EPARSE, "%s: no 'Version' field in the metadata header",
				source);
	return 0;
}

/* Walks the header lines; returns 0 or an error (m may be half-filled). */
static int parse_lines(const char *data, size_t len, const char *source, struct sl_metadata *m,
		       struct sl_err *err)
{
	struct cur c = {F_OTHER, false, 0, SL_BUF_INIT};
	unsigned long lineno = 0;
	size_t pos = 0;
	int rc = 0;

	while (pos < len) {
		const char *line = data + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos, nlen;

		lineno++;
		if (pos + n > SL_METADATA_HEADER_MAX) {
			rc = sl_error(err, SL_ELIMIT,
				      "%s:%lu: metadata header larger than %zu bytes", source,
				      lineno, SL_METADATA_HEADER_MAX);
			break;
		}
		pos += n + (nl ? 1 : 0);
		if (n && line[n - 1] == '\r')
			n--;
		if (memchr(line, '\0', n)) {
			rc = sl_error(err, SL_EPARSE, "%s:%lu: NUL byte in the metadata header",
				      source, lineno);
			break;
		}
		if (n == 0)
			break; /* the blank line: the body follows */
		if (line[0] == ' ' || line[0] == '\t') {
			if (c.open && c.id != F_OTHER)
				sl_buf_add(&c.val, line, n); /* unfold: keep the whitespace */
			continue;
		}
		nlen = field_name_len(line, n);
		flush(m, &c);
		if (nlen == 0)
			break; /* not a field: the header block ends (email parser) */
		start_field(&c, line, n, nlen, lineno);
	}
	flush(m, &c);
	sl_buf_release(&c.val);
	return rc;
}

int sl_metadata_parse(const char *data, size_t len, const char *source, struct sl_metadata *m,
		      struct sl_err *err)
{
	int rc;

	sl_metadata_release(m);
	rc = parse_lines(data, len, source, m, err);
	if (rc == 0)
		rc = check_required(m, source, err);
	if (rc < 0)
		sl_metadata_release(m);
	return rc;
}

bool sl_metadata_header_complete(const char *data, size_t len, size_t from)
{
	from = from > 2 ? from - 2 : 0; /* a "\n\r\n" may straddle the calls */
	if (from == 0 && len &&
	    (data[0] == '\n' || (len > 1 && data[0] == '\r' && data[1] == '\n')))
		return true;
	for (size_t i = from; i + 1 < len; i++) {
		const char *p = memchr(data + i, '\n', len - i - 1);
		if (!p)
			return false;
		i = (size_t)(p - data);
		if (p[1] == '\n' || (p[1] == '\r' && i + 2 < len && p[2] == '\n'))
			return true;
	}
	return false;
}

/* Reads fd until the header block is complete, end of file, or the bound. */
static int read_header(int fd, const char *path, struct sl_buf *b, struct sl_err *err)
{
	size_t chunk = 16384;

	for (;;) {
		size_t before = b->len;
		ssize_t got;

		sl_buf_grow(b, chunk);
		got = read(fd, b->buf + b->len, chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return sl_error(err, SL_EIO, "cannot read '%s': %s", path, strerror(errno));
		if (got == 0)
			return 0;
		b->len += (size_t)got;
		b->buf[b->len] = '\0';
		if (sl_metadata_header_complete(b->buf, b->len, before))
			return 0;
		if (b->len > SL_METADATA_HEADER_MAX)
			return sl_error(err, SL_ELIMIT,
					"'%s': metadata header larger than %zu bytes", path,
					SL_METADATA_HEADER_MAX);
		if (chunk < 262144)
			chunk *= 2;
	}
}

int sl_metadata_read_file(const char *path, struct sl_metadata *m, struct sl_err *err)
{
	return sl_metadata_read_fileat(AT_FDCWD, path, path, m, err);
}

int sl_metadata_read_fileat(int dirfd, const char *rel, const char *path, struct sl_metadata *m,
			    struct sl_err *err)
{
	struct sl_buf b = SL_BUF_INIT;
	/* O_NONBLOCK: a FIFO planted as METADATA must not hang the scan */
	int fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	int rc;

	sl_metadata_release(m);
	if (fd < 0) {
		int code = errno == ENOENT || errno == ENOTDIR ? SL_ENOTFOUND : SL_EIO;
		return sl_error(err, code, "cannot open '%s': %s", path, strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return sl_error(err, SL_EIO, "cannot read '%s': not a regular file", path);
	}
	rc = read_header(fd, path, &b, err);
	close(fd);
	if (rc == 0)
		rc = sl_metadata_parse(b.buf, b.len, path, m, err);
	else
		sl_metadata_release(m);
	sl_buf_release(&b);
	return rc;
}

/* pip canonicalises the extra of a requires.txt section (PEP 685). */
static char *canonical_extra(const char *s, size_t len)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_name_canonical_buf(s, len, &b);
	return sl_buf_detach(&b, NULL);
}

static bool has_str(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Python's str.strip() on ASCII whitespace. */
static void strip(const char **s, size_t *len)
{
	while (*len && is_space((*s)[0]))
		(*s)++, (*len)--;
	while (*len && is_space((*s)[*len - 1]))
		(*len)--;
}

struct section {
	char *extra;  /* canonical, "" for none */
	char *marker; /* as written, "" for none */
};

/* "[extra:marker]": line.strip("[]").partition(":") as pip does.  New
 * extras are listed only when the metadata itself declared none. */
static void set_section(struct section *sec, const char *s, size_t len, struct sl_metadata *m,
			bool add_extras)
{
	const char *colon;

	while (len && (*s == '[' || *s == ']'))
		s++, len--;
	while (len && (s[len - 1] == '[' || s[len - 1] == ']'))
		len--;
	colon = memchr(s, ':', len);
	free(sec->extra);
	free(sec->marker);
	sec->extra = canonical_extra(s, colon ? (size_t)(colon - s) : len);
	sec->marker =
	    colon ? sl_xstrndup(colon + 1, len - (size_t)(colon - s) - 1) : sl_xstrdup("");
	if (add_extras && *sec->extra &&
	    !has_str(m->provides_extra, m->n_provides_extra, sec->extra))
		strv_push(&m->provides_extra, &m->n_provides_extra, &m->cap_provides_extra,
			  sl_xstrdup(sec->extra));
}

static char *egg_requirement(const char *req, size_t len, const struct section *sec)
{
	if (*sec->extra && *sec->marker)
		return sl_xasprintf("%.*s ; (%s) and extra == \"%s\"", (int)len, req, sec->marker,
				    sec->extra);
	if (*sec->extra)
		return sl_xasprintf("%.*s ; extra == \"%s\"", (int)len, req, sec->extra);
	if (*sec->marker)
		return sl_xasprintf("%.*s ; %s", (int)len, req, sec->marker);
	return sl_xstrndup(req, len);
}

int sl_metadata_add_requires_txt(struct sl_metadata *m, const char *data, size_t len,
				 const char *source, struct sl_err *err)
{
	struct section sec = {sl_xstrdup(""), sl_xstrdup("")};
	bool add_extras = m->n_provides_extra == 0;
	unsigned long lineno = 0;
	size_t pos = 0;
	int rc = 0;

	while (pos < len && rc == 0) {
		const char *line = data + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;

		lineno++;
		pos += n + (nl ? 1 : 0);
		if (memchr(line, '\0', n)) {
			rc = sl_error(err, SL_EPARSE, "%s:%lu: NUL byte in requires.txt", source,
				      lineno);
			break;
		}
		strip(&line, &n);
		if (n == 0 || line[0] == '#')
			continue;
		if (line[0] == '[' && line[n - 1] == ']')
			set_section(&sec, line, n, m, add_extras);
		else
			strv_push(&m->requires_dist, &m->n_requires_dist, &m->cap_requires_dist,
				  egg_requirement(line, n, &sec));
	}
	free(sec.extra);
	free(sec.marker);
	return rc;
}
