/* buildlog_file.c: reading a build or run log from a file.
 *
 * A log file may hold many builds one after another (a log saved again
 * and again, copies pasted together); only the last one is kept.  For a
 * regular file the start of that last build is found first, by reading
 * backwards from the end (usually a few kilobytes), and the lines before
 * it are then skimmed (buildlog_skim.c; buildlog.c: blog_skim_line): what
 * a build proves is read only from the build that is kept, while the whole
 * file is still checked for damage and its headers counted.  In an SSE
 * file the last event holding a header is found by its words and checked
 * by decoding it; the events before it are still decoded, their lines
 * skimmed.  Standard input and other streams
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
#include "spacelock/fileio.h"
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
 * sanitised and unquoted?  1 a build's, 2 an application start's, 0 no,
 * -1 read error. */
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
	return log_header_kind(b->clean.buf + skip, b->clean.len - skip);
}

/* Offset of the line of the file's last build header; 0 when that is the
 * first line or there is none (nothing to skim), -1 on a read error.  A run
 * section before it is never skimmed (a build does not replace a run): an
 * application start anywhere before that header gives 0 too, so the
 * search goes on to the file's start. */
static off_t last_header(int fd, off_t size, bool quoted)
{
	struct backscan b = {.fd = fd, .quoted = quoted};
	off_t end = size, line_end = size, found = 0;
	int rc = 0;

	sl_buf_init(&b.line);
	sl_buf_init(&b.clean);
	b.blk = sl_xmalloc(BACK_BLOCK);
	while (end > 0 && rc >= 0) {
		b.blk_start = end > BACK_BLOCK ? end - BACK_BLOCK : 0;
		b.blk_len = (size_t)(end - b.blk_start);
		if (pread_full(fd, b.blk, b.blk_len, b.blk_start) < 0) {
			rc = -1;
			break;
		}
		for (const char *nl = memrchr(b.blk, '\n', b.blk_len); nl && rc >= 0;
		     nl = memrchr(b.blk, '\n', (size_t)(nl - b.blk))) {
			off_t start = b.blk_start + (nl - b.blk) + 1;
			rc = header_at(&b, start, line_end);
			if (rc == 1 && !found)
				found = start;
			else if (rc == 2 && found)
				rc = -2; /* a run section before the build: no skim */
			line_end = start - 1;
		}
		end = b.blk_start;
	}
	free(b.blk);
	sl_buf_release(&b.line);
	sl_buf_release(&b.clean);
	return rc == -1 ? -1 : rc == -2 ? 0 : found;
}

/* ---- SSE: the last event holding a header ---- */

/* The Hub's JSON does not escape these words, so an event holding a header
 * shows them as written (one that escaped them is not found, and less is
 * skimmed: never wrong, only slower). */
static const char *const header_words[] = {"Build Queued at ", "Application Startup at "};

/* Events checked before giving up: a log may quote the words elsewhere. */
#define MAX_CANDIDATES 16

/* The last place in p[0..n) where one of header_words starts, or NULL. */
static const char *last_words(const char *p, size_t n)
{
	const char *last = NULL;

	for (size_t w = 0; w < sizeof(header_words) / sizeof(header_words[0]); w++) {
		size_t len = strlen(header_words[w]);
		for (const char *q = p; (q = memmem(q, (size_t)(p + n - q), header_words[w], len));
		     q++)
			if (!last || q > last)
				last = q;
	}
	return last;
}

/* Where the blank line ending at blk[i] ('\n' after "\n" or "\n\r") is. */
static bool blank_line_end(const char *blk, size_t i)
{
	return blk[i] == '\n' && i >= 1 &&
	       (blk[i - 1] == '\n' || (i >= 2 && blk[i - 1] == '\r' && blk[i - 2] == '\n'));
}

/* Where the event holding the byte at `at` begins: just after the last
 * blank line before it; 0 for the file's first event; -1 when there is
 * none within an event's largest size, or on a read error. */
static off_t event_start(int fd, off_t at, char *blk)
{
	off_t lo = at > SL_BUILDLOG_LINE_MAX + 8 ? at - SL_BUILDLOG_LINE_MAX - 8 : 0, end = at;

	for (;;) {
		off_t from = end - lo > BACK_BLOCK ? end - BACK_BLOCK : lo;
		size_t n = (size_t)(end - from);
		if (pread_full(fd, blk, n, from) < 0)
			return -1;
		for (size_t i = n; i-- > 0;)
			if (blank_line_end(blk, i))
				return from + (off_t)i + 1;
		if (from == 0)
			return 0;
		if (from == lo)
			return -1;
		end = from + 2; /* a blank line may straddle two blocks */
	}
}

/* Does the event at start hold a header line, read as the stream reads it
 * (the same quoting)?  It is decoded on its own, up to the blank line that
 * ends it. */
