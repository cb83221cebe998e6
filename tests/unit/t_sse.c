/* t_sse.c: the incremental server-sent-events decoder: framing, any
 * chunking, bounded events, streams cut mid-event, the Hub payload. */
#include "spacelock/sse.h"

#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "test.h"

/* Every delivered event as "line|type|id|data|T?" lines. */
struct rec {
	struct sl_buf out;
	int events;
	int stop_after; /* return 7 from this event on (0: never) */
};

static int on_event(void *ctx, const struct sl_sse_event *ev)
{
	struct rec *r = ctx;

	sl_buf_addf(&r->out, "%lu|%s|%s|", ev->line, ev->type, ev->id);
	sl_buf_add(&r->out, ev->data, ev->len);
	sl_buf_addstr(&r->out, ev->truncated ? "|T\n" : "|\n");
	CHECK(ev->data[ev->len] == '\0', "event data is NUL-terminated");
	r->events++;
	return r->stop_after && r->events >= r->stop_after ? 7 : 0;
}

/* Decodes in chunks of size step (0: all at once); returns finish()'s rc. */
static int decode(const char *in, size_t len, size_t step, size_t max, struct rec *r,
		  unsigned long *cut)
{
	struct sl_sse *s = sl_sse_new(max, on_event, r);
	int rc = 0;

	sl_buf_init(&r->out);
	r->events = 0;
	for (size_t i = 0; i < len && rc == 0; i += step ? step : len) {
		size_t n = step && len - i > step ? step : len - i;
		rc = sl_sse_feed(s, in + i, n);
	}
	if (rc == 0)
		rc = sl_sse_finish(s, cut);
	sl_sse_free(s);
	return rc;
}

static void expect(const char *name, const char *in, const char *want, int want_rc)
{
	size_t len = strlen(in);

	/* every chunk size gives the same events, including 1-byte chunks that
	 * split CRLF pairs */
	for (size_t step = 0; step <= 7; step++) {
		struct rec r = {0};
		unsigned long cut = 0;
		int rc = decode(in, len, step, 0, &r, &cut);
		CHECK(rc == want_rc, "%s (step %zu): rc %d, want %d", name, step, rc, want_rc);
		CHECK_STR(r.out.buf, want, name);
		sl_buf_release(&r.out);
	}
}

static void framing(void)
{
	expect("one event", "data: hello\n\n", "1|||hello|\n", 0);
	expect("no space after colon", "data:hello\n\n", "1|||hello|\n", 0);
	expect("two spaces keep one", "data:  x\n\n", "1||| x|\n", 0);
	expect("multi-line data", "data: a\ndata: b\n\n", "1|||a\nb|\n", 0);
	expect("CRLF", "data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n", "1|||a\nb|\n4|||c|\n", 0);
	expect("CR only", "data: a\rdata: b\r\r", "1|||a\nb|\n", 0);
	expect("comment and keep-alive", ": ping\n\ndata:\n\ndata: x\n\n", "3||||\n5|||x|\n", 0);
	expect("event type and sticky id", "event: log\nid: 7\ndata: x\n\ndata: y\n\n",
	       "1|log|7|x|\n5||7|y|\n", 0);
	expect("event without data is dropped", "event: ping\n\nretry: 10\n\n", "", 0);
	expect("unknown field ignored", "foo: bar\ndata: x\n\n", "1|||x|\n", 0);
	expect("field without colon", "data\n\n", "1||||\n", 0);
	expect("leading blank lines", "\n\n\ndata: x\n\n", "4|||x|\n", 0);
	expect("ends without blank line: delivered", "data: last\n", "1|||last|\n", 0);
	expect("cut inside a line: not delivered", "data: one\n\ndata: {\"da", "1|||one|\n", 1);
	expect("empty input", "", "", 0);
}

static void cut_line_reported(void)
{
	const char *in = "data: a\n\n: c\ndata: b\ndata: {\"half";
	struct rec r = {0};
	unsigned long cut = 0;
	int rc = decode(in, strlen(in), 3, 0, &r, &cut);

	CHECK(rc == 1, "a stream cut mid-line reports it");
	CHECK(cut == 4, "the cut event starts at line 4, got %lu", cut);
	CHECK_STR(r.out.buf, "1|||a|\n", "events before the cut are kept");
	sl_buf_release(&r.out);
}

