/* buildlog.c: a Space's build or run log, the input layer: the encoding
 * (a BOM, UTF-16), plain text or SSE, sanitising each line, the skimming
 * of builds a later one replaces, the results (warnings, failures) and the
 * life cycle.  The layers above it: buildlog_section.c (sections, a copy's
 * prefix), buildlog_steps.c (Docker/BuildKit steps, the failure summary,
 * run-log panels), piplog.c (pip's own lines). */
#include "spacelock/buildlog.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buildlog_private.h"
#include "linesplit.h"
#include "spacelock/mem.h"
#include "spacelock/redact.h"
#include "spacelock/textenc.h"

#define SNIFF_BYTES 8192
#define STARTS(s, len, lit) ((len) >= sizeof(lit) - 1 && memcmp((s), (lit), sizeof(lit) - 1) == 0)

/* ---- names ---- */

const char *sl_step_outcome_name(enum sl_step_outcome o)
{
	switch (o) {
	case SL_STEP_NONE: return "none";
	case SL_STEP_DONE: return "done";
	case SL_STEP_CACHED: return "cached";
	case SL_STEP_ERROR: return "error";
	}
	return "none";
}

const char *sl_failure_kind_name(enum sl_failure_kind k)
{
	switch (k) {
	case SL_FAIL_RESOLUTION: return "resolution";
	case SL_FAIL_NO_DISTRIBUTION: return "no-distribution";
	case SL_FAIL_WHEEL_BUILD: return "wheel-build";
	case SL_FAIL_PYTHON: return "python";
	case SL_FAIL_PIP: return "pip";
	case SL_FAIL_STEP: return "step";
	case SL_FAIL_JOB: return "job";
	case SL_FAIL_RUNTIME: return "runtime";
	}
	return "pip";
}

const char *sl_log_kind_name(enum sl_log_kind k)
{
	return k == SL_LOG_RUN ? "run" : "build";
}

/* ---- results ---- */

void blog_set(char **out, const char *s, size_t len)
{
	free(*out);
	*out = sl_xstrndup(s, len);
}

static void warn_add(struct sl_buildlog *log, struct blog_warnings *w, const char *fmt, va_list ap)
{
	struct sl_buildlog_state *st = log->state;
	struct sl_buf b = SL_BUF_INIT;

	if (w->n >= SL_BUILDLOG_WARN_MAX) {
		w->dropped++;
		return;
	}
	if (st->lineno)
		sl_buf_addf(&b, "%s:%lu: ", log->source, st->lineno);
	else
		sl_buf_addf(&b, "%s: ", log->source);
	sl_buf_vaddf(&b, fmt, ap);
	sl_xgrow((void **)&w->v, &w->cap, w->n + 1, sizeof(*w->v));
	w->v[w->n].text = sl_buf_detach(&b, NULL);
	w->v[w->n++].seq = st->warn_seq++;
}

void blog_warn(struct sl_buildlog *log, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_add(log,
		 log->state->section == SL_LOG_RUN ? &log->state->warn_run
						   : &log->state->warn_build,
		 fmt, ap);
	va_end(ap);
}

void blog_warn_input(struct sl_buildlog *log, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_add(log, &log->state->warn_input, fmt, ap);
	va_end(ap);
}

void blog_warnings_clear(struct blog_warnings *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i].text);
	w->n = w->dropped = 0;
}

/* The log's warnings: the lists in the order they were made, at most
 * SL_BUILDLOG_WARN_MAX (the first ones of each list suffice for that). */
