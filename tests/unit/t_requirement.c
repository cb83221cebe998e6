/* t_requirement.c: PEP 508 requirements: the cases of
 * tests/unit/data/requirement.data plus the structure API. */
#include "spacelock/buf.h"
#include "spacelock/marker.h"
#include "spacelock/mem.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"
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

static void ok_case(char **f, int n, int lineno)
{
	struct sl_requirement *r = NULL;
	struct sl_err err;
	char ctx[64];
	char *json, *str;

	snprintf(ctx, sizeof(ctx), "requirement.data:%d", lineno);
	if (n != 4) {
		t_fail(__FILE__, __LINE__, "%s: want 4 fields, got %d", ctx, n);
		return;
	}
	unescape(f[1]);
	unescape(f[3]);
	CHECK(sl_requirement_parse(f[1], &r, &err) == 0, "%s: '%s': %s", ctx, f[1], err.msg);
	if (!r)
		return;
	json = sl_requirement_to_json(r);
	str = sl_requirement_to_string(r);
	CHECK_STR(json, f[2], ctx);
	CHECK_STR(str, f[3], ctx);
	CHECK(r->spec != NULL, "%s: spec never NULL", ctx);
	free(json);
	free(str);
	sl_requirement_free(r);
}

static void bad_case(char **f, int n, int lineno)
{
	struct sl_requirement *r = NULL;
	struct sl_err err;
	char want[600];
	size_t lw, lm;
	int rc;

	unescape(f[1]);
	rc = sl_requirement_parse(f[1], &r, &err);
	if (n > 2 && strcmp(f[2], "specifier") == 0) {
		CHECK(rc == SL_EPARSE && strstr(err.msg, "specifier"),
		      "requirement.data:%d: '%s' should fail in the specifier set, got rc %d '%s'",
		      lineno, f[1], rc, rc ? err.msg : "");
		sl_requirement_free(r);
		return;
	}
	snprintf(want, sizeof(want), "': %s", n > 2 ? f[2] : "?");
	lw = strlen(want);
	lm = rc ? strlen(err.msg) : 0;
	CHECK(rc == SL_EPARSE && lm >= lw && strcmp(err.msg + lm - lw, want) == 0,
	      "requirement.data:%d: '%s' should fail with '%s', got rc %d '%s'", lineno, f[1],
	      want + 3, rc, rc ? err.msg : "");
	sl_requirement_free(r);
}

static void data_case(char **f, int n, int lineno)
{
	if (strcmp(f[0], "ok") == 0)
		ok_case(f, n, lineno);
	else if (strcmp(f[0], "bad") == 0)
		bad_case(f, n, lineno);
	else
		t_fail(__FILE__, __LINE__, "requirement.data:%d: unknown kind '%s'", lineno, f[0]);
}

static void test_structure(void)
{
	struct sl_requirement *r = NULL;
	struct sl_err err;
	struct sl_env *env = sl_env_new();
	bool yes = false;

	CHECK(sl_requirement_parse("Foo.Bar[b, A ,b]>=1.0,<2 ; python_version >= '3.8'", &r,
				   &err) == 0,
	      "parse: %s", err.msg);
	if (!r)
		return;
	CHECK_STR(r->name, "Foo.Bar", "name as written");
	CHECK(r->nextras == 2, "extras deduplicated");
	CHECK_STR(r->extras[0], "A", "extras sorted (byte order)");
	CHECK_STR(r->extras[1], "b", "second extra");
	CHECK(sl_specset_count(r->spec) == 2, "two clauses");
	CHECK(r->url == NULL, "no url");
	CHECK(r->marker && sl_marker_eval(r->marker, env, NULL, &yes, &err) == 0 && yes,
	      "marker true on the Space target");
	sl_requirement_free(r);
	r = NULL;
	CHECK(sl_requirement_parse("pkg @ https://x/pkg-1.0.tar.gz", &r, &err) == 0, "url form");
	if (r) {
		CHECK_STR(r->url, "https://x/pkg-1.0.tar.gz", "url");
		CHECK(sl_specset_count(r->spec) == 0 && r->marker == NULL, "no spec, no marker");
		sl_requirement_free(r);
	}
	r = NULL;
	CHECK(sl_requirement_parse("pkg; os_name == \"a\\x22b'c\"", &r, &err) == 0,
	      "both quotes through an escape parse");
	if (r) {
		CHECK(sl_requirement_to_json(r) == NULL && sl_requirement_to_string(r) == NULL,
		      "but have no written form");
		sl_requirement_free(r);
	}
	CHECK(sl_requirement_parse("pkg\xc3(", &r, &err) == SL_EPARSE && strstr(err.msg, "UTF-8"),
	      "invalid UTF-8: %s", err.msg);
	sl_requirement_free(NULL);
	sl_env_free(env);
}

/* The text messages show: the marker and the spaces before it dropped. */
static void test_unmarked(void)
{
	static const char *const cases[][2] = {
	    {"fastapi<0.113.0 ; python_version >= '3.8'", "fastapi<0.113.0"},
	    {"numpy;sys_platform=='linux'", "numpy"},
	    {"gradio[oauth]==4.31.0", "gradio[oauth]==4.31.0"},
	    {"x @ https://h/x.whl ; extra == 'a'", "x @ https://h/x.whl"},
	    {"", ""},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sl_buf b = SL_BUF_INIT;
		sl_buf_addstr(&b, ">");
		sl_requirement_add_unmarked(&b, cases[i][0]);
		CHECK(strcmp(b.buf + 1, cases[i][1]) == 0, "unmarked '%s': '%s'", cases[i][0],
		      b.buf + 1);
		sl_buf_release(&b);
	}
}

int main(void)
{
	t_each_case(T_DATA("requirement.data"), data_case);
	test_structure();
	test_unmarked();
	return t_done();
}
