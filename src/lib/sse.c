/* sse.c: incremental server-sent-events decoder (WHATWG EventSource
 * framing) with bounded memory, and the Hub's log payload. */
#include "spacelock/sse.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "spacelock/buf.h"
#include "spacelock/mem.h"
#include "spacelock/json.h"

#define SSE_DEFAULT_MAX (1024 * 1024)
#define SSE_SMALL_MAX 256 /* event type and id */

struct sl_sse {
	size_t max;
	int (*on_event)(void *ctx, const struct sl_sse_event *ev);
	void *ctx;
	struct sl_buf line;   /* the current line, at most max + 16 bytes */
	bool line_cut;	      /* the current line was longer than that */
	bool after_cr;	      /* the last byte was CR: a following LF is part of it */
	unsigned long lineno; /* lines completed so far */
	struct sl_buf data;
	struct sl_buf type;
	struct sl_buf id;
	bool in_event; /* a field was seen since the last dispatch */
	bool has_data;
	bool truncated;
	unsigned long event_line;
};

struct sl_sse *sl_sse_new(size_t max_event,
			  int (*on_event)(void *ctx, const struct sl_sse_event *ev), void *ctx)
{
	struct sl_sse *s = sl_xcalloc(1, sizeof(*s));

	s->max = max_event ? max_event : SSE_DEFAULT_MAX;
	s->on_event = on_event;
	s->ctx = ctx;
	sl_buf_init(&s->line);
	sl_buf_init(&s->data);
	sl_buf_init(&s->type);
	sl_buf_init(&s->id);
	return s;
}

void sl_sse_free(struct sl_sse *s)
{
	if (!s)
		return;
	sl_buf_release(&s->line);
	sl_buf_release(&s->data);
	sl_buf_release(&s->type);
	sl_buf_release(&s->id);
	free(s);
}

unsigned long sl_sse_lines(const struct sl_sse *s)
{
	return s->lineno + (s->line.len > 0 ? 1 : 0);
}

static void reset_event(struct sl_sse *s)
{
	sl_buf_reset(&s->data);
	sl_buf_reset(&s->type);
	s->in_event = false;
	s->has_data = false;
	s->truncated = false;
}

static int dispatch(struct sl_sse *s)
{
	struct sl_sse_event ev;
	int rc;

	if (!s->has_data) { /* the spec drops events without data */
		reset_event(s);
		return 0;
	}
	if (s->data.len > 0 && s->data.buf[s->data.len - 1] == '\n')
		s->data.buf[--s->data.len] = '\0';
	ev.data = s->data.buf;
	ev.len = s->data.len;
	ev.type = s->type.buf;
	ev.id = s->id.buf;
	ev.line = s->event_line;
	ev.truncated = s->truncated;
	rc = s->on_event(s->ctx, &ev);
	reset_event(s);
	return rc;
}

/* Appends up to a bound; returns false when something was dropped. */
static bool add_bounded(struct sl_buf *b, const char *p, size_t n, size_t max)
{
	size_t room = b->len < max ? max - b->len : 0;

	sl_buf_add(b, p, n < room ? n : room);
	return n <= room;
}

static void field(struct sl_sse *s, const char *name, size_t nlen, const char *val, size_t vlen)
{
	if (nlen == 4 && memcmp(name, "data", 4) == 0) {
		s->has_data = true;
		if (!add_bounded(&s->data, val, vlen, s->max) || s->line_cut)
			s->truncated = true;
		if (!add_bounded(&s->data, "\n", 1, s->max))
			s->truncated = true;
	} else if (nlen == 5 && memcmp(name, "event", 5) == 0) {
		sl_buf_reset(&s->type);
		add_bounded(&s->type, val, vlen, SSE_SMALL_MAX);
	} else if (nlen == 2 && memcmp(name, "id", 2) == 0 && !memchr(val, '\0', vlen)) {
		sl_buf_reset(&s->id);
		add_bounded(&s->id, val, vlen, SSE_SMALL_MAX);
	}
	/* "retry" and unknown fields are ignored, as the spec says */
}