static void warnings_merge(struct sl_buildlog *log)
{
	struct blog_warnings *l[3] = {&log->state->warn_input, &log->state->warn_build,
				      &log->state->warn_run};
	size_t at[3] = {0, 0, 0}, total = 0, n = 0;

	for (int k = 0; k < 3; k++) {
		total += l[k]->n + l[k]->dropped;
		n += l[k]->n;
	}
	log->warnings = n ? sl_xcalloc(n < SL_BUILDLOG_WARN_MAX ? n : SL_BUILDLOG_WARN_MAX,
				       sizeof(*log->warnings))
			  : NULL;
	while (log->nwarnings < SL_BUILDLOG_WARN_MAX) {
		int best = -1;
		for (int k = 0; k < 3; k++)
			if (at[k] < l[k]->n &&
			    (best < 0 || l[k]->v[at[k]].seq < l[best]->v[at[best]].seq))
				best = k;
		if (best < 0)
			break;
		log->warnings[log->nwarnings++] = l[best]->v[at[best]].text;
		l[best]->v[at[best]++].text = NULL;
	}
	log->warnings_dropped = total - log->nwarnings;
}

bool blog_obs_room(struct sl_buildlog *log)
{
	if (log->obs.n < SL_BUILDLOG_OBS_MAX)
		return true;
	if (!log->state->obs_capped)
		blog_warn(log, "more than %d package observations; the rest are ignored",
			  SL_BUILDLOG_OBS_MAX);
	log->state->obs_capped = true;
	return false;
}

struct sl_build_step *blog_current_step(struct sl_buildlog *log)
{
	size_t i = log->state->step;
	return i ? &log->steps[i - 1] : NULL;
}

/* ---- freeing ---- */

void blog_free_steps(struct sl_buildlog *log)
{
	for (size_t i = 0; i < log->nsteps; i++) {
		free(log->steps[i].instruction);
		free(log->steps[i].duration);
		free(log->steps[i].stage);
	}
	free(log->steps);
	log->steps = NULL;
	log->nsteps = 0;
}

static void free_failures(struct sl_buildlog *log)
{
	for (size_t i = 0; i < log->nfailures; i++) {
		free(log->failures[i].subject);
		free(log->failures[i].text);
		free(log->failures[i].rule);
		free(log->failures[i].bucket);
	}
	free(log->failures);
	log->failures = NULL;
	log->nfailures = 0;
}

static void free_strv(char ***v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

/* ---- sanitising ---- */

/* Skips an ANSI escape sequence starting at p[0] == ESC; returns its length. */
static size_t ansi_len(const char *p, size_t n)
{
	size_t i = 2;

	if (n < 2)
		return 1;
	if (p[1] != '[')
		return 2;
	while (i < n && (unsigned char)p[i] >= 0x20 && (unsigned char)p[i] <= 0x3f)
		i++;
	return i < n ? i + 1 : n;
}

static bool plain_byte(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\t';
}

/* Length of the leading run of plain bytes of s[0..n): sixteen bytes at a
 * time with SSE2 (every x86-64 has it), else eight in a word, while none
 * is a control byte (tab aside), DEL or non-ASCII. */
size_t log_plain_prefix(const char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);

	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* signed compare: bytes >= 0x80 are negative, so below 0x20 too */
		unsigned m = (unsigned)_mm_movemask_epi8(
		    _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del)));
		if (m == 0) {
			i += 16;
			continue;
		}
		i += (size_t)__builtin_ctz(m);
		if (s[i] != '\t')
			return i;
		i++;
	}
#else
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t del = w ^ (ones * 0x7f);
		if (((w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & high) != 0)
			break;
	}
#endif
	while (i < n && plain_byte((unsigned char)s[i]))
		i++;
	return i;
}

/* Length of the leading run of s[0..n) that sanitising keeps as it is:
 * plain bytes and valid UTF-8 sequences. */
static size_t kept_prefix(const char *s, size_t n)
{
	size_t i = log_plain_prefix(s, n), k;
	uint32_t cp;

	while (i < n && (unsigned char)s[i] >= 0x80 && (k = sl_utf8_next(s + i, n - i, &cp)) > 0) {
		i += k;
		if (i < n && (unsigned char)s[i] < 0x80)
			i += log_plain_prefix(s + i, n - i);
	}
	return i;
}

