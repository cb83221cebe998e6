/* fuzz_card.c: the README front-matter reader on arbitrary bytes.  Every
 * value's span must lie inside the input and hold exactly its raw text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/card.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_card *card = NULL;
	struct sl_err err = {0};

	if (sl_card_parse("README.md", (const char *)data, size, &card, &err) != 0)
		return 0;
	for (size_t i = 0; i < card->n; i++) {
		const struct sl_card_value *v = &card->v[i];
		if (v->start > v->end || v->end > size || strlen(v->raw) > v->end - v->start ||
		    memcmp(data + v->start, v->raw, strlen(v->raw)) != 0)
			abort();
		(void)sl_card_string(card, v->key);
	}
	sl_card_free(card);
	return 0;
}
