/* buildlog.c: a Space's build or run log: input framing (plain or SSE),
 * the header, Dockerfile steps and their outcomes, the failure summary and
 * BuildKit/runtime failures.  pip's own lines are read in piplog.c. */
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

/* ---- line splitting and sniffing, shared with freeze.c ---- */

void linesplit_init(struct linesplit *ls, size_t max)
{
	memset(ls, 0, sizeof(*ls));
	sl_buf_init(&ls->partial);
	ls->max = max;
}

void linesplit_release(struct linesplit *ls)
{
	sl_buf_release(&ls->partial);
}

static int emit_line(struct linesplit *ls, const char *p, size_t n, LINESPLIT_FN, void *ctx)
{
	bool cut = ls->cut;

	if (n > ls->max) {
		n = ls->max;
		cut = true;
	}
	if (n > 0 && p[n - 1] == '\r' && !cut)
		n--;
	ls->cut = false;
	ls->lineno++;
	return fn(ctx, p, n, cut, ls->lineno);
}

int linesplit_feed(struct linesplit *ls, const char *data, size_t len, LINESPLIT_FN, void *ctx)
{
	const char *p = data, *end = data + len;
	int rc;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (ls->partial.len == 0 && nl) {
			rc = emit_line(ls, p, n, fn, ctx); /* the common case: no copy */
		} else {
			size_t room = ls->partial.len < ls->max ? ls->max - ls->partial.len : 0;
			sl_buf_add(&ls->partial, p, n < room ? n : room);
			if (n > room)
				ls->cut = true;
			rc = 0;
			if (nl) {
				rc = emit_line(ls, ls->partial.buf, ls->partial.len, fn, ctx);
				sl_buf_reset(&ls->partial);
			}
		}
		if (rc)
			return rc;
		p += n + (nl ? 1 : 0);
	}
	return 0;
}

int linesplit_finish(struct linesplit *ls, LINESPLIT_FN, void *ctx)
{
	int rc = 0;

	if (ls->partial.len > 0 || ls->cut)
		rc = emit_line(ls, ls->partial.buf, ls->partial.len, fn, ctx);
	sl_buf_reset(&ls->partial);
	return rc;
}

static bool has_magic(const unsigned char *p, size_t n)
{
	static const struct {
		const char *m;
		size_t n;
	} magic[] = {
	    {"\x1f\x8b", 2},
	    {"PK\x03\x04", 4},
	    {"\x7f"
	     "ELF",
	     4},
	    {"\x89PNG", 4},
	    {"BZh", 3},
	    {"\xfd"
	     "7zXZ",
	     5},
	    {"\x28\xb5\x2f\xfd", 4},
	    {"7z\xbc\xaf", 4},
	    {"\xff\xfe", 2},
	    {"\xfe\xff", 2},
	};

	for (size_t i = 0; i < sizeof(magic) / sizeof(magic[0]); i++)
		if (n >= magic[i].n && memcmp(p, magic[i].m, magic[i].n) == 0)
			return true;
	return false;
}

bool log_looks_binary(const char *p, size_t n, bool strict)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t bad = 0;

	if (has_magic(u, n))
		return true;
	for (size_t i = 0; i < n; i++)
		if (u[i] == 0 || (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' &&
				  u[i] != '\f' && u[i] != 0x1b && u[i] != '\b'))
			bad++;
	return strict ? bad > 0 : bad * 16 > n;
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
	warn_add(log, &log->state->warn_build, fmt, ap);
	va_end(ap);
}

void blog_warn_input(struct sl_buildlog *log, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_add(log, &log->state->warn_input, fmt, ap);
	va_end(ap);
}

static void warnings_clear(struct blog_warnings *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i].text);
	w->n = w->dropped = 0;
}

/* The log's warnings: both lists in the order they were made, at most
 * SL_BUILDLOG_WARN_MAX (the first ones of each list suffice for that). */
