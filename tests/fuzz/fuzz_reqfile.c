/* fuzz_reqfile.c: the requirements-file reader on arbitrary bytes.  The
 * core promise is asserted: whatever decodes renders back byte for byte,
 * an identity edit changes nothing, a removal removes exactly one entry's
 * bytes, and an appended requirement reads back as the last entry. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/reqfile.h"

static void same_or_die(const struct sl_reqfile *rf, const void *want, size_t len)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_reqfile_render(rf, &b);
	if (b.len != len || memcmp(b.buf, want, len) != 0)
		abort();
	sl_buf_release(&b);
}

/* Rewrites the first rewritable requirement with its own text. */
static void identity_edit(struct sl_reqfile *rf, const uint8_t *data, size_t size)
{
	struct sl_err err;

	for (size_t i = 0; i < rf->nentries; i++) {
		const struct sl_reqfile_entry *e = &rf->entries[i];
		char *same;
		if (!e->has_span)
			continue;
		same = sl_xstrndup(e->raw + e->span_off, e->span_len);
		if (sl_reqfile_replace(rf, i, same, &err) == 0)
			same_or_die(rf, data, size);
		free(same);
		return;
	}
}

static void append_and_remove(struct sl_reqfile *rf)
{
	struct sl_buf before = SL_BUF_INIT, after = SL_BUF_INIT;
	struct sl_reqfile *again = NULL;
	struct sl_err err;
	size_t n = rf->nentries, first = n ? rf->entries[0].raw_len : 0;

	if (sl_reqfile_append(rf, "fuzz-pkg==1.0", &err) != 0)
		abort();
	sl_reqfile_render(rf, &before);
	if (sl_reqfile_parse(before.buf, before.len, "again", &again, &err) != 0 ||
	    again->nentries != n + 1 || !again->entries[n].name ||
	    strcmp(again->entries[n].name, "fuzz-pkg") != 0)
		abort();
	sl_reqfile_free(again);
	if (n && rf->enc.enc == SL_TEXTENC_UTF8 && !rf->enc.bom) {
		sl_reqfile_remove(rf, 0, &err);
		sl_reqfile_render(rf, &after);
		if (after.len != before.len - first ||
		    memcmp(after.buf, before.buf + first, after.len) != 0)
			abort();
	}
	sl_buf_release(&before);
	sl_buf_release(&after);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_reqfile *rf = NULL;
	struct sl_err err;

	if (sl_reqfile_parse(data, size, "fuzz.txt", &rf, &err) != 0)
		return 0;
	same_or_die(rf, data, size);
	identity_edit(rf, data, size);
	append_and_remove(rf);
	sl_reqfile_free(rf);
	return 0;
}
