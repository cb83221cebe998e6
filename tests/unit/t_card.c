/* t_card.c: README front matter: values, styles, spans, flags, errors. */
#include <dirent.h>
#include <stdio.h>
#include <unistd.h>

#include "spacelock/buf.h"
#include "spacelock/card.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "test.h"

#define READMES "tests/fixtures/readmes/"

static struct sl_card *load(const char *file, struct sl_buf *data)
{
	char *path = sl_xasprintf("%s%s", READMES, file);
	struct sl_card *card = NULL;
	struct sl_err err = {0};

	sl_buf_reset(data);
	if (sl_file_read(path, SL_CARD_MAX_BYTES, data, &err) == 0 &&
	    sl_card_parse(file, data->buf, data->len, &card, &err) != 0)
		card = NULL;
	CHECK(card != NULL, "%s parses: %s", file, err.msg);
	free(path);
	return card;
}

/* Each value's raw text is exactly the README bytes of its span. */
static void check_spans(const struct sl_card *card, const struct sl_buf *data)
{
	for (size_t i = 0; i < card->n; i++) {
		const struct sl_card_value *v = &card->v[i];
		CHECK(v->start <= v->end && v->end <= data->len &&
			  strlen(v->raw) == v->end - v->start &&
			  memcmp(data->buf + v->start, v->raw, v->end - v->start) == 0,
		      "%s: span of '%s'", card->path, v->key);
		CHECK(v->start >= card->fm_start && v->end <= card->fm_end,
		      "%s: '%s' inside front matter", card->path, v->key);
	}
}

static void value_case(char **f, int n, int lineno)
{
	struct sl_buf data = SL_BUF_INIT;
	struct sl_card *card;
	const struct sl_card_value *v;
	char ctx[256];

	if (n < 6) {
		t_fail(__FILE__, __LINE__, "card.data:%d: 6 fields expected", lineno);
		return;
	}
	snprintf(ctx, sizeof(ctx), "card.data:%d %s", lineno, f[1]);
	card = load(f[0], &data);
	if (!card)
		goto out;
	v = sl_card_get(card, f[1]);
	CHECK(v != NULL, "%s: key present", ctx);
	if (v) {
		CHECK_STR(strcmp(f[2], "-") == 0 ? NULL : f[2], v->value, ctx);
		CHECK_STR(sl_card_style_name(v->style), f[3], ctx);
		CHECK(v->line == strtoul(f[4], NULL, 10) && v->col == strtoul(f[5], NULL, 10),
		      "%s: at %lu:%lu, want %s:%s", ctx, v->line, v->col, f[4], f[5]);
	}
	check_spans(card, &data);
out:
	sl_card_free(card);
	sl_buf_release(&data);
}

/* Every bundled card parses, and its spans hold. */
static void test_all_fixtures(void)
{
	DIR *d = opendir(READMES);
	struct dirent *e;
	struct sl_buf data = SL_BUF_INIT;
	int count = 0;

	CHECK(d != NULL, "fixture directory");
	while (d && (e = readdir(d)) != NULL) {
		struct sl_card *card;
		if (e->d_name[0] == '.')
			continue;
		card = load(e->d_name, &data);
		if (card) {
			check_spans(card, &data);
			CHECK(sl_card_string(card, "sdk") != NULL, "%s has an sdk", e->d_name);
		}
		sl_card_free(card);
		count++;
	}
	if (d)
		closedir(d);
	CHECK(count >= 17, "all %d sample cards seen", count);
	sl_buf_release(&data);
}

static int parse_str(const char *text, struct sl_card **card, struct sl_err *err)
{
	*card = NULL;
	return sl_card_parse("README.md", text, strlen(text), card, err);
}