void log_clean(const char *s, size_t n, struct sl_buf *out, bool *nul, bool *bad)
{
	sl_buf_reset(out);
	for (size_t i = 0; i < n;) {
		size_t k = kept_prefix(s + i, n - i);
		unsigned char c;

		if (k > 0) { /* copied a run at a time */
			sl_buf_add(out, s + i, k);
			i += k;
			continue;
		}
		c = (unsigned char)s[i];
		if (c == 0x1b) {
			i += ansi_len(s + i, n - i);
		} else if (c == 0) {
			*nul = true;
			i++;
		} else if (c < 0x80) { /* other control characters */
			sl_buf_addch(out, ' ');
			i++;
		} else { /* not valid UTF-8 */
			sl_buf_addch(out, '?');
			*bad = true;
			i++;
		}
	}
}

/* Sanitises a line (plain: its first `plain` bytes need no change) into
 * st->clean, warning about what it had to drop. */
static void sanitize(struct sl_buildlog *log, const char *s, size_t n, size_t plain)
{
	struct sl_buildlog_state *st = log->state;
	bool nul = false, bad = false;

	if (plain == n) {
		sl_buf_reset(&st->clean);
		sl_buf_add(&st->clean, s, n);
		sl_redact_tokens_n(st->clean.buf, st->clean.len); /* see below */
		return;
	}
	log_clean(s, n, &st->clean, &nul, &bad);
	/* every fact (failures, steps, evidence) is cut from this copy, and
	 * a token in a log (a Space printing its HF_TOKEN) must reach no
	 * lockfile and no output */
	sl_redact_tokens_n(st->clean.buf, st->clean.len);
	if (nul)
		blog_warn_input(log, "NUL bytes in the line were dropped");
	if (bad && !st->warned_utf8) {
		blog_warn_input(log, "invalid UTF-8 replaced by '?' (first occurrence)");
		st->warned_utf8 = true;
	}
}

/* A line of a build that a later header replaces (the file reader found
 * that header before feeding these lines).  Nothing of this build is kept,
 * so only what outlives it is read: headers (the count of builds and
 * their warnings), the failure summary block, and the damage sanitising
 * reports.  A plain line that can be neither costs a look at its first
 * byte and is not copied. */
void blog_skim_line(struct sl_buildlog *log, const char *line, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	size_t plain = log_plain_prefix(line, len), skip;
	const char *s = line;
	size_t n = len;

	if (plain < len) {
		sanitize(log, line, len, plain);
		s = st->clean.buf;
		n = st->clean.len;
	}
	skip = blog_unprefix(log, s, n);
	s += skip;
	n -= skip;
	if (!log_skim_wanted(log, s, n))
		return;
	if (plain == len)
		blog_skim_wanted(log, s, n);
	else /* sanitised into st->clean: a C string already */
		blog_skim_read(log, s, n);
}

void blog_skim_wanted(struct sl_buildlog *log, const char *s, size_t n)
{
	struct sl_buildlog_state *st = log->state;

	/* header() and the summary want a C string */
	sl_buf_reset(&st->clean);
	sl_buf_add(&st->clean, s, n);
	blog_skim_read(log, st->clean.buf, n);
}

void sl_buildlog_feed_line(struct sl_buildlog *log, const char *line, size_t len,
			   unsigned long lineno)
{
	struct sl_buildlog_state *st = log->state;
	size_t skip;

	if (!st)
		return;
	st->lineno = lineno ? lineno : st->lineno + 1;
	log->lines++;
	if (st->skim && st->seen_header) {
		log->skimmed++;
		blog_skim_line(log, line, len);
		return;
	}
	sanitize(log, line, len, log_plain_prefix(line, len));
	skip = blog_unprefix(log, st->clean.buf, st->clean.len);
	blog_parse_line(log, st->clean.buf + skip, st->clean.len - skip);
	if (st->judge_rules)
		blog_judge(log, st->clean.buf + skip, st->clean.len - skip);
	/* a line before any header: the section is the kind asked for */
	if (!st->seen_header && st->clean.len > skip)
		st->default_used = true;
}

/* ---- input framing ---- */

