/* t_lockfile.c: the lock model and its JSON: deterministic output, round
 * trip, validation errors with positions. */
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/lock.h"
#include "spacelock/lockfile.h"
#include "spacelock/mem.h"
#include "test.h"

static struct sl_lock *sample(bool reversed)
{
	struct sl_lock *lock = sl_lock_new();
	struct sl_lock_package *p;
	struct sl_lock_evidence e1 = {"build.log", 30, "Downloading psutil-5.9.8-cp36-abi3.whl",
				      SL_EV_PIP, "5.9.8"};
	struct sl_lock_evidence e2 = {"requirements.txt", 3, "psutil==5.9.8", SL_EV_PIN, "5.9.8"};
	const char *rd[] = {"idna>=2.8", "sniffio>=1.1"};
	const char *names[] = {"psutil", "anyio"};

	sl_lock_set(&lock->space.sdk, "gradio");
	sl_lock_set(&lock->space.sdk_version, "4.31.0");
	sl_lock_set(&lock->runtime.python, "3.13");
	sl_lock_strv_add(&lock->space.preload_from_hub, &lock->space.n_preload_from_hub, "a/b");
	for (int k = 0; k < 2; k++) {
		const char *n = names[reversed ? 1 - k : k];
		p = sl_lock_add_package(lock, n, strcmp(n, "psutil") == 0 ? "5.9.8" : "4.13.0");
		if (strcmp(n, "psutil") == 0) {
			p->origin = SL_ORIGIN_DIRECT;
			struct sl_lock_request q = {SL_ORIGIN_DIRECT, "psutil==5.9.8",
						    "requirements.txt", 3, NULL};
			sl_lock_package_add_request(p, &q);
			sl_lock_package_add_evidence(p, reversed ? &e2 : &e1);
			sl_lock_package_add_evidence(p, reversed ? &e1 : &e2);
		} else {
			p->origin = SL_ORIGIN_TRANSITIVE;
			sl_lock_package_add_parent(p, reversed ? "starlette" : "httpx");
			sl_lock_package_add_parent(p, reversed ? "httpx" : "starlette");
			sl_lock_package_add_parent(p, "httpx");
			sl_lock_set(&p->vcs_url, "git+https://example.org/anyio.git");
			sl_lock_set(&p->vcs_commit, "0123abc");
			sl_lock_package_set_metadata(p, rd, 2, ">=3.9", NULL, 0);
		}
	}
	if (reversed)
		sl_lock_add_incomplete(lock, "package 'z'", "why", "remedy");
	sl_lock_add_incomplete(lock, "build", "why", NULL);
	if (!reversed)
		sl_lock_add_incomplete(lock, "package 'z'", "why", "remedy");
	sl_lock_add_incomplete(lock, "build", "why", NULL);
	sl_lock_add_warning(lock, reversed ? "b" : "a");
	sl_lock_add_warning(lock, reversed ? "a" : "b");
	sl_lock_add_warning(lock, "a");
	sl_lock_strv_add(&lock->inputs, &lock->n_inputs, "build-log: build.log");
	return lock;
}

