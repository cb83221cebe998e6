/* t_hub_write.c: the bodies spacelock sends to the Hub's write endpoints.
 * The commit payload is compared byte for byte with a recorded request of
 * the official Python client (tests/fixtures/api/commit.request.ndjson),
 * whose only difference is json.dumps's ", " and ": " separators.  The
 * requests themselves are tested against the loopback server
 * (tests/scripts/hub_write.sh, repin_*.sh). */
#include <string.h>

#include "spacelock/fileio.h"
#include "spacelock/hub_write.h"
#include "test.h"

static void test_base64(void)
{
	/* RFC 4648 section 10 */
	static const char *const vec[][2] = {{"", ""},
					     {"f", "Zg=="},
					     {"fo", "Zm8="},
					     {"foo", "Zm9v"},
					     {"foob", "Zm9vYg=="},
					     {"fooba", "Zm9vYmE="},
					     {"foobar", "Zm9vYmFy"}};
	for (size_t i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
		struct sl_buf b = SL_BUF_INIT;
		sl_base64_add(&b, vec[i][0], strlen(vec[i][0]));
		CHECK_STR(b.buf, vec[i][1], vec[i][0]);
		sl_buf_release(&b);
	}
	struct sl_buf b = SL_BUF_INIT;
	sl_base64_add(&b, "\xff\xfe\x00", 3);
	CHECK_STR(b.buf, "//4A", "high bytes and a NUL");
	sl_buf_release(&b);
}

/* The recorded body with Python's separators made compact. */
static char *compact(const char *s)
{
	struct sl_buf b = SL_BUF_INIT;

	for (const char *p = s; *p; p++) {
		sl_buf_addch(&b, *p);
		if ((*p == ',' || *p == ':') && p[1] == ' ' && p[-1] == '"')
			p++;
	}
	return sl_buf_detach(&b, NULL);
}

/* The decoded content of the recording's one file. */
static char *recorded_app_py(const char *body)
{
	const char *c = strstr(body, "\"content\": \"");
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct sl_buf out = SL_BUF_INIT;
	unsigned v = 0;
	int bits = 0;

	if (!c)
		return NULL;
	for (c += 12; *c && *c != '"' && *c != '='; c++) {
		v = v << 6 | (unsigned)(strchr(abc, *c) - abc);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			sl_buf_addch(&out, (int)(v >> bits) & 255);
		}
	}
	return sl_buf_detach(&out, NULL);
}

static void test_recorded_commit(void)
{
	struct sl_buf rec = SL_BUF_INIT, got = SL_BUF_INIT;
	struct sl_err err;
	char *want, *app;
	int rc = sl_file_read("tests/fixtures/api/commit.request.ndjson", 1 << 20, &rec, &err);

	CHECK(rc == 0, "read the recording: %s", err.msg);
	if (rc)
		return;
	app = recorded_app_py(rec.buf);
	CHECK(app && strstr(app, "import gradio as gr"), "the recording's app.py decodes");
	struct sl_hub_file f = {"app.py", app, app ? strlen(app) : 0};
	struct sl_hub_commit c = {.summary = "Upload app.py with huggingface_hub",
				  .description = "",
				  .files = &f,
				  .n_files = 1};
	rc = sl_hub_commit_ndjson(&c, &got, &err);
	want = compact(rec.buf);
	CHECK(rc == 0, "payload: %s", err.msg);
	CHECK_STR(got.buf, want, "the official client's bytes");
	free(want);
	free(app);
	sl_buf_release(&got);
	sl_buf_release(&rec);
}

