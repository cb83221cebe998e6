/* fuzz_index.c: the package-index JSON reader (sl_index_parse) on
 * arbitrary bytes: no crash, no leak, and what it returns is consistent. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "spacelock/index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_index_release r;
	struct sl_err err;

	memset(&r, 0, sizeof(r));
	if (sl_index_parse("fuzz", (const char *)data, size, &r, &err) == 0) {
		for (size_t i = 0; i < r.nfiles; i++)
			if (!r.files[i].filename)
				__builtin_trap();
		for (size_t i = 0; r.requires_dist && r.requires_dist[i]; i++)
			(void)strlen(r.requires_dist[i]);
	}
	sl_index_clear(&r);
	return 0;
}
