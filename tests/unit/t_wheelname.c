/* t_wheelname.c: distribution file names and "name-version" splitting. */
#include "spacelock/wheelname.h"

#include <stdlib.h>
#include <string.h>

#include "test.h"

static const char *nz(const char *s)
{
	return s && s[0] ? s : NULL;
}

static void one_case(char **f, int n, int lineno)
{
	struct sl_wheelname w = {0};
	struct sl_err err = {0};
	char ctx[64];
	int rc;

	snprintf(ctx, sizeof(ctx), "wheelname.data:%d", lineno);
	if (n < 2) {
		t_fail(__FILE__, __LINE__, "%s: too few fields", ctx);
		return;
	}
	rc = sl_wheelname_parse(f[0], &w, &err);
	if (strcmp(f[1], "err") == 0) {
		CHECK(rc == SL_EPARSE, "%s: '%s' should be rejected (rc %d)", ctx, f[0], rc);
		CHECK(err.msg[0] != '\0', "%s: a rejection says why", ctx);
		sl_wheelname_release(&w);
		return;
	}
	CHECK(rc == 0, "%s: '%s' should parse: %s", ctx, f[0], err.msg);
	if (rc != 0 || n < 10)
		return;
	CHECK_STR(w.name, f[2], ctx);
	CHECK_STR(w.version, f[3], ctx);
	CHECK_STR(w.build, nz(f[4]), ctx);
	CHECK_STR(w.python_tag, nz(f[5]), ctx);
	CHECK_STR(w.abi_tag, nz(f[6]), ctx);
	CHECK_STR(w.platform_tag, nz(f[7]), ctx);
	CHECK(w.wheel == (f[8][0] == '1'), "%s: wheel flag", ctx);
	CHECK(w.metadata == (f[9][0] == '1'), "%s: metadata flag", ctx);
	sl_wheelname_release(&w);
	CHECK(w.name == NULL && w.version == NULL, "%s: release zeroes", ctx);
}

/* pip's "Successfully installed" items: names contain dashes */
static void split_cases(void)
{
	static const char *const cases[][3] = {
	    {"huggingface-hub-0.20.3", "huggingface-hub", "0.20.3"},
	    {"python-dateutil-2.9.0.post0", "python-dateutil", "2.9.0.post0"},
	    {"typing-extensions-4.15.0", "typing-extensions", "4.15.0"},
	    {"charset_normalizer-3.4.7", "charset_normalizer", "3.4.7"},
	    {"a-1-1", "a-1", "1"},
	    {"foo-bar-baz-1.0rc1", "foo-bar-baz", "1.0rc1"},
	    {"torch-2.1.0+cpu", "torch", "2.1.0+cpu"},
	    {"x-1!2.0", "x", "1!2.0"},
	};
	static const char *const bad[] = {"foo", "foo-", "-1.0", "foo-bar", "foo-1.0-", ""};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *name = NULL, *version = NULL;
		int rc = sl_wheelname_split_name_version(cases[i][0], strlen(cases[i][0]), &name,
							 &version, NULL);
		CHECK(rc == 0, "split '%s'", cases[i][0]);
		CHECK_STR(name, cases[i][1], cases[i][0]);
		CHECK_STR(version, cases[i][2], cases[i][0]);
		free(name);
		free(version);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *name = NULL, *version = NULL;
		struct sl_err err = {0};
		int rc =
		    sl_wheelname_split_name_version(bad[i], strlen(bad[i]), &name, &version, &err);
		CHECK(rc == SL_EPARSE && !name && !version && err.msg[0], "split '%s' must fail",
		      bad[i]);
	}
}

int main(void)
{
	t_each_case(T_DATA("wheelname.data"), one_case);
	split_cases();
	return t_done();
}
