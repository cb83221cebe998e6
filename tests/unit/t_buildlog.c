/* t_buildlog.c: the build/run log reader on real logs, on genuine pip
 * output (its versions must be exactly what `pip freeze` says), on SSE and
 * on damaged input. */
#include "spacelock/buildlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/freeze.h"
#include "spacelock/name.h"
#include "spacelock/textenc.h"
#include "../../src/lib/buildlog_private.h"
#include "test.h"

#define LOGS "tests/fixtures/logs/"
#define PIP "tests/fixtures/pip/"
#define PYDANTIC LOGS "2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log"
#define NOMATCH LOGS "2026-05-gradio-4.40.0-build-no-matching-distribution"

static struct sl_buildlog *read_log(const char *path, enum sl_log_kind kind)
{
	struct sl_buildlog *log = NULL;
	struct sl_err err = {0};

	if (sl_buildlog_read_file(path, NULL, kind, &log, &err) < 0)
		t_fail(__FILE__, __LINE__, "%s: %s", path, err.msg);
	return log;
}

/* Feeds bytes in chunks of step (0: at once) to a new log. */
static struct sl_buildlog *feed(const char *data, size_t len, size_t step, struct sl_err *err,
				int *rc)
{
	struct sl_buildlog *log = sl_buildlog_new(SL_LOG_BUILD, "t.log");

	*rc = 0;
	for (size_t i = 0; i < len && *rc == 0; i += step ? step : len)
		*rc = sl_buildlog_feed(log, data + i, step && len - i > step ? step : len - i, err);
	if (*rc == 0)
		*rc = sl_buildlog_finish(log, err);
	return log;
}

static struct sl_buildlog *feed_str(const char *s)
{
	struct sl_err err = {0};
	int rc;
	struct sl_buildlog *log = feed(s, strlen(s), 0, &err, &rc);

	CHECK(rc == 0, "feed: %s", err.msg);
	return log;
}

static bool has_warning(const struct sl_buildlog *log, const char *part)
{
	for (size_t i = 0; i < log->nwarnings; i++)
		if (strstr(log->warnings[i], part))
			return true;
	return false;
}

static const struct sl_obs *find_obs(const struct sl_buildlog *log, const char *name,
				     enum sl_strength s)
{
	for (size_t i = 0; i < log->obs.n; i++)
		if (sl_name_eq(log->obs.v[i].name, name) && log->obs.v[i].strength == s)
			return &log->obs.v[i];
	return NULL;
}

/* Everything a log says, lines left out, for comparing two readings. */
static char *digest(const struct sl_buildlog *log, bool with_lines)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_buf_addf(&b, "%s|%s|%s|%s|%s|%s|%d\n", log->queued_at, log->commit, log->python,
		    log->base_digest, log->sdk, log->sdk_version, log->build_failed);
	for (size_t i = 0; i < log->nsteps; i++)
		sl_buf_addf(&b, "step %lu %s %x %s\n", with_lines ? log->steps[i].line : 0,
			    sl_step_outcome_name(log->steps[i].outcome), log->steps[i].flags,
			    log->steps[i].instruction);
	for (size_t i = 0; i < log->nfailures; i++)
		sl_buf_addf(&b, "fail %s %s\n", sl_failure_kind_name(log->failures[i].kind),
			    log->failures[i].subject ? log->failures[i].subject : "-");
	for (size_t i = 0; i < log->obs.n; i++) {
		const struct sl_obs *o = &log->obs.v[i];
		sl_buf_addf(&b, "obs %lu %s %s %s %s %s %s\n", with_lines ? o->line : 0, o->name,
			    o->version ? o->version : "-", sl_strength_name(o->strength),
			    sl_origin_name(o->origin), o->required_by ? o->required_by : "-",
			    o->vcs_commit ? o->vcs_commit : "-");
	}
	return sl_buf_detach(&b, NULL);
}

/* ---- genuine pip output: the log proves exactly what pip freeze says ---- */

