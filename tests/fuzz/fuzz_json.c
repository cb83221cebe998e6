/* fuzz_json.c: the JSON reading wrapper on arbitrary bytes.  What it
 * accepts has no key twice, no NUL and nothing after the document, so
 * cJSON's own rendering of the tree must be accepted again. */
#include <cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_err err = {0};
	cJSON *a = sl_json_parse((const char *)data, size, "fuzz.json", &err), *b;
	char *text;

	if (!a) {
		if (err.code != SL_EPARSE || !err.msg[0])
			abort();
		return 0;
	}
	text = cJSON_PrintUnformatted(a);
	if (text) {
		b = sl_json_parse(text, strlen(text), "again.json", &err);
		if (!b)
			abort();
		cJSON_Delete(b);
		free(text);
	}
	cJSON_Delete(a);
	return 0;
}
