/* fuzz_sse.c: the incremental SSE decoder and the Hub payload decoder.
 * The first byte picks the chunk size; asserted: the events delivered do
 * not depend on how the bytes were chunked, each event's data is bounded
 * and NUL-terminated, and a payload either decodes or is refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/sse.h"

#define MAX_EVENT 4096

static int on_event(void *ctx, const struct sl_sse_event *ev)
{
	struct sl_buf *b = ctx;
	char *text = NULL, *ts = NULL;

	if (ev->len > MAX_EVENT || ev->data[ev->len] != '\0')
		abort();
	sl_buf_addf(b, "%lu %d %s|%s|", ev->line, ev->truncated, ev->type, ev->id);
	sl_buf_add(b, ev->data, ev->len);
	sl_buf_addch(b, '\n');
	if (sl_sse_hub_payload(ev->data, ev->len, &text, &ts, NULL) == 0) {
		if (!text)
			abort();
		sl_buf_addstr(b, text);
	}
	free(text);
	free(ts);
	return 0;
}

static int decode(const uint8_t *data, size_t size, size_t step, struct sl_buf *out)
{
	struct sl_sse *s = sl_sse_new(MAX_EVENT, on_event, out);
	unsigned long cut = 0;
	int rc;

	for (size_t i = 0; i < size; i += step)
		sl_sse_feed(s, (const char *)data + i, size - i < step ? size - i : step);
	rc = sl_sse_finish(s, &cut);
	sl_buf_addf(out, "end %d %lu %lu\n", rc, cut, sl_sse_lines(s));
	sl_sse_free(s);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT;

	if (size < 1)
		return 0;
	decode(data + 1, size - 1, 1 + data[0], &a);
	decode(data + 1, size - 1, size, &b);
	if (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0)
		abort();
	sl_buf_release(&a);
	sl_buf_release(&b);
	return 0;
}
