/* udiff.h: a unified diff of two texts, in the format of `diff -u` (GNU
 * diffutils), so that patch(1) and git apply read it. */
#ifndef SPACELOCK_UDIFF_H
#define SPACELOCK_UDIFF_H

#include <stddef.h>

#include "buf.h"

/* Appends the diff of a[0..alen) and b[0..blen) to out, with 3 lines of
 * context, under the labels ("a/README.md"; "/dev/null" for a file that
 * does not exist).  A last line without a line break is marked
 * "\ No newline at end of file".  Nothing is appended when the texts are
 * equal.  The smallest diff is found while the changed middle of the two
 * texts is below SL_UDIFF_MAX_CELLS lines squared; above, the middle is
 * shown as removed and added whole (still a correct patch). */
void sl_udiff(const char *a, size_t alen, const char *b, size_t blen, const char *label_a,
	      const char *label_b, struct sl_buf *out);

#define SL_UDIFF_MAX_CELLS (4u << 20)

#endif