static const char want[] = "{\n"
			   "  \"incomplete\": [\n"
			   "    {\n"
			   "      \"remedy\": null,\n"
			   "      \"what\": \"build\",\n"
			   "      \"why\": \"why\"\n"
			   "    },\n"
			   "    {\n"
			   "      \"remedy\": \"remedy\",\n"
			   "      \"what\": \"package 'z'\",\n"
			   "      \"why\": \"why\"\n"
			   "    }\n"
			   "  ],\n"
			   "  \"inputs\": [\n"
			   "    \"build-log: build.log\"\n"
			   "  ],\n"
			   "  \"lockfile_version\": 2,\n"
			   "  \"packages\": [\n"
			   "    {\n"
			   "      \"evidence\": [],\n"
			   "      \"metadata\": {\n"
			   "        \"provides_extra\": [],\n"
			   "        \"requires_dist\": [\n"
			   "          \"idna>=2.8\",\n"
			   "          \"sniffio>=1.1\"\n"
			   "        ],\n"
			   "        \"requires_python\": \">=3.9\"\n"
			   "      },\n"
			   "      \"name\": \"anyio\",\n"
			   "      \"origin\": \"transitive\",\n"
			   "      \"required_by\": [\n"
			   "        \"httpx\",\n"
			   "        \"starlette\"\n"
			   "      ],\n"
			   "      \"vcs\": {\n"
			   "        \"commit\": \"0123abc\",\n"
			   "        \"url\": \"git+https://example.org/anyio.git\"\n"
			   "      },\n"
			   "      \"version\": \"4.13.0\"\n"
			   "    },\n"
			   "    {\n"
			   "      \"evidence\": [\n"
			   "        {\n"
			   "          \"kind\": \"pip\",\n"
			   "          \"line\": 30,\n"
			   "          \"source\": \"build.log\",\n"
			   "          \"text\": \"Downloading psutil-5.9.8-cp36-abi3.whl\",\n"
			   "          \"version\": \"5.9.8\"\n"
			   "        },\n"
			   "        {\n"
			   "          \"kind\": \"pin\",\n"
			   "          \"line\": 3,\n"
			   "          \"source\": \"requirements.txt\",\n"
			   "          \"text\": \"psutil==5.9.8\",\n"
			   "          \"version\": \"5.9.8\"\n"
			   "        }\n"
			   "      ],\n"
			   "      \"name\": \"psutil\",\n"
			   "      \"origin\": \"direct\",\n"
			   "      \"requests\": [\n"
			   "        {\n"
			   "          \"by\": \"direct\",\n"
			   "          \"line\": 3,\n"
			   "          \"requirement\": \"psutil==5.9.8\",\n"
			   "          \"source\": \"requirements.txt\"\n"
			   "        }\n"
			   "      ],\n"
			   "      \"version\": \"5.9.8\"\n"
			   "    }\n"
			   "  ],\n"
			   "  \"runtime\": {\n"
			   "    \"base_image\": null,\n"
			   "    \"build_status\": null,\n"
			   "    \"build_time\": null,\n"
			   "    \"built_commit\": null,\n"
			   "    \"digest\": null,\n"
			   "    \"python\": \"3.13\",\n"
			   "    \"python_source\": null\n"
			   "  },\n"
			   "  \"space\": {\n"
			   "    \"app_file\": null,\n"
			   "    \"hardware\": null,\n"
			   "    \"id\": null,\n"
			   "    \"preload_from_hub\": [\n"
			   "      \"a/b\"\n"
			   "    ],\n"
			   "    \"python_version\": null,\n"
			   "    \"revision\": null,\n"
			   "    \"sdk\": \"gradio\",\n"
			   "    \"sdk_version\": \"4.31.0\",\n"
			   "    \"startup_duration_timeout\": null,\n"
			   "    \"suggested_hardware\": null,\n"
			   "    \"system_packages\": []\n"
			   "  },\n"
			   "  \"warnings\": [\n"
			   "    \"a\",\n"
			   "    \"b\"\n"
			   "  ]\n"
			   "}\n";

static void test_dump(void)
{
	struct sl_lock *a = sample(false), *b = sample(true), *c = NULL;
	struct sl_buf x = SL_BUF_INIT, y = SL_BUF_INIT, z = SL_BUF_INIT;
	struct sl_err err = {0};

	sl_lockfile_dump(a, &x);
	sl_lockfile_dump(b, &y);
	CHECK_STR(x.buf, want, "golden lockfile text");
	CHECK_STR(y.buf, x.buf, "build order does not change the bytes");
	CHECK(sl_lock_find(a, "anyio") && sl_lock_find(a, "anyio")->n_required_by == 2,
	      "parents deduplicated");
	CHECK(sl_lockfile_parse("t.json", x.buf, x.len, &c, &err) == 0, "round trip parses: %s",
	      err.msg);
	if (c) {
		sl_lockfile_dump(c, &z);
		CHECK_STR(z.buf, x.buf, "parse then dump is the identity");
		CHECK(!sl_lock_is_complete(c) && c->n_packages == 2, "model read back");
		const struct sl_lock_metadata *m =
		    sl_lock_package_metadata(sl_lock_find(c, "anyio"));
		CHECK(m && m->n_requires_dist == 2 && strcmp(m->requires_python, ">=3.9") == 0,
		      "metadata read back");
		CHECK(sl_lock_package_metadata(sl_lock_find(c, "psutil")) == NULL, "no metadata");
	}
	sl_lock_free(a);
	sl_lock_free(b);
	sl_lock_free(c);
	sl_buf_release(&x);
	sl_buf_release(&y);
	sl_buf_release(&z);
}

