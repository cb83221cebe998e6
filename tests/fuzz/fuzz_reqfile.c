/* fuzz_reqfile.c: the requirements-file reader on arbitrary bytes.  The
 * core promise is asserted: whatever decodes renders back byte for byte;
 * an identity edit changes nothing; a removal removes exactly one entry's
 * bytes; an appended requirement reads back as the last entry; and after
 * every edit the entries are what reading the new bytes gives. */
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

/* The edited entries must be exactly those a fresh read of the bytes gives. */
static void consistent_or_die(const struct sl_reqfile *rf)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_reqfile *again = NULL;
	struct sl_err err;

	sl_reqfile_render(rf, &b);
	if (sl_reqfile_parse(b.buf, b.len, "again", &again, &err) != 0 ||
	    again->nentries != rf->nentries)
		abort();
	for (size_t i = 0; i < rf->nentries; i++) {
		const struct sl_reqfile_entry *x = &rf->entries[i], *y = &again->entries[i];
		if (x->kind != y->kind || x->line != y->line || x->raw_len != y->raw_len ||
		    memcmp(x->raw, y->raw, x->raw_len) != 0)
			abort();
	}
	sl_reqfile_free(again);
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
	struct sl_err err;
	size_t n = rf->nentries, at = n / 2, off = 0, len;

	if (sl_reqfile_append(rf, "fuzz-pkg==1.0", &err) != 0)
		abort();
	consistent_or_die(rf);
	if (!rf->entries[n].name || strcmp(rf->entries[n].name, "fuzz-pkg") != 0)
		abort();
	if (rf->enc.enc != SL_TEXTENC_UTF8 || rf->enc.bom)
		return;
	sl_reqfile_render(rf, &before);
	for (size_t i = 0; i < at; i++)
		off += rf->entries[i].raw_len;
	len = rf->entries[at].raw_len;
	sl_reqfile_remove(rf, at, &err);
	consistent_or_die(rf);
	sl_reqfile_render(rf, &after);
	if (after.len != before.len - len || memcmp(after.buf, before.buf, off) != 0 ||
	    memcmp(after.buf + off, before.buf + off + len, after.len - off) != 0)
		abort();
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
	consistent_or_die(rf);
	append_and_remove(rf);
	sl_reqfile_free(rf);
	return 0;
}
