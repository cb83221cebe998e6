/* name.c: PEP 503 canonical names, PEP 508 name validity, PEP 685 extras. */
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/name.h"

static bool is_sep(char c)
{
	return c == '-' || c == '_' || c == '.';
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

void sl_name_canonical_buf(const char *name, size_t len, struct sl_buf *out)
{
	size_t i = 0;

	sl_buf_grow(out, len);
	while (i < len) {
		if (is_sep(name[i])) {
			sl_buf_addch(out, '-');
			while (i < len && is_sep(name[i]))
				i++;
			continue;
		}
		sl_buf_addch(out, lower(name[i]));
		i++;
	}
}

char *sl_name_canonical(const char *name)
{
	struct sl_buf b = SL_BUF_INIT;
	char *c;

	/* a copy of its own size: a buffer's 64-byte minimum, once per
	 * observation, was a tenth of a large snapshot's memory */
	sl_name_canonical_buf(name, strlen(name), &b);
	c = sl_xstrndup(b.buf, b.len);
	sl_buf_release(&b);
	return c;
}

bool sl_name_is_valid(const char *name, size_t len)
{
	if (len == 0 || !is_alnum(name[0]) || !is_alnum(name[len - 1]))
		return false;
	for (size_t i = 1; i + 1 < len; i++)
		if (!is_alnum(name[i]) && !is_sep(name[i]))
			return false;
	return true;
}

bool sl_name_is_canonical(const char *name)
{
	size_t len = strlen(name);

	if (!sl_name_is_valid(name, len))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (name[i] == '_' || name[i] == '.' || (name[i] >= 'A' && name[i] <= 'Z'))
			return false;
		if (name[i] == '-' && name[i + 1] == '-')
			return false;
	}
	return true;
}

bool sl_name_eq(const char *a, const char *b)
{
	char *ca = sl_name_canonical(a), *cb = sl_name_canonical(b);
	bool eq = strcmp(ca, cb) == 0;

	free(ca);
	free(cb);
	return eq;
}

char *sl_extra_normalize(const char *extra)
{
	return sl_name_canonical(extra);
}