/* canonical name -> the one version pip's own lines prove (NULL: none) */
static char *proven(const struct sl_buildlog *log, const char *canon, bool *conflict)
{
	const char *v = NULL;

	*conflict = false;
	for (size_t i = 0; i < log->obs.n; i++) {
		const struct sl_obs *o = &log->obs.v[i];
		char *c;
		if (o->strength < SL_EV_PIP || !o->version)
			continue;
		c = sl_name_canonical(o->name);
		if (strcmp(c, canon) == 0) {
			if (v && strcmp(v, o->version) != 0)
				*conflict = true;
			v = o->version;
		}
		free(c);
	}
	return v ? strdup(v) : NULL;
}

static void against_freeze(const char *logfile, const char *freezefile, bool all)
{
	struct sl_buildlog *log = read_log(logfile, SL_LOG_BUILD);
	struct sl_obs_list fz = SL_OBS_LIST_INIT;
	size_t matched = 0, with_version = 0;

	CHECK(sl_freeze_read_file(freezefile, &fz, NULL) > 0, "%s reads", freezefile);
	if (!log)
		return;
	for (size_t i = 0; i < fz.n; i++) {
		char *c = sl_name_canonical(fz.v[i].name);
		bool conflict;
		char *v = proven(log, c, &conflict);
		CHECK(!conflict, "%s: %s has one proven version", logfile, c);
		if (fz.v[i].version) {
			with_version++;
			if (all || v)
				CHECK_STR(v, fz.v[i].version, c);
			matched += v && strcmp(v, fz.v[i].version) == 0;
		} else {
			/* a VCS install: the log's commit is the freeze's */
			const struct sl_obs *o = find_obs(log, c, SL_EV_PIP);
			CHECK(o && o->vcs_commit && fz.v[i].vcs_commit &&
				  strcmp(o->vcs_commit, fz.v[i].vcs_commit) == 0,
			      "%s: commit of %s", logfile, c);
		}
		free(v);
		free(c);
	}
	/* and nothing the freeze does not have */
	for (size_t i = 0; i < log->obs.n; i++) {
		bool found = false;
		if (log->obs.v[i].strength < SL_EV_PIP)
			continue;
		for (size_t j = 0; j < fz.n && !found; j++)
			found = sl_name_eq(fz.v[j].name, log->obs.v[i].name);
		CHECK(found, "%s: %s is in the freeze", logfile, log->obs.v[i].name);
	}
	if (all)
		CHECK(matched == with_version, "%s: %zu of %zu versions", logfile, matched,
		      with_version);
	CHECK(!log->build_failed && log->nfailures == 0, "%s: no failure", logfile);
	sl_obs_list_release(&fz);
	sl_buildlog_free(log);
}

static void genuine_pip(void)
{
	against_freeze(PIP "index-install.log", PIP "index.freeze.txt", true);
	against_freeze(PIP "folder-vcs-install.log", PIP "folder-vcs.freeze.txt", true);
	/* "Requirement already satisfied ... (ver)" lines: a subset, all right */
	against_freeze(PIP "index-reinstall.log", PIP "index.freeze.txt", false);
}

/* ---- real Space logs ---- */

static void cached_steps_prove_nothing(void)
{
	struct sl_buildlog *log =
	    read_log(LOGS "2023-10-gradio-3.47.1-spaces-0.16.1-build.log", SL_LOG_BUILD);
	size_t pip_steps = 0;

	if (!log)
		return;
	CHECK_STR(log->python, "3.10", "2023-10 python");
	CHECK_STR(log->commit, "e9e3061", "2023-10 commit");
	CHECK_STR(log->sdk_version, "3.47.1", "2023-10 sdk");
	for (size_t i = 0; i < log->nsteps; i++)
		if (log->steps[i].flags & SL_STEP_PIP) {
			pip_steps++;
			CHECK(log->steps[i].outcome == SL_STEP_CACHED, "pip step %zu is CACHED", i);
		}
	CHECK(pip_steps == 4, "four pip steps, got %zu", pip_steps);
	for (size_t i = 0; i < log->obs.n; i++)
		CHECK(log->obs.v[i].strength < SL_EV_PIP, "nothing behind CACHED is proven: %s %s",
		      log->obs.v[i].name, log->obs.v[i].version ? log->obs.v[i].version : "-");
	/* the platform step's own pins are requests, not proof */
	CHECK(find_obs(log, "spaces", SL_EV_PIN) && find_obs(log, "gradio", SL_EV_PIN),
	      "platform pins observed as pins");
	CHECK(!log->build_failed && log->nwarnings == 0, "a clean cached build");
	sl_buildlog_free(log);
}

