/* fuzz_apply.c: apply on hostile files.  The input is split at its first
 * NUL byte into a README and a requirements.txt (the rest, a
 * pre-requirements.txt after a second NUL); the lock of the unit test
 * (tests/common/apply_fixture.h: VCS packages, an sdk, a pre-requirements
 * pin) is applied.  Either it fails
 * cleanly with a message, or its result parses, is verified, and applying
 * it again changes nothing (idempotence). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/apply_fixture.h"
#include "spacelock/apply.h"
#include "spacelock/lock.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sl_lock *lock;
	struct sl_apply_options opts = {SL_APPLY_PIN_ALL, NULL, true, "lock.json", NULL, NULL};
	struct sl_apply_result r = {0}, again = {0};
	struct sl_err err = {0};
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	size_t a = nul ? (size_t)(nul - s) : size, b_start = nul ? a + 1 : size;
	const char *nul2 = b_start < size ? memchr(s + b_start, '\0', size - b_start) : NULL;
	size_t b_len = nul2 ? (size_t)(nul2 - (s + b_start)) : size - b_start;

	if (!lock)
		lock = apply_fixture_lock();
	sl_apply_set_file(&r, SL_APPLY_README, s, a, 0644);
	sl_apply_set_file(&r, SL_APPLY_REQUIREMENTS, s + b_start, b_len, 0644);
	if (nul2)
		sl_apply_set_file(&r, SL_APPLY_PRE_REQUIREMENTS, nul2 + 1,
				  size - (size_t)(nul2 + 1 - s), 0644);
	if (sl_apply_compute(lock, &opts, &r, &err) != 0) {
		if (!err.msg[0] || sl_apply_changed(&r))
			abort(); /* a failure says why and leaves nothing to write */
		sl_apply_result_release(&r);
		return 0;
	}
	apply_fixture_reload(&r, &again);
	if (sl_apply_compute(lock, &opts, &again, &err) != 0 || sl_apply_changed(&again))
		abort(); /* not idempotent */
	sl_apply_result_release(&again);
	sl_apply_result_release(&r);
	return 0;
}