static void bounded(void)
{
	struct sl_buf in = SL_BUF_INIT;
	struct rec r = {0};
	unsigned long cut = 0;

	sl_buf_addstr(&in, "data: ");
	for (int i = 0; i < 5000; i++)
		sl_buf_addch(&in, 'x');
	sl_buf_addstr(&in, "\ndata: more\n\ndata: ok\n\n");
	CHECK(decode(in.buf, in.len, 1000, 100, &r, &cut) == 0, "long event decodes");
	CHECK(r.events == 2, "two events, got %d", r.events);
	CHECK(strstr(r.out.buf, "|T\n") != NULL, "the long event is flagged truncated");
	CHECK(strstr(r.out.buf, "4|||ok|\n") != NULL, "the next event is intact: %s", r.out.buf);
	CHECK(strlen(r.out.buf) < 300, "the kept data is bounded");
	sl_buf_release(&r.out);
	sl_buf_release(&in);
}

static void nul_in_data(void)
{
	static const char in[] = "data: a\0b\n\n";
	struct rec r = {0};
	unsigned long cut = 0;

	CHECK(decode(in, sizeof(in) - 1, 2, 0, &r, &cut) == 0, "NUL in data decodes");
	CHECK(r.out.len == 9 && memcmp(r.out.buf, "1|||a\0b|\n", 9) == 0, "NUL kept in data");
	sl_buf_release(&r.out);
}

static void stop_value(void)
{
	const char *in = "data: a\n\ndata: b\n\ndata: c\n\n";
	struct rec r = {.stop_after = 2};
	unsigned long cut = 0;
	int rc = decode(in, strlen(in), 0, 0, &r, &cut);

	CHECK(rc == 7, "a callback's non-zero return stops the decoder, got %d", rc);
	CHECK(r.events == 2, "no event after the stop, got %d", r.events);
	sl_buf_release(&r.out);
}

static void lines_counted(void)
{
	struct rec r = {0};
	struct sl_sse *s = sl_sse_new(0, on_event, &r);

	sl_buf_init(&r.out);
	sl_sse_feed(s, "data: a\r\n\r\ndata: b", 18);
	CHECK(sl_sse_lines(s) == 3, "lines so far, got %lu", sl_sse_lines(s));
	sl_sse_free(s);
	sl_buf_release(&r.out);
}

static void payload(void)
{
	char *text = NULL, *ts = NULL;
	struct sl_err err = {0};
	const char *good =
	    "{\"data\": \"Collecting x\\n\", \"timestamp\": \"2026-05-13T16:56:02Z\"}";
	const char *no_ts = "{\"data\": \"DONE 0.1s\\n\"}";

	CHECK(sl_sse_hub_payload(good, strlen(good), &text, &ts, &err) == 0, "hub payload: %s",
	      err.msg);
	CHECK_STR(text, "Collecting x\n", "payload text");
	CHECK_STR(ts, "2026-05-13T16:56:02Z", "payload timestamp");
	free(text);
	free(ts);
	CHECK(sl_sse_hub_payload(no_ts, strlen(no_ts), &text, &ts, &err) == 0, "no timestamp");
	CHECK(ts == NULL, "timestamp NULL when absent");
	free(text);
	static const char *const bad[] = {
	    "", "{", "[1]", "{\"data\": 3}", "plain text", "{\"timestamp\":\"x\"}"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		text = NULL;
		CHECK(sl_sse_hub_payload(bad[i], strlen(bad[i]), &text, NULL, &err) == SL_EPARSE &&
			  text == NULL,
		      "payload '%s' is rejected", bad[i]);
	}
}

/* Without a timestamp wanted, the plain Hub payload is decoded without
 * cJSON; with one, cJSON reads it.  Both must give the same text for
 * every payload, plain or not. */
static void payload_fast_agrees(void)
{
	static const char *const cases[] = {
	    "{\"data\": \"\"}",
	    "{\"data\": \"a\\\"b\\\\c\\/d\\ne\\tf\\rg\\bh\\fi\"}",
	    "{\"data\": \"caf\xc3\xa9 \\u00e9 \\ud83d\\ude00\\n\"}",
	    "{\"data\": \"x\\u0000y\"}",
	    "{\"data\": \"x\", \"timestamp\": \"2026-05-13T16:56:02Z\"}",
	    "{\"data\": \"x\", \"timestamp\": \"a\\\"b\"}",
	    "{\"data\": \"x\", \"timestamp\": 3}",
	    "{\"data\": \"x\", \"data\": \"y\"}",
	    "{\"data\": \"x\"} ",
	    "{\"data\": \"x\"}trailing",
	    "{\"data\": \"x\\q\"}",
	    "{\"data\": \"x\t\"}",
	    "{\"data\": \"x",
	    "{\"data\": \"x\\",
	    "{\"data\": \"x\", \"timestamp\": \"t\"",
	    "{\"data\":\"x\"}",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *fast = NULL, *slow = NULL, *ts = NULL;
		struct sl_err e1 = {0}, e2 = {0};
		int r1 = sl_sse_hub_payload(cases[i], strlen(cases[i]), &fast, NULL, &e1);
		int r2 = sl_sse_hub_payload(cases[i], strlen(cases[i]), &slow, &ts, &e2);
		CHECK(r1 == r2, "case %zu: same result (%d, %d)", i, r1, r2);
		if (r1 == 0 && r2 == 0)
			CHECK_STR(fast, slow, cases[i]);
		free(fast);
		free(slow);
		free(ts);
	}
}