static void pydantic_failure(void)
{
	struct sl_buildlog *log = read_log(PYDANTIC, SL_LOG_BUILD);
	const struct sl_obs *o;
	const struct sl_build_step *pip;

	if (!log)
		return;
	CHECK(log->has_summary && log->build_failed && log->nmisses == 8, "summary block read");
	CHECK_STR(log->python, "3.13", "python from FROM");
	CHECK_STR(log->site_python, "3.13", "python from site-packages paths");
	CHECK_STR(log->sdk, "gradio", "sdk");
	CHECK_STR(log->sdk_version, "4.31.0", "sdk version");
	CHECK(log->nplatform_reqs == 5 && strcmp(log->platform_reqs[4], "fastapi<0.113.0") == 0,
	      "platform requirements");
	pip = sl_buildlog_find_step(
	    log, "pip install --no-cache-dir -r /tmp/requirements.txt gradio[oauth]==4.31.0 "
		 "\"uvicorn>=0.14.0\" \"websockets>=10.4\" spaces \"fastapi<0.113.0\"");
	CHECK(pip && pip->outcome == SL_STEP_ERROR && pip->exit_code == 1, "the pip step failed");
	CHECK(pip && pip->stage && strcmp(pip->stage, "base 5/6") == 0,
	      "its stage from the summary");
	CHECK(pip && (pip->flags & SL_STEP_PLATFORM) && (pip->flags & SL_STEP_REQUIREMENTS),
	      "era 3: one resolver run for platform and requirements");
	o = find_obs(log, "spaces", SL_EV_PIP);
	CHECK(o && strcmp(o->version, "0.50.0") == 0 && o->origin == SL_ORIGIN_PLATFORM,
	      "spaces 0.50.0, platform");
	o = find_obs(log, "pydantic", SL_EV_PIP);
	CHECK(o && strcmp(o->version, "2.7.1") == 0 && o->origin == SL_ORIGIN_DIRECT,
	      "pydantic direct");
	o = find_obs(log, "aiofiles", SL_EV_PIP);
	CHECK(o && o->origin == SL_ORIGIN_TRANSITIVE && strcmp(o->required_by, "gradio") == 0,
	      "aiofiles pulled in by gradio");
	o = find_obs(log, "huggingface-hub", SL_EV_PIP);
	CHECK(o && strcmp(o->version, "1.14.0") == 0, "already satisfied carries the version");
	/* websockets: 16.0 was a metadata-only candidate, 11.0.3 was downloaded */
	o = find_obs(log, "websockets", SL_EV_PIP);
	CHECK(o && strcmp(o->version, "11.0.3") == 0, "backtracked candidate not proven");
	CHECK(log->nfailures == 3 && log->failures[1].kind == SL_FAIL_WHEEL_BUILD &&
		  strcmp(log->failures[1].subject, "pydantic-core") == 0,
	      "failures: job, wheel build of pydantic-core, step");
	sl_buildlog_free(log);
}

static void failure_kinds(void)
{
	struct sl_buildlog *a =
	    read_log(LOGS "2026-05-gradio-4.31.0-build-requirements-vs-sdk_version-conflict.log",
		     SL_LOG_BUILD);
	struct sl_buildlog *b = read_log(NOMATCH ".log", SL_LOG_BUILD);
	struct sl_buildlog *r =
	    read_log(LOGS "2026-05-run-log-py3.13-audioop-missing.log", SL_LOG_RUN);

	if (!a || !b || !r)
		return;
	CHECK(a->nfailures == 2 && a->failures[0].kind == SL_FAIL_RESOLUTION &&
		  strcmp(a->failures[0].subject, "gradio==4.31.0 and gradio>=4.40.0") == 0,
	      "ResolutionImpossible");
	CHECK(b->nfailures == 2 && b->failures[0].kind == SL_FAIL_NO_DISTRIBUTION &&
		  strcmp(b->failures[0].subject, "pyaudioop") == 0,
	      "No matching distribution");
	CHECK(a->build_failed && b->build_failed, "failed builds are flagged");
	CHECK(r->kind == SL_LOG_RUN && r->started_at && r->nfailures == 2 &&
		  strcmp(r->failures[1].subject, "ModuleNotFoundError") == 0,
	      "run log: the exceptions ending its tracebacks");
	CHECK(!r->build_failed, "a run log is no failed build");
	sl_buildlog_free(a);
	sl_buildlog_free(b);
	sl_buildlog_free(r);
}

