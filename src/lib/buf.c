/* buf.c: growable byte strings (git strbuf contract). */
#include "spacelock/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"

char sl_buf_empty[1];

void sl_buf_init(struct sl_buf *b)
{
	b->buf = sl_buf_empty;
	b->len = 0;
	b->alloc = 0;
}

void sl_buf_release(struct sl_buf *b)
{
	if (b->alloc)
		free(b->buf);
	sl_buf_init(b);
}

void sl_buf_reset(struct sl_buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->buf[0] = '\0';
}

char *sl_buf_detach(struct sl_buf *b, size_t *len_out)
{
	char *s;

	if (!b->alloc)
		sl_buf_grow(b, 0);
	s = b->buf;
	if (len_out)
		*len_out = b->len;
	sl_buf_init(b);
	return s;
}

void sl_buf_grow(struct sl_buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;
	size_t n;

	if (b->alloc >= want)
		return;
	n = b->alloc ? b->alloc : 64;
	while (n < want)
		n *= 2;
	if (!b->alloc) {
		b->buf = sl_xmalloc(n);
		b->buf[0] = '\0';
	} else {
		b->buf = sl_xrealloc(b->buf, n);
	}
	b->alloc = n;
}

void sl_buf_add(struct sl_buf *b, const void *data, size_t len)
{
	sl_buf_grow(b, len);
	if (len) /* nothing to add may come as (NULL, 0): memcpy's UB (SAN=1) */
		memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void sl_buf_addstr(struct sl_buf *b, const char *s)
{
	sl_buf_add(b, s, strlen(s));
}

void sl_buf_addch(struct sl_buf *b, int c)
{
	char ch = (char)c;
	sl_buf_add(b, &ch, 1);
}

void sl_buf_vaddf(struct sl_buf *b, const char *fmt, va_list ap)
{
	/* formatted straight into the room there is, and a second time only
	 * when it did not fit (the empty buffer is shared: no room) */
	size_t room = b->alloc ? b->alloc - b->len : 0;
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(room ? b->buf + b->len : NULL, room, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	if ((size_t)n >= room) {
		sl_buf_grow(b, (size_t)n);
		vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void sl_buf_addf(struct sl_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sl_buf_vaddf(b, fmt, ap);
	va_end(ap);
}