/* sl_sse_hub_event takes an event exactly when the decoder would deliver
 * it with a plain payload of one line, and says the same of it: its line,
 * its text, and where the next event's line count starts. */
static void hub_event_agrees(void)
{
	static const char *const in[] = {
	    "data: {\"data\": \"Collecting x\\n\", \"timestamp\": \"2026-05-13T16:56:02Z\"}\n\n",
	    "data: {\"data\": \"no newline\"}\n\n",
	    "data: {\"data\": \"\\n\", \"timestamp\": \"t\"}\n\n",
	    "data: {\"data\": \"\"}\n\n",
	    "data:\n\n",
	    "data: {\"data\": \"caf\xc3\xa9 \xff\\n\"}\n\n",
	    /* the rest must be left to the decoder */
	    "data: {\"data\": \"a\\tb\\n\"}\n\n",
	    "data: {\"data\": \"a\\n\"}\r\n\r\n",
	    "data: {\"data\": \"a\\n\"}\ndata: more\n\n",
	    "data: {\"data\": \"a\\n\", \"timestamp\": 5}\n\n",
	    "data: {\"data\": \"a\\n\"}\n",
	    "data:{\"data\": \"a\\n\"}\n\n",
	    "event: x\ndata: {\"data\": \"a\\n\"}\n\n",
	    ": comment\n\n",
	};
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct rec r = {0};
		struct sl_sse *s = sl_sse_new(0, on_event, &r);
		const char *text = NULL;
		size_t text_len = 0, n = strlen(in[i]), k;
		bool has_line = false;
		unsigned long line = 0;

		sl_buf_init(&r.out);
		sl_sse_feed(s, "data:\n\n", 7); /* not at line 1 */
		k = sl_sse_hub_event(s, in[i], n, &text, &text_len, &has_line, &line);
		CHECK((k != 0) == (i < 6), "case %zu: taken %zu", i, k);
		if (k) {
			struct rec d = {0};
			struct sl_sse *ref = sl_sse_new(0, on_event, &d);
			char *want = NULL, *got;
			sl_buf_init(&d.out);
			sl_sse_feed(ref, "data:\n\n", 7);
			sl_sse_feed(ref, in[i], k);
			CHECK(k == n && sl_sse_lines(s) == sl_sse_lines(ref),
			      "case %zu: lines %lu/%lu", i, sl_sse_lines(s), sl_sse_lines(ref));
			CHECK(line == 3, "case %zu: event line %lu", i, line);
			if (strncmp(in[i], "data:\n", 6) != 0) {
				const char *ev =
				    strchr(d.out.buf + 5, '\n') + 1; /* skip the keep-alive */
				const char *payload =
				    strchr(strchr(strchr(ev, '|') + 1, '|') + 1, '|') + 1;
				struct sl_err err;
				CHECK(sl_sse_hub_payload(payload, strlen(payload) - 2, &want, NULL,
							 &err) == 0,
				      "case %zu: payload", i);
			}
			got = strndup(text, text_len);
			if (want) {
				size_t wl = strlen(want);
				bool nl = wl && want[wl - 1] == '\n';
				CHECK(has_line == (wl > 0) && strlen(got) == wl - nl &&
					  memcmp(got, want, wl - nl) == 0,
				      "case %zu: text '%s' / '%s'", i, got, want);
			} else {
				CHECK(!has_line, "case %zu: a keep-alive has no line", i);
			}
			free(got);
			free(want);
			sl_buf_release(&d.out);
			sl_sse_free(ref);
		}
		sl_buf_release(&r.out);
		sl_sse_free(s);
	}
}

int main(void)
{
	framing();
	cut_line_reported();
	bounded();
	nul_in_data();
	stop_value();
	lines_counted();
	payload();
	payload_fast_agrees();
	hub_event_agrees();
	return t_done();
}