static void quoted_and_summary_only(void)
{
	struct sl_buildlog *q =
	    read_log(LOGS "2023-06-gradio-build-pip-collecting.excerpt.log", SL_LOG_BUILD);
	struct sl_buildlog *s =
	    read_log(LOGS "2026-04-gradio-5.33.0-cache-miss-summary-sse-not-enabled.excerpt.log",
		     SL_LOG_BUILD);

	if (!q || !s)
		return;
	CHECK_STR(q->python, "3.10", "quoted copy: python");
	CHECK_STR(q->commit, "a75174f", "quoted copy: commit");
	CHECK(has_warning(q, "quoted copy") && has_warning(q, "ends before step"),
	      "quoted, cut: warned");
	CHECK(q->nsteps == 8 && q->steps[7].outcome == SL_STEP_NONE, "the cut step has no outcome");
	CHECK_STR(s->sdk_version, "5.33.0", "summary only: sdk from the cache-miss line");
	CHECK_STR(s->logs_unavailable, "SSE is not enabled", "logs unavailable");
	CHECK(s->python == NULL && s->nsteps == 0 && s->build_failed,
	      "summary only: no python invented");
	sl_buildlog_free(q);
	sl_buildlog_free(s);
}

/* ---- framing: SSE, chunks, damage ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct sl_buf b = SL_BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!fp)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		sl_buf_add(&b, chunk, n);
	fclose(fp);
	return sl_buf_detach(&b, len);
}

static void sse_equals_plain(void)
{
	struct sl_buildlog *p = read_log(NOMATCH ".log", SL_LOG_BUILD);
	struct sl_buildlog *s = read_log(NOMATCH ".sse", SL_LOG_BUILD);
	char *dp, *ds;

	if (!p || !s)
		return;
	CHECK(s->sse && !p->sse, "SSE detected");
	dp = digest(p, false);
	ds = digest(s, false);
	CHECK_STR(ds, dp, "SSE and plain give the same facts");
	CHECK(s->nwarnings == 0, "keep-alives are no warning");
	free(dp);
	free(ds);
	sl_buildlog_free(p);
	sl_buildlog_free(s);
}

static void chunking(void)
{
	static const size_t steps[] = {1, 2, 3, 7, 100, 4095, 8193};
	static const char *const files[] = {PYDANTIC, NOMATCH ".sse"};

	for (size_t f = 0; f < 2; f++) {
		size_t len;
		char *data = slurp(files[f], &len);
		struct sl_buildlog *whole = read_log(files[f], SL_LOG_BUILD);
		char *want = whole ? digest(whole, true) : NULL;
		for (size_t i = 0; data && want && i < sizeof(steps) / sizeof(steps[0]); i++) {
			struct sl_err err = {0};
			int rc;
			struct sl_buildlog *log = feed(data, len, steps[i], &err, &rc);
			char *got = digest(log, true);
			CHECK(rc == 0, "chunks of %zu: %s", steps[i], err.msg);
			CHECK_STR(got, want, files[f]);
			free(got);
			sl_buildlog_free(log);
		}
		free(want);
		free(data);
		sl_buildlog_free(whole);
	}
}

static void sse_cut(void)
{
	size_t len;
	char *data = slurp(NOMATCH ".sse", &len);
	struct sl_err err = {0};
	int rc;
	struct sl_buildlog *log;
	char *cut;

	if (!data)
		return;
	/* cut inside the event of the ERROR: line */
	cut = strstr(data, "ERROR: No matching");
	log = feed(data, (size_t)(cut - data), 0, &err, &rc);
	CHECK(rc == 0, "a cut stream still reads: %s", err.msg);
	CHECK(has_warning(log, "ends inside an event"), "the cut is reported");
	CHECK(log->nfailures == 1 && log->failures[0].kind == SL_FAIL_NO_DISTRIBUTION,
	      "what came before is kept");
	CHECK(find_obs(log, "psutil", SL_EV_MENTION) != NULL, "observations before the cut kept");
	sl_buildlog_free(log);
	free(data);
}

