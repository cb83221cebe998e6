/* sse.h: an incremental decoder for server-sent events (the Hub's
 * /logs/build and /logs/run endpoints).
 *
 * Bytes arrive in arbitrary chunks (from a file or from libcurl's write
 * callback); the decoder calls back once per complete event with its data
 * field(s) joined by "\n".  Lines may end in LF, CRLF or CR; "data:",
 * "event:", "id:" and "retry:" fields and ":" comments are understood as in
 * the WHATWG EventSource specification.  An event whose only field is an
 * empty "data:" (the Hub's keep-alive) is delivered with len 0.  Memory is
 * bounded: an event larger than the maximum is delivered truncated and
 * flagged. */
#ifndef SPACELOCK_SSE_H
#define SPACELOCK_SSE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct sl_sse_event {
	const char *data; /* the data fields joined by "\n"; NUL-terminated */
	size_t len;
	const char *type;   /* the "event:" field, "" when none */
	const char *id;	    /* the last "id:" seen (sticky, as in the spec), "" when none */
	unsigned long line; /* input line of the event's first field */
	bool truncated;	    /* longer than the maximum: data holds the start */
};

struct sl_sse;

/* Creates a decoder.  on_event is called once per dispatched event with
 * ctx; ev and its strings are valid only during the call.  A non-zero
 * return from on_event stops decoding: sl_sse_feed returns that value.
 * max_event bounds the bytes kept per event (0: 1 MiB). */
struct sl_sse *sl_sse_new(size_t max_event,
			  int (*on_event)(void *ctx, const struct sl_sse_event *ev), void *ctx);

/* Decodes len bytes (any chunking, any split point).  Returns 0, or the
 * non-zero value an on_event call returned. */
int sl_sse_feed(struct sl_sse *s, const char *data, size_t len);

/* Ends the stream.  Complete field lines still waiting for their closing
 * blank line are delivered as an event.  Returns 0, or 1 when the stream
 * was cut inside a line: that incomplete event is NOT delivered (its data
 * may be half a JSON object), and *cut_line, when not NULL, receives its
 * first input line.  Events delivered before are unaffected. */
int sl_sse_finish(struct sl_sse *s, unsigned long *cut_line);

/* Input lines seen so far (a last line without terminator included). */
unsigned long sl_sse_lines(const struct sl_sse *s);

/* Frees the decoder; NULL is fine. */
void sl_sse_free(struct sl_sse *s);

/* The Hub's usual event read straight from the bytes, for readers that
 * skim: when the decoder stands between events and p[0..n) starts with
 * one event made of a single line `data: {"data": "<text>", "timestamp":
 * "<plain>"}` (or `data: {"data": "<text>"}`) whose text has no escape
 * but one final \n, then its blank line, or a keep-alive `data:` and its
 * blank line: the decoder counts its lines as if fed, and the result is
 * the bytes it takes.  *text / *text_len is the text without the final
 * \n, *has_line whether that text makes a log line (the payload was not
 * ""), *line the event's input line.  0 (nothing taken) for anything
 * else, which sl_sse_feed then decodes; both read such an event alike. */
size_t sl_sse_hub_event(struct sl_sse *s, const char *p, size_t n, const char **text,
			size_t *text_len, bool *has_line, unsigned long *line);

/* Decodes the Hub's event payload {"data": "<log text>", "timestamp":
 * "..."}: on success *text is a new string (owned by the caller) holding
 * the log text, and *timestamp (when not NULL) a new string or NULL.
 * Returns SL_EPARSE when data is not such a JSON object. */
int sl_sse_hub_payload(const char *data, size_t len, char **text, char **timestamp,
		       struct sl_err *err);

#endif
