/* mem.h: allocation that aborts on out-of-memory (as git and libsolv do),
 * so callers never check for NULL. */
#ifndef SPACELOCK_MEM_H
#define SPACELOCK_MEM_H

#include <stddef.h>

void *sl_xmalloc(size_t n);
void *sl_xcalloc(size_t count, size_t size);
void *sl_xrealloc(void *p, size_t n);
/* Grows *p to hold at least want elements of size elem; *cap is updated. */
void sl_xgrow(void **p, size_t *cap, size_t want, size_t elem);
char *sl_xstrdup(const char *s);
char *sl_xstrndup(const char *s, size_t n);
/* printf into a fresh heap string; the caller frees it. */
char *sl_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