static void bad_case(const char *text, const char *msg)
{
	struct sl_lock *lock = NULL;
	struct sl_err err = {0};
	int rc = sl_lockfile_parse("spacelock.json", text, strlen(text), &lock, &err);

	CHECK(rc == SL_EPARSE && lock == NULL, "rejected: %s", text);
	CHECK_STR(err.msg, msg, "lockfile error");
}

/* Version 1 kept one "requirement" per package: it reads as one request of
 * the package's origin, without a source. */
static void test_version1_requirement(void)
{
	const char *t = "{\"lockfile_version\": 1, \"packages\": [{\"name\": \"gradio\", "
			"\"version\": \"4.31.0\", \"origin\": \"platform\", "
			"\"requirement\": \"gradio[oauth]==4.31.0\"}]}";
	struct sl_lock *lock = NULL;
	struct sl_err err = {0};
	const struct sl_lock_package *p;

	CHECK(sl_lockfile_parse("v1.json", t, strlen(t), &lock, &err) == 0, "v1: %s", err.msg);
	p = lock ? sl_lock_find(lock, "gradio") : NULL;
	CHECK(p && p->n_requests == 1 && p->requests[0].by == SL_ORIGIN_PLATFORM &&
		  strcmp(p->requests[0].requirement, "gradio[oauth]==4.31.0") == 0 &&
		  !p->requests[0].source && p->requests[0].line == 0,
	      "a version 1 requirement is a request of the package's origin");
	sl_lock_free(lock);
}

static bool sl_lockfile_read_ok(const char *text)
{
	struct sl_lock *lock = NULL;
	struct sl_err err = {0};
	int rc = sl_lockfile_parse("spacelock.json", text, strlen(text), &lock, &err);

	if (rc)
		printf("# %s\n", err.msg);
	sl_lock_free(lock);
	return rc == 0;
}

