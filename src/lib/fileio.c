/* fileio.c: bounded reads, atomic writes, streaming lines. */
#include "spacelock/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/mem.h"
#include "spacelock/tempfile.h"

/* What a path that is no regular file is, for the message. */
static const char *kind_of(mode_t m)
{
	return S_ISDIR(m)    ? "a directory"
	       : S_ISFIFO(m) ? "a FIFO"
	       : S_ISCHR(m)  ? "a character device"
	       : S_ISBLK(m)  ? "a block device"
	       : S_ISSOCK(m) ? "a socket"
			     : "something else";
}

/* Opens path for reading only when it is a regular file: opening a FIFO
 * blocks until someone writes to it (forever, for a planted one), and a
 * device may never end.  O_NONBLOCK makes the open itself return. */
int sl_file_open_regular(const char *path, const char *label, struct sl_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct stat st;

	if (!label)
		label = path;
	if (fd < 0) {
		sl_error(err, SL_EIO, "cannot read '%s': %s", label, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		sl_error(err, SL_EIO, "cannot read '%s': %s", label, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		sl_error(err, SL_EIO, "cannot read '%s': %s, not a regular file", label,
			 kind_of(st.st_mode));
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

static FILE *open_regular(const char *path, struct sl_err *err)
{
	int fd = sl_file_open_regular(path, NULL, err);
	FILE *fp;

	if (fd < 0)
		return NULL;
	if (!(fp = fdopen(fd, "rb"))) {
		sl_error(err, SL_EIO, "cannot read '%s': %s", path, strerror(errno));
		close(fd);
	}
	return fp;
}

int sl_file_read(const char *path, size_t max, struct sl_buf *out, struct sl_err *err)
{
	FILE *fp = open_regular(path, err);
	char chunk[65536];
	size_t n, total = 0;
	int rc = 0;

	if (!fp)
		return err ? err->code : SL_EIO;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		total += n;
		if (total > max) {
			rc = sl_error(err, SL_ELIMIT, "'%s': larger than %zu bytes", path, max);
			break;
		}
		sl_buf_add(out, chunk, n);
	}
	if (!rc && ferror(fp))
		rc = sl_error(err, SL_EIO, "cannot read '%s': %s", path, strerror(errno));
	fclose(fp);
	return rc;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync of the directory makes the rename itself durable. */
static void sync_dir(const char *path)
{
	char *copy = sl_xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

int sl_file_write_atomic(const char *path, const void *data, size_t len, struct sl_err *err)
{
	return sl_file_write_atomic_mode(path, data, len, 0, err);
}

int sl_file_write_atomic_mode(const char *path, const void *data, size_t len, unsigned mode,
			      struct sl_err *err)
{
	struct sl_temp *t;
	int fd, saved;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return sl_error(err, SL_EWRITE, "cannot write to standard output: %s",
					strerror(errno));
		return 0;
	}
	/* registered while it exists: a signal or a later run removes it */
	fd = sl_temp_file(path, &t, err);
	if (fd < 0)
		return fd;
	/* mkstemp creates 0600; a lockfile is not secret, use the usual mode,
	 * or the one the caller keeps (a rewritten file keeps its own) */
	fchmod(fd, mode ? (mode_t)(mode & 07777) : 0644);
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		sl_temp_remove(t);
		return sl_error(err, SL_EWRITE, "cannot write '%s': %s", path, strerror(saved));
	}
	if (sl_temp_commit(t, path, err) != 0)
		return SL_EWRITE;
	sync_dir(path);
	return 0;
}

void sl_linereader_init(struct sl_linereader *r, FILE *fp, size_t max_line)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->max_line = max_line;
	sl_buf_init(&r->line);
}

void sl_linereader_release(struct sl_linereader *r)
{
	sl_buf_release(&r->line);
}

static int refill(struct sl_linereader *r)
{
	r->pos = 0;
	r->end = fread(r->chunk, 1, sizeof(r->chunk), r->fp);
	return r->end > 0;
}

/* Appends up to the room left under max_line; the rest is dropped. */
static void take(struct sl_linereader *r, const char *p, size_t n)
{
	size_t room = r->line.len < r->max_line ? r->max_line - r->line.len : 0;

	if (memchr(p, '\0', n))
		r->saw_nul = true;
	if (n > room) {
		r->truncated = true;
		n = room;
	}
	sl_buf_add(&r->line, p, n);
}

int sl_linereader_next(struct sl_linereader *r, struct sl_err *err)
{
	bool any = false;

	sl_buf_reset(&r->line);
	r->truncated = false;
	r->saw_nul = false;
	for (;;) {
		if (r->pos == r->end && !refill(r))
			break;
		const char *start = r->chunk + r->pos;
		const char *nl = memchr(start, '\n', r->end - r->pos);
		any = true;
		if (nl) {
			take(r, start, (size_t)(nl - start));
			r->pos += (size_t)(nl - start) + 1;
			break;
		}
		take(r, start, r->end - r->pos);
		r->pos = r->end;
	}
	if (ferror(r->fp))
		return sl_error(err, SL_EIO, "read error: %s", strerror(errno));
	if (!any)
		return 0;
	if (r->line.len > 0 && r->line.buf[r->line.len - 1] == '\r')
		r->line.buf[--r->line.len] = '\0';
	r->lineno++;
	return 1;
}
