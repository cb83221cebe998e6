/* t_freeze.c: pip freeze / list / report readers, line by line and on the
 * genuine pip output in tests/fixtures/pip. */
#include "spacelock/freeze.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spacelock/buf.h"
#include "spacelock/name.h"
#include "test.h"

#define PIP "tests/fixtures/pip/"

static const char *nz(const char *s)
{
	return s && s[0] ? s : NULL;
}

static void line_case(char **f, int n, int lineno)
{
	struct sl_freeze_lines fl;
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	char ctx[64];
	int rc, want;

	snprintf(ctx, sizeof(ctx), "freeze.data:%d", lineno);
	if (n < 3) {
		t_fail(__FILE__, __LINE__, "%s: too few fields", ctx);
		return;
	}
	sl_freeze_lines_init(&fl, "t", strcmp(f[0], "strict") == 0);
	rc = sl_freeze_lines_feed(&fl, f[1], 9, &obs);
	want = atoi(f[2]);
	CHECK(rc == want, "%s: '%s' gave %d, want %d", ctx, f[1], rc, want);
	CHECK(obs.n == (size_t)(rc == 1), "%s: %zu observations", ctx, obs.n);
	if (rc == 1 && obs.n == 1 && n >= 6) {
		CHECK_STR(obs.v[0].name, f[3], ctx);
		CHECK_STR(obs.v[0].version, nz(f[4]), ctx);
		CHECK_STR(obs.v[0].vcs_commit, nz(f[5]), ctx);
		CHECK(obs.v[0].strength == SL_EV_INSTALLED && obs.v[0].line == 9,
		      "%s: strength, line", ctx);
	}
	sl_obs_list_release(&obs);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* name=version of every observation, canonical and sorted, one a line */
static char *digest(const struct sl_obs_list *obs)
{
	struct sl_buf b = SL_BUF_INIT;
	char **v = calloc(obs->n + 1, sizeof(*v));

	for (size_t i = 0; i < obs->n; i++) {
		char *c = sl_name_canonical(obs->v[i].name);
		size_t len = strlen(c) + 64 + (obs->v[i].version ? strlen(obs->v[i].version) : 0);
		v[i] = malloc(len);
		snprintf(v[i], len, "%s=%s", c, obs->v[i].version ? obs->v[i].version : "-");
		free(c);
	}
	qsort(v, obs->n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < obs->n; i++) {
		sl_buf_addf(&b, "%s\n", v[i]);
		free(v[i]);
	}
	free(v);
	return sl_buf_detach(&b, NULL);
}

static void fixtures(void)
{
	static const struct {
		const char *file;
		int format;
	} files[] = {
	    {PIP "index.freeze.txt", SL_FREEZE_TEXT},
	    {PIP "index.list.txt", SL_FREEZE_LIST},
	    {PIP "index.list.json", SL_FREEZE_JSON},
	    {PIP "index.report.json", SL_FREEZE_REPORT},
	};
	char *want = NULL;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct sl_obs_list obs = SL_OBS_LIST_INIT;
		struct sl_err err = {0};
		int rc = sl_freeze_read_file(files[i].file, &obs, &err);
		char *d;

		CHECK(rc == files[i].format, "%s: format %d, want %d (%s)", files[i].file, rc,
		      files[i].format, err.msg);
		/* pip list also shows pip and setuptools, which freeze leaves out */
		for (size_t j = 0; j < obs.n; j++)
			if (sl_name_eq(obs.v[j].name, "pip") ||
			    sl_name_eq(obs.v[j].name, "setuptools"))
				obs.v[j].name[0] = '~';
		d = digest(&obs);
		if (!want) {
			want = d;
			CHECK(strstr(want, "flask=3.1.3\n") &&
				  strstr(want, "pydantic-core=2.46.4\n"),
			      "freeze content: %s", want);
		} else {
			char *cut = strstr(d, "~"); /* pip and setuptools sort last */
			if (cut)
				*cut = '\0';
			CHECK_STR(d, want, files[i].file);
			free(d);
		}
		sl_obs_list_release(&obs);
	}
	free(want);
}

static void report_origin(void)
{
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	int direct = 0, transitive = 0;

	CHECK(sl_freeze_read_file(PIP "index.report.json", &obs, NULL) == SL_FREEZE_REPORT,
	      "report");
	for (size_t i = 0; i < obs.n; i++) {
		direct += obs.v[i].origin == SL_ORIGIN_DIRECT;
		transitive += obs.v[i].origin == SL_ORIGIN_TRANSITIVE;
	}
	CHECK(direct == 4 && transitive == 15,
	      "report: requested are direct (%d), others transitive (%d)", direct, transitive);
	sl_obs_list_release(&obs);
}

static void vcs_freeze(void)
{
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	const struct sl_obs *tiny = NULL;

	CHECK(sl_freeze_read_file(PIP "folder-vcs.freeze.txt", &obs, NULL) == SL_FREEZE_TEXT,
	      "vcs freeze");
	for (size_t i = 0; i < obs.n; i++)
		if (sl_name_eq(obs.v[i].name, "tiny-pkg"))
			tiny = &obs.v[i];
	CHECK(tiny && !tiny->version && tiny->vcs_commit && strlen(tiny->vcs_commit) == 40 &&
		  strncmp(tiny->vcs_url, "git+file://", 11) == 0,
	      "a VCS install: url and commit, no version");
	sl_obs_list_release(&obs);
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	fwrite(data, 1, len, fp);
	fclose(fp);
}