static void test_errors(void)
{
	/* the writer would turn the bad byte into U+FFFD: not the same lock */
	bad_case("{\"lockfile_version\": 2,\n \"warnings\": [\"a\xff\"]}",
		 "spacelock.json:2:17: not valid UTF-8");
	bad_case("{\"lockfile_version\": 2, \"packages\": [{\"name\": \"a\", \"version\": \"1\", "
		 "\"requests\": [{\"by\": \"unknown\"}]}]}",
		 "spacelock.json: 'packages[0].requests[0]': 'by' must be one of direct, platform, "
		 "transitive");
	bad_case("{\n  \"lockfile_version\": 1,\n  \"packages\": [,]\n}\n",
		 "spacelock.json:3:16: invalid JSON");
	bad_case("", "spacelock.json:1:1: invalid JSON");
	bad_case("[]", "spacelock.json: not a lockfile: the top level is not an object");
	bad_case("{}", "spacelock.json: not a lockfile: no 'lockfile_version'");
	bad_case("{\"lockfile_version\": 4}",
		 "spacelock.json: 'lockfile_version': version 4 is not supported (this spacelock "
		 "reads versions 1 to 3)");
	bad_case("{\"lockfile_version\": 3, \"packages\": [{\"name\": \"a\", \"version\": \"1\", "
		 "\"inferred\": {\"confidence\": \"likely\"}}]}",
		 "spacelock.json: 'packages[0].inferred': 'confidence' must be \"exact\" or "
		 "\"ambiguous\"");
	bad_case("{\"lockfile_version\": 3, \"packages\": [{\"name\": \"a\", \"version\": \"1\", "
		 "\"inferred\": {\"confidence\": \"ambiguous\", \"alternatives\": [{}]}}]}",
		 "spacelock.json: 'packages[0].inferred': each alternative must be an object with "
		 "a 'version'");
	bad_case("{\"lockfile_version\": 1, \"packages\": [{\"name\": \"a\"}]}",
		 "spacelock.json: 'packages[0]': 'version' must be a non-empty string");
	bad_case("{\"lockfile_version\": 1, \"packages\": [{\"name\": \"a\", \"version\": \"1\", "
		 "\"evidence\": [{\"kind\": \"guess\", \"source\": \"x\", \"text\": \"y\"}]}]}",
		 "spacelock.json: 'packages[0].evidence[0]': 'kind' must be one of mention, pin, "
		 "pip, installed");
	bad_case("{\"lockfile_version\": 1, \"packages\": [{\"name\": \"a\", \"version\": \"1\"}, "
		 "{\"name\": \"a\", \"version\": \"2\"}]}",
		 "spacelock.json: 'packages[1]': package 'a' is listed twice");
	bad_case("{\"lockfile_version\": 1, \"space\": {\"sdk\": 3}}",
		 "spacelock.json: 'space': 'sdk' must be a string or null");
	bad_case(
	    "{\"lockfile_version\": 1, \"packages\": [{\"name\": \"a\", \"version\": \"1\", "
	    "\"origin\": \"magic\"}]}",
	    "spacelock.json: 'packages[0]': 'origin' must be one of unknown, direct, platform, "
	    "transitive");
	/* hand-edited values no reader can use, named by their JSON path */
	bad_case("{\"lockfile_version\": 2, \"packages\": [{\"name\": \"a\", \"version\": \"1\"}, "
		 "{\"name\": \"b\", \"version\": \"2\"}, {\"name\": \"c\", \"version\": \"3\"}, "
		 "{\"name\": \"d\", \"version\": \"not a version\"}]}",
		 "spacelock.json: 'packages[3].version': 'not a version' is not a PEP 440 version "
		 "(nor a legacy one)");
	bad_case("{\"lockfile_version\": 2, \"packages\": [{\"name\": \"Bad Name!\", "
		 "\"version\": \"1.0\"}]}",
		 "spacelock.json: 'packages[0].name': 'Bad Name!' is not a valid package name "
		 "(PEP 508)");
	bad_case("{\"lockfile_version\": \"2\"}",
		 "spacelock.json: 'lockfile_version': must be a number like 2, not a string");
	bad_case("{\"lockfile_version\": 2.5}",
		 "spacelock.json: 'lockfile_version': version 2.5 is not supported (this spacelock "
		 "reads versions 1 to 3)");
	bad_case("{\"lockfile_version\": 2, \"runtime\": {\"python\": \"three\"}}",
		 "spacelock.json: 'runtime.python': 'three' is not a Python version like 3.10 or "
		 "3.10.14");
	bad_case("{\"lockfile_version\": 2, \"runtime\": {\"python\": \"3.10\", \"python\": "
		 "\"3.11\"}}",
		 "spacelock.json:1:55: key 'python' appears twice in runtime");
	bad_case("{\"lockfile_version\": 2}\n{}\n",
		 "spacelock.json:2:1: text after the end of the JSON document");
	bad_case("{\"lockfile_version\": 2, \"warnings\": [\"a\\u0000b\"]}",
		 "spacelock.json:1:40: \\u0000 (a NUL character) in a string");
	struct sl_lock *lock = NULL;
	struct sl_err err = {0};
	CHECK(
	    sl_lockfile_read_ok("{\"lockfile_version\": 2, \"runtime\": {\"python\": \"3.10.14\"}, "
				"\"packages\": [{\"name\": \"Flask_Login\", \"version\": "
				"\"0.6.3+local.1\"}]}"),
	    "valid values are read");
	CHECK(sl_lockfile_parse("spacelock.json", "{}\0", 3, &lock, &err) == SL_EPARSE && !lock,
	      "NUL byte rejected");
	CHECK_STR(err.msg, "spacelock.json: binary file: NUL byte", "NUL message");
}

static void test_write(void)
{
	char dir[] = "/tmp/t_lockfile.XXXXXX";
	struct sl_lock *lock = sample(false), *back = NULL;
	struct sl_err err = {0};
	char *path, *bad;

	CHECK(mkdtemp(dir) != NULL, "temp dir");
	path = sl_xasprintf("%s/spacelock.json", dir);
	bad = sl_xasprintf("%s/missing/spacelock.json", dir);
	CHECK(sl_lockfile_write(lock, path, &err) == 0, "write: %s", err.msg);
	CHECK(sl_lockfile_read(path, &back, &err) == 0 && back->n_packages == 2, "read back");
	CHECK(sl_lockfile_write(lock, bad, &err) == SL_EWRITE && access(bad, F_OK) != 0,
	      "write into a missing directory fails and leaves nothing");
	CHECK(sl_lockfile_read(bad, &back, &err) == SL_EIO, "reading a missing file");
	unlink(path);
	rmdir(dir);
	free(path);
	free(bad);
	sl_lock_free(lock);
	sl_lock_free(back);
}