static void warnings_merge(struct sl_buildlog *log)
{
	struct blog_warnings *a = &log->state->warn_input, *b = &log->state->warn_build;
	size_t i = 0, j = 0, total = a->n + a->dropped + b->n + b->dropped;
	size_t keep = a->n + b->n < SL_BUILDLOG_WARN_MAX ? a->n + b->n : SL_BUILDLOG_WARN_MAX;

	log->warnings = keep ? sl_xcalloc(keep, sizeof(*log->warnings)) : NULL;
	while ((i < a->n || j < b->n) && log->nwarnings < SL_BUILDLOG_WARN_MAX) {
		struct blog_warning *w =
		    j >= b->n || (i < a->n && a->v[i].seq < b->v[j].seq) ? &a->v[i++] : &b->v[j++];
		log->warnings[log->nwarnings++] = w->text;
		w->text = NULL;
	}
	log->warnings_dropped = total - log->nwarnings;
}

static bool fatal_kind(enum sl_failure_kind k)
{
	return k != SL_FAIL_PIP && k != SL_FAIL_RUNTIME;
}

void blog_fail(struct sl_buildlog *log, enum sl_failure_kind kind, const char *subject,
	       size_t subject_len, const char *text)
{
	struct sl_build_failure *f;

	if (fatal_kind(kind) && log->kind == SL_LOG_BUILD)
		log->build_failed = true;
	/* pip names a failed package twice or three times; a traceback's
	 * exception is news each time */
	for (size_t i = 0; subject && kind != SL_FAIL_RUNTIME && i < log->nfailures; i++) {
		f = &log->failures[i];
		if (f->kind == kind && f->subject && strlen(f->subject) == subject_len &&
		    memcmp(f->subject, subject, subject_len) == 0)
			return;
	}
	if (log->nfailures >= SL_BUILDLOG_FAIL_MAX) {
		if (!log->state->fails_capped)
			blog_warn(log, "more than %d failures; the rest are not listed",
				  SL_BUILDLOG_FAIL_MAX);
		log->state->fails_capped = true;
		return;
	}
	log->failures = sl_xrealloc(log->failures, (log->nfailures + 1) * sizeof(*log->failures));
	f = &log->failures[log->nfailures++];
	f->kind = kind;
	f->subject = subject ? sl_xstrndup(subject, subject_len > 200 ? 200 : subject_len) : NULL;
	f->text = sl_xstrndup(text, strnlen(text, SL_OBS_TEXT_MAX));
	f->line = log->state->lineno;
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

/* ---- instruction matching ---- */

/* Collapses whitespace runs to one space and drops a RUN's leading
 * options, so "RUN --mount=...\tpip  install" and the "/bin/sh -c pip
 * install" of an ERROR line compare equal. */
static void norm_instruction(const char *s, struct sl_buf *out)
{
	sl_buf_reset(out);
	s += strspn(s, " \t");
	if (strncmp(s, "RUN ", 4) == 0 || strncmp(s, "RUN\t", 4) == 0) {
		s += 4;
		for (;;) {
			s += strspn(s, " \t");
			if (strncmp(s, "--", 2) != 0)
				break;
			s += strcspn(s, " \t");
		}
	} else if (strncmp(s, "/bin/sh -c ", 11) == 0) {
		s += 11;
	}
	/* whole runs at a time: a word, then one space when more follows */
	while (*s) {
		size_t n = strcspn(s, " \t");
		sl_buf_add(out, s, n);
		s += n;
		s += strspn(s, " \t");
		if (*s && out->len)
			sl_buf_addch(out, ' ');
	}
}

static size_t norm_key(const char *s, struct sl_buf *norm)
{
	size_t h = 14695981039346656037u;

	norm_instruction(s, norm);
	for (size_t i = 0; i < norm->len; i++)
		h = (h ^ (unsigned char)norm->buf[i]) * 1099511628211u;
	return h;
}

/* The last step whose normalised instruction equals text's: keys first,
 * so an ERROR line costs one pass over integers, not over instructions. */
static const struct sl_build_step *find_step(const struct sl_buildlog *log, const char *text)
{
	struct sl_buf want = SL_BUF_INIT, have = SL_BUF_INIT;
	const struct sl_build_step *found = NULL;
	size_t key = norm_key(text, &want);

	for (size_t i = log->nsteps; i > 0 && !found; i--) {
		if (log->steps[i - 1].key != key)
			continue;
		norm_instruction(log->steps[i - 1].instruction, &have);
		if (strcmp(want.buf, have.buf) == 0)
			found = &log->steps[i - 1];
	}
	sl_buf_release(&want);
	sl_buf_release(&have);
	return found;
}

const struct sl_build_step *sl_buildlog_find_step(const struct sl_buildlog *log, const char *text)
{
	return find_step(log, text);
}

/* ---- the build: reset when a second build starts ---- */

static void free_steps(struct sl_buildlog *log)
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

#define CLEAR(p) (free(p), (p) = NULL)

static void reset_build(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;

	free_steps(log);
	free_failures(log);
	sl_obs_list_release(&log->obs);
	free_strv(&log->platform_reqs, &log->nplatform_reqs);
	CLEAR(log->queued_at);
	CLEAR(log->commit);
	CLEAR(log->started_at);
	CLEAR(log->base_image);
	CLEAR(log->base_digest);
	CLEAR(log->python);
	CLEAR(log->site_python);
	CLEAR(log->pip_version);
	CLEAR(log->sdk);
	CLEAR(log->sdk_version);
	log->build_failed = st->summary_failed;
	log->runtime_error = false;
	st->step = 0;
	st->in_traceback = false;
	st->steps_capped = st->fails_capped = st->obs_capped = false;
	piplog_reset(st);
	sl_freeze_lines_init(&st->freeze, log->source, true);
	warnings_clear(&st->warn_build);
}

/* ---- header, steps, outcomes ---- */

/* Does s[0..len) contain lit (n bytes, no NUL)?  memchr to its first byte:
 * memmem's set-up costs more than these short lines. */
static bool contains(const char *s, size_t len, const char *lit, size_t n)
{
	const char *end = s + len, *p = s;

	while ((size_t)(end - p) >= n && (p = memchr(p, lit[0], (size_t)(end - p) - n + 1))) {
		if (memcmp(p, lit, n) == 0)
			return true;
		p++;
	}
	return false;
}

int log_header_kind(const char *s, size_t len)
{
	if (!STARTS(s, len, "===== "))
		return 0;
	if (contains(s, len, "Build Queued at ", 16))
		return 1;
	return contains(s, len, "Application Startup at ", 23) ? 2 : 0;
}

/* s is NUL-terminated (the sanitised line) */
static void header(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	const char *at, *sha, *end;
	int kind = log_header_kind(s, len);
	bool build = kind == 1;

	if (!kind)
		return;
	if (st->seen_header) {
		blog_warn_input(log, "another %s starts here; only the last one is kept",
				build ? "build" : "application start");
		reset_build(log);
	}
	st->seen_header = true;
	if (build)
		log->builds++;
	if ((build ? SL_LOG_BUILD : SL_LOG_RUN) != log->kind)
		blog_warn_input(log, "a %s log header in a %s log", build ? "build" : "run",
				sl_log_kind_name(log->kind));
	if (st->skim) /* a later header replaces this build: its time and commit */
		return;
	at = strstr(s, " at ") + 4;
	end = strstr(at, build ? " / " : " =====");
	if (!end)
		end = s + len;
	blog_set(build ? &log->queued_at : &log->started_at, at, (size_t)(end - at));
	sha = strstr(s, "Commit SHA: ");
	if (build && sha) {
		sha += 12;
		blog_set(&log->commit, sha, strcspn(sha, " ="));
	}
}

/* "FROM [--platform=...] docker.io/library/python:3.13@sha256:... [AS x]" */
static void from_step(struct sl_buildlog *log, const char *s)
{
	const char *img, *at, *colon, *slash;
	size_t n;

	if (log->base_image)
		return;
	s += 5;
	for (;;) {
		s += strspn(s, " \t");
		if (strncmp(s, "--", 2) != 0)
			break;
		s += strcspn(s, " \t");
	}
	img = s;
	n = strcspn(img, " \t");
	at = memchr(img, '@', n);
	blog_set(&log->base_image, img, at ? (size_t)(at - img) : n);
	if (at)
		blog_set(&log->base_digest, at + 1, (size_t)(img + n - at - 1));
	slash = strrchr(log->base_image, '/');
	slash = slash ? slash + 1 : log->base_image;
	colon = strchr(slash, ':');
	if (colon && (size_t)(colon - slash) == 6 && memcmp(slash, "python", 6) == 0) {
		size_t v = strspn(colon + 1, "0123456789.");
		while (v && colon[v] == '.')
			v--;
		if (v && colon[1] >= '0' && colon[1] <= '9')
			blog_set(&log->python, colon + 1, v);
	}
}

static const char *const pseudo_steps[] = {"Restoring cache", "Pushing image", "Exporting cache",
					   "Exporting layers", "Loading cache"};

static unsigned classify(const char *instr)
{
	for (size_t i = 0; i < sizeof(pseudo_steps) / sizeof(pseudo_steps[0]); i++)
		if (strncmp(instr, pseudo_steps[i], strlen(pseudo_steps[i])) == 0)
			return SL_STEP_PSEUDO;
	if (strncmp(instr, "FROM ", 5) == 0)
		return SL_STEP_FROM;
	return 0;
}

/* The command of "process \"/bin/sh -c CMD\" did not complete": CMD
 * without the shell prefix and with BuildKit's \" and \\ escapes undone. */
static char *error_command(const char *s, size_t n)
{
	struct sl_buf b = SL_BUF_INIT;

	if (n >= 11 && strncmp(s, "/bin/sh -c ", 11) == 0) {
		s += 11;
		n -= 11;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
			i++;
		sl_buf_addch(&b, s[i]);
	}
	return sl_buf_detach(&b, NULL);
}

static void step_error(struct sl_buildlog *log, const char *s)
{
	const char *cmd = strstr(s, "process \"");
	const char *tail = strstr(s, "\" did not complete successfully");
	const char *code = strstr(s, "exit code: ");
	struct sl_build_step *step = NULL;
	char *c = NULL;

	if (cmd && tail && tail > cmd + 9) {
		c = error_command(cmd + 9, (size_t)(tail - cmd - 9));
		if (!log->state->fails_capped)
			step = (struct sl_build_step *)find_step(log, c);
	}
	if (!step)
		step = blog_current_step(log);
	if (step) {
		step->outcome = SL_STEP_ERROR;
		if (code)
			step->exit_code = (int)strtol(code + 11, NULL, 10);
	}
	blog_fail(log, SL_FAIL_STEP, c, c ? strlen(c) : 0, s - 4);
	free(c);
}

static void step_echo(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	struct sl_buf norm = SL_BUF_INIT;
	struct sl_build_step *step;

	if (STARTS(s, len, "ERROR")) {
		step_error(log, s);
		return;
	}
	if (log->nsteps >= SL_BUILDLOG_STEP_MAX) {
		if (!st->steps_capped)
			blog_warn(log, "more than %d steps; the rest are ignored",
				  SL_BUILDLOG_STEP_MAX);
		st->steps_capped = true;
		st->step = 0;
		return;
	}
	log->steps = sl_xrealloc(log->steps, (log->nsteps + 1) * sizeof(*log->steps));
	step = &log->steps[log->nsteps++];
	memset(step, 0, sizeof(*step));
	step->instruction = sl_xstrndup(s, len);
	step->line = st->lineno;
	step->exit_code = -1;
	step->key = norm_key(step->instruction, &norm);
	step->flags = classify(step->instruction);
	st->step = log->nsteps;
	sl_buf_release(&norm);
	if (step->flags & SL_STEP_FROM)
		from_step(log, step->instruction);
	else if (strncmp(step->instruction, "RUN", 3) == 0 && strstr(step->instruction, "pip"))
		piplog_classify_step(log, step, true);
}

static void outcome(struct sl_buildlog *log, enum sl_step_outcome o, const char *dur, size_t dlen)
{
	struct sl_build_step *step = blog_current_step(log);

	/* bare DONE lines (image layers, parallel stages) have no step */
	if (!step || step->outcome != SL_STEP_NONE)
		return;
	step->outcome = o;
	if (dur)
		blog_set(&step->duration, dur, dlen);
}

/* ---- the failure summary and run-log panels ---- */

static void cache_miss(struct sl_buildlog *log, const char *s)
{
	const char *open = strchr(s, '['), *close = open ? strchr(open, ']') : NULL;
	struct sl_cache_miss *m;

	log->has_summary = true;
	if (!open || !close)
		return;
	if (log->nmisses >= SL_BUILDLOG_STEP_MAX)
		return;
	sl_xgrow((void **)&log->misses, &log->state->misses_cap, log->nmisses + 1,
		 sizeof(*log->misses));
	m = &log->misses[log->nmisses++];
	m->stage = sl_xstrndup(open + 1, (size_t)(close - open - 1));
	m->instruction = sl_xstrdup(close + 1 + strspn(close + 1, " "));
	m->line = log->state->lineno;
	/* the sdk it may name belongs to the build; a skimmed build is replaced */
	if (!log->state->skim && !log->sdk && strncmp(m->instruction, "RUN", 3) == 0 &&
	    strstr(m->instruction, "pip")) {
		struct sl_build_step tmp = {.instruction = m->instruction};
		piplog_classify_step(log, &tmp, false);
	}
}

enum summary_kind {
	SUM_NONE = 0,
	SUM_BUILD_ERROR,      /* "build error" */
	SUM_JOB_FAILED,	      /* "Job failed with exit code N", "Unexpected job error" */
	SUM_CACHE_MISS,	      /* "cache miss: [stage n/m] INSTRUCTION" */
	SUM_STATS,	      /* the one-line JSON of cache statistics */
	SUM_LOGS_UNAVAILABLE, /* "Failed to retrieve error logs: ..." */
	SUM_HEADING,	      /* "Build logs:", "Container logs:" */
};

/* The summary block's lines that start with fixed text ("build error" is
 * the whole line); the cache statistics are a JSON line with "total". */
static const struct {
	const char *text;
	size_t len;
	enum summary_kind kind;
	bool whole;
} summary_texts[] = {
#define SUMMARY_TEXT(t, k, w)                                                                      \
	{                                                                                          \
		t, sizeof(t) - 1, k, w                                                             \
	}
    SUMMARY_TEXT("build error", SUM_BUILD_ERROR, true),
    SUMMARY_TEXT("Job failed with exit code", SUM_JOB_FAILED, false),
    SUMMARY_TEXT("Unexpected job error", SUM_JOB_FAILED, false),
    SUMMARY_TEXT("cache miss: ", SUM_CACHE_MISS, false),
    SUMMARY_TEXT("Failed to retrieve error logs: ", SUM_LOGS_UNAVAILABLE, false),
    SUMMARY_TEXT("Build logs:", SUM_HEADING, false),
    SUMMARY_TEXT("Container logs:", SUM_HEADING, false),
#undef SUMMARY_TEXT
};
#define NSUMMARY_TEXTS (sizeof(summary_texts) / sizeof(summary_texts[0]))

/* Which line of the failure summary block s[0..len) is (no C string
 * needed: the skimming reader asks before it copies a line). */
static enum summary_kind summary_kind(const char *s, size_t len)
{
	if (len > 0 && s[0] == '{')
		return memmem(s, len, "\"total\"", 7) ? SUM_STATS : SUM_NONE;
	for (size_t i = 0; i < NSUMMARY_TEXTS; i++)
		if (summary_texts[i].whole ? len == summary_texts[i].len
					   : len >= summary_texts[i].len)
			if (s[0] == summary_texts[i].text[0] &&
			    memcmp(s, summary_texts[i].text, summary_texts[i].len) == 0)
				return summary_texts[i].kind;
	return SUM_NONE;
}

/* s is NUL-terminated (the sanitised line) */
static bool summary_line(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	const char *reason;

	switch (summary_kind(s, len)) {
	case SUM_NONE: return false;
	case SUM_BUILD_ERROR:
		log->has_summary = true;
		st->summary_failed = log->kind == SL_LOG_BUILD;
		log->build_failed = st->summary_failed;
		break;
	case SUM_JOB_FAILED:
		log->has_summary = true;
		st->summary_failed = log->kind == SL_LOG_BUILD;
		if (!st->skim) /* the failure belongs to a build a later one replaces */
			blog_fail(log, SL_FAIL_JOB, NULL, 0, s);
		reason = strstr(s, "Reason: cache miss: ");
		if (reason)
			cache_miss(log, reason + 8);
		break;
	case SUM_CACHE_MISS: cache_miss(log, s); break;
	case SUM_STATS:
		if (log->cache_stats)
			return false;
		blog_set(&log->cache_stats, s, len > 1024 ? 1024 : len);
		break;
	case SUM_LOGS_UNAVAILABLE: blog_set(&log->logs_unavailable, s + 31, len - 31); break;
	case SUM_HEADING: break; /* the panel's own headings */
	}
	return true;
}

/* The first bytes of the lines header() and summary_kind() read, and of
 * a quoted copy's lines: a skimmed line starting otherwise is not read. */
const bool log_skim_first_byte[256] = {
    ['='] = true, ['>'] = true, ['b'] = true, ['J'] = true, ['U'] = true,
    ['c'] = true, ['{'] = true, ['F'] = true, ['B'] = true, ['C'] = true,
};

static bool runtime_line(struct sl_buildlog *log, const char *s, size_t len)
{
	if ((len == 13 &&
	     (memcmp(s, "runtime error", 13) == 0 || memcmp(s, "Runtime error", 13) == 0))) {
		log->runtime_error = true;
	} else if (STARTS(s, len, "Runtime error. ") || STARTS(s, len, "Space failed to start") ||
		   (STARTS(s, len, "Exit code: ") && strstr(s, "Reason: "))) {
		log->runtime_error = true;
		blog_fail(log, SL_FAIL_RUNTIME, NULL, 0, s);
	} else {
		return false;
	}
	return true;
}

/* A Python traceback at column 0: its last line names the exception. */
static bool traceback_line(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	size_t n;

	if (STARTS(s, len, "Traceback (most recent call last):")) {
		st->in_traceback = true;
		return true;
	}
	if (!st->in_traceback)
		return false;
	if (s[0] == ' ' || s[0] == '\t')
		return true;
	st->in_traceback = false;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");
	if (n && (s[n] == ':' || s[n] == '\0'))
		blog_fail(log, SL_FAIL_RUNTIME, s, n, s);
	return true;
}

/* The first "/site-packages" in s, else the first "/dist-packages": one
 * pass over the line for both (this runs on most lines). */
static const char *packages_dir(const char *s, size_t len)
{
	const char *k, *end = s + len, *dist = NULL;

	if (len < 14)
		return NULL;
	k = s + 9;
	/* memchr for the rare 'k' of "/site-pac[k]ages" (memmem sets up
	 * tables on every call, which costs more than these short lines) */
	while (k + 5 <= end && (k = memchr(k, 'k', (size_t)(end - k - 4))) != NULL) {
		const char *q = k - 9;
		if (memcmp(k - 4, "-packages", 9) == 0) {
			if (memcmp(q, "/site", 5) == 0)
				return q;
			if (!dist && memcmp(q, "/dist", 5) == 0)
				dist = q;
		}
		k++;
	}
	return dist;
}

/* "/usr/local/lib/python3.13/site-packages" -> "3.13" */
static void site_python(struct sl_buildlog *log, const char *s, size_t len)
{
	const char *p = packages_dir(s, len);
	const char *q;

	if (!p)
		return;
	q = p;
	while (q > s && ((q[-1] >= '0' && q[-1] <= '9') || q[-1] == '.'))
		q--;
	if (q - s >= 7 && memcmp(q - 7, "/python", 7) == 0 && q < p && q[0] == '3')
		blog_set(&log->site_python, q, (size_t)(p - q));
}

/* ---- one line ---- */

static bool framing_line(struct sl_buildlog *log, const char *s, size_t len)
{
	switch (s[0]) {
	case '=':
		if (STARTS(s, len, "===== ")) {
			header(log, s, len);
			return true;
		}
		break;
	case '-':
		if (STARTS(s, len, "--> ")) {
			step_echo(log, s + 4, len - 4);
			return true;
		}
		break;
	case 'C':
		if (len == 6 && memcmp(s, "CACHED", 6) == 0) {
			outcome(log, SL_STEP_CACHED, NULL, 0);
			return true;
		}
		break;
	case 'D':
		if (STARTS(s, len, "DONE ") && s[5] >= '0' && s[5] <= '9') {
			size_t n = strspn(s + 5, "0123456789.");
			outcome(log, SL_STEP_DONE, s + 5, n);
			return true;
		}
		break;
	}
	return summary_line(log, s, len) || runtime_line(log, s, len);
}

/* Does s contain " @ "?  memchr to each '@' (memmem's per-call set-up
 * costs more than these short lines). */
static bool spaced_at(const char *s, size_t len)
{
	const char *at = s + 1, *end = s + len;

	while (at + 1 < end && (at = memchr(at, '@', (size_t)(end - at - 1))) != NULL) {
		if (at[-1] == ' ' && at[1] == ' ')
			return true;
		at++;
	}
	return false;
}

/* Could the line be `pip freeze` / `pip list` output printed into the log? */
static bool freeze_candidate(const struct sl_buildlog_state *st, const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];

	if (st->freeze.in_list || st->freeze.saw_header)
		return true;
	if (c == '#' || c == '-')
		return strncmp(s, "# Editable", 10) == 0 || strncmp(s, "-e ", 3) == 0;
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
		return false;
	return memchr(s, '=', len) || spaced_at(s, len) || STARTS(s, len, "Package");
}

