/* t_hub_history.c: the date requirements files last changed, read from the
 * Hub's tree listing (lastCommit.date of each entry). */
#include "spacelock/hub_history.h"
#include "test.h"

static void test_last_change(void)
{
	static const char body[] =
	    "[{\"path\":\"README.md\",\"lastCommit\":{\"date\":\"2024-05-01T00:00:00.000Z\"}},"
	    "{\"path\":\"requirements.txt\",\"lastCommit\":{\"date\":\"2024-03-10T09:15:00.000Z\"}}"
	    ","
	    "{\"path\":\"pre-requirements.txt\",\"lastCommit\":{\"date\":\"2024-03-11T01:02:03Z\"}}"
	    ","
	    "{\"type\":\"directory\",\"path\":\"src\"}]";
	const char *both[] = {"requirements.txt", "pre-requirements.txt"}, *none[] = {"x.txt"};
	const char *bad = "[{\"path\":\"requirements.txt\",\"lastCommit\":{\"date\":\"soon\"}}]";
	char out[20] = "?";
	struct sl_err err = {0};

	CHECK(sl_hub_last_change_parse("u", body, sizeof(body) - 1, both, 2, out, &err) == 0,
	      "parse: %s", err.msg);
	CHECK_STR(out, "2024-03-11T01:02:03", "the latest of the two, not the README's");
	CHECK(sl_hub_last_change_parse("u", body, sizeof(body) - 1, none, 1, out, &err) == 0 &&
		  out[0] == '\0',
	      "no such file: empty");
	CHECK(sl_hub_last_change_parse("u", bad, strlen(bad), both, 2, out, &err) == SL_ENET,
	      "a date that is not one");
	CHECK_STR(err.msg, "u: 'requirements.txt' has no lastCommit date", "message");
	CHECK(sl_hub_last_change_parse("u", "{}", 2, both, 2, out, &err) == SL_ENET,
	      "not a listing");
}

int main(void)
{
	test_last_change();
	return t_done();
}
