/* fuzz_specifier.c: the PEP 440 specifier-set parser and matcher.  The
 * input's first line is a specifier set, the other lines versions.
 * Asserted: the printed set parses again to the same text; a set matches a
 * version exactly when each of its clauses alone does; the default and
 * include modes agree and exclude only ever removes; the parsed and the
 * string forms of a version agree (without '===', which compares text). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/specifier.h"

static void check_roundtrip(const struct sl_specset *set)
{
	struct sl_specset *again = NULL;
	struct sl_err err;
	char *s = sl_specset_to_string(set), *s2;

	if (sl_specset_parse(s, &again, &err) != 0)
		abort(); /* the printed form must parse */
	s2 = sl_specset_to_string(again);
	if (strcmp(s, s2) != 0 || sl_specset_count(again) != sl_specset_count(set))
		abort();
	free(s);
	free(s2);
	sl_specset_free(again);
}

/* Whether every clause alone contains version (-1: some clause errs). */
static int each_clause(const struct sl_specset *set, const char *version,
		       enum sl_prerelease_mode mode)
{
	int all = 1;

	for (size_t i = 0; i < sl_specset_count(set); i++) {
		char *one = sl_xasprintf("%s%s", sl_specset_op(set, i), sl_specset_version(set, i));
		struct sl_specset *c = NULL;
		struct sl_err err;
		bool yes = false;
		if (sl_specset_parse(one, &c, &err) != 0)
			abort(); /* each clause is a valid set by itself */
		if (sl_specset_contains_str(c, version, mode, &yes, &err) != 0)
			all = all > 0 ? -1 : all;
		else if (!yes && all > 0)
			all = 0;
		sl_specset_free(c);
		free(one);
	}
	return all;
}

static void check_version(const struct sl_specset *set, const char *line, bool arbitrary)
{
	struct sl_err err;
	struct sl_version *v = NULL;
	bool d = false, in = false, ex = false;
	int rc = sl_specset_contains_str(set, line, SL_PRE_DEFAULT, &d, &err);

	if (rc != 0)
		return;
	if (sl_specset_contains_str(set, line, SL_PRE_INCLUDE, &in, &err) != 0 ||
	    sl_specset_contains_str(set, line, SL_PRE_EXCLUDE, &ex, &err) != 0)
		abort();
	if (d != in || (ex && !in))
		abort();
	int each = each_clause(set, line, SL_PRE_INCLUDE);
	if (each >= 0 && each != (int)in)
		abort();
	if (!arbitrary && sl_version_parse(line, &v, &err) == 0) {
		if (sl_specset_contains(set, v, SL_PRE_DEFAULT) != d ||
		    sl_specset_contains(set, v, SL_PRE_EXCLUDE) != ex)
			abort();
		sl_version_free(v);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_specset *set = NULL;
	struct sl_err err;
	char *s, *line, *next;
	bool arbitrary = false;

	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	next = strchr(s, '\n');
	if (next)
		*next++ = '\0';
	if (sl_specset_parse(s, &set, &err) != 0) {
		if (err.code != SL_EPARSE || !err.msg[0])
			abort();
		free(s);
		return 0;
	}
	check_roundtrip(set);
	for (size_t i = 0; i < sl_specset_count(set); i++)
		arbitrary |= strcmp(sl_specset_op(set, i), "===") == 0;
	for (line = next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		check_version(set, line, arbitrary);
	}
	sl_specset_free(set);
	free(s);
	return 0;
}