static void test_special(void)
{
	struct sl_lock *lock = sample(false), *back = NULL;
	struct sl_buf b = SL_BUF_INIT;
	struct sl_err err = {0};
	struct stat st;

	CHECK(sl_lockfile_write(lock, "/dev/null", &err) == 0, "write to /dev/null: %s", err.msg);
	CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode), "/dev/null is still a device");
	sl_lock_add_warning(lock, "bad \xff byte \xc3");
	sl_lockfile_dump(lock, &b);
	CHECK(strstr(b.buf, "bad \xef\xbf\xbd byte \xef\xbf\xbd") != NULL,
	      "invalid UTF-8 becomes U+FFFD");
	CHECK(sl_lockfile_parse("x", b.buf, b.len, &back, &err) == 0, "still valid JSON");
	sl_lock_free(back);
	sl_lock_free(lock);
	sl_buf_release(&b);
}

/* Secret and variable names: absent when unknown, an array (maybe empty)
 * when known, sorted, and they survive a round trip. */
static void test_names(void)
{
	struct sl_lock *lock = sl_lock_new(), *back = NULL;
	struct sl_buf b = SL_BUF_INIT;
	struct sl_err err = {0};

	sl_lockfile_dump(lock, &b);
	CHECK(!strstr(b.buf, "\"secrets\"") && !strstr(b.buf, "\"variables\""), "unknown: absent");
	sl_buf_release(&b);
	lock->space.secrets_known = lock->space.variables_known = true;
	sl_lock_strv_add(&lock->space.secrets, &lock->space.n_secrets, "OPENAI_API_KEY");
	sl_lock_strv_add(&lock->space.secrets, &lock->space.n_secrets, "HF_WRITE_TOKEN");
	sl_lockfile_dump(lock, &b);
	CHECK(
	    strstr(b.buf,
		   "\"secrets\": [\n      \"HF_WRITE_TOKEN\",\n      \"OPENAI_API_KEY\"\n    ]") !=
		NULL,
	    "sorted names: %s", b.buf);
	CHECK(strstr(b.buf, "\"variables\": []") != NULL, "known, none: empty array");
	CHECK(sl_lockfile_parse("t.json", b.buf, b.len, &back, &err) == 0, "parses: %s", err.msg);
	if (back) {
		CHECK(back->space.secrets_known && back->space.n_secrets == 2, "secrets read back");
		CHECK(back->space.variables_known && back->space.n_variables == 0, "empty known");
		sl_lock_free(back);
	}
	back = NULL;
	CHECK(sl_lockfile_parse("t.json",
				"{\"lockfile_version\": 1, \"space\": {\"secrets\": null}}", 51,
				&back, &err) == 0 &&
		  back && !back->space.secrets_known,
	      "null: not known");
	sl_lock_free(back);
	back = NULL;
	CHECK(sl_lockfile_parse("t.json",
				"{\"lockfile_version\": 1, \"space\": {\"secrets\": [1]}}", 50,
				&back, &err) == SL_EPARSE,
	      "names are strings");
	sl_buf_release(&b);
	sl_lock_free(lock);
}

/* The builder's sdk step: absent when not known, kept in the order
 * written (not sorted), read back. */
static void test_platform_step(void)
{
	static const char *const args[] = {"-r requirements.txt", "gradio[oauth]==4.31.0",
					   "spaces"};
	struct sl_lock *lock = sl_lock_new(), *back = NULL;
	struct sl_buf b = SL_BUF_INIT;
	struct sl_err err = {0};

	sl_lockfile_dump(lock, &b);
	CHECK(!strstr(b.buf, "\"platform_step\""), "unknown: absent");
	sl_buf_reset(&b);
	for (size_t i = 0; i < 3; i++)
		sl_lock_strv_add(&lock->runtime.platform_step, &lock->runtime.n_platform_step,
				 args[i]);
	sl_lockfile_dump(lock, &b);
	CHECK(strstr(b.buf, "\"platform_step\": [\n      \"-r requirements.txt\",\n      "
			    "\"gradio[oauth]==4.31.0\",\n      \"spaces\"\n    ]") != NULL,
	      "in the order written: %s", b.buf);
	CHECK(sl_lockfile_parse("t.json", b.buf, b.len, &back, &err) == 0, "parses: %s", err.msg);
	CHECK(back && back->runtime.n_platform_step == 3 &&
		  strcmp(back->runtime.platform_step[2], "spaces") == 0,
	      "read back");
	sl_lock_free(back);
	back = NULL;
	CHECK(sl_lockfile_parse(
		  "t.json", "{\"lockfile_version\": 2, \"runtime\": {\"platform_step\": \"x\"}}",
		  58, &back, &err) == SL_EPARSE &&
		  strstr(err.msg, "platform_step"),
	      "an array of strings: %s", err.msg);
	sl_lock_free(back);
	sl_buf_release(&b);
	sl_lock_free(lock);
}

