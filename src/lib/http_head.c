/* http_head.c: the parts of HTTP that need no libcurl: the response
 * headers spacelock reads, URLs as messages show them, path escaping.  Kept
 * apart from http.c so a fuzz target reaches them without a server. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "spacelock/buf.h"
#include "spacelock/http.h"
#include "spacelock/mem.h"

/* Longer values are not what a server sends for these three; keeping
 * them whole would let a response grow memory by header lines. */
#define HEAD_VALUE_MAX 8192

static void set_field(char **field, const char *v, size_t n)
{
	while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	while (n && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	free(*field);
	*field = NULL;
	/* a NUL or another line break inside is no value of these headers */
	if (n > HEAD_VALUE_MAX || memchr(v, '\0', n) || memchr(v, '\n', n) || memchr(v, '\r', n))
		return;
	*field = sl_xstrndup(v, n);
}

void sl_http_head_clear(struct sl_http_head *h)
{
	free(h->location);
	free(h->retry_after);
	free(h->etag);
	h->location = h->retry_after = h->etag = NULL;
}

void sl_http_head_line(struct sl_http_head *h, const char *data, size_t len)
{
	static const struct {
		const char *name;
		size_t off;
	} want[] = {
	    {"location:", offsetof(struct sl_http_head, location)},
	    {"retry-after:", offsetof(struct sl_http_head, retry_after)},
	    {"etag:", offsetof(struct sl_http_head, etag)},
	};

	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		sl_http_head_clear(h);
		return;
	}
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		size_t n = strlen(want[i].name);
		if (len > n && strncasecmp(data, want[i].name, n) == 0)
			set_field((char **)((char *)h + want[i].off), data + n, len - n);
	}
}

void sl_http_show_url(const char *url, char *out, size_t n)
{
	struct sl_buf b = SL_BUF_INIT;
	const char *host = strstr(url, "://"), *rest = url;

	/* a "://" after the path, query or fragment began is no scheme's: it
	 * must not make the query look like a host (fuzz_http_header) */
	if (host && (size_t)(host - url) > strcspn(url, "/?#"))
		host = NULL;
	if (host) {
		const char *end = host + 3 + strcspn(host + 3, "/?#");
		const char *at = memchr(host + 3, '@', (size_t)(end - host - 3));
		if (at) {
			sl_buf_add(&b, url, (size_t)(host + 3 - url));
			rest = at + 1;
		}
	}
	sl_buf_add(&b, rest, strcspn(rest, "?#"));
	snprintf(out, n, "%s", b.buf ? b.buf : "");
	sl_buf_release(&b);
}

char *sl_http_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct sl_buf b = SL_BUF_INIT;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			sl_buf_addch(&b, *p);
		} else {
			sl_buf_addch(&b, '%');
			sl_buf_addch(&b, hex[*p >> 4]);
			sl_buf_addch(&b, hex[*p & 15]);
		}
	}
	return sl_buf_detach(&b, NULL);
}
