/* fuzz_card_depth.c: the README reader on deeply nested front matter.
 * fuzz_card's inputs stay under the fuzzer's max length, far too short to
 * nest thousands of levels, where libyaml turns quadratic.  Here each input
 * byte is a piece of YAML (an opening bracket, a block entry, an indent, a
 * closing bracket, an alias...) repeated up to 64 times, so a few bytes nest
 * thousands of levels deep.  A card must be read or refused quickly (the
 * fuzzer's -timeout catches a slow one), and a refusal names README.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/card.h"
#include "spacelock/mem.h"

static const char *const pieces[16] = {
    "[",  "{a: ", "- ", "]", "}",  ", ", "\n  ", "&a x",
    "*a", "b: ",  "\"", "'", "? ", "\n", "x\n",	 "#",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_card *card = NULL;
	struct sl_err err = {0};
	int rc;

	sl_buf_addstr(&b, "---\nsdk: gradio\nx: ");
	for (size_t i = 0; i < size && b.len < (4u << 20); i++)
		for (unsigned r = 0; r <= (data[i] >> 4) * 4u; r++)
			sl_buf_addstr(&b, pieces[data[i] & 15]);
	sl_buf_addstr(&b, "\n---\n");
	rc = sl_card_parse("README.md", b.buf, b.len, &card, &err);
	if (rc != 0 && strncmp(err.msg, "README.md:", 10) != 0)
		abort();
	sl_card_free(card);
	sl_buf_release(&b);
	return 0;
}
