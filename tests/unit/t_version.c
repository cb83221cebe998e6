/* t_version.c: PEP 440 versions against tests/unit/data/version.data (what
 * the latest pypa/packaging answers), and the libsolv EVR keys checked with
 * libsolv's own rpm comparison. */
#include <solv/evr.h>
#include <solv/pool.h>

#include "spacelock/mem.h"
#include "spacelock/version.h"
#include "test.h"
#include "../../src/lib/version_private.h"

static Pool *pool;

/* Decodes the data file's escapes in place: \\ and \xNN. */
static char *unescape(char *s)
{
	char *w = s;

	if (!*s) /* "\e" fields are a shared literal */
		return s;
	for (char *r = s; *r; r++) {
		if (r[0] == '\\' && r[1] == '\\') {
			*w++ = '\\';
			r++;
		} else if (r[0] == '\\' && r[1] == 'x' && r[2] && r[3]) {
			char hex[3] = {r[2], r[3], 0};
			*w++ = (char)strtol(hex, NULL, 16);
			r += 3;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static struct sl_version *must_parse(const char *s, int lineno)
{
	struct sl_version *v = NULL;
	struct sl_err err;

	if (sl_version_parse(s, &v, &err) != 0)
		t_fail(__FILE__, lineno, "data line %d: '%s' should parse: %s", lineno, s, err.msg);
	return v;
}

static int evr_cmp(const struct sl_version *a, const struct sl_version *b)
{
	char *ka = sl_version_evr_key(a), *kb = sl_version_evr_key(b);
	int r = pool_evrcmp_str(pool, ka, kb, EVRCMP_COMPARE);

	free(ka);
	free(kb);
	return sign(r);
}

static void case_norm(char **f, int lineno)
{
	struct sl_version *v = must_parse(f[1], lineno), *again;
	char *n, *n2;

	if (!v)
		return;
	n = sl_version_normalize(v);
	CHECK(strcmp(n, f[2]) == 0, "line %d: normalize '%s' gave '%s', want '%s'", lineno, f[1], n,
	      f[2]);
	again = must_parse(n, lineno);
	if (again) {
		n2 = sl_version_normalize(again);
		CHECK_STR(n2, n, "normal form is a fixed point");
		CHECK(sl_version_cmp(v, again) == 0, "line %d: reparsed normal form compares equal",
		      lineno);
		free(n2);
		sl_version_free(again);
	}
	free(n);
	sl_version_free(v);
}

static void case_bad(char **f, int n, int lineno)
{
	struct sl_version *v = NULL;
	struct sl_err err;
	int rc = sl_version_parse(f[1], &v, &err);

	CHECK(rc == SL_EPARSE && v == NULL, "line %d: '%s' must be rejected", lineno, f[1]);
	if (rc == SL_EPARSE && n > 2)
		CHECK(strcmp(err.msg, f[2]) == 0, "line %d: message '%s', want '%s'", lineno,
		      err.msg, f[2]);
	if (rc == 0)
		sl_version_free(v);
}

/* sl_version_compare_str, and its fast path where it answers
 * (version_quick.c), order a and b as the parsed versions do. */
static void check_str_cmp(const char *a, const char *b, int want, const char *where)
{
	struct sl_err err;
	int r = 9, q = 9;

	CHECK(sl_version_compare_str(a, b, &r, &err) == 0 && r == want,
	      "%s: compare_str %s vs %s gave %d, want %d", where, a, b, r, want);
	if (sl_version_quick_cmp(a, b, &q))
		CHECK(q == want, "%s: quick compare %s vs %s gave %d, want %d", where, a, b, q,
		      want);
}

static void case_cmp(char **f, int lineno)
{
	struct sl_version *a = must_parse(f[1], lineno), *b = must_parse(f[2], lineno);
	int want = f[3][0] == '<' ? -1 : f[3][0] == '>' ? 1 : 0;

	if (a && b) {
		CHECK(sign(sl_version_cmp(a, b)) == want, "line %d: %s %s %s", lineno, f[1], f[3],
		      f[2]);
		CHECK(sign(sl_version_cmp(b, a)) == -want, "line %d: antisymmetric", lineno);
		CHECK(evr_cmp(a, b) == want, "line %d: evr keys of %s %s %s", lineno, f[1], f[3],
		      f[2]);
		check_str_cmp(f[1], f[2], want, "cmp");
		check_str_cmp(f[2], f[1], -want, "cmp");
	}
	sl_version_free(a);
	sl_version_free(b);
}

/* The current chain: its name and versions so far. */
static char chain_name[64];
static struct sl_version *chain[256];
static char *chain_text[256];
static size_t chain_len;

static void chain_flush(void)
{
	for (size_t i = 0; i < chain_len; i++) {
		for (size_t j = 0; j < chain_len; j++) {
			int want = sign((int)i - (int)j);
			int got = sign(sl_version_cmp(chain[i], chain[j]));
			CHECK(got == want, "chain %s: %s vs %s gave %d", chain_name, chain_text[i],
			      chain_text[j], got);
			CHECK(evr_cmp(chain[i], chain[j]) == want, "chain %s: evr keys of %s vs %s",
			      chain_name, chain_text[i], chain_text[j]);
			check_str_cmp(chain_text[i], chain_text[j], want, chain_name);
		}
	}
	for (size_t i = 0; i < chain_len; i++) {
		sl_version_free(chain[i]);
		free(chain_text[i]);
	}
	chain_len = 0;
}

static void case_order(char **f, int lineno)
{
	struct sl_version *v;

	if (strcmp(chain_name, f[1]) != 0) {
		chain_flush();
		snprintf(chain_name, sizeof(chain_name), "%s", f[1]);
	}
	v = must_parse(f[2], lineno);
	if (v && chain_len < sizeof(chain) / sizeof(chain[0])) {
		chain[chain_len] = v;
		chain_text[chain_len++] = sl_xstrdup(f[2]);
	} else {
		sl_version_free(v);
	}
}

static void case_flags(char **f, int lineno)
{
	struct sl_version *v = must_parse(f[1], lineno);
	char *pub, *base;

	if (!v)
		return;
	CHECK(sl_version_is_prerelease(v) == (f[2][0] == '1'), "line %d: is_prerelease", lineno);
	CHECK(sl_version_is_postrelease(v) == (f[3][0] == '1'), "line %d: is_postrelease", lineno);
	CHECK(sl_version_is_devrelease(v) == (f[4][0] == '1'), "line %d: is_devrelease", lineno);
	CHECK(sl_version_has_local(v) == (f[5][0] == '1'), "line %d: has_local", lineno);
	pub = sl_version_public(v);
	base = sl_version_base(v);
	CHECK_STR(pub, f[6], "public");
	CHECK_STR(base, f[7], "base_version");
	free(pub);
	free(base);
	sl_version_free(v);
}

static void case_evr(char **f, int lineno)
{
	struct sl_version *v = must_parse(f[1], lineno);
	char *k;

	if (!v)
		return;
	k = sl_version_evr_key(v);
	CHECK(strcmp(k, f[2]) == 0, "line %d: evr key of %s is %s, want %s", lineno, f[1], k, f[2]);
	free(k);
	sl_version_free(v);
}

static void one_case(char **f, int n, int lineno)
{
	const char *kind = f[0];

	for (int i = 1; i < n; i++)
		unescape(f[i]);
	if (strcmp(kind, "order") != 0 && chain_len)
		chain_flush();
	if (strcmp(kind, "norm") == 0 && n == 3)
		case_norm(f, lineno);
	else if (strcmp(kind, "bad") == 0 && n >= 2)
		case_bad(f, n, lineno);
	else if (strcmp(kind, "cmp") == 0 && n == 4)
		case_cmp(f, lineno);
	else if (strcmp(kind, "order") == 0 && n == 3)
		case_order(f, lineno);
	else if (strcmp(kind, "flags") == 0 && n == 8)
		case_flags(f, lineno);
	else if (strcmp(kind, "evr") == 0 && n == 3)
		case_evr(f, lineno);
	else
		t_fail(__FILE__, __LINE__, "version.data line %d: unknown case '%s' (%d fields)",
		       lineno, kind, n);
}

static void test_api(void)
{
	struct sl_err err;
	int r = 9;

	CHECK(sl_version_compare_str("1.0", "1.0.0.0", &r, &err) == 0 && r == 0,
	      "compare_str equal");
	CHECK(sl_version_compare_str("2", "10", &r, &err) == 0 && r < 0,
	      "numeric, not text, order");
	r = 9;
	CHECK(sl_version_compare_str("1.0", "1..0", &r, &err) == SL_EPARSE && r == 9,
	      "compare_str fails and leaves *out alone");
	CHECK(strstr(err.msg, "'1..0'") != NULL, "the message names the bad one: %s", err.msg);

	struct sl_version *a = must_parse("1.0+abc", __LINE__), *b = must_parse("1.0", __LINE__);
	CHECK(sl_version_cmp(a, b) > 0 && sl_version_cmp_public(a, b) == 0,
	      "cmp_public drops a's local");
	sl_version_free(a);
	sl_version_free(b);
	sl_version_free(NULL);

	/* a thousand-digit release number still compares exactly */
	char big1[1100], big2[1100];
	memset(big1, '9', 1000);
	big1[1000] = '\0';
	big2[0] = '1';
	memset(big2 + 1, '0', 1000);
	big2[1001] = '\0';
	CHECK(sl_version_compare_str(big1, big2, &r, &err) == 0 && r < 0, "999...9 < 1000...0");
}

/* version_part.data: A  B  PART (which part of the version changed) */
static void part_case(char **f, int n, int lineno)
{
	struct sl_version *a, *b;
	const char *got, *back;

	if (n != 3) {
		t_fail(__FILE__, __LINE__, "version_part.data line %d: 3 fields", lineno);
		return;
	}
	a = must_parse(f[0], lineno);
	b = must_parse(f[1], lineno);
	if (a && b) {
		got = sl_version_part_name(sl_version_diff_part(a, b));
		back = sl_version_part_name(sl_version_diff_part(b, a));
		CHECK_STR(got ? got : "none", f[2], f[0]);
		CHECK_STR(back ? back : "none", f[2], "the same both ways");
	}
	sl_version_free(a);
	sl_version_free(b);
}

int main(void)
{
	pool = pool_create();
	CHECK(pool_setdisttype(pool, DISTTYPE_RPM) >= 0, "libsolv has the rpm disttype");
	t_each_case(T_DATA("version.data"), one_case);
	chain_flush();
	t_each_case(T_DATA("version_part.data"), part_case);
	test_api();
	pool_free(pool);
	return t_done();
}
