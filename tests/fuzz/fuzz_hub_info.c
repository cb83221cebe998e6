/* fuzz_hub_info.c: the Hub's answers about a Space on arbitrary bytes: the
 * Space-info JSON (/api/spaces/{id}[/revision/{rev}]) and the secrets and
 * variables lists (names only; values are never kept).  The first byte
 * picks which.  Accepted info has a 40-hex sha; a names list is sorted and
 * NULL-terminated. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/hub.h"

static void info(const char *body, size_t len)
{
	struct sl_hub_space sp;
	struct sl_err err = {0};

	memset(&sp, 0, sizeof(sp));
	if (sl_hub_parse_info("https://huggingface.co/api/spaces/a/b?expand=x", body, len, &sp,
			      &err) == 0) {
		if (!sp.sha || strlen(sp.sha) != 40 || strspn(sp.sha, "0123456789abcdef") != 40)
			abort();
	} else if (strchr(err.msg, '?')) {
		abort(); /* messages name the URL without its query string */
	}
	sl_hub_space_release(&sp);
}

static void names(const char *body, size_t len)
{
	char **v = sl_hub_parse_names(body, len);

	for (size_t i = 0; v && v[i]; i++) {
		if (v[i + 1] && strcmp(v[i], v[i + 1]) > 0)
			abort();
		free(v[i]);
	}
	free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		names((const char *)data + 1, size - 1);
	else
		info((const char *)data + 1, size - 1);
	return 0;
}
