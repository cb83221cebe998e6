/* fuzz_buildlog.c: the build/run log reader on arbitrary bytes.  The first
 * byte picks the log kind and the chunk size the rest is fed in (so chunk
 * boundaries fall everywhere); asserted: the reader never fails except on
 * binary input, and the same input fed at once gives the same facts.
 * Then the input repeated (so that any header in it starts many builds) is
 * read from a file in small reads, which skims the builds a later header
 * replaces, and must give exactly what feeding the same bytes gives.
 * Every other input asks for the verdict (sl_buildlog_judge) too, which
 * must be the same whichever way the log was read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../src/lib/buildlog_private.h"
#include "spacelock/buf.h"
#include "spacelock/buildlog.h"

#define REPEAT_MIN (24 * 1024)

/* The failure rules the verdict is judged by, or NULL: none asked for. */
static const struct sl_failrules *judge_rules;

static struct sl_buildlog *new_log(enum sl_log_kind kind)
{
	struct sl_buildlog *log = sl_buildlog_new(kind, "fuzz.log");

	sl_buildlog_judge(log, judge_rules);
	return log;
}

static struct sl_buildlog *run(const uint8_t *data, size_t size, enum sl_log_kind kind, size_t step,
			       int *rc)
{
	struct sl_buildlog *log = new_log(kind);
	struct sl_err err;

	*rc = 0;
	for (size_t i = 0; i < size && *rc == 0; i += step)
		*rc = sl_buildlog_feed(log, (const char *)data + i,
				       size - i < step ? size - i : step, &err);
	if (*rc == 0)
		*rc = sl_buildlog_finish(log, &err);
	if (*rc != 0 && (*rc != SL_EPARSE || !err.msg[0]))
		abort();
	return log;
}

static const char *str(const char *s)
{
	return s ? s : "-";
}

static void summary(const struct sl_buildlog *log, struct sl_buf *b)
{
	sl_buf_addf(b, "%lu %u %zu %zu %zu %zu %d %d %s %s\n", log->lines, log->builds, log->nsteps,
		    log->nfailures, log->obs.n, log->nwarnings, log->build_failed,
		    log->runtime_error, str(log->python), str(log->sdk_version));
	sl_buf_addf(b, "%s %s %s %s %s %s %s %s %d %s %s %zu\n", str(log->queued_at),
		    str(log->commit), str(log->started_at), str(log->base_image),
		    str(log->base_digest), str(log->site_python), str(log->pip_version),
		    str(log->sdk), log->has_summary, str(log->cache_stats),
		    str(log->logs_unavailable), log->warnings_dropped);
	for (size_t i = 0; i < log->obs.n; i++)
		sl_buf_addf(b, "%s %s %d %lu\n", str(log->obs.v[i].name),
			    str(log->obs.v[i].version), (int)log->obs.v[i].strength,
			    log->obs.v[i].line);
	for (size_t i = 0; i < log->nsteps; i++) {
		if (!log->steps[i].instruction)
			abort();
		sl_buf_addf(b, "%lu %d %s\n", log->steps[i].line, (int)log->steps[i].outcome,
			    log->steps[i].instruction);
	}
	for (size_t i = 0; i < log->nfailures; i++)
		sl_buf_addf(b, "%lu %d %s\n", log->failures[i].line, (int)log->failures[i].kind,
			    log->failures[i].text);
	for (size_t i = 0; i < log->nmisses; i++)
		sl_buf_addf(b, "%lu %s\n", log->misses[i].line, log->misses[i].instruction);
	for (size_t i = 0; i < log->nplatform_reqs; i++)
		sl_buf_addf(b, "%s\n", log->platform_reqs[i]);
	for (size_t i = 0; i < log->nwarnings; i++)
		sl_buf_addf(b, "%s\n", log->warnings[i]);
	for (size_t i = 0; i < log->verdict.n; i++) {
		const struct sl_failhit *h = &log->verdict.hits[i];
		if (!h->rule || !h->text || h->line == 0 || h->line > log->lines)
			abort();
		sl_buf_addf(b, "%lu %s %s\n", h->line, h->rule->id, h->text);
	}
	if (!judge_rules && log->verdict.n)
		abort();
}

/* Both logs read (rc1, rc2 as returned) or both refused, and the same facts. */
static void same(struct sl_buildlog *l1, int rc1, struct sl_buildlog *l2, int rc2)
{
	struct sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT;

	if ((rc1 == 0) != (rc2 == 0))
		abort();
	if (rc1 == 0) {
		summary(l1, &a);
		summary(l2, &b);
		if (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0)
			abort();
	}
	sl_buf_release(&a);
	sl_buf_release(&b);
	sl_buildlog_free(l1);
	sl_buildlog_free(l2);
}

/* The input repeated to REPEAT_MIN bytes, fed at once and read from a
 * file (a memfd) in reads of 1 to 8 KB: the same facts. */
static void repeated(const uint8_t *data, size_t size, enum sl_log_kind kind, size_t chunk)
{
	struct sl_buf all = SL_BUF_INIT;
	struct sl_buildlog *l1, *l2;
	struct sl_err err;
	char path[64];
	int fd, rc1, rc2;

	while (all.len < REPEAT_MIN)
		sl_buf_add(&all, data, size);
	l1 = run((const uint8_t *)all.buf, all.len, kind, all.len, &rc1);
	fd = memfd_create("fuzz.log", 0);
	if (fd < 0 || write(fd, all.buf, all.len) != (ssize_t)all.len)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	blog_file_chunk = chunk;
	blog_skim_no_avx2 = chunk & 1024;
	l2 = new_log(kind);
	rc2 = sl_buildlog_read_into(l2, path, &err);
	blog_file_chunk = 64 * 1024;
	blog_skim_no_avx2 = false;
	close(fd);
	same(l1, rc1, l2, rc2);
	sl_buf_release(&all);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum sl_log_kind kind;
	size_t step;
	int rc1, rc2;
	struct sl_buildlog *l1, *l2;

	static struct sl_failrules *fr;
	struct sl_err err;

	if (size < 1)
		return 0;
	if (!fr && sl_failrules_load(&fr, &err) != 0)
		abort();
	judge_rules = data[0] & 2 ? fr : NULL;
	kind = data[0] & 1 ? SL_LOG_RUN : SL_LOG_BUILD;
	step = 1 + (data[0] >> 1);
	l1 = run(data + 1, size - 1, kind, step, &rc1);
	l2 = run(data + 1, size - 1, kind, size, &rc2);
	if (rc1 != rc2)
		abort();
	same(l1, rc1, l2, rc2);
	if (size > 1)
		repeated(data + 1, size - 1, kind, 1024 * (1 + (data[0] & 7)));
	return 0;
}