static void damaged(void)
{
	struct sl_err err = {0};
	int rc;
	struct sl_buildlog *log;
	static const char elf[] = "\x7f"
				  "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
	char junk[512];

	log = feed(elf, sizeof(elf) - 1, 0, &err, &rc);
	CHECK(rc == SL_EPARSE && strstr(err.msg, "binary"), "binary refused: %s", err.msg);
	sl_buildlog_free(log);
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7);
	log = feed(junk, sizeof(junk), 13, &err, &rc);
	CHECK(rc == SL_EPARSE, "control bytes refused");
	sl_buildlog_free(log);

	static const char nul[] = "Collecting fo\0o\nSuccessfully installed foo-1.0\n";
	log = feed(nul, sizeof(nul) - 1, 0, &err, &rc);
	CHECK(rc == 0 && has_warning(log, "t.log:1: NUL bytes"),
	      "NUL bytes: warned with file:line");
	CHECK(find_obs(log, "foo", SL_EV_PIP) != NULL, "the line still reads");
	sl_buildlog_free(log);

	log = feed_str("Successfully installed a-1.0 \xff\xfe-2.0 b-2.0\n\xc3\x28\n");
	CHECK(has_warning(log, "invalid UTF-8") && log->nwarnings <= 3,
	      "invalid UTF-8: one warning");
	CHECK(find_obs(log, "a", SL_EV_PIP) && find_obs(log, "b", SL_EV_PIP), "valid items kept");
	sl_buildlog_free(log);

	log = feed_str("--> RUN pip install -r requirements.txt\nCollecting x\n  Downloading "
		       "x-1.0-py3-none-any.whl");
	CHECK(find_obs(log, "x", SL_EV_PIP) != NULL, "a last line without newline is read");
	CHECK(has_warning(log, "ends before step"), "a truncated log is reported");
	sl_buildlog_free(log);

	log = feed_str("");
	CHECK(log->lines == 0 && log->nwarnings == 0 && log->obs.n == 0, "empty input");
	CHECK(sl_buildlog_feed(log, "x", 1, &err) == SL_EINVAL, "feed after finish is refused");
	sl_buildlog_free(log);
}

static void long_line(void)
{
	size_t n = 10 * 1024 * 1024;
	char *big = malloc(n + 64);
	struct sl_err err = {0};
	int rc;
	struct sl_buildlog *log;

	memcpy(big, "Collecting ", 11);
	memset(big + 11, 'a', n - 11);
	memcpy(big + n, "\nSuccessfully installed z-1.0\n", 30);
	log = feed(big, n + 30, 65536, &err, &rc);
	CHECK(rc == 0 && has_warning(log, "t.log:1: line longer than"),
	      "a 10 MB line is cut with a warning");
	CHECK(find_obs(log, "z", SL_EV_PIP) != NULL, "the next line is read");
	CHECK(log->lines == 2, "two lines");
	sl_buildlog_free(log);
	free(big);
}

static void bounded_observations(void)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_buildlog *log;

	for (int i = 0; i < SL_BUILDLOG_OBS_MAX + 10; i++)
		sl_buf_addf(&b, "Collecting p%d\n", i);
	log = feed_str(b.buf);
	CHECK(log->obs.n == SL_BUILDLOG_OBS_MAX && has_warning(log, "the rest are ignored"),
	      "observations per build are bounded (%zu)", log->obs.n);
	sl_buildlog_free(log);
	sl_buf_release(&b);
}

