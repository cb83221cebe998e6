/* buf.h: a growable byte string with git's strbuf contract.
 *
 * buf is never NULL after sl_buf_init (it points at a shared empty string
 * until something is added), always NUL-terminated, and may hold NULs.
 * sl_buf_detach hands the heap string to the caller. */
#ifndef SPACELOCK_BUF_H
#define SPACELOCK_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct sl_buf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define SL_BUF_INIT                                                                                \
	{                                                                                          \
		sl_buf_empty, 0, 0                                                                 \
	}
extern char sl_buf_empty[];

void sl_buf_init(struct sl_buf *b);
void sl_buf_release(struct sl_buf *b);
void sl_buf_reset(struct sl_buf *b); /* len = 0, keeps the allocation */
char *sl_buf_detach(struct sl_buf *b, size_t *len_out);
void sl_buf_grow(struct sl_buf *b, size_t extra);
void sl_buf_add(struct sl_buf *b, const void *data, size_t len);
void sl_buf_addstr(struct sl_buf *b, const char *s);
void sl_buf_addch(struct sl_buf *b, int c);
void sl_buf_addf(struct sl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sl_buf_vaddf(struct sl_buf *b, const char *fmt, va_list ap);

#endif
