/* fuzz_logsections.c: the section framing and a copy's prefix, entered
 * line by line (sl_buildlog_feed_line: no file layer, no sniffing, no
 * SSE).  The input is two parts split at a point the first byte picks;
 * asserted on every input:
 *  - a build part and a run part, each under its header, say the same
 *    facts in either order (sections never replace one another), as long
 *    as neither part holds a header of its own;
 *  - the same lines behind four spaces, a tab or "> " say what the clean
 *    lines say (the prefix is decided on the header and ignored). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/buildlog.h"

static const char build_header[] =
    "===== Build Queued at 2026-05-13 16:49:14 / Commit SHA: 6a05175 =====";
static const char run_header[] = "===== Application Startup at 2026-05-13 16:54:42 =====";

/* Feeds the lines of p[0..n) after prefix; header (or NULL) first. */
static void feed_part(struct sl_buildlog *log, const char *prefix, const char *header,
		      const char *p, size_t n, struct sl_buf *line)
{
	if (header) {
		sl_buf_reset(line);
		sl_buf_addstr(line, prefix);
		sl_buf_addstr(line, header);
		sl_buildlog_feed_line(log, line->buf, line->len, 0);
	}
	while (n > 0) {
		const char *nl = memchr(p, '\n', n);
		size_t k = nl ? (size_t)(nl - p) : n;
		sl_buf_reset(line);
		sl_buf_addstr(line, prefix);
		sl_buf_add(line, p, k);
		sl_buildlog_feed_line(log, line->buf, line->len, 0);
		p += k + (nl != NULL);
		n -= k + (nl != NULL);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *str(const char *s)
{
	return s ? s : "-";
}

/* The facts of a log, line numbers aside, as sorted lines (the order of
 * sections moves observations and failures around, not what they say). */
static char *facts(const struct sl_buildlog *log, bool with_warnings)
{
	struct sl_buf b = SL_BUF_INIT, one = SL_BUF_INIT;
	char **v = NULL;
	size_t n = 0;

#define ADD(...)                                                                                   \
	do {                                                                                       \
		sl_buf_reset(&one);                                                                \
		sl_buf_addf(&one, __VA_ARGS__);                                                    \
		v = realloc(v, (n + 1) * sizeof(*v));                                              \
		v[n++] = strdup(one.buf);                                                          \
	} while (0)
	ADD("%u %u %d %d %zu %d %d %lu %lu", log->builds, log->runs, log->has_build, log->has_run,
	    log->nsteps, log->build_failed, log->runtime_error, log->unread, log->mixed);
	ADD("%s %s %s %s %s %s %s", str(log->queued_at), str(log->commit), str(log->started_at),
	    str(log->base_image), str(log->python), str(log->sdk), str(log->sdk_version));
	for (size_t i = 0; i < log->obs.n; i++)
		ADD("o %s %s %d", str(log->obs.v[i].name), str(log->obs.v[i].version),
		    (int)log->obs.v[i].strength);
	for (size_t i = 0; i < log->nsteps; i++)
		ADD("s %d %s", (int)log->steps[i].outcome, log->steps[i].instruction);
	for (size_t i = 0; i < log->nfailures; i++)
		ADD("f %d %d %s", (int)log->failures[i].kind, (int)log->failures[i].section,
		    log->failures[i].text);
	for (size_t i = 0; with_warnings && i < log->nwarnings; i++) {
		const char *w = strchr(log->warnings[i], ' '); /* "file:line: " aside */
		if (!strstr(w ? w : "", "the prefix is ignored"))
			ADD("w %s", w ? w : "");
	}
#undef ADD
	qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++) {
		sl_buf_addstr(&b, v[i]);
		sl_buf_addch(&b, '\n');
		free(v[i]);
	}
	free(v);
	sl_buf_release(&one);
	return sl_buf_detach(&b, NULL);
}

static struct sl_buildlog *read_parts(const char *prefix, bool run_first, const char *a, size_t na,
				      const char *b, size_t nb)
{
	struct sl_buildlog *log = sl_buildlog_new(SL_LOG_BUILD, "fuzz.log");
	struct sl_buf line = SL_BUF_INIT;
	struct sl_err err;

	if (run_first) {
		feed_part(log, prefix, run_header, b, nb, &line);
		feed_part(log, prefix, build_header, a, na, &line);
	} else {
		feed_part(log, prefix, build_header, a, na, &line);
		feed_part(log, prefix, run_header, b, nb, &line);
	}
	if (sl_buildlog_finish(log, &err) != 0)
		abort(); /* lines fed one by one are never refused */
	sl_buf_release(&line);
	return log;
}

static void expect_same(struct sl_buildlog *x, struct sl_buildlog *y, bool with_warnings)
{
	char *fx = facts(x, with_warnings), *fy = facts(y, with_warnings);

	if (strcmp(fx, fy) != 0) {
		fprintf(stderr, "--- one\n%s--- other\n%s", fx, fy);
		abort();
	}
	free(fx);
	free(fy);
	sl_buildlog_free(x);
	sl_buildlog_free(y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const prefixes[] = {"    ", "\t", "> "};
	const char *p = (const char *)data + 1;
	size_t n, cut;

	if (size < 1)
		return 0;
	n = size - 1;
	cut = n ? (size_t)data[0] * n / 256 : 0;
	/* the same lines behind a prefix say the same (the form's warning aside) */
	expect_same(read_parts("", false, p, cut, p + cut, n - cut),
		    read_parts(prefixes[data[0] % 3], false, p, cut, p + cut, n - cut), true);
	/* either order, when no part starts a section of its own */
	if (!memmem(p, n, "=====", 5))
		expect_same(read_parts("", false, p, cut, p + cut, n - cut),
			    read_parts("", true, p, cut, p + cut, n - cut), false);
	return 0;
}
