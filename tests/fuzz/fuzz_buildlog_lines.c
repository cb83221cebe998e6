/* fuzz_buildlog_lines.c: the build/run log reader without its file layer.
 * fuzz_buildlog repeats each input to 24 KiB and reads it from a file to
 * compare the skimming reader, which holds it near 60 executions a second;
 * this entry hands the input's lines straight to the line reader
 * (sl_buildlog_feed_line: no framing, no file, no repetition) so the
 * fuzzer spends its time on the log grammar.  The first byte picks the
 * kind; the facts must be whole (each step has its instruction, each
 * observation a name). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buildlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_buildlog *log;
	struct sl_err err = {0};
	const char *p, *end;
	int rc;

	if (size < 1)
		return 0;
	log = sl_buildlog_new(data[0] & 1 ? SL_LOG_RUN : SL_LOG_BUILD, "fuzz.log");
	p = (const char *)data + 1;
	end = (const char *)data + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		sl_buildlog_feed_line(log, p, n, 0);
		p += n + 1;
	}
	rc = sl_buildlog_finish(log, &err);
	if (rc != 0 && (rc != SL_EPARSE || !err.msg[0]))
		abort();
	if (rc == 0) {
		for (size_t i = 0; i < log->nsteps; i++)
			if (!log->steps[i].instruction)
				abort();
		for (size_t i = 0; i < log->obs.n; i++)
			if (!log->obs.v[i].name)
				abort();
	}
	sl_buildlog_free(log);
	return 0;
}