int blog_plain_line(void *ctx, const char *line, size_t len, bool cut, unsigned long lineno)
{
	struct sl_buildlog *log = ctx;

	log->state->lineno = lineno;
	if (cut)
		blog_warn_input(log, "line longer than %d bytes; the rest of it is ignored",
				SL_BUILDLOG_LINE_MAX);
	sl_buildlog_feed_line(log, line, len, lineno);
	return 0;
}

static int sse_event(void *ctx, const struct sl_sse_event *ev)
{
	struct sl_buildlog *log = ctx;
	char *text = NULL;
	const char *p;

	log->state->lineno = ev->line;
	if (ev->truncated) {
		blog_warn_input(log, "event longer than %d bytes; ignored", SL_BUILDLOG_LINE_MAX);
		return 0;
	}
	if (ev->len == 0)
		return 0; /* keep-alive */
	if (sl_sse_hub_payload(ev->data, ev->len, &text, NULL, NULL) < 0) {
		blog_warn_input(log, "event data is not {\"data\": ...} JSON; read as log text");
		text = sl_xstrndup(ev->data, ev->len);
	}
	for (p = text; *p;) {
		size_t n = strcspn(p, "\n");
		size_t m = n && p[n - 1] == '\r' ? n - 1 : n;
		sl_buildlog_feed_line(log, p, m, ev->line);
		p += n + (p[n] == '\n');
	}
	free(text);
	return 0;
}

/* SSE bytes: each event in the Hub's plain form (sl_sse_hub_event: no
 * escape but the final "\n", whole in data) is fed as the line it holds
 * without copying or decoding it; any other event goes through sl_sse_feed
 * and sse_event, up to its blank line.  Both give the same lines. */
static void feed_sse_events(struct sl_buildlog *log, const char *data, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	const char *p = data, *end = data + len;

	while (p < end) {
		const char *text, *blank, *stop;
		size_t text_len, k;
		unsigned long line;
		bool has_line;

		k = sl_sse_hub_event(st->sse, p, (size_t)(end - p), &text, &text_len, &has_line,
				     &line);
		if (k) { /* what sse_event does with such an event */
			st->lineno = line;
			if (has_line)
				sl_buildlog_feed_line(log, text, text_len, line);
			p += k;
			continue;
		}
		/* any other event the usual way, up to its blank line */
		blank = memmem(p, (size_t)(end - p), "\n\n", 2);
		stop = blank ? blank + 2 : end;
		sl_sse_feed(st->sse, p, (size_t)(stop - p));
		p = stop;
	}
}

void blog_feed_skim_sse(struct sl_buildlog *log, const char *data, size_t len)
{
	log->state->skim = true;
	feed_sse_events(log, data, len);
	log->state->skim = false;
}

/* ---- the input's encoding: a UTF-8 BOM, UTF-16 ---- */

/* Decodes the UTF-16 bytes held in st->u16 (after the BOM kept at its
 * start, so that textenc.h knows the byte order) into out, all but a unit
 * cut in two or a high surrogate whose pair may follow (final: all). */
static int utf16_drain(struct sl_buildlog *log, struct sl_buf *out, bool final, struct sl_err *err)
{
	struct sl_buildlog_state *st = log->state;
	const unsigned char *u = (const unsigned char *)st->u16.buf;
	size_t n = (st->u16.len - 2) & ~(size_t)1;
	struct sl_textenc_info info;

	if (!final && n >= 2) {
		unsigned last = st->utf16 == 1 ? (unsigned)u[n] | (unsigned)u[n + 1] << 8
					       : (unsigned)u[n] << 8 | (unsigned)u[n + 1];
		if (last >= 0xD800 && last <= 0xDBFF)
			n -= 2;
	}
	if (n == 0)
		return 0;
	if (sl_textenc_decode(st->u16.buf, n + 2, log->source, &info, out, err) < 0)
		return -1;
	memmove(st->u16.buf + 2, st->u16.buf + 2 + n, st->u16.len - 2 - n);
	st->u16.len -= n;
	return 0;
}

/* Looks at the first bytes for a byte order mark: UTF-16 is decoded from
 * here on (the sniffed bytes now), a UTF-8 BOM is dropped so that the
 * first line (the header) reads as written. */