static void pip_semantics(void)
{
	struct sl_buildlog *log =
	    feed_str("Requirement already satisfied: y in /usr/lib/python3.10/site-packages (1.0)\n"
		     "Collecting x\n"
		     "  Downloading x-1.0-py3-none-any.whl (1 kB)\n"
		     "INFO: pip is looking at multiple versions of x\n"
		     "  Downloading x-0.9-py3-none-any.whl (1 kB)\n"
		     "Collecting y>=2 (from x)\n"
		     "  Using cached y-2.0.tar.gz (3 kB)\n"
		     "Attempting uninstall: y\n"
		     "    Found existing installation: y 1.0\n"
		     "    Successfully uninstalled y-1.0\n"
		     "Successfully installed x-0.9 y-2.0\n"
		     "Collecting pkg@ git+https://github.com/o/pkg.git@main\n"
		     "  Resolved https://github.com/o/pkg.git to commit "
		     "0123456789abcdef0123456789abcdef01234567\n"
		     "Successfully installed pkg-0.1\n");
	const struct sl_obs *pkg = NULL;
	size_t x = 0, y = 0;

	for (size_t i = 0; i < log->obs.n; i++) {
		const struct sl_obs *o = &log->obs.v[i];
		if (o->strength != SL_EV_PIP)
			continue;
		x += strcmp(o->name, "x") == 0 && strcmp(o->version, "0.9") == 0;
		y += strcmp(o->name, "y") == 0 && strcmp(o->version, "2.0") == 0;
		CHECK(strcmp(o->version, "1.0") != 0, "superseded %s 1.0 is no longer proven",
		      o->name);
		if (strcmp(o->name, "pkg") == 0)
			pkg = o;
	}
	CHECK(x == 2 && y == 2, "the installed versions stay proven (%zu, %zu)", x, y);
	CHECK(pkg && pkg->vcs_commit && strlen(pkg->vcs_commit) == 40 &&
		  strcmp(pkg->vcs_url, "git+https://github.com/o/pkg.git@main") == 0,
	      "a VCS install carries its URL and resolved commit");
	CHECK_STR(log->site_python, "3.10", "site-packages path");
	sl_buildlog_free(log);
}

static void run_log_freeze(void)
{
	struct sl_buildlog *log = feed_str(
	    "===== Application Startup at 2026-05-13 16:54:42 =====\n"
	    "\n"
	    "gradio==4.31.0\n"
	    "spaces @ "
	    "git+https://github.com/o/spaces.git@0123456789abcdef0123456789abcdef01234567\n"
	    "Package    Version\n"
	    "---------- -------\n"
	    "pydub      0.25.1\n"
	    "[{\"name\": \"numpy\", \"version\": \"1.26.4\"}]\n"
	    "x==not a version\n"
	    "Running on local URL:  http://0.0.0.0:7860\n");
	const struct sl_obs *o;

	o = find_obs(log, "gradio", SL_EV_INSTALLED);
	CHECK(o && strcmp(o->version, "4.31.0") == 0 && o->line == 3, "freeze line in a run log");
	CHECK(find_obs(log, "spaces", SL_EV_INSTALLED) && find_obs(log, "pydub", SL_EV_INSTALLED) &&
		  find_obs(log, "numpy", SL_EV_INSTALLED),
	      "direct URL, pip list table and JSON in a run log");
	CHECK(log->obs.n == 4, "app output is not a package (%zu observations)", log->obs.n);
	CHECK(log->has_run && !log->has_build && log->runs == 1,
	      "a run section, whatever kind was asked for");
	sl_buildlog_free(log);
}

static void builds_reset(void)
{
	size_t la, lb;
	char *a = slurp(NOMATCH ".log", &la);
	char *b = slurp(LOGS "2023-10-gradio-3.47.1-spaces-0.16.1-build.log", &lb);
	struct sl_buf both = SL_BUF_INIT;
	struct sl_err err = {0};
	int rc;
	struct sl_buildlog *log;

	if (!a || !b)
		return;
	sl_buf_add(&both, a, la);
	sl_buf_add(&both, b, lb);
	log = feed(both.buf, both.len, 4096, &err, &rc);
	CHECK(rc == 0 && log->builds == 2 && has_warning(log, "another build starts here"),
	      "two builds");
	CHECK_STR(log->commit, "e9e3061", "the last build is kept");
	CHECK(!log->build_failed && log->nfailures == 0 &&
		  find_obs(log, "psutil", SL_EV_MENTION) == NULL,
	      "nothing of the first build remains");
	sl_buildlog_free(log);
	sl_buf_release(&both);
	free(a);
	free(b);
}

