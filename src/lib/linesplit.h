/* linesplit.h (private to src/lib): the log wing's one line splitter and
 * its look at a file's first bytes (linesplit.c). */
#ifndef SPACELOCK_LINESPLIT_H
#define SPACELOCK_LINESPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "spacelock/buf.h"

/* A line splitter over arbitrary chunks with a bounded line (linesplit.c):
 * on_line gets each line without its "\n" (a "\r" before it removed),
 * cut when the line went over max and lost its tail.  A non-zero return
 * from on_line stops and is returned. */
struct linesplit {
	struct sl_buf partial;
	size_t max;
	bool cut;
	unsigned long lineno;
};
#define LINESPLIT_FN                                                                               \
	int (*fn)(void *ctx, const char *line, size_t len, bool cut, unsigned long lineno)
void linesplit_init(struct linesplit *ls, size_t max);
int linesplit_feed(struct linesplit *ls, const char *data, size_t len, LINESPLIT_FN, void *ctx);
int linesplit_finish(struct linesplit *ls, LINESPLIT_FN, void *ctx);
void linesplit_release(struct linesplit *ls);

/* True when the first n bytes of a file look binary: a known archive or
 * executable magic, or (strict) any NUL/control byte, or (not strict) more
 * than 1 in 16 such bytes. */
bool log_looks_binary(const char *p, size_t n, bool strict);

#endif