/* Reads one complete field line p[0..len) (at most s->max + 16 bytes; a
 * longer one was cut and s->line_cut says so). */
static int end_line(struct sl_sse *s, const char *p, size_t len)
{
	const char *colon;
	int rc = 0;

	s->lineno++;
	if (len == 0) {
		if (s->in_event)
			rc = dispatch(s);
	} else if (p[0] != ':') {
		size_t nlen;
		const char *val;
		size_t vlen;

		colon = memchr(p, ':', len);
		nlen = colon ? (size_t)(colon - p) : len;
		val = colon ? colon + 1 : p + len;
		vlen = (size_t)(p + len - val);
		if (vlen > 0 && val[0] == ' ') {
			val++;
			vlen--;
		}
		if (!s->in_event)
			s->event_line = s->lineno;
		s->in_event = true;
		field(s, p, nlen, val, vlen);
	}
	sl_buf_reset(&s->line);
	s->line_cut = false;
	return rc;
}

/* Where the line at p ends: its first '\n' or '\r', or end (two memchr
 * calls instead of a test per byte: this loop was a fifth of reading a
 * Hub log). */
static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *cr = memchr(p, '\r', (size_t)((nl ? nl : end) - p));

	return cr ? cr : nl ? nl : end;
}

/* A line whose end is in this chunk: read where it lies unless a start
 * is already buffered (then appended to it, as an incomplete line is). */
static int whole_line(struct sl_sse *s, const char *p, size_t n)
{
	size_t max = s->max + 16;

	if (s->line.len > 0) {
		if (!add_bounded(&s->line, p, n, max))
			s->line_cut = true;
		return end_line(s, s->line.buf, s->line.len);
	}
	if (n > max) {
		n = max;
		s->line_cut = true;
	}
	return end_line(s, p, n);
}

int sl_sse_feed(struct sl_sse *s, const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	int rc;

	while (p < end) {
		if (s->after_cr) {
			s->after_cr = false;
			if (*p == '\n') {
				p++;
				continue;
			}
		}
		const char *e = line_end(p, end);
		if (e == end) {
			if (!add_bounded(&s->line, p, (size_t)(e - p), s->max + 16))
				s->line_cut = true;
			break;
		}
		s->after_cr = *e == '\r';
		rc = whole_line(s, p, (size_t)(e - p));
		p = e + 1;
		if (rc)
			return rc;
	}
	return 0;
}

int sl_sse_finish(struct sl_sse *s, unsigned long *cut_line)
{
	if (s->line.len > 0) {
		/* an unterminated last line: the event it belongs to is cut */
		unsigned long at = s->in_event ? s->event_line : s->lineno + 1;
		if (cut_line)
			*cut_line = at;
		s->lineno++;
		sl_buf_reset(&s->line);
		reset_event(s);
		return 1;
	}
	/* complete field lines without the final blank line: deliver them */
	if (s->in_event)
		dispatch(s);
	return 0;
}

static bool plain_tail(const char *p, size_t n);

/* Length of the leading run of p[0..n) a JSON string holds as it is: no
 * '"', no '\\', no control byte (sixteen bytes at a time with SSE2). */
static size_t json_run(const char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\');
	const __m128i space = _mm_set1_epi8(0x20);

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		/* unsigned v >= 0x20: max(v, 0x20) == v */
		__m128i ok = _mm_cmpeq_epi8(_mm_max_epu8(v, space), v);
		__m128i stop = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(stop, ok)) ^ 0xffffu;
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < n && p[i] != '"' && p[i] != '\\' && (unsigned char)p[i] >= 0x20)
		i++;
	return i;
}

