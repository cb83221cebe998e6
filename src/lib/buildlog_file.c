/* buildlog_file.c: reading a build or run log from a file.
 *
 * A log file may hold many builds one after another (a log saved again
 * and again, copies pasted together); only the last one is kept.  For a
 * regular file the start of that last build is found first, by reading
 * backwards from the end (usually a few kilobytes), and the lines before
 * it are then skimmed (buildlog.c: skim_line): what a build proves is read
 * only from the build that is kept, while the whole file is still checked
 * for damage and its headers counted.  Standard input and other streams
 * are read the plain way, line by line in full; both give the same log
 * (as long as the file does not change while it is read: appending is
 * fine, rewriting it may make the skim miss what the rewrite put there). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buildlog_private.h"
#include "spacelock/buildlog.h"
#include "spacelock/mem.h"

size_t blog_file_chunk = 64 * 1024; /* fits the L2 cache the scan reads it from */
#define BACK_BLOCK (64 * 1024)

/* The backward search for the last header. */
struct backscan {
	int fd;
	bool quoted;	     /* lines of a quoted copy lose their "> " first */
	struct sl_buf line;  /* a line not wholly inside the block */
	struct sl_buf clean; /* a line sanitised */
	char *blk;	     /* the block being searched */
	off_t blk_start;
	size_t blk_len;
};

static int pread_full(int fd, char *buf, size_t n, off_t at)
{
	while (n > 0) {
		ssize_t got = pread(fd, buf, n, at);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		buf += got;
		n -= (size_t)got;
		at += got;
	}
	return 0;
}

/* Could a line whose first byte is c read as a header once sanitised and
 * unquoted?  Sanitising keeps a first byte unless it is ESC or NUL. */
static bool header_first_byte(char c, bool quoted)
{
	return c == '=' || c == 0x1b || c == 0 || (quoted && c == '>');
}

/* Is the physical line [start, end) a header, as the forward reader sees
 * it: cut at SL_BUILDLOG_LINE_MAX, a CR before its newline dropped,
 * sanitised and unquoted?  1 yes, 0 no, -1 read error. */
static int header_at(struct backscan *b, off_t start, off_t end)
{
	size_t len = (size_t)(end - start), n = len;
	const char *p;
	bool nul = false, bad = false;
	char first;
	size_t skip;

	if (n > SL_BUILDLOG_LINE_MAX)
		n = SL_BUILDLOG_LINE_MAX;
	if (n == 0)
		return 0;
	if (start >= b->blk_start && (size_t)(start - b->blk_start) + n <= b->blk_len) {
		p = b->blk + (start - b->blk_start);
	} else {
		if (pread_full(b->fd, &first, 1, start) < 0)
			return -1;
		if (!header_first_byte(first, b->quoted))
			return 0;
		sl_buf_reset(&b->line);
		sl_buf_grow(&b->line, n);
		if (pread_full(b->fd, b->line.buf, n, start) < 0)
			return -1;
		p = b->line.buf;
	}
	if (!header_first_byte(p[0], b->quoted))
		return 0;
	if (len <= SL_BUILDLOG_LINE_MAX && p[n - 1] == '\r')
		n--;
	log_clean(p, n, &b->clean, &nul, &bad);
	skip = b->quoted ? log_quote_len(b->clean.buf, b->clean.len) : 0;
	return log_header_kind(b->clean.buf + skip, b->clean.len - skip) != 0;
}

/* Offset of the line of the file's last header; 0 when that is the first
 * line or there is none (nothing to skim), -1 on a read error. */
static off_t last_header(int fd, off_t size, bool quoted)
{
	struct backscan b = {.fd = fd, .quoted = quoted};
	off_t end = size, line_end = size, found = 0;
	int rc = 0;

	sl_buf_init(&b.line);
	sl_buf_init(&b.clean);
	b.blk = sl_xmalloc(BACK_BLOCK);
	while (end > 0 && rc == 0) {
		b.blk_start = end > BACK_BLOCK ? end - BACK_BLOCK : 0;
		b.blk_len = (size_t)(end - b.blk_start);
		if (pread_full(fd, b.blk, b.blk_len, b.blk_start) < 0) {
			rc = -1;
			break;
		}
		for (const char *nl = memrchr(b.blk, '\n', b.blk_len); nl && rc == 0;
		     nl = memrchr(b.blk, '\n', (size_t)(nl - b.blk))) {
			off_t start = b.blk_start + (nl - b.blk) + 1;
			rc = header_at(&b, start, line_end);
			if (rc > 0)
				found = start;
			line_end = start - 1;
		}
		end = b.blk_start;
	}
	free(b.blk);
	sl_buf_release(&b.line);
	sl_buf_release(&b.clean);
	return rc < 0 ? -1 : found;
}

/* Feeds chunk [off, off + n) of the file; the lines that end before
 * skim_end belong to a build the header at skim_end replaces. */
static int feed_chunk(struct sl_buildlog *log, const char *buf, size_t n, off_t off, off_t skim_end,
		      struct sl_err *err)
{
	size_t k = 0;
	int rc = 0;

	if (off < skim_end) {
		k = skim_end - off < (off_t)n ? (size_t)(skim_end - off) : n;
		blog_feed_skim(log, buf, k);
	}
	if (rc == 0 && k < n)
		rc = sl_buildlog_feed(log, buf + k, n - k, err);
	return rc;
}

/* Once the format and the quoting are known: where skimming ends (0:
 * nowhere).  Only plain text is skimmed. */
static off_t plan_skim(struct sl_buildlog *log, int fd, off_t size, bool *planned)
{
	struct sl_buildlog_state *st = log->state;
	off_t at;

	if (st->format == FMT_UNDECIDED || (st->format == FMT_PLAIN && st->quoted < 0))
		return 0;
	*planned = true;
	if (st->format != FMT_PLAIN)
		return 0;
	/* a read error here (at < 0) shows again in the forward read */
	at = last_header(fd, size, st->quoted == 1);
	return at > 0 ? at : 0;
}

static int read_fd(struct sl_buildlog *log, int fd, bool seekable, const char *label,
		   struct sl_err *err)
{
	struct stat sb;
	char *buf = sl_xmalloc(blog_file_chunk);
	off_t skim_end = 0;
	/* offsets are the file's own (pread), so start from where fd is */
	off_t off = seekable ? lseek(fd, 0, SEEK_CUR) : 0;
	bool planned = !seekable || off < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode);
	int rc = 0;

	while (rc == 0) {
		ssize_t n = read(fd, buf, blog_file_chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = sl_error(err, SL_EIO, "cannot read '%s': %s", label, strerror(errno));
		if (n <= 0)
			break;
		rc = feed_chunk(log, buf, (size_t)n, off, skim_end, err);
		off += n;
		if (rc == 0 && !planned)
			skim_end = plan_skim(log, fd, sb.st_size, &planned);
	}
	free(buf);
	return rc;
}

int sl_buildlog_read_file(const char *path, const char *label, enum sl_log_kind kind,
			  struct sl_buildlog **out, struct sl_err *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct sl_buildlog *log;
	int rc;

	if (!label)
		label = path;
	if (fd < 0)
		return sl_error(err, SL_EIO, "cannot read '%s': %s", label, strerror(errno));
	log = sl_buildlog_new(kind, label);
	rc = read_fd(log, fd, !is_stdin, label, err);
	if (rc == 0)
		rc = sl_buildlog_finish(log, err);
	if (!is_stdin)
		close(fd);
	if (rc < 0) {
		sl_buildlog_free(log);
		return rc;
	}
	*out = log;
	return 0;
}