/* An unproven package keeps its requests: written sorted, read back, bad
 * ones named by their path. */
static void test_incomplete_requests(void)
{
	struct sl_lock *lock = sl_lock_new(), *back = NULL;
	struct sl_lock_request platform = {SL_ORIGIN_PLATFORM, "spaces", "build.log", 21, NULL};
	struct sl_lock_request direct = {SL_ORIGIN_DIRECT, "pydantic>=2.9.0", "requirements.txt", 1,
					 NULL};
	struct sl_buf b = SL_BUF_INIT;
	struct sl_err err = {0};
	const char *bad = "{\"lockfile_version\": 2, \"incomplete\": [{\"what\": \"w\", "
			  "\"why\": \"y\", \"requests\": [{\"by\": \"nobody\"}]}]}";

	sl_lock_add_incomplete(lock, "package 'pydantic'", "not proven", NULL);
	sl_lock_incomplete_add_request(sl_lock_last_incomplete(lock), &platform);
	sl_lock_incomplete_add_request(sl_lock_last_incomplete(lock), &direct);
	sl_lock_incomplete_add_request(sl_lock_last_incomplete(lock), &direct);
	sl_lockfile_dump(lock, &b);
	CHECK(strstr(b.buf, "\"requests\": [\n        {\n          \"by\": \"direct\"") != NULL,
	      "sorted, direct first, kept once: %s", b.buf);
	CHECK(sl_lockfile_parse("t.json", b.buf, b.len, &back, &err) == 0, "parses: %s", err.msg);
	CHECK(back && back->n_incomplete == 1 && back->incomplete[0].n_requests == 2 &&
		  strcmp(back->incomplete[0].requests[0].requirement, "pydantic>=2.9.0") == 0,
	      "read back");
	sl_lock_free(back);
	back = NULL;
	CHECK(sl_lockfile_parse("t.json", bad, strlen(bad), &back, &err) == SL_EPARSE &&
		  strstr(err.msg, "incomplete[0].requests[0]"),
	      "a bad request is named: %s", err.msg);
	sl_lock_free(back);
	sl_buf_release(&b);
	sl_lock_free(lock);
}

/* An inferred package makes the lock version 3 and survives a round trip;
 * without one the lock stays version 2. */
static void test_inferred(void)
{
	struct sl_lock *lock = sl_lock_new(), *back = NULL;
	struct sl_lock_alternative alts[] = {{"1.0", "2024-01-01T00:00:00", "2024-02-01T00:00:00"},
					     {"1.1", "2024-02-01T00:00:00", NULL}};
	struct sl_lock_inferred inf = {"2024-03-01T00:00:00",
				       "2024-01-01T00:00:00",
				       "2024-03-01T00:00:00",
				       "pip: newest installable",
				       true,
				       alts,
				       2};
	struct sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT;
	struct sl_err err = {0};
	size_t amb = 0;

	sl_lock_add_package(lock, "plain", "2.0");
	sl_lockfile_dump(lock, &a);
	CHECK(strstr(a.buf, "\"lockfile_version\": 2") != NULL, "no inferred package: version 2");
	sl_buf_release(&a);
	sl_buf_init(&a);
	sl_lock_package_set_inferred(sl_lock_add_package(lock, "guessed", "1.1"), &inf);
	sl_lockfile_dump(lock, &a);
	CHECK(strstr(a.buf, "\"lockfile_version\": 3") != NULL, "inferred package: version 3");
	CHECK(strstr(a.buf, "\"confidence\": \"ambiguous\"") != NULL, "confidence written");
	CHECK(sl_lockfile_parse("x.json", a.buf, a.len, &back, &err) == 0, "read back: %s",
	      err.msg);
	if (back) {
		const struct sl_lock_package *p = sl_lock_find(back, "guessed");
		CHECK(p && p->inferred && p->inferred->ambiguous &&
			  p->inferred->n_alternatives == 2 && !p->inferred->alternatives[1].until &&
			  strcmp(p->inferred->alternatives[0].until, "2024-02-01T00:00:00") == 0,
		      "inferred read back");
		CHECK(sl_lock_count_inferred(back, &amb) == 1 && amb == 1, "counted apart");
		CHECK(!sl_lock_find(back, "plain")->inferred, "a proven package is not inferred");
		sl_lockfile_dump(back, &b);
		CHECK(a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0,
		      "same bytes after a trip");
	}
	sl_buf_release(&a);
	sl_buf_release(&b);
	sl_lock_free(lock);
	sl_lock_free(back);
}

