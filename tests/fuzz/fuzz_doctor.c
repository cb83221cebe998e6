/* fuzz_doctor.c: the doctor's readers of hostile text: arbitrary bytes as
 * an app's Python (decorators, durations, environment reads) and as a log
 * (plain or server-sent events), then both renderings.  Every finding has
 * an id and a message; the JSON is one object. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/doctor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sl_failrules *fr;
	struct sl_err err = {0};
	struct sl_doctor *d;
	struct sl_buf out = SL_BUF_INIT;

	if (!fr && sl_failrules_load(&fr, &err) != 0)
		abort();
	d = sl_doctor_new(fr);
	sl_doctor_lint_python(d, "app.py", (const char *)data, size);
	sl_doctor_add_log(d, "fuzz.log", (const char *)data, size);
	for (size_t i = 0; i < sl_doctor_count(d); i++) {
		const struct sl_doctor_finding *f = sl_doctor_finding_at(d, i);
		if (!f->id || !*f->id || !f->message)
			abort();
	}
	sl_doctor_render_text(d, &out);
	sl_buf_reset(&out);
	sl_doctor_render_json(d, &out);
	if (out.len < 2 || out.buf[0] != '{' || out.buf[out.len - 2] != '}')
		abort();
	sl_buf_release(&out);
	sl_doctor_free(d);
	return 0;
}