static int decode_start(struct sl_buildlog *log, struct sl_err *err)
{
	struct sl_buildlog_state *st = log->state;
	const unsigned char *u = (const unsigned char *)st->sniff.buf;
	size_t n = st->sniff.len;
	struct sl_buf raw;

	if (n >= 4 && u[0] == 0xff && u[1] == 0xfe && u[2] == 0 && u[3] == 0)
		return sl_error(err, SL_EPARSE, "%s: UTF-32 text is not read; save it as UTF-8",
				log->source);
	if (n >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		st->utf16 = u[0] == 0xff ? 1 : 2;
		raw = st->sniff;
		sl_buf_init(&st->sniff);
		sl_buf_add(&st->u16, raw.buf, raw.len);
		sl_buf_release(&raw);
		return utf16_drain(log, &st->sniff, false, err);
	}
	if (n >= 3 && memcmp(u, "\xef\xbb\xbf", 3) == 0) {
		memmove(st->sniff.buf, st->sniff.buf + 3, n - 3);
		st->sniff.len -= 3;
	}
	return 0;
}

static int decide(struct sl_buildlog *log, struct sl_err *err)
{
	struct sl_buildlog_state *st = log->state;
	const char *p;
	size_t n;

	if (decode_start(log, err) < 0)
		return -1;
	p = st->sniff.buf ? st->sniff.buf : "";
	n = st->sniff.len < SNIFF_BYTES ? st->sniff.len : SNIFF_BYTES;
	if (log_looks_binary(p, n, false))
		return sl_error(err, SL_EPARSE, "%s: binary data, not a log", log->source);
	p += strspn(p, " \t\r\n");
	if (strncmp(p, "data:", 5) == 0 || strncmp(p, "event:", 6) == 0 ||
	    strncmp(p, "id:", 3) == 0 || strncmp(p, "retry:", 6) == 0 || p[0] == ':') {
		st->format = FMT_SSE;
		log->sse = true;
		st->sse = sl_sse_new(SL_BUILDLOG_LINE_MAX, sse_event, log);
	} else {
		st->format = FMT_PLAIN;
	}
	return 0;
}

static void feed_decided(struct sl_buildlog *log, const char *data, size_t len)
{
	struct sl_buildlog_state *st = log->state;

	if (st->format == FMT_SSE)
		feed_sse_events(log, data, len);
	else
		linesplit_feed(&st->split, data, len, blog_plain_line, log);
}

/* UTF-16 input: decoded a chunk at a time, then fed as UTF-8. */
static int feed_utf16(struct sl_buildlog *log, const char *data, size_t len, bool final,
		      struct sl_err *err)
{
	struct sl_buildlog_state *st = log->state;
	struct sl_buf out = SL_BUF_INIT;
	int rc;

	sl_buf_add(&st->u16, data, len);
	rc = utf16_drain(log, &out, final, err);
	if (rc == 0 && out.len)
		feed_decided(log, out.buf, out.len);
	if (rc == 0 && final && st->u16.len > 2)
		blog_warn_input(log, "the UTF-16 text ends in half a character; it is ignored");
	sl_buf_release(&out);
	return rc;
}

int sl_buildlog_feed(struct sl_buildlog *log, const char *data, size_t len, struct sl_err *err)
{
	struct sl_buildlog_state *st = log->state;
	int rc;

	if (!st)
		return sl_error(err, SL_EINVAL, "%s: log already finished", log->source);
	if (st->format != FMT_UNDECIDED) {
		if (st->utf16)
			return feed_utf16(log, data, len, false, err);
		feed_decided(log, data, len);
		return 0;
	}
	sl_buf_add(&st->sniff, data, len);
	if (st->sniff.len < SNIFF_BYTES)
		return 0;
	rc = decide(log, err);
	if (rc == 0)
		feed_decided(log, st->sniff.buf, st->sniff.len);
	sl_buf_release(&st->sniff);
	return rc;
}