/* Entries in dir other than . and .. (a temporary left behind shows). */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	return n;
}

/* Lengthens warning i of the lock by n bytes of 'x'. */
static void lengthen(struct sl_lock *lock, size_t i, size_t n)
{
	size_t len = strlen(lock->warnings[i]);

	lock->warnings[i] = sl_xrealloc(lock->warnings[i], len + n + 1);
	memset(lock->warnings[i] + len, 'x', n);
	lock->warnings[i][len + n] = '\0';
}

static size_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

static bool same_warnings(const struct sl_lock *a, const struct sl_lock *b)
{
	bool same = a->n_warnings == b->n_warnings && a->n_packages == b->n_packages;

	for (size_t i = 0; same && i < a->n_warnings; i++)
		same = strcmp(a->warnings[i], b->warnings[i]) == 0;
	return same;
}

/* A lock of exactly SL_LOCKFILE_MAX_BYTES is written and read back; one
 * byte more is refused by the writer (SL_ELIMIT, no file, no temporary,
 * nothing on stdout), so that every lock snapshot writes is one check
 * reads.  Long warnings of 'x' make the size in a few strings (each byte
 * of one is a byte of the file, so the size is known from a small dump),
 * and tmpfs when there is one spares 64 MB of fsync: the test stays
 * fast. */
static void test_size_limit(void)
{
	char dir[] = "/dev/shm/t_lockfile.XXXXXX", dir2[] = "/tmp/t_lockfile.XXXXXX";
	struct sl_lock *lock = sample(false), *back = NULL;
	struct sl_buf small = SL_BUF_INIT;
	struct sl_err err = {0};
	const size_t piece = 4u << 20, n = SL_LOCKFILE_MAX_BYTES / piece - 1;
	char *at, *over, *d = mkdtemp(dir) ? dir : mkdtemp(dir2);

	CHECK(d != NULL, "temp dir");
	at = sl_xasprintf("%s/at-limit.json", d);
	over = sl_xasprintf("%s/over-limit.json", d);
	for (size_t i = 0; i < n; i++) {
		char w[] = {(char)('a' + i), '\0'}; /* distinct, in order */
		sl_lock_add_warning(lock, w);
	}
	sl_lockfile_dump(lock, &small);
	for (size_t i = 0; i < n; i++)
		lengthen(lock, i, piece);
	lengthen(lock, 0, SL_LOCKFILE_MAX_BYTES - small.len - n * piece);
	CHECK(sl_lockfile_write(lock, at, &err) == 0, "write at the limit: %s", err.msg);
	CHECK(file_size(at) == SL_LOCKFILE_MAX_BYTES, "the lock is %zu bytes", file_size(at));
	CHECK(sl_lockfile_read(at, &back, &err) == 0, "read at the limit: %s", err.msg);
	CHECK(back && same_warnings(lock, back), "read back the same");
	lengthen(lock, 0, 1);
	CHECK(sl_lockfile_write(lock, over, &err) == SL_ELIMIT && access(over, F_OK) != 0 &&
		  count_entries(d) == 1,
	      "one byte over: refused, no file, no temporary");
	CHECK(strstr(err.msg, "larger than 64 MiB") != NULL, "says why: %s", err.msg);
	CHECK(sl_lockfile_write(lock, "-", &err) == SL_ELIMIT, "refused on stdout too");
	unlink(at);
	rmdir(d);
	free(at);
	free(over);
	sl_buf_release(&small);
	sl_lock_free(lock);
	sl_lock_free(back);
}

int main(void)
{
	test_inferred();
	test_names();
	test_incomplete_requests();
	test_platform_step();
	test_special();
	test_dump();
	test_errors();
	test_version1_requirement();
	test_write();
	test_size_limit();
	return t_done();
}