static bool event_has_header(int fd, off_t start, off_t size, const struct sl_buildlog_state *st)
{
	size_t cap = SL_BUILDLOG_LINE_MAX + 8, n = 0;
	char *buf;
	bool yes = false;

	if (size - start < (off_t)cap)
		cap = (size_t)(size - start);
	buf = sl_xmalloc(cap + 1);
	if (pread_full(fd, buf, cap, start) == 0) {
		struct sl_buildlog *tmp = sl_buildlog_new(SL_LOG_BUILD, "-");
		struct sl_err err = {0};

		while (n < cap && !blank_line_end(buf, n))
			n++;
		tmp->state->quoted = st->quoted;
		tmp->state->prefix_len = st->prefix_len;
		memcpy(tmp->state->prefix, st->prefix, sizeof(st->prefix));
		if (sl_buildlog_feed(tmp, buf, n < cap ? n + 1 : cap, &err) == 0 &&
		    sl_buildlog_finish(tmp, &err) == 0)
			yes = tmp->sse && tmp->builds > 0;
		sl_buildlog_free(tmp);
	}
	free(buf);
	return yes;
}

/* Does the file hold an application start's words before offset end?  A
 * run section is never skimmed, so then nothing is. */
static bool run_before(int fd, off_t end)
{
	static const char words[] = "Application Startup at ";
	char *blk = sl_xmalloc(BACK_BLOCK);
	off_t at = 0;
	bool yes = false;

	while (at < end && !yes) {
		size_t n = end - at > BACK_BLOCK ? BACK_BLOCK : (size_t)(end - at);
		if (pread_full(fd, blk, n, at) < 0) {
			yes = true; /* the forward read will say why */
			break;
		}
		yes = memmem(blk, n, words, sizeof(words) - 1) != NULL;
		at += n > sizeof(words) ? (off_t)(n - sizeof(words)) : (off_t)n;
	}
	free(blk);
	return yes;
}

/* Offset of the last event holding a build header; 0 when none is found
 * (or it is the first event, or a run section comes before it), -1 on a
 * read error. */
static off_t last_header_event(int fd, off_t size, const struct sl_buildlog_state *st)
{
	char *blk = sl_xmalloc(BACK_BLOCK), *scratch = sl_xmalloc(BACK_BLOCK);
	off_t end = size, found = 0;
	int tries = 0;

	while (end > 0 && !found && tries < MAX_CANDIDATES) {
		off_t from = end > BACK_BLOCK ? end - BACK_BLOCK : 0;
		size_t n = (size_t)(end - from);
		const char *w;

		if (pread_full(fd, blk, n, from) < 0) {
			found = -1;
			break;
		}
		while (!found && tries < MAX_CANDIDATES && (w = last_words(blk, n)) != NULL) {
			off_t start = event_start(fd, from + (w - blk), scratch);
			tries++;
			if (start > 0 && event_has_header(fd, start, size, st))
				found = start;
			n = (size_t)(w - blk); /* an earlier mention in this block */
		}
		if (from == 0)
			break;
		end = from + 32; /* the words may straddle two blocks */
	}
	free(blk);
	free(scratch);
	return found > 0 && run_before(fd, found) ? 0 : found;
}

/* Feeds chunk [off, off + n) of the file; the lines that end before
 * skim_end belong to a build the header at skim_end replaces. */
static int feed_chunk(struct sl_buildlog *log, const char *buf, size_t n, off_t off, off_t skim_end,
		      struct sl_err *err)
{
	size_t k = 0;

	if (off < skim_end) {
		k = skim_end - off < (off_t)n ? (size_t)(skim_end - off) : n;
		if (log->state->format == FMT_PLAIN)
			blog_feed_skim(log, buf, k);
		else
			blog_feed_skim_sse(log, buf, k);
	}
	return k < n ? sl_buildlog_feed(log, buf + k, n - k, err) : 0;
}

/* Once the format and the quoting are known: where skimming ends (0:
 * nowhere). */
static off_t plan_skim(struct sl_buildlog *log, int fd, off_t size, bool *planned)
{
	struct sl_buildlog_state *st = log->state;
	off_t at;

	if (st->format == FMT_UNDECIDED || st->quoted < 0)
		return 0;
	*planned = true;
	/* decoded input, another prefix than a quote's, or lines before any
	 * header that belong to a run section: read in full */
	if (st->utf16 || (st->prefix_len > 0 && st->quoted != 1) || log->kind == SL_LOG_RUN)
		return 0;
	/* a read error here (at < 0) shows again in the forward read */
	if (st->format == FMT_PLAIN)
		at = last_header(fd, size, st->quoted == 1);
	else
		at = last_header_event(fd, size, st);
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

int sl_buildlog_read_into(struct sl_buildlog *log, const char *path, struct sl_err *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd, rc;

	/* a FIFO is never waited on: "-" is the way to pipe a log in */
	fd = is_stdin ? STDIN_FILENO : sl_file_open_regular(path, log->source, err);
	if (fd < 0)
		return err ? err->code : SL_EIO;
	rc = read_fd(log, fd, !is_stdin, log->source, err);
	if (rc == 0)
		rc = sl_buildlog_finish(log, err);
	if (!is_stdin)
		close(fd);
	return rc;
}

int sl_buildlog_read_file(const char *path, const char *label, enum sl_log_kind kind,
			  struct sl_buildlog **out, struct sl_err *err)
{
	struct sl_buildlog *log = sl_buildlog_new(kind, label ? label : path);
	int rc = sl_buildlog_read_into(log, path, err);

	if (rc < 0) {
		sl_buildlog_free(log);
		return rc;
	}
	*out = log;
	return 0;
}
