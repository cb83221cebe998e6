/* linesplit.c: the one line splitter of the log wing (plain logs, freeze
 * files, the file reader's skim), over chunks of any size with a bounded
 * line, and the look at a file's first bytes that tells a log from binary
 * data. */
#include "linesplit.h"

#include <stdlib.h>
#include <string.h>

void linesplit_init(struct linesplit *ls, size_t max)
{
	memset(ls, 0, sizeof(*ls));
	sl_buf_init(&ls->partial);
	ls->max = max;
}

void linesplit_release(struct linesplit *ls)
{
	sl_buf_release(&ls->partial);
}

static int emit_line(struct linesplit *ls, const char *p, size_t n, LINESPLIT_FN, void *ctx)
{
	bool cut = ls->cut;

	if (n > ls->max) {
		n = ls->max;
		cut = true;
	}
	if (n > 0 && p[n - 1] == '\r' && !cut)
		n--;
	ls->cut = false;
	ls->lineno++;
	return fn(ctx, p, n, cut, ls->lineno);
}

int linesplit_feed(struct linesplit *ls, const char *data, size_t len, LINESPLIT_FN, void *ctx)
{
	const char *p = data, *end = data + len;
	int rc;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (ls->partial.len == 0 && nl) {
			rc = emit_line(ls, p, n, fn, ctx); /* the common case: no copy */
		} else {
			size_t room = ls->partial.len < ls->max ? ls->max - ls->partial.len : 0;
			sl_buf_add(&ls->partial, p, n < room ? n : room);
			if (n > room)
				ls->cut = true;
			rc = 0;
			if (nl) {
				rc = emit_line(ls, ls->partial.buf, ls->partial.len, fn, ctx);
				sl_buf_reset(&ls->partial);
			}
		}
		if (rc)
			return rc;
		p += n + (nl ? 1 : 0);
	}
	return 0;
}

int linesplit_finish(struct linesplit *ls, LINESPLIT_FN, void *ctx)
{
	int rc = 0;

	if (ls->partial.len > 0 || ls->cut)
		rc = emit_line(ls, ls->partial.buf, ls->partial.len, fn, ctx);
	sl_buf_reset(&ls->partial);
	return rc;
}

static bool has_magic(const unsigned char *p, size_t n)
{
	static const struct {
		const char *m;
		size_t n;
	} magic[] = {
	    {"\x1f\x8b", 2},
	    {"PK\x03\x04", 4},
	    {"\x7f"
	     "ELF",
	     4},
	    {"\x89PNG", 4},
	    {"BZh", 3},
	    {"\xfd"
	     "7zXZ",
	     5},
	    {"\x28\xb5\x2f\xfd", 4},
	    {"7z\xbc\xaf", 4},
	    {"\xff\xfe", 2},
	    {"\xfe\xff", 2},
	};

	for (size_t i = 0; i < sizeof(magic) / sizeof(magic[0]); i++)
		if (n >= magic[i].n && memcmp(p, magic[i].m, magic[i].n) == 0)
			return true;
	return false;
}

bool log_looks_binary(const char *p, size_t n, bool strict)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t bad = 0;

	if (has_magic(u, n))
		return true;
	for (size_t i = 0; i < n; i++)
		if (u[i] == 0 || (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' &&
				  u[i] != '\f' && u[i] != 0x1b && u[i] != '\b'))
			bad++;
	return strict ? bad > 0 : bad * 16 > n;
}
