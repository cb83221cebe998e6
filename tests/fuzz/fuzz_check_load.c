/* fuzz_check_load.c: the lock-to-solver loader on arbitrary bytes.  A lock
 * the reader accepts is loaded into a check (its packages, the metadata it
 * stores, the target Python) and run through libsolv, offline, with no
 * other metadata source.  The verdict must agree with its problems: a
 * consistent report has none that makes it inconsistent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/check.h"
#include "spacelock/lock.h"
#include "spacelock/lockfile.h"

static void run(const struct sl_lock *lock, const char *python)
{
	struct sl_check *c = sl_check_new();
	struct sl_check_options o;
	struct sl_check_report r;
	struct sl_err err = {0};

	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	o.python = python;
	o.offline = true;
	if (sl_check_load_lock(c, lock, &o, &err) == 0 && sl_check_run(c, &r, &err) == 0) {
		if (r.consistent && r.solver_problems != 0)
			abort();
		sl_check_report_release(&r);
	}
	sl_check_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_lock *lock = NULL;
	struct sl_err err = {0};

	if (sl_lockfile_parse("fuzz.json", (const char *)data, size, &lock, &err) != 0)
		return 0;
	run(lock, NULL);   /* the target the lock names, if any */
	run(lock, "3.11"); /* a target given, as --python does */
	sl_lock_free(lock);
	return 0;
}
