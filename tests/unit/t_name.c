/* t_name.c: PEP 503 canonical names, PEP 508 validity and PEP 685 extras:
 * the cases of tests/unit/data/name.data plus the buffer and equality API. */
#include "spacelock/buf.h"
#include "spacelock/name.h"
#include "test.h"

/* Replaces <LF> and <CR> (data-file notation) in place. */
static char *unescape(char *s)
{
	char *w = s;

	if (!*s)
		return s; /* "\e" is a read-only literal */
	for (const char *r = s; *r;) {
		if (strncmp(r, "<LF>", 4) == 0 || strncmp(r, "<CR>", 4) == 0) {
			*w++ = r[1] == 'L' ? '\n' : '\r';
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return s;
}

static void data_case(char **f, int n, int lineno)
{
	char ctx[64], *canon, *extra;

	snprintf(ctx, sizeof(ctx), "name.data:%d", lineno);
	if (n != 4) {
		t_fail(__FILE__, __LINE__, "%s: want 4 fields, got %d", ctx, n);
		return;
	}
	unescape(f[0]);
	unescape(f[1]);
	canon = sl_name_canonical(f[0]);
	CHECK_STR(canon, f[1], ctx);
	extra = sl_extra_normalize(f[0]);
	CHECK_STR(extra, f[1], ctx);
	CHECK(sl_name_is_valid(f[0], strlen(f[0])) == (f[2][0] == '1'), "%s: valid('%s') != %s",
	      ctx, f[0], f[2]);
	CHECK(sl_name_is_canonical(f[0]) == (f[3][0] == '1'), "%s: canonical('%s') != %s", ctx,
	      f[0], f[3]);
	CHECK(sl_name_is_canonical(canon) == sl_name_is_valid(f[0], strlen(f[0])),
	      "%s: the canonical form of a valid name is canonical", ctx);
	free(canon);
	free(extra);
}

static void test_api(void)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_buf_addstr(&b, "x=");
	sl_name_canonical_buf("Foo__Bar.baz[extra]", 12, &b);
	CHECK_STR(b.buf, "x=foo-bar-baz", "appends, honours len");
	sl_buf_release(&b);
	CHECK(sl_name_is_valid("foo-", 3), "len bounds validity");
	CHECK(!sl_name_is_valid("foo", 0), "empty is invalid");
	CHECK(sl_name_eq("Foo.Bar", "foo_bar") && !sl_name_eq("foo", "foo2"), "equality");
}

int main(void)
{
	t_each_case(T_DATA("name.data"), data_case);
	test_api();
	return t_done();
}