static void parse_line(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;

	if (len == 0)
		return;
	/* deeply indented: a build backend's output, only a traceback frame
	 * or a site-packages path can matter */
	if (len > 4 && memcmp(s, "     ", 5) == 0 && !st->in_traceback) {
		if (!log->site_python)
			site_python(log, s, len);
		return;
	}
	if (!log->site_python) /* traceback frames name it too */
		site_python(log, s, len);
	if (framing_line(log, s, len) || traceback_line(log, s, len))
		return;
	if (piplog_line(log, s, len))
		return;
	if (!blog_obs_room(log))
		return;
	if (freeze_candidate(st, s, len) &&
	    sl_freeze_lines_feed(&st->freeze, s, st->lineno, &log->obs) == 1)
		return;
	if (s[0] == '[' && s[len - 1] == ']')
		sl_freeze_json_line(s, len, log->source, st->lineno, &log->obs);
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

/* A copy pasted as a Markdown quote has "> " before every line. */
static size_t unquote(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;

	if (st->quoted < 0) {
		if (len == 0)
			return 0;
		st->quoted = s[0] == '>' && (len == 1 || s[1] == ' ');
		if (st->quoted)
			blog_warn_input(
			    log,
			    "every line starts with '> ' (a quoted copy); the prefix is ignored");
	}
	return st->quoted ? log_quote_len(s, len) : 0;
}

bool log_skim_wanted(const char *s, size_t n)
{
	return n > 0 && (STARTS(s, n, "===== ") || summary_kind(s, n) != SUM_NONE);
}

size_t log_skim_prefix4(uint32_t *out)
{
	size_t n = 0;

	memcpy(&out[n++], "====", 4);
	for (size_t i = 0; i < NSUMMARY_TEXTS; i++)
		memcpy(&out[n++], summary_texts[i].text, 4);
	return n;
}

/* A skimmed line that matters (s NUL-terminated): a header or a line of
 * the failure summary block. */
static void skim_read(struct sl_buildlog *log, const char *s, size_t n)
{
	if (STARTS(s, n, "===== "))
		header(log, s, n);
	else
		summary_line(log, s, n);
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
	skip = unquote(log, s, n);
	s += skip;
	n -= skip;
	if (!log_skim_wanted(s, n))
		return;
	if (plain == len)
		blog_skim_wanted(log, s, n);
	else /* sanitised into st->clean: a C string already */
		skim_read(log, s, n);
}

void blog_skim_wanted(struct sl_buildlog *log, const char *s, size_t n)
{
	struct sl_buildlog_state *st = log->state;

	/* header() and the summary want a C string */
	sl_buf_reset(&st->clean);
	sl_buf_add(&st->clean, s, n);
	skim_read(log, st->clean.buf, n);
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
	skip = unquote(log, st->clean.buf, st->clean.len);
	parse_line(log, st->clean.buf + skip, st->clean.len - skip);
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

void blog_feed_skim_sse(struct sl_buildlog *log, const char *data, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	const char *p = data, *end = data + len;

	st->skim = true;
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
	st->skim = false;
}

static int decide(struct sl_buildlog *log, struct sl_err *err)
{
	struct sl_buildlog_state *st = log->state;
	const char *p = st->sniff.buf;
	size_t n = st->sniff.len < SNIFF_BYTES ? st->sniff.len : SNIFF_BYTES;

	if (log_looks_binary(p, n, false))
		return sl_error(err, SL_EPARSE, "%s: binary data, not a log", log->source);
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
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
		sl_sse_feed(st->sse, data, len);
	else
		linesplit_feed(&st->split, data, len, blog_plain_line, log);
}

int sl_buildlog_feed(struct sl_buildlog *log, const char *data, size_t len, struct sl_err *err)
{
	struct sl_buildlog_state *st = log->state;
	int rc;

	if (!st)
		return sl_error(err, SL_EINVAL, "%s: log already finished", log->source);
	if (st->format != FMT_UNDECIDED) {
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

/* The summary's cache misses name their steps' stages.  Up to 4096 misses
 * against up to 4096 steps: the steps are indexed by key first (the last
 * step of each key, as find_step wants), and find_step is only asked when
 * that step's text differs (two texts with one key). */
static void link_stages(struct sl_buildlog *log)
{
	struct sl_buf want = SL_BUF_INIT, have = SL_BUF_INIT;
	size_t cap = 16, *slot;

	if (!log->nmisses || !log->nsteps)
		return;
	while (cap < 2 * log->nsteps)
		cap *= 2;
	slot = sl_xcalloc(cap, sizeof(*slot)); /* step index + 1, 0 empty */
	for (size_t i = 0; i < log->nsteps; i++) {
		size_t h = log->steps[i].key & (cap - 1);
		while (slot[h] && log->steps[slot[h] - 1].key != log->steps[i].key)
			h = (h + 1) & (cap - 1);
		slot[h] = i + 1;
	}
	for (size_t i = 0; i < log->nmisses; i++) {
		size_t key = norm_key(log->misses[i].instruction, &want), h = key & (cap - 1);
		struct sl_build_step *step = NULL;

		while (slot[h] && log->steps[slot[h] - 1].key != key)
			h = (h + 1) & (cap - 1);
		if (slot[h]) {
			step = &log->steps[slot[h] - 1];
			norm_instruction(step->instruction, &have);
			if (strcmp(want.buf, have.buf) != 0)
				step = (struct sl_build_step *)find_step(
				    log, log->misses[i].instruction);
		}
		if (step && !step->stage)
			step->stage = sl_xstrdup(log->misses[i].stage);
	}
	free(slot);
	sl_buf_release(&want);
	sl_buf_release(&have);
}

static void free_state(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;

	if (!st)
		return;
	piplog_reset(st);
	free(st->names.v);
	free(st->skim_tables);
	warnings_clear(&st->warn_input);
	warnings_clear(&st->warn_build);
	free(st->warn_input.v);
	free(st->warn_build.v);
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
	if (rc == 0) {
		finish_stream(log);
		st->lineno = 0;
		if (log->nsteps && log->steps[log->nsteps - 1].outcome == SL_STEP_NONE &&
		    !(log->steps[log->nsteps - 1].flags & SL_STEP_FROM))
			blog_warn(log, "the log ends before step '%.80s' finished (truncated?)",
				  log->steps[log->nsteps - 1].instruction);
		link_stages(log);
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
	free_steps(log);
	free_failures(log);
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
