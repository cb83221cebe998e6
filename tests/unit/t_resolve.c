/* t_resolve.c: the pieces of a dated resolution that need no index: dates
 * as users, build logs and the index write them; the project release list
 * reader. */
#include "spacelock/index.h"
#include "spacelock/resolve.h"
#include "test.h"

static void date_case(const char *in, bool end, const char *want)
{
	char out[20] = "";
	bool ok = sl_resolve_date(in, end, out);

	if (!want)
		CHECK(!ok, "'%s' is not a date", in);
	else
		CHECK(ok && strcmp(out, want) == 0, "'%s' -> '%s', want '%s'", in,
		      ok ? out : "(no)", want);
}

static void test_dates(void)
{
	date_case("2024-03-10", false, "2024-03-10T00:00:00");
	date_case("2024-03-10", true, "2024-03-10T23:59:59");
	date_case("2023-10-16 02:46:25", true, "2023-10-16T02:46:25");
	date_case("2024-01-02T03:04:05.000000Z", false, "2024-01-02T03:04:05");
	date_case("2024-01-02T03:04", false, NULL);
	date_case("yesterday", false, NULL);
	date_case("2024/01/02", false, NULL);
	date_case("", false, NULL);
}

static void test_project(void)
{
	const char *body =
	    "{\"releases\": {\"1.0\": [{\"filename\": \"a-1.0.tar.gz\", \"upload_time\": "
	    "\"2024-01-01T00:00:00\", \"requires_python\": \">=3.8\"}, {\"filename\": "
	    "\"a-1.0-py3-none-any.whl\", \"upload_time_iso_8601\": \"2024-01-02T00:00:00.1Z\", "
	    "\"yanked\": true}], \"2.0\": [], \"bad\": {}}}";
	struct sl_index_project p = {0};
	struct sl_err err = {0};

	CHECK(sl_index_parse_project("u", body, strlen(body), &p, &err) == 0, "parse: %s", err.msg);
	CHECK(p.nversions == 2, "two releases (one not a list), got %zu", p.nversions);
	if (p.nversions == 2) {
		CHECK(p.versions[0].nfiles == 2 && p.versions[1].nfiles == 0, "files per release");
		CHECK(p.versions[0].files[1].yanked && !p.versions[0].files[0].yanked, "yanked");
		CHECK_STR(p.versions[0].files[0].requires_python, ">=3.8", "requires_python");
		CHECK_STR(p.versions[0].files[0].upload_time, "2024-01-01T00:00:00",
			  "upload_time when no iso form");
		CHECK_STR(p.versions[0].files[1].upload_time, "2024-01-02T00:00:00.1Z", "iso form");
	}
	sl_index_project_clear(&p);
	CHECK(sl_index_parse_project("u", "{\"info\": {}}", 12, &p, &err) == SL_ENET,
	      "no releases: not a project's JSON");
	CHECK(strstr(err.msg, "u: response is not a project's index JSON") != NULL, "message: %s",
	      err.msg);
	sl_index_project_clear(&p);
}

/* PEP 691 JSON with PEP 700 upload times: files grouped by the normalised
 * version of their names; yanked as a reason string; a body where a file
 * has no upload time is refused (the caller falls back). */
static void test_simple(void)
{
	const char *body =
	    "{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"alpha\", \"versions\": [\"1.0\"],"
	    " \"files\": ["
	    "{\"filename\": \"alpha-1.0-py3-none-any.whl\", \"upload-time\": "
	    "\"2024-01-10T12:00:00.000000Z\", \"requires-python\": \">=3.8\", \"yanked\": false},"
	    "{\"filename\": \"Alpha-1.0.tar.gz\", \"upload-time\": \"2024-01-11T12:00:00Z\"},"
	    "{\"filename\": \"alpha-1.1rc1.tar.gz\", \"upload-time\": \"2024-02-01T00:00:00Z\","
	    " \"yanked\": \"broken\"},"
	    "{\"filename\": \"alpha-0.9-py2.7.egg\", \"upload-time\": \"2020-01-01T00:00:00Z\"}]}";
	const char *undated = "{\"meta\": {\"api-version\": \"1.0\"}, \"files\": ["
			      "{\"filename\": \"alpha-1.0.tar.gz\"}]}";
	struct sl_index_project p = {0};
	struct sl_err err = {0};

	CHECK(sl_index_parse_simple("u", body, strlen(body), &p, &err) == 0, "parse: %s", err.msg);
	CHECK(p.nversions == 2, "two versions (the egg is no candidate), got %zu", p.nversions);
	if (p.nversions == 2) {
		CHECK_STR(p.versions[0].version, "1.0", "first version");
		CHECK(p.versions[0].nfiles == 2, "wheel and sdist of 1.0 together");
		CHECK_STR(p.versions[0].files[0].requires_python, ">=3.8", "requires-python");
		CHECK_STR(p.versions[0].files[1].upload_time, "2024-01-11T12:00:00Z",
			  "upload-time");
		CHECK_STR(p.versions[1].version, "1.1rc1", "second version");
		CHECK(p.versions[1].files[0].yanked && !p.versions[0].files[0].yanked,
		      "yanked: a reason string is yanked, false is not");
	}
	sl_index_project_clear(&p);
	CHECK(sl_index_parse_simple("u", undated, strlen(undated), &p, &err) == SL_ENOTFOUND,
	      "api-version 1.0: no upload-time");
	CHECK(p.nversions == 0 && strstr(err.msg, "upload-time") != NULL, "refused: %s", err.msg);
	sl_index_project_clear(&p);
	CHECK(sl_index_parse_simple("u", "<html></html>", 13, &p, &err) == SL_ENET,
	      "HTML is not the JSON form");
	sl_index_project_clear(&p);
}

int main(void)
{
	test_dates();
	test_project();
	test_simple();
	return t_done();
}
