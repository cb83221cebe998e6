/* t_specifier.c: PEP 440 specifier sets against
 * tests/unit/data/specifier.data (what the latest pypa/packaging answers). */
#include "spacelock/mem.h"
#include "spacelock/specifier.h"
#include "test.h"

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

static struct sl_specset *must_parse(const char *s, int lineno)
{
	struct sl_specset *set = NULL;
	struct sl_err err;

	if (sl_specset_parse(s, &set, &err) != 0)
		t_fail(__FILE__, lineno, "data line %d: '%s' should parse: %s", lineno, s, err.msg);
	return set;
}

static void case_match(char **f, int lineno)
{
	struct sl_specset *set = must_parse(f[1], lineno);
	enum sl_prerelease_mode mode = SL_PRE_DEFAULT;
	struct sl_version *v = NULL;
	struct sl_err err;
	bool want = strcmp(f[4], "true") == 0, got = !want;

	if (!set)
		return;
	CHECK(sl_prerelease_mode_parse(f[3], &mode, &err) == 0, "line %d: mode", lineno);
	CHECK(sl_specset_contains_str(set, f[2], mode, &got, &err) == 0 && got == want,
	      "line %d: '%s' contains '%s' (%s) should be %s", lineno, f[1], f[2], f[3], f[4]);
	/* the parsed form agrees, except where '===' compares the text as written */
	if (!strstr(f[1], "===") && sl_version_parse(f[2], &v, &err) == 0) {
		CHECK(sl_specset_contains(set, v, mode) == want, "line %d: parsed form", lineno);
		sl_version_free(v);
	}
	sl_specset_free(set);
}

static void case_str(char **f, int lineno)
{
	struct sl_specset *set = must_parse(f[1], lineno);
	const char *pin;
	char *s;

	if (!set)
		return;
	s = sl_specset_to_string(set);
	CHECK(strcmp(s, f[2]) == 0, "line %d: str('%s') is '%s', want '%s'", lineno, f[1], s, f[2]);
	CHECK(sl_specset_count(set) == strtoul(f[3], NULL, 10), "line %d: %zu clauses, want %s",
	      lineno, sl_specset_count(set), f[3]);
	pin = sl_specset_exact_pin(set);
	CHECK_STR(pin ? pin : "-", f[4], "exact pin");
	free(s);
	sl_specset_free(set);
}

static void case_badspec(char **f, int n, int lineno)
{
	struct sl_specset *set = NULL;
	struct sl_err err;
	int rc = sl_specset_parse(f[1], &set, &err);

	CHECK(rc == SL_EPARSE && set == NULL, "line %d: '%s' must be rejected", lineno, f[1]);
	if (rc == SL_EPARSE && n > 2)
		CHECK(strcmp(err.msg, f[2]) == 0, "line %d: message '%s', want '%s'", lineno,
		      err.msg, f[2]);
	sl_specset_free(set);
}

static void case_badver(char **f, int lineno)
{
	struct sl_specset *set = must_parse(f[1], lineno);
	struct sl_err err;
	bool got = true;

	if (!set)
		return;
	CHECK(sl_specset_contains_str(set, f[2], SL_PRE_DEFAULT, &got, &err) == SL_EPARSE && got,
	      "line %d: '%s' is not a version", lineno, f[2]);
	sl_specset_free(set);
}

static void one_case(char **f, int n, int lineno)
{
	for (int i = 1; i < n; i++)
		unescape(f[i]);
	if (strcmp(f[0], "match") == 0 && n == 5)
		case_match(f, lineno);
	else if (strcmp(f[0], "str") == 0 && n == 5)
		case_str(f, lineno);
	else if (strcmp(f[0], "badspec") == 0 && n >= 2)
		case_badspec(f, n, lineno);
	else if (strcmp(f[0], "badver") == 0 && n == 3)
		case_badver(f, lineno);
	else
		t_fail(__FILE__, __LINE__, "specifier.data line %d: unknown case '%s' (%d fields)",
		       lineno, f[0], n);
}

static void test_api(void)
{
	struct sl_specset *set = must_parse(" >=1.0 , ~=1.2.3, ==2.1.*,===x ", __LINE__);
	struct sl_version *v = NULL;
	struct sl_err err;
	enum sl_prerelease_mode mode;

	CHECK(sl_specset_count(set) == 4, "four clauses");
	CHECK_STR(sl_specset_op(set, 0), "==", "sorted: '==2.1.*' first");
	CHECK_STR(sl_specset_version(set, 0), "2.1.*", "version as written");
	CHECK_STR(sl_specset_op(set, 1), "===", "then '===x'");
	CHECK_STR(sl_specset_op(set, 3), "~=", "'~=' last");
	CHECK(sl_specset_op(set, 4) == NULL && sl_specset_version(set, 9) == NULL, "out of range");
	CHECK_STR(sl_specset_exact_pin(set), "x", "=== is a pin");
	sl_specset_free(set);
	sl_specset_free(NULL);

	/* '===' against a parsed version uses its normal form */
	set = must_parse("===1.0a1", __LINE__);
	CHECK(sl_version_parse("1.0.A1", &v, &err) == 0, "parse");
	CHECK(sl_specset_contains(set, v, SL_PRE_DEFAULT), "normal form 1.0a1 matches ===1.0a1");
	CHECK(!sl_specset_contains(set, v, SL_PRE_EXCLUDE),
	      "but not when pre-releases are excluded");
	bool got = true;
	CHECK(sl_specset_contains_str(set, "1.0.A1", SL_PRE_DEFAULT, &got, &err) == 0 && !got,
	      "the string as written does not");
	sl_version_free(v);
	sl_specset_free(set);

	CHECK(sl_prerelease_mode_parse("maybe", &mode, &err) == SL_EINVAL, "bad mode rejected");
	CHECK(strstr(err.msg, "'maybe'") != NULL, "message names it: %s", err.msg);
}

int main(void)
{
	t_each_case(T_DATA("specifier.data"), one_case);
	test_api();
	return t_done();
}
