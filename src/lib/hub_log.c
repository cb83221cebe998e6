/* hub_log.c: a Hub log stream (server-sent events) as spacelock stores it:
 * keep-alives and comments dropped, Hub tokens redacted, and the build
 * facts the snapshot command checks (the log's commit, pip steps CACHED)
 * counted on the way.  Line by line, so memory stays flat. */
#include <cJSON.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spacelock/buf.h"
#include "spacelock/hub.h"
#include "spacelock/mem.h"
#include "spacelock/redact.h"
#include "spacelock/json.h"

#define LINE_MAX_BYTES (1u << 20)

struct sl_hub_log {
	FILE *fp;
	struct sl_buf line;
	size_t written, max;
	int64_t last_news;
	bool in_event;		 /* the current event has written a line */
	bool after_pip;		 /* the last step echoed runs pip install */
	struct sl_hub_space *sp; /* the build log's facts go here, or NULL */
	char *path;
};

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void scan_text_line(struct sl_hub_log *s, const char *l, size_t n)
{
	const char *c = memmem(l, n, "Commit SHA: ", 12);

	while (n && (l[n - 1] == '\r' || l[n - 1] == ' '))
		n--;
	if (c && !s->sp->log_commit) {
		const char *h = c + 12, *e = h;
		while (e < l + n && ((*e >= '0' && *e <= '9') || (*e >= 'a' && *e <= 'f')))
			e++;
		if (e > h)
			s->sp->log_commit = sl_xstrndup(h, (size_t)(e - h));
	}
	if (n >= 4 && memcmp(l, "--> ", 4) == 0 && !(n >= 9 && memcmp(l + 4, "ERROR", 5) == 0)) {
		s->after_pip = memmem(l, n, "pip install", 11) != NULL;
		s->sp->steps_pip += s->after_pip;
	} else if (n == 6 && memcmp(l, "CACHED", 6) == 0 && s->after_pip) {
		s->sp->steps_cached++;
		s->after_pip = false;
	}
}

/* Reads the build facts the snapshot command checks from one event. */
static void scan_event(struct sl_hub_log *s, const char *payload, size_t n)
{
	cJSON *root = sl_json_parse(payload, n, "event", NULL);
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(root, "data");

	if (cJSON_IsString(d) && d->valuestring) {
		const char *p = d->valuestring;
		for (;;) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			scan_text_line(s, p, len);
			if (!nl)
				break;
			p = nl + 1;
		}
	}
	cJSON_Delete(root);
}

static int put(struct sl_hub_log *s, const char *data, size_t n, struct sl_err *err)
{
	if (s->written + n > s->max)
		return sl_error(err, SL_ELIMIT, "log larger than %zu bytes", s->max);
	if (fwrite(data, 1, n, s->fp) != n)
		return sl_error(err, SL_EWRITE, "cannot write '%s': %s", s->path, strerror(errno));
	s->written += n;
	return 0;
}

static size_t redact_strings(cJSON *item)
{
	size_t found = 0;

	for (; item; item = item->next) {
		if (cJSON_IsString(item) && item->valuestring)
			found += sl_redact_tokens(item->valuestring);
		found += redact_strings(item->child);
	}
	return found;
}

/* The event re-encoded with the tokens its decoded strings hold redacted,
 * or NULL when it has none.  The raw JSON is redacted already, but an
 * escaped letter ("\u0068f_...") hides a token there.  Without a
 * backslash the decoded text is the raw text.  A string with a "\u0000"
 * is cut there when decoded, so what follows (maybe a token) cannot be
 * checked: the event is stored re-encoded, without it. */
static char *redact_decoded(const char *payload, size_t n)
{
	cJSON *root;
	char *out = NULL;

	if (!memchr(payload, '\\', n))
		return NULL;
	root = cJSON_ParseWithLength(payload, n);
	if (root && (redact_strings(root) || memmem(payload, n, "\\u0000", 6)))
		out = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return out;
}

/* Stores one event line, "data:" and its JSON re-encoded if its decoded
 * text held a token. */
static int put_event(struct sl_hub_log *s, const char *l, size_t n, size_t v, struct sl_err *err)
{
	char *clean = v ? redact_decoded(l + v, n - v) : NULL;
	int rc;

	if (!clean)
		return put(s, l, n, err);
	rc = put(s, "data: ", 6, err);
	if (rc == 0)
		rc = put(s, clean, strlen(clean), err);
	cJSON_free(clean);
	return rc;
}

/* One SSE line (without its newline).  Keep-alives and comments are
 * dropped; a blank line ends an event. */
static int sse_line(struct sl_hub_log *s, char *l, size_t n, struct sl_err *err)
{
	size_t v;

	if (n && l[n - 1] == '\r')
		n--;
	if (n == 0) {
		if (!s->in_event)
			return 0;
		s->in_event = false;
		return put(s, "\n", 1, err);
	}
	if (l[0] == ':')
		return 0;
	v = n >= 5 && memcmp(l, "data:", 5) == 0 ? 5 : 0;
	if (v && (n == 5 || (n == 6 && l[5] == ' ')))
		return 0;
	sl_redact_tokens_n(l, n);
	s->in_event = true;
	s->last_news = mono_ms();
	if (v && s->sp)
		scan_event(s, l + 5, n - 5);
	int rc = put_event(s, l, n, v, err);
	return rc < 0 ? rc : put(s, "\n", 1, err);
}

int sl_hub_log_open(const char *path, size_t max, struct sl_hub_space *sp, struct sl_hub_log **out,
		    struct sl_err *err)
{
	struct sl_hub_log *s = sl_xcalloc(1, sizeof(*s));

	sl_buf_init(&s->line);
	s->path = sl_xstrdup(path);
	s->max = max ? max : (size_t)256 << 20;
	s->last_news = mono_ms();
	s->sp = sp;
	s->fp = fopen(path, "wb");
	if (!s->fp) {
		int saved = errno;
		sl_hub_log_close(s, NULL);
		return sl_error(err, SL_EWRITE, "cannot create '%s': %s", path, strerror(saved));
	}
	*out = s;
	return 0;
}

int sl_hub_log_feed(struct sl_hub_log *s, const char *data, size_t len, struct sl_err *err)
{
	for (size_t i = 0; i < len; i++) {
		if (data[i] != '\n') {
			sl_buf_addch(&s->line, data[i]);
			if (s->line.len < LINE_MAX_BYTES)
				continue;
		}
		int rc = sse_line(s, s->line.buf, s->line.len, err);
		sl_buf_reset(&s->line);
		if (rc < 0)
			return rc;
	}
	return 0;
}

long sl_hub_log_quiet_ms(const struct sl_hub_log *s)
{
	return (long)(mono_ms() - s->last_news);
}

int sl_hub_log_close(struct sl_hub_log *s, struct sl_err *err)
{
	int rc = 0;

	if (!s)
		return 0;
	if (s->line.len && s->fp)
		rc = sse_line(s, s->line.buf, s->line.len, err);
	sl_buf_release(&s->line);
	if (s->fp && fclose(s->fp) != 0 && rc == 0)
		rc = sl_error(err, SL_EWRITE, "cannot write '%s': %s", s->path, strerror(errno));
	free(s->path);
	free(s);
	return rc;
}
