/* fuzz_datafile.c: the data-file reader (datafile.h) on arbitrary bytes.
 * Every field it returns has a key of [a-z0-9-], a non-empty value without
 * a newline, and a line inside the input.  The same bytes then go through
 * diff's rule reader (diff.h), which must accept or refuse them cleanly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/datafile.h"
#include "spacelock/diff.h"

static void check_field(const struct sl_stanza_field *f, unsigned long lines)
{
	if (!*f->key || strspn(f->key, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(f->key))
		abort();
	if (!*f->value || strchr(f->value, '\n') || f->line == 0 || f->line > lines)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_stanzas s;
	struct sl_err err = {0};
	struct sl_diff_rules *rules = sl_diff_rules_new();
	unsigned long lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (sl_diff_rules_add(rules, "fuzz.txt", (const char *)data, size, &err) != 0 &&
	    !err.msg[0])
		abort();
	sl_diff_rules_free(rules);
	if (sl_stanzas_parse("fuzz.txt", (const char *)data, size, &s, &err) != 0) {
		if (s.n || s.v || !err.msg[0])
			abort();
		return 0;
	}
	for (size_t i = 0; i < s.n; i++) {
		if (s.v[i].n == 0)
			abort();
		for (size_t j = 0; j < s.v[i].n; j++)
			check_field(&s.v[i].fields[j], lines);
	}
	sl_stanzas_release(&s);
	return 0;
}
