/* t_jsonw.c: the JSON writer: string escaping and the UTF-8 scrub, commas
 * placed by the writer at every level, caller layout, and that each result
 * is JSON cJSON reads back. */
#include <cJSON.h>

#include "spacelock/buf.h"
#include "spacelock/jsonw.h"
#include "test.h"

static const struct {
	const char *in;
	size_t len;
	const char *want;
} strings[] = {
    {"", 0, "\"\""},
    {"plain ascii", 11, "\"plain ascii\""},
    {"q\"\\\n\x01", 5, "\"q\\\"\\\\\\n\\u0001\""},
    {"\t\r\x1f\x7f", 4, "\"\\t\\r\\u001f\\u007f\""},
    {"a\0b", 3, "\"a\\u0000b\""},
    {"caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80", 14,
     "\"caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80\""},
    /* not UTF-8: a stray continuation, an overlong '/', a cut sequence, a
     * surrogate, a byte above F4; each bad byte is one U+FFFD */
    {"a\x80z", 3, "\"a\xef\xbf\xbdz\""},
    {"\xc0\xaf", 2, "\"\xef\xbf\xbd\xef\xbf\xbd\""},
    {"x\xe2\x82", 3, "\"x\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xed\xa0\x80", 3, "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
    {"\xf5!", 2, "\"\xef\xbf\xbd!\""},
    {"\xff\"", 2, "\"\xef\xbf\xbd\\\"\""},
};

static void test_strings(void)
{
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		struct sl_buf b = SL_BUF_INIT;
		char ctx[32];
		cJSON *j;

		snprintf(ctx, sizeof(ctx), "string %zu", i);
		sl_json_add_string(&b, strings[i].in, strings[i].len);
		CHECK_STR(b.buf, strings[i].want, ctx);
		j = cJSON_Parse(b.buf);
		CHECK(cJSON_IsString(j), "%s: cJSON reads it back as a string", ctx);
		cJSON_Delete(j);
		sl_buf_release(&b);
	}
}

/* Every kind of value, nested, with the commas the writer places. */
static void test_structure(void)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;
	char *strs[] = {"x", NULL, "y"};
	cJSON *j;

	sl_buf_addstr(&b, "> ");
	sl_jsonw_init(&w, &b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_string(&w, "s", "v");
	sl_jsonw_field_string(&w, "n", NULL);
	sl_jsonw_field_int(&w, "i", -42);
	sl_jsonw_field_bool(&w, "t", true);
	sl_jsonw_field_bool(&w, "f", false);
	sl_jsonw_key(&w, "z");
	sl_jsonw_null(&w);
	sl_jsonw_key(&w, "empty");
	sl_jsonw_object_begin(&w);
	sl_jsonw_object_end(&w);
	sl_jsonw_key(&w, "a");
	sl_jsonw_array_begin(&w);
	sl_jsonw_int(&w, 1);
	sl_jsonw_array_begin(&w);
	sl_jsonw_array_end(&w);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_int(&w, "k", 2);
	sl_jsonw_object_end(&w);
	sl_jsonw_string(&w, "q\"");
	sl_jsonw_array_end(&w);
	sl_jsonw_field_strings(&w, "l", strs, 3);
	sl_jsonw_field_strv(&w, "none", NULL);
	sl_jsonw_field_strv(&w, "v", strs); /* stops at the NULL */
	sl_jsonw_key(&w, "k\n");
	sl_jsonw_int(&w, 0);
	sl_jsonw_object_end(&w);
	CHECK_STR(b.buf,
		  "> {\"s\":\"v\",\"n\":null,\"i\":-42,\"t\":true,\"f\":false,\"z\":null,"
		  "\"empty\":{},\"a\":[1,[],{\"k\":2},\"q\\\"\"],\"l\":[\"x\",null,\"y\"],"
		  "\"none\":[],\"v\":[\"x\"],\"k\\n\":0}",
		  "nested values and commas");
	j = cJSON_Parse(b.buf + 2);
	CHECK(cJSON_IsObject(j), "cJSON reads the object back");
	cJSON_Delete(j);
	sl_buf_release(&b);
}

/* The layouts the CLI uses: one element a line with or without a closing
 * line, members on new lines, and nothing extra for empty arrays. */
static void test_layout(void)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;

	sl_jsonw_init(&w, &b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_int(&w, "a", 1);
	sl_jsonw_space(&w, "\n");
	sl_jsonw_key(&w, "lines");
	sl_jsonw_array_begin(&w);
	for (int i = 0; i < 2; i++) {
		sl_jsonw_space(&w, "\n  ");
		sl_jsonw_int(&w, i);
	}
	sl_jsonw_space(&w, "\n");
	sl_jsonw_array_end(&w);
	sl_jsonw_key(&w, "none");
	sl_jsonw_array_begin(&w);
	sl_jsonw_array_end(&w);
	sl_jsonw_space(&w, " ");
	sl_jsonw_object_end(&w);
	CHECK_STR(b.buf, "{\"a\":1,\n\"lines\":[\n  0,\n  1\n],\"none\":[] }",
		  "layout goes after the comma and before a closing bracket");
	sl_buf_release(&b);
}

/* The lockfile's layout: a line per member, two spaces a level, ": "
 * after a key, empty containers on one line, deep nesting. */
static void test_pretty(void)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;

	sl_jsonw_init_pretty(&w, &b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_key(&w, "a");
	sl_jsonw_array_begin(&w);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_int(&w, "n", 1);
	sl_jsonw_field_strings(&w, "e", NULL, 0);
	sl_jsonw_object_end(&w);
	sl_jsonw_object_begin(&w);
	sl_jsonw_object_end(&w);
	sl_jsonw_array_end(&w);
	sl_jsonw_field_string(&w, "s", NULL);
	sl_jsonw_object_end(&w);
	CHECK_STR(b.buf,
		  "{\n  \"a\": [\n    {\n      \"n\": 1,\n      \"e\": []\n    },\n    {}\n  ],\n"
		  "  \"s\": null\n}",
		  "pretty layout");
	sl_buf_reset(&b);
	sl_jsonw_init_pretty(&w, &b);
	for (int i = 0; i < 20; i++)
		sl_jsonw_array_begin(&w);
	sl_jsonw_bool(&w, true);
	for (int i = 0; i < 20; i++)
		sl_jsonw_array_end(&w);
	CHECK(strstr(b.buf, "\n                                        true\n") != NULL,
	      "20 levels are indented 40 spaces");
	sl_buf_release(&b);
}

/* What is printed or stored never holds a URL password or a Hub token;
 * a body for the Hub (keep_secrets) holds them as given. */
static void test_secrets(void)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;
	const char *url = "https://__token__:xyz@host/simple";
	const char *tok = "hf_abcdefghijklmnopqrstuvwxyz0123456789";

	sl_jsonw_init(&w, &b);
	sl_jsonw_array_begin(&w);
	sl_jsonw_string(&w, url);
	sl_jsonw_string(&w, tok);
	sl_jsonw_array_end(&w);
	CHECK_STR(
	    b.buf,
	    "[\"https://__token__:***@host/simple\",\"hf_************************************\"]",
	    "masked");
	sl_buf_reset(&b);
	sl_jsonw_init(&w, &b);
	w.keep_secrets = true;
	sl_jsonw_string(&w, url);
	CHECK_STR(b.buf, "\"https://__token__:xyz@host/simple\"", "keep_secrets: as given");
	sl_buf_release(&b);
}

int main(void)
{
	test_strings();
	test_secrets();
	test_structure();
	test_layout();
	test_pretty();
	return t_done();
}
