/* fuzz_failrules.c: the failure-rules reader (failrules.h) on arbitrary
 * bytes, and the classifier on the same bytes read as a log with the
 * embedded rules.  A refused file leaves a message and no rules; a verdict
 * lists each bucket once, with a line inside the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/failrules.h"

static void check_verdict(const struct sl_failverdict *v, unsigned long lines)
{
	for (size_t i = 0; i < v->n; i++) {
		if (!v->hits[i].rule || v->hits[i].line == 0 || v->hits[i].line > lines)
			abort();
		for (size_t j = 0; j < i; j++)
			if (v->hits[j].rule->bucket == v->hits[i].rule->bucket)
				abort();
	}
}

static void classify_with(const struct sl_failrules *fr, const char *text, size_t size,
			  unsigned long lines)
{
	struct sl_failverdict v = {0};

	sl_failrules_classify(fr, text, size, &v);
	check_verdict(&v, lines);
	sl_failverdict_release(&v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sl_failrules *embedded;
	struct sl_failrules *fr = NULL;
	struct sl_err err = {0};
	unsigned long lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (!embedded && sl_failrules_load(&embedded, &err) != 0)
		abort();
	if (sl_failrules_parse("fuzz.txt", (const char *)data, size, &fr, &err) != 0) {
		if (fr || !err.msg[0])
			abort();
	} else {
		classify_with(fr, (const char *)data, size, lines);
		sl_failrules_free(fr);
	}
	classify_with(embedded, (const char *)data, size, lines);
	return 0;
}
