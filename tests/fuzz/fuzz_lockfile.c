/* fuzz_lockfile.c: the lockfile reader on arbitrary bytes.  A document it
 * accepts must write back to text that reads to the same text again (the
 * writer is a fixed point of read-then-write). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/lock.h"
#include "spacelock/lockfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_lock *a = NULL, *b = NULL;
	struct sl_buf x = SL_BUF_INIT, y = SL_BUF_INIT;
	struct sl_err err = {0};

	if (sl_lockfile_parse("fuzz.json", (const char *)data, size, &a, &err) != 0)
		return 0;
	sl_lockfile_dump(a, &x);
	if (sl_lockfile_parse("again.json", x.buf, x.len, &b, &err) != 0)
		abort();
	sl_lockfile_dump(b, &y);
	if (x.len != y.len || memcmp(x.buf, y.buf, x.len) != 0)
		abort();
	sl_lock_free(a);
	sl_lock_free(b);
	sl_buf_release(&x);
	sl_buf_release(&y);
	return 0;
}
