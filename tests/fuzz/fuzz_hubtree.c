/* fuzz_hubtree.c: the Hub's tree listing reader (sl_hub_last_change_parse,
 * hub_history.h) on arbitrary bytes: no crash, no leak, and a date it
 * returns is the 19-byte normal form or empty. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "spacelock/hub_history.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {"requirements.txt", "pre-requirements.txt"};
	char out[20];
	struct sl_err err;

	if (sl_hub_last_change_parse("fuzz", (const char *)data, size, paths, 2, out, &err) == 0) {
		size_t n = strlen(out);
		if (n != 0 && (n != 19 || out[10] != 'T'))
			__builtin_trap();
	}
	return 0;
}
