/* t_marker.c: PEP 508 markers and the target environment: the cases of
 * tests/unit/data/marker.data plus the environment API. */
#include <stdbool.h>

#include "spacelock/buf.h"
#include "spacelock/marker.h"
#include "spacelock/mem.h"
#include "test.h"

/* Replaces <TAB>, <LF> and <CR> (data-file notation) in place. */
static char *unescape(char *s)
{
	static const char *const from[] = {"<TAB>", "<LF>", "<CR>"};
	static const char to[] = {'\t', '\n', '\r'};
	char *w = s;

	if (!*s)
		return s; /* "\e" is a read-only literal */
	for (const char *r = s; *r;) {
		int hit = -1;
		for (int i = 0; i < 3 && hit < 0; i++)
			if (strncmp(r, from[i], strlen(from[i])) == 0)
				hit = i;
		if (hit >= 0) {
			*w++ = to[hit];
			r += strlen(from[hit]);
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return s;
}

static void eval_case(char **f, int n, int lineno)
{
	struct sl_marker *m = NULL;
	struct sl_env *env = sl_env_new();
	struct sl_err err;
	bool got = false;
	char ctx[64];
	int rc;

	snprintf(ctx, sizeof(ctx), "marker.data:%d", lineno);
	if (n != 5) {
		t_fail(__FILE__, __LINE__, "%s: want 5 fields, got %d", ctx, n);
		sl_env_free(env);
		return;
	}
	unescape(f[1]);
	unescape(f[4]);
	rc = sl_marker_parse(f[1], &m, &err);
	CHECK(rc == 0, "%s: parse '%s': %s", ctx, f[1], err.msg);
	if (rc != 0) {
		sl_env_free(env);
		return;
	}
	if (f[2][0])
		CHECK(sl_env_set_json(env, f[2], &err) == 0, "%s: env: %s", ctx, err.msg);
	rc = sl_marker_eval(m, env, NULL, &got, &err);
	if (strncmp(f[3], "error:", 6) == 0)
		CHECK(rc == SL_EINVAL && strstr(err.msg, f[3] + 6),
		      "%s: '%s' should fail with '%s', got rc %d '%s'", ctx, f[1], f[3] + 6, rc,
		      rc ? err.msg : (got ? "true" : "false"));
	else
		CHECK(rc == 0 && got == (strcmp(f[3], "true") == 0),
		      "%s: '%s' should be %s, got %s", ctx, f[1], f[3],
		      rc ? err.msg : (got ? "true" : "false"));
	char *norm = sl_marker_to_string(m);
	CHECK_STR(norm, strcmp(f[4], "(none)") == 0 ? NULL : f[4], ctx);
	free(norm);
	sl_marker_free(m);
	sl_env_free(env);
}

static void bad_case(char **f, int n, int lineno)
{
	struct sl_marker *m = NULL;
	struct sl_err err;
	char want[600];
	int rc;

	unescape(f[1]);
	rc = sl_marker_parse(f[1], &m, &err);
	snprintf(want, sizeof(want), "': %s", n > 2 ? f[2] : "?");
	size_t lw = strlen(want), lm = rc ? strlen(err.msg) : 0;
	CHECK(rc == SL_EPARSE && lm >= lw && strcmp(err.msg + lm - lw, want) == 0,
	      "marker.data:%d: '%s' should fail with '%s', got rc %d '%s'", lineno, f[1], want + 3,
	      rc, rc ? err.msg : "");
	sl_marker_free(m);
}

static void data_case(char **f, int n, int lineno)
{
	if (strcmp(f[0], "eval") == 0)
		eval_case(f, n, lineno);
	else if (strcmp(f[0], "bad") == 0)
		bad_case(f, n, lineno);
	else
		t_fail(__FILE__, __LINE__, "marker.data:%d: unknown kind '%s'", lineno, f[0]);
}

/* Evaluates s against env with extra; returns 1/0, or -1 on error. */
static int eval_str(const char *s, const struct sl_env *env, const char *extra)
{
	struct sl_marker *m;
	struct sl_err err;
	bool out = false;
	int rc;

	if (sl_marker_parse(s, &m, &err) != 0)
		return -2;
	rc = sl_marker_eval(m, env, extra, &out, &err);
	sl_marker_free(m);
	return rc ? -1 : out;
}

static void test_env_api(void)
{
	struct sl_env *env = sl_env_new(), *copy;
	struct sl_err err;
	const char *groups[] = {"Dev_Tools", "test"};

	CHECK_STR(sl_env_get(env, "python_full_version"), "3.10.12", "default full version");
	CHECK_STR(sl_env_get(env, "platform.machine"), "x86_64", "alias lookup");
	CHECK(sl_env_get(env, "extras") == NULL && sl_env_get(env, "nope") == NULL, "no string");
	CHECK(sl_env_set(env, "python_verison", "3.8", &err) == SL_EINVAL &&
		  strstr(err.msg, "python_verison"),
	      "unknown key refused: %s", err.msg);
	CHECK(sl_env_set(env, "extras", "x", &err) == SL_EINVAL, "list key refused as string");
	CHECK(sl_env_set(env, "os.name", "nt", &err) == 0, "alias set");
	CHECK_STR(sl_env_get(env, "os_name"), "nt", "alias set reaches os_name");
	CHECK(sl_env_set_python(env, "3.13", &err) == 0, "set python X.Y");
	CHECK_STR(sl_env_get(env, "python_version"), "3.13", "X.Y");
	CHECK_STR(sl_env_get(env, "python_full_version"), "3.13.0", "X.Y gives X.Y.0");
	CHECK_STR(sl_env_get(env, "implementation_version"), "3.13.0", "implementation too");
	CHECK(sl_env_set_python(env, "3.12.0rc1", &err) == 0, "pre-release python");
	CHECK_STR(sl_env_get(env, "python_version"), "3.12", "rc minor");
	CHECK_STR(sl_env_get(env, "python_full_version"), "3.12.0rc1", "rc full");
	CHECK(sl_env_set_python(env, "3", &err) == SL_EINVAL, "X alone refused");
	CHECK(sl_env_set_python(env, "3.x", &err) == SL_EINVAL, "junk refused");
	CHECK(sl_env_set_python(env, "3.10.1.2", &err) == SL_EINVAL, "four parts refused");
	CHECK(sl_env_set_json(env, "{\"python\":\"3.9\",\"sys_platform\":\"win32\"}", &err) == 0,
	      "json with python shorthand: %s", err.msg);
	CHECK_STR(sl_env_get(env, "python_full_version"), "3.9.0", "json python");
	CHECK(sl_env_set_json(env, "{\"sys_platform\":\"darwin\",\"bogus\":\"1\"}", &err) ==
		  SL_EPARSE,
	      "json unknown key");
	CHECK_STR(sl_env_get(env, "sys_platform"), "win32", "failed json leaves env unchanged");
	CHECK(sl_env_set_json(env, "[1]", &err) == SL_EPARSE, "json not an object");
	CHECK(sl_env_set_json(env, "{\"os_name\":1}", &err) == SL_EPARSE, "json number value");
	CHECK(sl_env_set_json(env, "{\"extras\":\"a\"}", &err) == SL_EPARSE, "json list wanted");
	CHECK(sl_env_set_json(env, "{\"extras\":[1]}", &err) == SL_EPARSE, "json list of strings");
	CHECK(sl_env_set_json(env, "{\"python\":\"x\"}", &err) == SL_EPARSE, "json bad python");
	CHECK(sl_env_set_json(env, "{", &err) == SL_EPARSE, "json truncated");
	CHECK(eval_str("'dev-tools' in dependency_groups", env, NULL) == -1, "groups undefined");
	CHECK(sl_env_set_list(env, "dependency_groups", groups, 2, &err) == 0, "set list");
	CHECK(sl_env_set_list(env, "os_name", groups, 2, &err) == SL_EINVAL, "not a list key");
	copy = sl_env_copy(env);
	sl_env_free(env);
	CHECK(eval_str("'dev-tools' in dependency_groups", copy, NULL) == 1, "copy keeps lists");
	CHECK(eval_str("'Dev.Tools' not in dependency_groups", copy, NULL) == 0, "normalised");
	CHECK(eval_str("sys_platform == 'win32'", copy, NULL) == 1, "copy keeps strings");
	sl_env_free(copy);
	sl_env_free(NULL);
}

static void test_extra_argument(void)
{
	struct sl_env *env = sl_env_new();
	struct sl_err err;
	struct sl_marker *m;

	CHECK(eval_str("extra == 'test'", env, NULL) == 0, "default extra is empty");
	CHECK(eval_str("extra == 'test'", env, "Test") == 1, "extra argument, normalised");
	CHECK(eval_str("extra == 'foo-bar'", env, "Foo__Bar") == 1, "extra argument runs");
	CHECK(sl_env_set(env, "extra", "docs", &err) == 0, "env extra");
	CHECK(eval_str("extra == 'docs'", env, NULL) == 1, "NULL keeps the env's extra");
	CHECK(eval_str("extra == 'docs'", env, "") == 0, "argument overrides the env's extra");
	CHECK(eval_str("python_version >= '3' or \"x\" in extras", env, NULL) == -1,
	      "every atom is evaluated, as packaging does");
	CHECK(sl_marker_parse("extra == 'a' and os_name == 'posix'", &m, &err) == 0, "parse");
	CHECK(sl_marker_uses_extra(m), "uses extra");
	sl_marker_free(m);
	CHECK(sl_marker_parse("(os_name == 'posix')", &m, &err) == 0, "parse");
	CHECK(!sl_marker_uses_extra(m), "does not use extra");
	sl_marker_free(m);
	CHECK(sl_marker_parse("os_name == '\xff'", &m, &err) == SL_EPARSE &&
		  strstr(err.msg, "UTF-8"),
	      "invalid UTF-8 refused: %s", err.msg);
	sl_marker_free(NULL);
	sl_env_free(env);
}

static void test_long_input(void)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_marker *m = NULL;
	struct sl_err err;

	for (int i = 0; i < 400; i++)
		sl_buf_addch(&b, '(');
	sl_buf_addstr(&b, "os_name == 'posix'");
	for (int i = 0; i < 400; i++)
		sl_buf_addch(&b, ')');
	CHECK(sl_marker_parse(b.buf, &m, &err) == SL_EPARSE && strstr(err.msg, "nested too deeply"),
	      "deep nesting refused: %s", err.msg);
	CHECK(strlen(err.msg) < 400 && strstr(err.msg, "...'"), "long input abbreviated");
	sl_buf_reset(&b);
	for (int i = 0; i < 2000; i++)
		sl_buf_addstr(&b, i ? " or os_name == 'x'" : "os_name == 'x'");
	CHECK(sl_marker_parse(b.buf, &m, &err) == 0, "long flat marker: %s", err.msg);
	if (m) {
		bool out = true;
		struct sl_env *env = sl_env_new();
		CHECK(sl_marker_eval(m, env, NULL, &out, &err) == 0 && !out,
		      "long marker evaluates");
		sl_env_free(env);
		sl_marker_free(m);
	}
	sl_buf_release(&b);
}

int main(void)
{
	t_each_case(T_DATA("marker.data"), data_case);
	test_env_api();
	test_extra_argument();
	test_long_input();
	return t_done();
}