static void errors(void)
{
	static const struct {
		const char *data;
		size_t len;
		int rc;
		const char *msg;
	} cases[] = {
	    {"flask==3.1.3\nthis is not freeze output\n", 0, SL_EPARSE, ":2: not a pip freeze"},
	    {"\x1f\x8b\x08\x00gzip", 8, SL_EPARSE, "binary"},
	    {"flask==1.0\n\0\0\0\0", 15, SL_EPARSE, "binary"},
	    {"[{\"name\": \"x\", \"version\": \"1\"},", 0, SL_EPARSE, ":1:31: invalid JSON"},
	    {"{\n\"install\": [\n{\"metadata\": {\"name\": \"x\"}}]}", 0, SL_EPARSE, "install[0]"},
	    {"{\"version\": \"1\"}", 0, SL_EPARSE, "not a pip report"},
	    {"[{\"name\": \"x\"}]", 0, SL_EPARSE, "need \"name\" and \"version\""},
	    {"\"just a string\"", 0, SL_EPARSE, ":1: not a pip freeze"},
	    {"  42", 0, SL_EPARSE, ":1: not a pip freeze"},
	    {"[\"a\"]", 0, SL_EPARSE, "need \"name\""},
	    {"{\"install\": 3}", 0, SL_EPARSE, "not a pip report"},
	};
	char path[] = "/tmp/t_freeze_XXXXXX";
	int fd = mkstemp(path);

	close(fd);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sl_obs_list obs = SL_OBS_LIST_INIT;
		struct sl_err err = {0};
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].data);
		int rc;

		write_file(path, cases[i].data, len);
		rc = sl_freeze_read_file(path, &obs, &err);
		CHECK(rc == cases[i].rc, "case %zu: rc %d", i, rc);
		CHECK(strstr(err.msg, cases[i].msg) != NULL, "case %zu: message '%s'", i, err.msg);
		CHECK(obs.n == 0, "case %zu: nothing appended on error", i);
		sl_obs_list_release(&obs);
	}
	/* a BOM, CRLF and no final newline are fine */
	write_file(path,
		   "\xef\xbb\xbf"
		   "a==1.0\r\nb==2.0",
		   17);
	{
		struct sl_obs_list obs = SL_OBS_LIST_INIT;
		CHECK(sl_freeze_read_file(path, &obs, NULL) == SL_FREEZE_TEXT && obs.n == 2 &&
			  strcmp(obs.v[0].name, "a") == 0 && strcmp(obs.v[1].version, "2.0") == 0,
		      "BOM, CRLF, no final newline");
		sl_obs_list_release(&obs);
	}
	remove(path);
	{
		struct sl_obs_list obs = SL_OBS_LIST_INIT;
		struct sl_err err = {0};
		CHECK(sl_freeze_read_file("/nonexistent/freeze.txt", &obs, &err) == SL_EIO,
		      "missing file");
	}
}

static void json_line(void)
{
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	const char *ok = "[{\"name\": \"gradio\", \"version\": \"4.31.0\"}, {\"name\": \"spaces\", "
			 "\"version\": \"0.50.0\"}]";
	const char *bad[] = {"[1, 2]", "[]", "[{\"name\": \"x\"}]", "[not json]", "{\"a\": 1}"};

	CHECK(sl_freeze_json_line(ok, strlen(ok), "run.log", 12, &obs) == 2 && obs.n == 2 &&
		  obs.v[1].line == 12 && strcmp(obs.v[1].version, "0.50.0") == 0,
	      "pip list JSON in a log line");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(sl_freeze_json_line(bad[i], strlen(bad[i]), "x", 1, &obs) == -1,
		      "'%s' is not a list", bad[i]);
	CHECK(obs.n == 2, "nothing appended for non-lists");
	sl_obs_list_release(&obs);
}

static void list_table(void)
{
	static const char *const lines[] = {
	    "Package    Version   Editable project location",
	    "---------- --------- -------------------------", "gradio     4.31.0",
	    "mypkg      0.1.0     /home/user/app/mypkg", "After the table, app output again"};
	struct sl_freeze_lines fl;
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	int rcs[5];

	sl_freeze_lines_init(&fl, "run.log", true);
	for (int i = 0; i < 5; i++)
		rcs[i] = sl_freeze_lines_feed(&fl, lines[i], (unsigned long)i + 1, &obs);
	CHECK(rcs[0] == 0 && rcs[1] == 0 && rcs[2] == 1 && rcs[3] == 1 && rcs[4] == -1,
	      "pip list table: %d %d %d %d %d", rcs[0], rcs[1], rcs[2], rcs[3], rcs[4]);
	CHECK(obs.n == 2 && strcmp(obs.v[1].name, "mypkg") == 0 && !fl.in_list,
	      "rows read, table ended");
	sl_obs_list_release(&obs);
}

int main(void)
{
	t_each_case(T_DATA("freeze.data"), line_case);
	fixtures();
	report_origin();
	vcs_freeze();
	errors();
	json_line();
	list_table();
	CHECK(strcmp(sl_freeze_format_name(SL_FREEZE_REPORT), "report") == 0, "format name");
	return t_done();
}