static void test_header_fields(void)
{
	struct sl_hub_file f[2] = {{"README.md", "---\nsdk: gradio\n---\n", 20},
				   {"requirements.txt", "a==1\n", 5}};
	struct sl_hub_commit c = {.summary = "Pin \"gradio\" → 4.40.0",
				  .description = "line one\nline two\n",
				  .parent_commit = "01b89f1436038b5958a2e56ba880056ecfb04889",
				  .files = f,
				  .n_files = 2};
	struct sl_buf b = SL_BUF_INIT;
	struct sl_err err;

	CHECK(sl_hub_commit_ndjson(&c, &b, &err) == 0, "payload: %s", err.msg);
	CHECK_STR(b.buf,
		  "{\"key\":\"header\",\"value\":{\"summary\":\"Pin \\\"gradio\\\" → 4.40.0\","
		  "\"description\":\"line one\\nline two\\n\",\"parentCommit\":"
		  "\"01b89f1436038b5958a2e56ba880056ecfb04889\"}}\n"
		  "{\"key\":\"file\",\"value\":{\"content\":\"LS0tCnNkazogZ3JhZGlvCi0tLQo=\","
		  "\"path\":\"README.md\",\"encoding\":\"base64\"}}\n"
		  "{\"key\":\"file\",\"value\":{\"content\":\"YT09MQo=\",\"path\":"
		  "\"requirements.txt\",\"encoding\":\"base64\"}}\n",
		  "header with parentCommit, two files");
	sl_buf_release(&b);
}

static void test_refusals(void)
{
	static const char *const bad_paths[] = {"",	"/etc/passwd", "../x", "a/../b",
						"a//b", "./a",	       "a\nb", "a\\b"};
	struct sl_hub_file f = {"README.md", "x", 1};
	struct sl_hub_commit c = {.summary = "s", .files = &f, .n_files = 1};
	struct sl_buf b = SL_BUF_INIT;
	struct sl_err err;

	for (size_t i = 0; i < sizeof(bad_paths) / sizeof(bad_paths[0]); i++) {
		f.path = bad_paths[i];
		CHECK(sl_hub_commit_ndjson(&c, &b, &err) == SL_EINVAL && b.len == 0,
		      "path '%s' refused, nothing written", bad_paths[i]);
	}
	f.path = "README.md";
	c.summary = "two\nlines";
	CHECK(sl_hub_commit_ndjson(&c, &b, &err) == SL_EINVAL, "multi-line summary refused");
	c.summary = "";
	CHECK(sl_hub_commit_ndjson(&c, &b, &err) == SL_EINVAL, "empty summary refused");
	c.summary = "s";
	c.n_files = 0;
	CHECK(sl_hub_commit_ndjson(&c, &b, &err) == SL_EINVAL, "no file refused");
	sl_buf_release(&b);
}

static void test_duplicate_body(void)
{
	struct sl_hub_kv vars[] = {{"APP_MODE", "strict"}};
	struct sl_hub_kv secrets[] = {{"HF_WRITE_TOKEN", "v1"}, {"OPENAI_API_KEY", "v\"2"}};
	struct sl_hub_duplicate d = {.target = "me/copy",
				     .private_ = true,
				     .hardware = "zero-a10g",
				     .variables = vars,
				     .n_variables = 1,
				     .secrets = secrets,
				     .n_secrets = 2};
	struct sl_buf b = SL_BUF_INIT;

	sl_hub_duplicate_json(&d, &b);
	CHECK_STR(b.buf,
		  "{\"repository\":\"me/copy\",\"visibility\":\"private\","
		  "\"hardware\":\"zero-a10g\","
		  "\"secrets\":[{\"key\":\"HF_WRITE_TOKEN\",\"value\":\"v1\"},"
		  "{\"key\":\"OPENAI_API_KEY\",\"value\":\"v\\\"2\"}],"
		  "\"variables\":[{\"key\":\"APP_MODE\",\"value\":\"strict\"}]}",
		  "full duplicate body");
	sl_buf_reset(&b);
	d = (struct sl_hub_duplicate){.target = "me/copy", .private_ = false};
	sl_hub_duplicate_json(&d, &b);
	CHECK_STR(b.buf, "{\"repository\":\"me/copy\",\"visibility\":\"public\"}", "minimal body");
	sl_buf_release(&b);
}

static void test_stages(void)
{
	CHECK(sl_hub_stage_pending("BUILDING"), "BUILDING pending");
	CHECK(sl_hub_stage_pending("RUNNING_APP_STARTING"), "RUNNING_APP_STARTING pending");
	CHECK(!sl_hub_stage_pending("RUNNING"), "RUNNING final");
	CHECK(!sl_hub_stage_pending("BUILD_ERROR"), "BUILD_ERROR final");
	CHECK(!sl_hub_stage_pending(NULL), "no stage is not pending");
}

int main(void)
{
	test_base64();
	test_recorded_commit();
	test_header_fields();
	test_refusals();
	test_duplicate_body();
	test_stages();
	return t_done();
}