static void free_state(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;

	if (!st)
		return;
	piplog_reset(st);
	free(st->names.v);
	free(st->skim_tables);
	blog_warnings_clear(&st->warn_input);
	blog_warnings_clear(&st->warn_build);
	blog_warnings_clear(&st->warn_run);
	free(st->warn_input.v);
	free(st->warn_build.v);
	free(st->warn_run.v);
	free(st->obs_sec);
	blog_judge_release(st);
	blog_panel_free(st);
	sl_buf_release(&st->u16);
	sl_sse_free(st->sse);
	linesplit_release(&st->split);
	sl_buf_release(&st->sniff);
	sl_buf_release(&st->clean);
	sl_buf_release(&st->canon);
	free(st);
	log->state = NULL;
}

static void finish_stream(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;
	unsigned long cut = 0;

	if (st->format == FMT_SSE) {
		if (sl_sse_finish(st->sse, &cut) == 1) {
			st->lineno = cut;
			blog_warn_input(log,
					"the stream ends inside an event; that event is ignored");
		}
	} else {
		linesplit_finish(&st->split, blog_plain_line, log);
	}
}

int sl_buildlog_finish(struct sl_buildlog *log, struct sl_err *err)
{
	struct sl_buildlog_state *st = log->state;
	int rc = 0;

	if (!st)
		return sl_error(err, SL_EINVAL, "%s: log already finished", log->source);
	if (st->format == FMT_UNDECIDED) {
		rc = decide(log, err);
		if (rc == 0)
			feed_decided(log, st->sniff.buf, st->sniff.len);
	}
	if (rc == 0 && st->utf16)
		rc = feed_utf16(log, NULL, 0, true, err);
	if (rc == 0) {
		finish_stream(log);
		st->lineno = 0;
		if (log->nsteps && log->steps[log->nsteps - 1].outcome == SL_STEP_NONE &&
		    !(log->steps[log->nsteps - 1].flags & SL_STEP_FROM))
			blog_warn(log, "the log ends before step '%.80s' finished (truncated?)",
				  log->steps[log->nsteps - 1].instruction);
		blog_link_stages(log);
		blog_sections_finish(log);
		blog_judge_finish(log);
		warnings_merge(log);
	}
	free_state(log);
	return rc;
}

/* ---- life cycle ---- */

struct sl_buildlog *sl_buildlog_new(enum sl_log_kind kind, const char *source)
{
	struct sl_buildlog *log = sl_xcalloc(1, sizeof(*log));
	struct sl_buildlog_state *st = sl_xcalloc(1, sizeof(*st));

	log->kind = kind;
	log->source = sl_xstrdup(source ? source : "-");
	log->state = st;
	st->quoted = -1;
	st->prefix_len = -1;
	st->section = kind;
	st->first_obs[0] = st->first_obs[1] = SIZE_MAX;
	sl_buf_init(&st->u16);
	sl_buf_init(&st->sniff);
	sl_buf_init(&st->clean);
	sl_buf_init(&st->canon);
	linesplit_init(&st->split, SL_BUILDLOG_LINE_MAX);
	sl_freeze_lines_init(&st->freeze, log->source, true);
	return log;
}

void sl_buildlog_free(struct sl_buildlog *log)
{
	if (!log)
		return;
	free_state(log);
	blog_free_steps(log);
	free_failures(log);
	sl_failverdict_release(&log->verdict);
	sl_obs_list_release(&log->obs);
	free_strv(&log->platform_reqs, &log->nplatform_reqs);
	free_strv(&log->warnings, &log->nwarnings);
	for (size_t i = 0; i < log->nmisses; i++) {
		free(log->misses[i].stage);
		free(log->misses[i].instruction);
	}
	free(log->misses);
	free(log->source);
	free(log->queued_at);
	free(log->commit);
	free(log->started_at);
	free(log->base_image);
	free(log->base_digest);
	free(log->python);
	free(log->site_python);
	free(log->pip_version);
	free(log->sdk);
	free(log->sdk_version);
	free(log->cache_stats);
	free(log->logs_unavailable);
	free(log);
}