static void test_flags(void)
{
	struct sl_buf data = SL_BUF_INIT;
	struct sl_card *card =
	    load("gradio-no-sdk_version-unquoted-python310.frontmatter-excerpt.md", &data);
	struct sl_err err = {0};

	CHECK(card && card->nwarnings == 1, "one warning for bare 3.10");
	if (card && card->nwarnings)
		CHECK_STR(
		    card->warnings[0],
		    "gradio-no-sdk_version-unquoted-python310.frontmatter-excerpt.md:7:17: "
		    "'python_version: 3.10' is unquoted: YAML reads it as the number 3.1, not the "
		    "string \"3.10\"; write python_version: \"3.10\"",
		    "3.10 flag text");
	sl_card_free(card);
	card = load("gradio-template-py313-quoted.README.md", &data);
	CHECK(card && card->nwarnings == 0, "quoted '3.13' is not flagged");
	sl_card_free(card);
	card = load("streamlit-unquoted-python311.frontmatter-excerpt.md", &data);
	CHECK(card && card->nwarnings == 1 && strstr(card->warnings[0], "reads it as a number"),
	      "bare 3.11 flagged as a number");
	sl_card_free(card);

	CHECK(parse_str("---\nsdk_version: 4.40\npython_version: 3\n---\n", &card, &err) == 0,
	      "numbers parse");
	CHECK(card && card->nwarnings == 2 && strstr(card->warnings[0], "the number 4.4,"),
	      "sdk_version 4.40 flagged");
	sl_card_free(card);
	CHECK(parse_str("---\nsdk_version: 4.40.0\ntitle: 3.10\n---\n", &card, &err) == 0 &&
		  card->nwarnings == 0,
	      "three-part versions and other keys are not flagged");
	sl_card_free(card);
	CHECK(parse_str("---\nsdk: gradio\nsdk: docker\n---\n", &card, &err) == 0 &&
		  card->nwarnings == 1 && strcmp(sl_card_string(card, "sdk"), "docker") == 0,
	      "duplicate key: warned, last wins");
	sl_card_free(card);
	sl_buf_release(&data);
}

static void test_shapes(void)
{
	struct sl_card *card = NULL;
	struct sl_err err = {0};
	const char *crlf = "\xef\xbb\xbf---\r\ntitle: \"é x\"\r\npython_version: '3.12'\r\n"
			   "preload_from_hub:\r\n  - a/b c,d\r\n  - [x]\r\n"
			   "custom_headers:\r\n  cross-origin-embedder-policy: require-corp\r\n"
			   "note: |\r\n  two\r\n  lines\r\nempty:\r\nnul: ~\r\n---\r\nbody\r\n";
	const struct sl_card_value *v;

	CHECK(parse_str(crlf, &card, &err) == 0, "BOM + CRLF card parses: %s", err.msg);
	if (!card)
		return;
	CHECK_STR(sl_card_string(card, "python_version"), "3.12", "crlf value");
	v = sl_card_get(card, "python_version");
	CHECK_STR(v ? v->raw : NULL, "'3.12'", "raw keeps quotes");
	CHECK(v && v->line == 3 && v->col == 17, "crlf position");
	v = sl_card_get(card, "title");
	CHECK(v && v->start == 15 && strcmp(v->raw, "\"é x\"") == 0, "byte span after BOM");
	v = sl_card_get(card, "preload_from_hub");
	CHECK(v && v->nitems == 2 && strcmp(v->items[0], "a/b c,d") == 0 && v->items[1] == NULL,
	      "list items, nested list counted");
	CHECK(v && v->raw[strlen(v->raw) - 1] == ']', "list span ends at its last byte");
	v = sl_card_get(card, "custom_headers");
	CHECK(v && v->style == SL_CARD_MAPPING && !v->value &&
		  strcmp(v->raw, "cross-origin-embedder-policy: require-corp") == 0,
	      "mapping kept as raw data");
	v = sl_card_get(card, "note");
	CHECK(v && v->style == SL_CARD_LITERAL && strcmp(v->value, "two\nlines\n") == 0,
	      "literal block");
	CHECK(sl_card_string(card, "empty") == NULL && sl_card_string(card, "nul") == NULL &&
		  sl_card_get(card, "empty") != NULL,
	      "null values are kept as keys but have no string");
	CHECK(sl_card_get(card, "missing") == NULL, "missing key");
	sl_card_free(card);
	CHECK(parse_str("---\n---\nbody\n", &card, &err) == 0 && card->n == 0,
	      "empty front matter");
	sl_card_free(card);
}

