/* fuzz_http_header.c: the response headers spacelock reads on arbitrary
 * bytes: the input is cut into header lines as libcurl hands them over
 * (each with its CRLF), then the Location is resolved against the request
 * URL (libcurl's URL parser), the Retry-After turned into a wait and the
 * URLs shown as messages show them.  A value kept holds no line break or
 * NUL, a wait is within a day, a shown URL has no query string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/http.h"
#include "spacelock/mem.h"

static void check_value(const char *v)
{
	if (v && (strpbrk(v, "\r\n") || strlen(v) > 8192))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_http_head h = {NULL, NULL, NULL};
	const char *p = (const char *)data, *end = p + size;
	char shown[512];
	long wait;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		sl_http_head_line(&h, p, n);
		p += n;
	}
	check_value(h.location);
	check_value(h.retry_after);
	check_value(h.etag);
	wait = sl_http_retry_after_ms(h.retry_after, 1234);
	if (wait < 0 || wait > 86400000L)
		abort();
	if (h.location) {
		char *next =
		    sl_http_redirect_url("https://huggingface.co/api/spaces/a/b?x=1", h.location);
		if (next) {
			sl_http_show_url(next, shown, sizeof(shown));
			if (strchr(shown, '?'))
				abort();
			free(next);
		}
		sl_http_show_url(h.location, shown, sizeof(shown));
		if (strchr(shown, '?') || strchr(shown, '#'))
			abort();
	}
	sl_http_head_clear(&h);
	return 0;
}
