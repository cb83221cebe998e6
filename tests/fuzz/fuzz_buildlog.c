/* fuzz_buildlog.c: the build/run log reader on arbitrary bytes.  The first
 * byte picks the log kind and the chunk size the rest is fed in (so chunk
 * boundaries fall everywhere); asserted: the reader never fails except on
 * binary input, and the same input fed at once gives the same facts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/buildlog.h"

static struct sl_buildlog *run(const uint8_t *data, size_t size, enum sl_log_kind kind, size_t step,
			       int *rc)
{
	struct sl_buildlog *log = sl_buildlog_new(kind, "fuzz.log");
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

static void summary(const struct sl_buildlog *log, struct sl_buf *b)
{
	sl_buf_addf(b, "%lu %zu %zu %zu %zu %d %s %s\n", log->lines, log->nsteps, log->nfailures,
		    log->obs.n, log->nwarnings, log->build_failed, log->python ? log->python : "-",
		    log->sdk_version ? log->sdk_version : "-");
	for (size_t i = 0; i < log->obs.n; i++)
		sl_buf_addf(b, "%s %s %d\n", log->obs.v[i].name ? log->obs.v[i].name : "-",
			    log->obs.v[i].version ? log->obs.v[i].version : "-",
			    (int)log->obs.v[i].strength);
	for (size_t i = 0; i < log->nsteps; i++)
		if (!log->steps[i].instruction)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT;
	enum sl_log_kind kind;
	size_t step;
	int rc1, rc2;
	struct sl_buildlog *l1, *l2;

	if (size < 1)
		return 0;
	kind = data[0] & 1 ? SL_LOG_RUN : SL_LOG_BUILD;
	step = 1 + (data[0] >> 1);
	l1 = run(data + 1, size - 1, kind, step, &rc1);
	l2 = run(data + 1, size - 1, kind, size, &rc2);
	if (rc1 != rc2)
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
	return 0;
}
