/* fuzz_requirement.c: the PEP 508 requirement parser on arbitrary bytes.
 * A requirement that parses must print as JSON and as packaging's
 * str(Requirement); the latter, when plain (no backslash or line break
 * from an escape in the marker), must parse back to the same JSON. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/requirement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct sl_requirement *r = NULL, *again = NULL;
	struct sl_err err;
	char *json, *str, *json2;

	memcpy(s, data, size);
	s[size] = '\0';
	if (sl_requirement_parse(s, &r, &err) != 0) {
		if (!err.msg[0])
			abort();
		free(s);
		return 0;
	}
	json = sl_requirement_to_json(r);
	str = sl_requirement_to_string(r);
	if (!json != !str || !r->spec || !r->name[0])
		abort();
	if (str && !strpbrk(str, "\\\r\n")) {
		if (sl_requirement_parse(str, &again, &err) != 0)
			abort();
		json2 = sl_requirement_to_json(again);
		if (!json2 || strcmp(json, json2) != 0)
			abort();
		free(json2);
		sl_requirement_free(again);
	}
	free(json);
	free(str);
	sl_requirement_free(r);
	free(s);
	return 0;
}
