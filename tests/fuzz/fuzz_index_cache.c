/* fuzz_index_cache.c: an index cache file on arbitrary bytes (another
 * process, or a disk error, may have written it).  The entry is split as
 * the cache reads it ("spacelock-index-cache 1", the URL, the ETag, the
 * body) and its body read as index JSON.  An entry for another URL is
 * never used; an ETag kept has no line break (it goes into a header). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/index.h"
#include "spacelock/mem.h"

#define URL "https://pypi.org/pypi/demo/1.0/json"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = sl_xmalloc(size + 1);
	const char *etag = NULL, *body = NULL;
	size_t body_len = 0;
	struct sl_index_release r;
	struct sl_err err = {0};

	memcpy(raw, data, size); /* NULs included */
	raw[size] = '\0';
	if (sl_index_cache_entry(URL, raw, size, &etag, &body, &body_len)) {
		if (!etag || strchr(etag, '\n') || size < strlen(URL) ||
		    !memmem(data, size, URL, strlen(URL)))
			abort();
		if (body < raw || body + body_len > raw + size)
			abort();
		memset(&r, 0, sizeof(r));
		sl_index_parse(URL, body, body_len, &r, &err);
		sl_index_clear(&r);
	}
	free(raw);
	return 0;
}