/* all, written to a file, read by the skimming reader against the same
 * bytes fed as a stream: more than half the lines skimmed, and the same
 * facts and warnings (the label aside); it held `builds` builds. */
static void skims_like_stream(const struct sl_buf *all, bool sse, unsigned builds)
{
	char path[] = "/tmp/t_buildlog_skim_XXXXXX";
	struct sl_buildlog *a, *b;
	struct sl_err err = {0};
	int fd = mkstemp(path), rc;

	CHECK(fd >= 0 && write(fd, all->buf, all->len) == (ssize_t)all->len, "temp file");
	close(fd);
	a = read_log(path, SL_LOG_BUILD);
	b = feed(all->buf, all->len, 4096, &err, &rc);
	CHECK(rc == 0, "feed: %s", err.msg);
	CHECK(a->sse == sse && a->skimmed > a->lines / 2 && b->skimmed == 0,
	      "skimmed %lu of %lu lines, stream %lu", a->skimmed, a->lines, b->skimmed);
	CHECK(a->lines == b->lines && a->builds == b->builds && a->builds == builds,
	      "lines %lu/%lu builds %u/%u", a->lines, b->lines, a->builds, b->builds);
	CHECK(a->obs.n == b->obs.n && a->nsteps == b->nsteps && a->nfailures == b->nfailures,
	      "the kept build");
	CHECK(a->nwarnings == b->nwarnings && a->warnings_dropped == b->warnings_dropped,
	      "warnings %zu+%zu / %zu+%zu", a->nwarnings, a->warnings_dropped, b->nwarnings,
	      b->warnings_dropped);
	for (size_t i = 0; i < a->nwarnings && i < b->nwarnings; i++)
		CHECK(strcmp(a->warnings[i] + strlen(path), b->warnings[i] + strlen("t.log")) == 0,
		      "warning %zu: %s / %s", i, a->warnings[i], b->warnings[i]);
	unlink(path);
	sl_buildlog_free(a);
	sl_buildlog_free(b);
}

/* A file of many builds is skimmed up to its last header and says exactly
 * what the same bytes fed as a stream say; an SSE file too (its events
 * decoded, the lines before the last header event skimmed). */
static void skimmed_files(void)
{
	/* a run section is never skimmed (no build replaces it): the run log
	 * comes once, after the last build */
	const char *parts[] = {PYDANTIC, NOMATCH ".log", PIP "index-install.log"};
	const char *run = LOGS "2026-05-run-log-py3.13-audioop-missing.log";
	struct sl_buf all = SL_BUF_INIT, one = SL_BUF_INIT;
	struct sl_err err = {0};

	for (int r = 0; r < 30; r++)
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
			sl_buf_reset(&one);
			CHECK(sl_file_read(parts[i], 1 << 24, &one, &err) == 0, "%s", err.msg);
			sl_buf_add(&all, one.buf, one.len);
		}
	sl_buf_reset(&one);
	CHECK(sl_file_read(run, 1 << 24, &one, &err) == 0, "%s", err.msg);
	sl_buf_add(&all, one.buf, one.len);
	skims_like_stream(&all, false, 60);

	sl_buf_reset(&all);
	sl_buf_reset(&one);
	CHECK(sl_file_read(NOMATCH ".sse", 1 << 24, &one, &err) == 0, "%s", err.msg);
	for (int r = 0; r < 200; r++)
		sl_buf_add(&all, one.buf, one.len);
	skims_like_stream(&all, true, 200);
	sl_buf_release(&all);
	sl_buf_release(&one);
}

/* What is said about a build goes with it; what is said about the input
 * stays. */
