/* t_json.c: the JSON reading wrapper refuses what cJSON lets through: a key
 * twice, text after the document, a NUL in a string; with position. */
#include <cJSON.h>

#include "spacelock/buf.h"
#include "spacelock/json.h"
#include "spacelock/mem.h"
#include "test.h"

static void bad(const char *text, size_t len, const char *want)
{
	struct sl_err err = {0};
	cJSON *j = sl_json_parse(text, len, "in.json", &err);

	CHECK(j == NULL && err.code == SL_EPARSE, "'%s' refused", text);
	CHECK_STR(err.msg, want, text);
	cJSON_Delete(j);
}

static void good(const char *text)
{
	struct sl_err err = {0};
	cJSON *j = sl_json_parse(text, strlen(text), "in.json", &err);

	CHECK(j != NULL, "'%s' accepted: %s", text, err.msg);
	cJSON_Delete(j);
}

#define BAD(text, want) bad(text, sizeof(text) - 1, want)

int main(void)
{
	good("{\"a\": 1, \"b\": [1, 2, {\"a\": 2}]}\n\n");
	good("  [ ]  \r\n");
	good("{\"a\": \"\\\\u0000 is text, not a NUL\"}");
	good("{\"a\": {\"x\": 1}, \"b\": {\"x\": 1}}"); /* same key in two objects */
	good("\"\\u0001\"");
	BAD("{\"a\": 1, \"b\": 2, \"a\": 3}",
	    "in.json:1:18: key 'a' appears twice in the top-level object");
	BAD("{\"packages\": [{\"name\": \"x\"}, {\"name\": \"y\", \"version\": \"1\", \"name\": "
	    "\"z\"}]}",
	    "in.json:1:60: key 'name' appears twice in packages[1]");
	BAD("{\"runtime\": {\"python\": \"3.10\", \"python\": \"3.11\"}}",
	    "in.json:1:32: key 'python' appears twice in runtime");
	/* the second occurrence, on its line, past strings, arrays and escapes */
	BAD("{\"runtime\": {\"x\": \"}\\\"{\", \"python\": [1, {\"python\": 2}],\n"
	    "  \"build_time\": null,\n    \"py\\u0074hon\": \"3.11\"}}",
	    "in.json:3:5: key 'python' appears twice in runtime");
	BAD("[0, {\"a\": {}}, {\"a\": [], \"a\": 1}]",
	    "in.json:1:26: key 'a' appears twice in [2]");
	BAD("{\"a\": 1}\n{\"a\": 2}\n", "in.json:2:1: text after the end of the JSON document");
	BAD("[1, 2] x", "in.json:1:8: text after the end of the JSON document");
	BAD("{\"a\": \"x\\u0000y\"}", "in.json:1:9: \\u0000 (a NUL character) in a string");
	BAD("{\n \"k\\u0000\": 1}", "in.json:2:4: \\u0000 (a NUL character) in a string");
	BAD("{\"a\": \"x\0y\"}", "in.json:1:9: NUL byte");
	BAD("{\"a\": }", "in.json:1:7: invalid JSON");
	BAD("", "in.json:1:1: invalid JSON");

	/* many keys: refused by sorting, not by comparing every pair */
	struct sl_buf b = SL_BUF_INIT;
	sl_buf_addch(&b, '{');
	for (int i = 0; i < 200000; i++)
		sl_buf_addf(&b, "\"k%d\": 1,", i);
	sl_buf_addstr(&b, "\"k7\": 2}");
	char *want = sl_xasprintf("in.json:1:%zu: key 'k7' appears twice in the top-level object",
				  b.len - strlen("\"k7\": 2}") + 1);
	bad(b.buf, b.len, want);
	free(want);
	sl_buf_release(&b);
	return t_done();
}