size_t sl_sse_hub_event(struct sl_sse *s, const char *p, size_t n, const char **text,
			size_t *text_len, bool *has_line, unsigned long *line)
{
	static const char head[] = "data: {\"data\": \"";
	size_t h = sizeof(head) - 1, i, end_text, eol;
	bool newline = false;

	if (s->line.len || s->line_cut || s->after_cr || s->in_event)
		return 0; /* not between events */
	*line = s->lineno + 1;
	if (n >= 7 && memcmp(p, "data:\n\n", 7) == 0) { /* a keep-alive */
		*text = p;
		*text_len = 0;
		*has_line = false;
		s->lineno += 2;
		return 7;
	}
	if (n < h || memcmp(p, head, h) != 0)
		return 0;
	i = h + json_run(p + h, n - h);
	end_text = i;
	if (i + 1 < n && p[i] == '\\' && p[i + 1] == 'n') {
		newline = true;
		i += 2;
	}
	if (i >= n || p[i] != '"')
		return 0;
	{
		const char *lf = memchr(p + i + 1, '\n', n - i - 1);
		const char *cr = memchr(p + i + 1, '\r', (size_t)((lf ? lf : p + n) - (p + i + 1)));
		eol = cr ? (size_t)(cr - p) : lf ? (size_t)(lf - p) : n;
	}
	/* the line ends in LF, a blank line follows, the payload's tail is
	 * plain, and the event fits (data plus its "\n" within max) */
	if (eol + 1 >= n || p[eol] != '\n' || p[eol + 1] != '\n' ||
	    !plain_tail(p + i + 1, eol - i - 1) || eol - 6 + 1 > s->max)
		return 0;
	*text = p + h;
	*text_len = end_text - h;
	*has_line = newline || end_text > h;
	s->lineno += 2;
	return eol + 2;
}

/* The character a simple JSON escape stands for; -1 for any other
 * (\u and the rest go to cJSON). */
static int simple_escape(char c)
{
	switch (c) {
	case '"': return '"';
	case '\\': return '\\';
	case '/': return '/';
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	case 'b': return '\b';
	case 'f': return '\f';
	default: return -1;
	}
}

/* True when p[0..n) is exactly `}` or `, "timestamp": "<plain>"}`. */
static bool plain_tail(const char *p, size_t n)
{
	static const char ts[] = ", \"timestamp\": \"";
	size_t i = sizeof(ts) - 1;

	if (n == 1 && p[0] == '}')
		return true;
	if (n < i + 2 || memcmp(p, ts, i) != 0)
		return false;
	while (i < n && p[i] != '"' && p[i] != '\\' && (unsigned char)p[i] >= 0x20)
		i++;
	return i + 2 == n && p[i] == '"' && p[i + 1] == '}';
}

/* The text of the payload every Hub event has, {"data": "...",
 * "timestamp": "..."} with only simple escapes, decoded without building
 * a JSON tree; NULL for anything else, which cJSON then reads (so both
 * agree on every input this accepts). */
static char *plain_payload(const char *data, size_t len)
{
	static const char head[] = "{\"data\": \"";
	struct sl_buf b = SL_BUF_INIT;
	size_t i = sizeof(head) - 1;

	if (len < i || memcmp(data, head, i) != 0)
		return NULL;
	for (;;) {
		size_t run = i + json_run(data + i, len - i);
		int c;
		sl_buf_add(&b, data + i, run - i);
		i = run;
		if (i < len && data[i] == '"')
			break;
		if (i + 1 >= len || data[i] != '\\' || (c = simple_escape(data[i + 1])) < 0) {
			sl_buf_release(&b);
			return NULL;
		}
		sl_buf_addch(&b, c);
		i += 2;
	}
	if (!plain_tail(data + i + 1, len - i - 1)) {
		sl_buf_release(&b);
		return NULL;
	}
	return sl_buf_detach(&b, NULL);
}

int sl_sse_hub_payload(const char *data, size_t len, char **text, char **timestamp,
		       struct sl_err *err)
{
	cJSON *root;

	if (!timestamp && (*text = plain_payload(data, len)) != NULL)
		return 0;
	root = sl_json_parse(data, len, "event", NULL);
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(root, "data");
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "timestamp");

	if (!cJSON_IsObject(root) || !cJSON_IsString(d)) {
		cJSON_Delete(root);
		return sl_error(err, SL_EPARSE, "event data is not a {\"data\": ...} object");
	}
	*text = sl_xstrdup(d->valuestring);
	if (timestamp)
		*timestamp = cJSON_IsString(t) ? sl_xstrdup(t->valuestring) : NULL;
	cJSON_Delete(root);
	return 0;
}