static void error_case(const char *text, size_t len, const char *want)
{
	struct sl_card *card = NULL;
	struct sl_err err = {0};
	int rc = sl_card_parse("README.md", text, len, &card, &err);

	CHECK(rc == SL_EPARSE && card == NULL, "error expected for %s", want);
	CHECK_STR(err.msg, want, "error message");
}

static void test_errors(void)
{
	error_case("# Title\n", 8,
		   "README.md:1: no front matter: a Space card starts with a '---' line");
	error_case("", 0, "README.md:1: no front matter: a Space card starts with a '---' line");
	error_case("---\nsdk: gradio\n", 16,
		   "README.md:1: front matter not closed: no '---' line after the opening one");
	error_case("---\nsdk: gradio\ntitle: [a\n---\n", 30,
		   "README.md:4:1: invalid YAML in front matter: did not find expected ',' or ']' "
		   "(while parsing a flow sequence that starts at line 3, column 8)");
	error_case("---\nsdk: gradio\n  bad: indent\n---\n", 33,
		   "README.md:3:6: invalid YAML in front matter: mapping values are not allowed in "
		   "this context");
	error_case("---\n- a\n- b\n---\n", 16,
		   "README.md:2:1: front matter is not a mapping of keys");
	error_case("---\nsdk: gr\0adio\n---\n", 20, "README.md:2: binary file: NUL byte");
	error_case("---\nsdk: \xff\xfe\n---\n", 16,
		   "README.md:2: invalid front matter: invalid leading UTF-8 octet");
	error_case("---\n? [a]\n: b\n---\n", 18, "README.md:2:3: front matter key is not a string");
}

static void limit_case(const char *text, const char *want)
{
	struct sl_card *card = NULL;
	struct sl_err err = {0};
	int rc = sl_card_parse("README.md", text, strlen(text), &card, &err);

	CHECK(rc == SL_ELIMIT && card == NULL, "bound expected for %s", want);
	CHECK_STR(err.msg, want, "bound message");
}

/* A card nested n levels deep under "x:" in one of three shapes. */
static char *nested_card(size_t n, const char *open, const char *close)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_buf_addstr(&b, "---\nsdk: gradio\nx: ");
	for (size_t i = 0; i < n; i++)
		sl_buf_addstr(&b, open);
	sl_buf_addstr(&b, "1");
	for (size_t i = 0; i < n; i++)
		sl_buf_addstr(&b, close);
	sl_buf_addstr(&b, "\n---\n");
	return sl_buf_detach(&b, NULL);
}

/* libyaml is quadratic in nesting: 100,000 levels took minutes before the
 * bound (issue 11).  The alarm turns such a regression into a failure
 * rather than a hang; a bounded parse takes milliseconds. */
static void test_bounds(void)
{
	char *deep = nested_card(100000, "[", "]");
	char *deep_map = nested_card(100000, "{a: ", "}");
	char *ok = nested_card(60, "[", "]");
	struct sl_buf aliases = SL_BUF_INIT;
	struct sl_card *card = NULL;
	struct sl_err err = {0};

	alarm(60);
	limit_case(deep, "README.md:3:67: front matter nested deeper than 64 levels");
	limit_case(deep_map, "README.md:3:256: front matter nested deeper than 64 levels");
	limit_case("---\nx:\n  - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -"
		   " - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - a\n---\n",
		   "README.md:3:129: front matter nested deeper than 64 levels");
	CHECK(sl_card_parse("README.md", ok, strlen(ok), &card, &err) == 0,
	      "60 levels are read: %s", err.msg);
	sl_card_free(card);
	sl_buf_addstr(&aliases, "---\na: &a x\nb: [");
	for (int i = 0; i < 300; i++)
		sl_buf_addstr(&aliases, "*a, ");
	sl_buf_addstr(&aliases, "*a]\n---\n");
	limit_case(aliases.buf, "README.md:3:1029: front matter has more than 256 aliases");
	alarm(0);
	sl_buf_release(&aliases);
	free(deep);
	free(deep_map);
	free(ok);
}

int main(void)
{
	t_each_case(T_DATA("card.data"), value_case);
	test_all_fixtures();
	test_flags();
	test_shapes();
	test_errors();
	test_bounds();
	return t_done();
}
