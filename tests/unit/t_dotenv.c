/* t_dotenv.c: the secrets file reader (dotenv.h): quoting, comments,
 * export, overrides, and refusals that name the line but never its text. */
#include <string.h>

#include "spacelock/dotenv.h"
#include "test.h"

static void test_values(void)
{
	static const char text[] = "# secrets\n"
				   "\n"
				   "OPENAI_API_KEY=sk-abc123  # trailing comment\n"
				   "export HF_WRITE_TOKEN = \"two\\nlines \\\"q\\\"\"\n"
				   "LITERAL='a \\n # b'\n"
				   "EMPTY=\n"
				   "HASH=a#b\n"
				   "CRLF=v\r\n"
				   "OPENAI_API_KEY=second\n";
	struct sl_dotenv env;
	struct sl_err err = {0};

	CHECK(sl_dotenv_parse("s.env", text, sizeof(text) - 1, &env, &err) == 0, "parse: %s",
	      err.msg);
	CHECK_STR(sl_dotenv_get(&env, "OPENAI_API_KEY"), "second", "a later line overrides");
	CHECK_STR(sl_dotenv_get(&env, "HF_WRITE_TOKEN"), "two\nlines \"q\"", "export, escapes");
	CHECK_STR(sl_dotenv_get(&env, "LITERAL"), "a \\n # b", "single quotes: as written");
	CHECK_STR(sl_dotenv_get(&env, "EMPTY"), "", "an empty value");
	CHECK_STR(sl_dotenv_get(&env, "HASH"), "a#b", "a # inside a word is not a comment");
	CHECK_STR(sl_dotenv_get(&env, "CRLF"), "v", "CRLF line ends");
	CHECK(sl_dotenv_get(&env, "MISSING") == NULL, "a missing key");
	CHECK(env.n == 7 && env.v[1].line == 4, "entries with their lines");
	sl_dotenv_release(&env);
}

static void test_refusals(void)
{
	static const char *const bad[][2] = {
	    {"SECRETVALUE123\n", "s.env:1: expected '=' after the name"},
	    {"OK=1\n9KEY=SECRETVALUE123\n", "s.env:2: expected KEY=VALUE"},
	    {"K=\"SECRETVALUE123\n", "s.env:1: a quoted value must end on its line"},
	    {"K='SECRETVALUE123' tail\n", "s.env:1: a quoted value must end on its line"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sl_dotenv env;
		struct sl_err err = {0};
		int rc = sl_dotenv_parse("s.env", bad[i][0], strlen(bad[i][0]), &env, &err);
		CHECK(rc == SL_EPARSE && env.n == 0, "refused: %s", bad[i][1]);
		CHECK(strncmp(err.msg, bad[i][1], strlen(bad[i][1])) == 0, "message '%s'", err.msg);
		CHECK(!strstr(err.msg, "SECRETVALUE"), "the value is not in '%s'", err.msg);
	}
}

int main(void)
{
	test_values();
	test_refusals();
	return t_done();
}
