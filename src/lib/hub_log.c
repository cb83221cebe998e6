/* hub_log.c: a Hub log stream (server-sent events) as spacelock stores it:
 * keep-alives and comments dropped, Hub tokens redacted.  That is all the
 * network side does here.  The build facts the snapshot command checks
 * (the log's commit, the pip steps and which of them are CACHED) are not
 * parsed here: the bytes stored are fed, chunk by chunk as they arrive, to
 * the one log reader (buildlog.h), so the stream and the stored file say
 * the same.  Line by line, so memory stays flat. */
#include <cJSON.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spacelock/buf.h"
#include "spacelock/buildlog.h"
#include "spacelock/hub.h"
#include "spacelock/mem.h"
#include "spacelock/redact.h"

#define LINE_MAX_BYTES (1u << 20)

struct sl_hub_log {
	FILE *fp;
	struct sl_buf line;
	size_t written, max;
	int64_t last_news;
	bool in_event;		  /* the current event has written a line */
	struct sl_hub_space *sp;  /* the build log's facts go here, or NULL */
	struct sl_buildlog *blog; /* reads what is stored, when sp; NULL once it refused */
	char *path;
};

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What is stored is what the reader reads.  A stream the reader refuses
 * (binary bytes) has no facts; storing it goes on. */
static void read_stored(struct sl_hub_log *s, const char *data, size_t n)
{
	struct sl_err err;

	if (s->blog && sl_buildlog_feed(s->blog, data, n, &err) != 0) {
		sl_buildlog_free(s->blog);
		s->blog = NULL;
	}
}

static int put(struct sl_hub_log *s, const char *data, size_t n, struct sl_err *err)
{
	if (s->written + n > s->max)
		return sl_error(err, SL_ELIMIT, "log larger than %zu bytes", s->max);
	if (fwrite(data, 1, n, s->fp) != n)
		return sl_error(err, SL_EWRITE, "cannot write '%s': %s", s->path, strerror(errno));
	s->written += n;
	read_stored(s, data, n);
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
	s->blog = sp ? sl_buildlog_new(SL_LOG_BUILD, path) : NULL;
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

/* The facts the reader found, into the space: the build's commit as its
 * header prints it, its pip steps and how many of them were CACHED (the
 * last build of the log, as every reader of a log sees it). */
static void take_facts(struct sl_hub_log *s)
{
	struct sl_buildlog *log = s->blog;
	struct sl_err err;

	if (!log || sl_buildlog_finish(log, &err) != 0)
		return;
	if (log->commit && !s->sp->log_commit)
		s->sp->log_commit = sl_xstrdup(log->commit);
	for (size_t i = 0; i < log->nsteps; i++) {
		if (!(log->steps[i].flags & SL_STEP_PIP))
			continue;
		s->sp->steps_pip++;
		s->sp->steps_cached += log->steps[i].outcome == SL_STEP_CACHED;
	}
}

int sl_hub_log_close(struct sl_hub_log *s, struct sl_err *err)
{
	int rc = 0;

	if (!s)
		return 0;
	if (s->line.len && s->fp)
		rc = sse_line(s, s->line.buf, s->line.len, err);
	take_facts(s);
	sl_buildlog_free(s->blog);
	sl_buf_release(&s->line);
	if (s->fp && fclose(s->fp) != 0 && rc == 0)
		rc = sl_error(err, SL_EWRITE, "cannot write '%s': %s", s->path, strerror(errno));
	free(s->path);
	free(s);
	return rc;
}