static void warnings_of_replaced_builds(void)
{
	struct sl_buildlog *log =
	    feed_str("===== Build Queued at 2026-01-01 00:00:00 / Commit SHA: a =====\n"
		     "Successfully installed broken\n"
		     "bad \377 byte\n"
		     "===== Build Queued at 2026-01-02 00:00:00 / Commit SHA: b =====\n"
		     "Successfully installed also_broken\n");

	CHECK(!has_warning(log, "t.log:2:"), "a replaced build's content warning is dropped");
	CHECK(has_warning(log, "t.log:3: invalid UTF-8"), "damage stays");
	CHECK(has_warning(log, "t.log:4: another build"), "the header's warning stays");
	CHECK(has_warning(log, "t.log:5: 'also_broken'"), "the kept build's warning");
	CHECK(log->nwarnings == 3, "%zu warnings", log->nwarnings);
	sl_buildlog_free(log);
}

/* The plain sequence-by-sequence UTF-8 check the others must agree with:
 * the skim walk's vector check and sl_utf8_valid's shortcuts. */
static bool utf8_ok(const char *s, size_t n)
{
	uint32_t cp;

	for (size_t i = 0, k; i < n; i += k)
		if ((k = sl_utf8_next(s + i, n - i, &cp)) == 0)
			return false;
	return true;
}

/* Every sequence of one to four bytes from the bytes where UTF-8's rules
 * change, at offsets that cross the vector's lanes and ends: the vector
 * check (AVX2 CPUs only) says what the scalar one says. */
static void utf8_vector_check(void)
{
#if defined(__x86_64__) && defined(__GNUC__) /* the vector check exists there only */
	static const unsigned char bytes[] = {'a',  '\n', 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf,
					      0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee,
					      0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xff};
	static const size_t offsets[] = {0, 13, 29, 30, 31, 62, 66};
	const size_t nb = sizeof(bytes);
	size_t cases = 0, wrong = 0;
	char buf[70];

	if (!__builtin_cpu_supports("avx2"))
		return;
	for (size_t len = 1; len <= 4; len++) {
		size_t total = 1;
		for (size_t i = 0; i < len; i++)
			total *= nb;
		for (size_t code = 0; code < total; code++) {
			for (size_t o = 0; o < sizeof(offsets) / sizeof(offsets[0]); o++) {
				size_t c = code, at = offsets[o];
				memset(buf, 'x', sizeof(buf));
				for (size_t i = 0; i < len && at + i < sizeof(buf); i++, c /= nb)
					buf[at + i] = (char)bytes[c % nb];
				cases++;
				if (blog_skim_utf8_check(buf, sizeof(buf)) !=
					utf8_ok(buf, sizeof(buf)) ||
				    sl_utf8_valid(buf, sizeof(buf)) != utf8_ok(buf, sizeof(buf)))
					wrong++;
			}
		}
	}
	CHECK(wrong == 0, "%zu of %zu byte sequences judged otherwise than sl_utf8_next", wrong,
	      cases);
#endif
}

/* sl_utf8_invalid_at's shortcut for a bar of one repeated 3-byte
 * character: a different character, an invalid byte or a cut sequence at
 * any place in or after the bar is still found where it is. */
static void utf8_bars(void)
{
	static const char *const odd[] = {"\xe2\x94\x82", "\xff", "\xe2\x94", "\xe2x", "a"};
	char buf[256];
	size_t wrong = 0;

	for (size_t o = 0; o < sizeof(odd) / sizeof(odd[0]); o++) {
		for (size_t at = 0; at + 3 <= sizeof(buf); at += 3) {
			size_t len = at + strlen(odd[o]), want;
			for (size_t i = 0; i + 3 <= sizeof(buf); i += 3)
				memcpy(buf + i, "\xe2\x94\x81", 3); /* the bar: U+2501 */
			memcpy(buf + at, odd[o], strlen(odd[o]));
			want = utf8_ok(buf, len) ? len : at;
			if (sl_utf8_invalid_at(buf, len) != want)
				wrong++;
		}
	}
	CHECK(wrong == 0, "%zu bars judged otherwise", wrong);
}

int main(void)
{
	genuine_pip();
	cached_steps_prove_nothing();
	pydantic_failure();
	failure_kinds();
	quoted_and_summary_only();
	sse_equals_plain();
	chunking();
	sse_cut();
	damaged();
	long_line();
	bounded_observations();
	pip_semantics();
	run_log_freeze();
	builds_reset();
	skimmed_files();
	utf8_vector_check();
	utf8_bars();
	warnings_of_replaced_builds();
	return t_done();
}
