/* fuzz_version.c: the PEP 440 version parser.  The input is one or two
 * versions separated by a newline.  Asserted: a parsed version's normal
 * form parses again to the same normal form and compares equal; the order
 * is antisymmetric; and libsolv's rpm comparison of the EVR keys agrees
 * with it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <solv/evr.h>
#include <solv/pool.h>

#include "spacelock/version.h"

static Pool *pool;

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static struct sl_version *parse_checked(const char *s)
{
	struct sl_version *v = NULL, *again = NULL;
	struct sl_err err;
	char *n, *n2, *pub, *base;

	if (sl_version_parse(s, &v, &err) != 0) {
		if (err.code != SL_EPARSE || !err.msg[0])
			abort();
		return NULL;
	}
	n = sl_version_normalize(v);
	if (sl_version_parse(n, &again, &err) != 0)
		abort(); /* the normal form must parse */
	n2 = sl_version_normalize(again);
	if (strcmp(n, n2) != 0 || sl_version_cmp(v, again) != 0)
		abort(); /* and be a fixed point */
	pub = sl_version_public(v);
	base = sl_version_base(v);
	if (strncmp(n, pub, strlen(pub)) != 0 || strncmp(pub, base, strlen(base)) != 0)
		abort(); /* base is a prefix of public, public of the normal form */
	free(n);
	free(n2);
	free(pub);
	free(base);
	sl_version_free(again);
	return v;
}

static void check_pair(const struct sl_version *a, const struct sl_version *b)
{
	int ab = sign(sl_version_cmp(a, b)), ba = sign(sl_version_cmp(b, a));
	char *ka = sl_version_evr_key(a), *kb = sl_version_evr_key(b);

	if (ab != -ba || sl_version_cmp(a, a) != 0)
		abort();
	if (sign(pool_evrcmp_str(pool, ka, kb, EVRCMP_COMPARE)) != ab)
		abort();
	free(ka);
	free(kb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *nl;
	struct sl_version *a, *b = NULL;

	if (!pool) {
		pool = pool_create();
		pool_setdisttype(pool, DISTTYPE_RPM);
	}
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	nl = strchr(s, '\n');
	if (nl)
		*nl = '\0';
	a = parse_checked(s);
	if (nl)
		b = parse_checked(nl + 1);
	if (a && b)
		check_pair(a, b);
	sl_version_free(a);
	sl_version_free(b);
	free(s);
	return 0;
}
