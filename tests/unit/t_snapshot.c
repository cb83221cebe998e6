/* t_snapshot.c: inputs -> lock: the card and requirements, build logs,
 * freezes and site-packages, the merge rule and its warnings, errors. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/fileio.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "spacelock/snapshot.h"
#include "test.h"

static char tmpdir[] = "/tmp/t_snapshot.XXXXXX";

static char *put(const char *name, const char *text)
{
	char *path = sl_xasprintf("%s/%s", tmpdir, name);
	struct sl_err err = {0};

	if (sl_file_write_atomic(path, text, strlen(text), &err) != 0)
		t_fail(__FILE__, __LINE__, "cannot write %s: %s", path, err.msg);
	return path;
}

static const struct sl_lock_incomplete *find_incomplete(const struct sl_lock *lock,
							const char *what)
{
	for (size_t i = 0; i < lock->n_incomplete; i++)
		if (strcmp(lock->incomplete[i].what, what) == 0)
			return &lock->incomplete[i];
	return NULL;
}

static bool has_warning(const struct sl_lock *lock, const char *part)
{
	for (size_t i = 0; i < lock->n_warnings; i++)
		if (strstr(lock->warnings[i], part))
			return true;
	return false;
}

static struct sl_lock *run(const struct sl_snapshot_inputs *in)
{
	struct sl_lock *lock = NULL;
	struct sl_err err = {0};

	if (sl_snapshot_run(in, &lock, &err) != 0) {
		t_fail(__FILE__, __LINE__, "snapshot failed: %s", err.msg);
		return NULL;
	}
	return lock;
}

/* The bundled example's files alone: the card and ranges, nothing proven. */
static void test_example_dir(void)
{
	struct sl_snapshot_inputs in = {.dir = "examples/repin-history", .dir_label = ""};
	struct sl_lock *lock = run(&in);
	const struct sl_lock_incomplete *e;

	if (!lock)
		return;
	CHECK_STR(lock->space.sdk, "gradio", "sdk");
	CHECK_STR(lock->space.sdk_version, "4.31.0", "sdk_version");
	CHECK_STR(lock->space.python_version, NULL, "no python_version declared");
	CHECK_STR(lock->space.app_file, "app.py", "app_file");
	CHECK(lock->n_packages == 0, "no version proven by ranges alone");
	e = find_incomplete(lock, "package 'psutil'");
	CHECK(e && strcmp(e->why, "requirements.txt:3 asks for 'psutil>=5.9.8' but no input shows "
				  "which version was installed") == 0,
	      "range requirement is unknown: %s", e ? e->why : "(none)");
	e = find_incomplete(lock, "package 'gradio'");
	CHECK(e && strstr(e->why, "install gradio==4.31.0 (expected, not proven)"),
	      "the sdk package is expected, not pinned");
	CHECK(find_incomplete(lock, "runtime python") != NULL, "python unknown without a log");
	e = find_incomplete(lock, "platform packages");
	CHECK(e && strstr(e->why, "(spaces, uvicorn, websockets)"),
	      "the builder's own packages are expected, not proven");
	CHECK(lock->runtime.python == NULL, "no python invented");
	sl_lock_free(lock);
}

/* The example with its build log: the interpreter and image from FROM, a
 * failed build said so, what pip chose still reported. */
static void test_example_log(void)
{
	struct sl_snapshot_file log = {"examples/repin-history/build.log", "build.log"};
	struct sl_snapshot_inputs in = {.dir = "examples/repin-history",
					.dir_label = "",
					.build_logs = &log,
					.n_build_logs = 1};
	struct sl_lock *lock = run(&in);
	const struct sl_lock_package *p;

	if (!lock)
		return;
	CHECK_STR(lock->runtime.python, "3.13", "python from the FROM line");
	CHECK_STR(lock->runtime.python_source, "build-log", "python source");
	CHECK_STR(lock->runtime.digest,
		  "sha256:f3c3ff2b5f0984abb65c1c0c17020c8117eae1a8c445e832810eb94f4abc87cd",
		  "digest");
	CHECK_STR(lock->runtime.built_commit, "6a05175", "built commit");
	CHECK_STR(lock->runtime.build_time, "2026-05-13 16:49:14", "build time");
	CHECK_STR(lock->runtime.build_status, "failed", "build status");
	CHECK(lock->runtime.n_platform_step == 6, "the sdk step's arguments (%zu)",
	      lock->runtime.n_platform_step);
	if (lock->runtime.n_platform_step == 6) {
		CHECK_STR(lock->runtime.platform_step[0], "-r requirements.txt",
			  "one resolver run with the requirements");
		CHECK_STR(lock->runtime.platform_step[4], "spaces", "spaces unpinned");
		CHECK_STR(lock->runtime.platform_step[5], "fastapi<0.113.0",
			  "as written, in order");
	}
	CHECK(find_incomplete(lock, "build") != NULL, "a failed build is not known-good");
	CHECK(find_incomplete(lock, "runtime python") == NULL, "python known");
	CHECK(find_incomplete(lock, "platform packages") == NULL,
	      "the log shows the platform step: each package is its own entry");
	p = sl_lock_find(lock, "pydantic");
	CHECK(!p || p->origin == SL_ORIGIN_DIRECT, "pydantic is direct when locked");
	CHECK(find_incomplete(lock, "package 'psutil'") != NULL, "psutil never reached");
	{
		const struct sl_lock_incomplete *e = find_incomplete(lock, "package 'pydantic'");
		CHECK(e && e->n_requests == 1 && e->requests[0].by == SL_ORIGIN_DIRECT &&
			  strcmp(e->requests[0].requirement, "pydantic>=2.9.0") == 0 &&
			  e->requests[0].line == 1,
		      "an unproven package keeps its requirement line, once");
	}
	p = sl_lock_find(lock, "gradio");
	CHECK(p && strcmp(p->version, "4.31.0") == 0 && p->origin == SL_ORIGIN_PLATFORM,
	      "the platform's pin wins the origin");
	/* both requests are kept, each with who made it and where */
	CHECK(p && p->n_requests == 2, "gradio has two requests (%zu)", p ? p->n_requests : 0);
	if (p && p->n_requests == 2) {
		const struct sl_lock_request *d = &p->requests[0], *f = &p->requests[1];
		CHECK(d->by == SL_ORIGIN_DIRECT && strcmp(d->requirement, "gradio>=4.40.0") == 0 &&
			  d->line == 2 && strstr(d->source, "requirements.txt") && !d->parent,
		      "the Space's request: requirements.txt:2 gradio>=4.40.0");
		CHECK(f->by == SL_ORIGIN_PLATFORM &&
			  strcmp(f->requirement, "gradio[oauth]==4.31.0") == 0 && f->line == 21 &&
			  strstr(f->source, "build.log"),
		      "the platform's request: build.log:21 gradio[oauth]==4.31.0");
	}
	CHECK(has_warning(lock, "'gradio' 4.31.0 is locked but requirements.txt:2 asks for "
				"'gradio>=4.40.0'"),
	      "a direct requirement the locked version does not satisfy is a warning");
	for (size_t i = 0; i < lock->n_incomplete; i++)
		CHECK(strncmp(lock->incomplete[i].what, "step '", 6) != 0 ||
			  strstr(lock->incomplete[i].why, "CACHED"),
		      "step entries are CACHED steps");
	for (size_t i = 0; i < lock->n_packages; i++)
		CHECK(lock->packages[i].n_evidence > 0 && lock->packages[i].version,
		      "every locked package has proof");
	sl_lock_free(lock);
}

/* Pins are evidence (the weakest); an unquoted 3.10 is flagged and still
 * the declared Python. */
static void test_pins(void)
{
	char *readme =
	    put("README.md", "---\nsdk: gradio\nsdk_version: 4.44.1\npython_version: 3.10\n"
			     "preload_from_hub:\n  - org/model a.bin\n---\n# x\n");
	char *req =
	    put("requirements.txt", "Pydantic_Core==2.18.2 ; python_version<'4'\n"
				    "psutil>=5\ngit+https://github.com/a/b.git@main#egg=bee\n");
	char *pk = put("packages.txt", "ffmpeg\nlibsm6 libxext6\n");
	struct sl_snapshot_inputs in = {.dir = tmpdir, .dir_label = "space"};
	struct sl_lock *lock = run(&in);
	const struct sl_lock_package *p;

	if (lock) {
		p = sl_lock_find(lock, "pydantic-core");
		CHECK(p && strcmp(p->version, "2.18.2") == 0 && p->origin == SL_ORIGIN_DIRECT,
		      "exact pin locked under its canonical name");
		CHECK(p && p->n_evidence == 1 && p->evidence[0].kind == SL_EV_PIN &&
			  strcmp(p->evidence[0].source, "space/requirements.txt") == 0 &&
			  p->evidence[0].line == 1,
		      "pin evidence with file and line");
		CHECK(p && p->n_requests == 1 && p->requests[0].by == SL_ORIGIN_DIRECT &&
			  strstr(p->requests[0].requirement, "Pydantic_Core==2.18.2") &&
			  p->requests[0].line == 1,
		      "requirement line kept as a direct request");
		CHECK(find_incomplete(lock, "package 'psutil'") != NULL, "range unknown");
		CHECK(find_incomplete(lock, "package 'bee'") != NULL, "VCS branch unknown");
		CHECK_STR(lock->runtime.python, "3.10", "declared python used");
		CHECK_STR(lock->runtime.python_source, "card", "python from the card");
		CHECK(has_warning(lock, "space/README.md:4:17: 'python_version: 3.10' is unquoted"),
		      "unquoted 3.10 flagged");
		CHECK(lock->space.n_preload_from_hub == 1 && lock->space.n_system_packages == 3,
		      "preload and packages.txt");
		CHECK(lock->n_inputs == 3, "card, requirements, packages inputs");
	}
	sl_lock_free(lock);
	unlink(readme);
	unlink(req);
	unlink(pk);
	free(readme);
	free(req);
	free(pk);
}

/* A freeze beats pip's lines; the disagreement is a warning; what pip
 * named without a version stays unknown. */
static void test_merge_rule(void)
{
	char *log =
	    put("b.log", "===== Build Queued at 2026-05-01 10:00:00 / Commit SHA: abc1234 =====\n"
			 "\n"
			 "--> FROM docker.io/library/python:3.10@sha256:0123\n"
			 "DONE 0.0s\n"
			 "\n"
			 "--> RUN pip install --no-cache-dir -r requirements.txt\n"
			 "Collecting alpha==1.2\n"
			 "  Downloading alpha-1.2-py3-none-any.whl (10 kB)\n"
			 "Collecting beta (from alpha==1.2)\n"
			 "Successfully installed alpha-1.2\n"
			 "DONE 3.0s\n");
	char *fz = put("freeze.json", "[{\"name\": \"alpha\", \"version\": \"1.3\"}, "
				      "{\"name\": \"gamma\", \"version\": \"0.1\"}]\n");
	struct sl_snapshot_file lf = {log, "build.log"}, ff = {fz, "freeze.json"};
	struct sl_snapshot_inputs in = {
	    .build_logs = &lf, .n_build_logs = 1, .freezes = &ff, .n_freezes = 1};
	struct sl_lock *lock = run(&in);
	const struct sl_lock_package *p;

	if (lock) {
		p = sl_lock_find(lock, "alpha");
		CHECK(p && strcmp(p->version, "1.3") == 0, "installed beats pip");
		CHECK(p && p->n_evidence >= 2, "both kept as evidence");
		CHECK(has_warning(lock, "'alpha': build.log:"), "disagreement reported");
		CHECK(has_warning(lock, "but freeze.json shows 1.3 (installed); 1.3 is kept"),
		      "winner named");
		CHECK(sl_lock_find(lock, "gamma") != NULL, "freeze-only package");
		CHECK(sl_lock_find(lock, "beta") == NULL && find_incomplete(lock, "package 'beta'"),
		      "no version for beta: unknown, not invented");
		CHECK_STR(lock->runtime.python, "3.10", "python from FROM");
		CHECK_STR(lock->runtime.build_status, "succeeded", "build status");
	}
	sl_lock_free(lock);
	unlink(log);
	unlink(fz);
	free(log);
	free(fz);
}

/* pip freeze text next to a JSON list: both installed, the later input
 * wins and the two disagree in a warning; CRLF and a missing final
 * newline are fine. */
static void test_freeze_text(void)
{
	char *a =
	    put("a.txt",
		"# comment\r\nAlpha_Pkg==1.3\r\nbeta @ https://x.org/beta-2.0-py3-none-any.whl");
	char *b = put("b.json", "[{\"name\": \"alpha-pkg\", \"version\": \"1.4\"}]");
	struct sl_snapshot_file f[2] = {{a, "a.txt"}, {b, "b.json"}};
	struct sl_snapshot_inputs in = {.freezes = f, .n_freezes = 2};
	struct sl_lock *lock = run(&in);
	const struct sl_lock_package *p;

	if (lock) {
		p = sl_lock_find(lock, "alpha-pkg");
		CHECK(p && strcmp(p->version, "1.4") == 0, "later installed evidence wins");
		CHECK(has_warning(lock,
				  "'alpha-pkg': a.txt:2 shows 1.3 (installed) but b.json shows "
				  "1.4 (installed); 1.4 is kept"),
		      "installed vs installed disagreement");
		p = sl_lock_find(lock, "beta");
		CHECK(p && strcmp(p->version, "2.0") == 0 && p->vcs_url,
		      "version from a wheel URL");
	}
	sl_lock_free(lock);
	unlink(a);
	unlink(b);
	free(a);
	free(b);
}

static void test_site_packages(void)
{
	struct sl_snapshot_inputs in = {.site_packages = "tests/fixtures/site-packages/direct"};
	struct sl_lock *lock = run(&in);
	const struct sl_lock_package *p;

	if (!lock)
		return;
	p = sl_lock_find(lock, "tinyvcs");
	CHECK(p && strcmp(p->version, "0.3.1") == 0, "installed version");
	CHECK(p && p->vcs_commit &&
		  strcmp(p->vcs_commit, "04a31e9c631d1b5dfa102d49dbdf43ea6c328376") == 0,
	      "VCS commit from direct_url.json");
	CHECK(p && p->n_evidence == 1 && p->evidence[0].kind == SL_EV_INSTALLED, "installed kind");
	CHECK(sl_lock_find(lock, "tiny-local") != NULL, "canonical name of Tiny.Local");
	CHECK(find_incomplete(lock, "runtime python") != NULL, "no interpreter in this path");
	sl_lock_free(lock);
}

/* Each real log alone: interpreter, outcome, how much it proves. */
static void log_case(char **f, int n, int lineno)
{
	char *path, ctx[300];
	struct sl_snapshot_file file;
	struct sl_snapshot_inputs in = {0};
	struct sl_lock *lock;

	if (n < 7) {
		t_fail(__FILE__, __LINE__, "snapshot.data:%d: 7 fields expected", lineno);
		return;
	}
	path = sl_xasprintf("tests/fixtures/logs/%s", f[0]);
	file.path = path;
	file.label = f[0];
	if (strcmp(f[1], "run") == 0) {
		in.run_logs = &file;
		in.n_run_logs = 1;
	} else {
		in.build_logs = &file;
		in.n_build_logs = 1;
	}
	snprintf(ctx, sizeof(ctx), "snapshot.data:%d %s", lineno, f[0]);
	lock = run(&in);
	if (lock) {
		const struct sl_lock_package *p = NULL;
		char *eq = strstr(f[6], "==");
		CHECK_STR(lock->runtime.python, strcmp(f[2], "-") ? f[2] : NULL, ctx);
		CHECK_STR(lock->runtime.build_status, strcmp(f[3], "-") ? f[3] : NULL, ctx);
		CHECK(lock->n_packages == strtoul(f[4], NULL, 10), "%s: %zu packages", ctx,
		      lock->n_packages);
		CHECK((lock->n_incomplete > 0) == (f[5][0] == '1'), "%s: completeness", ctx);
		if (eq) {
			*eq = '\0';
			p = sl_lock_find(lock, f[6]);
			CHECK(p && strcmp(p->version, eq + 2) == 0, "%s: %s==%s", ctx, f[6],
			      eq + 2);
		}
		for (size_t i = 0; i < lock->n_packages; i++)
			CHECK(lock->packages[i].n_evidence > 0, "%s: proof", ctx);
	}
	sl_lock_free(lock);
	free(path);
}

/* A 2023 build: the sdk has its own step, spaces pinned by the platform,
 * no "-r requirements.txt" in it. */
static void test_platform_step_2023(void)
{
	struct sl_snapshot_file file = {
	    "tests/fixtures/logs/2023-10-gradio-3.47.1-spaces-0.16.1-build.log", "build.log"};
	struct sl_snapshot_inputs in = {.build_logs = &file, .n_build_logs = 1};
	struct sl_lock *lock = run(&in);
	const struct sl_lock_runtime *r;

	if (!lock)
		return;
	r = &lock->runtime;
	CHECK(r->n_platform_step == 3, "three arguments (%zu)", r->n_platform_step);
	if (r->n_platform_step == 3) {
		CHECK_STR(r->platform_step[0], "gradio[oauth]==3.47.1", "the sdk pin first");
		CHECK_STR(r->platform_step[2], "spaces==0.16.1", "spaces pinned in 2023");
	}
	sl_lock_free(lock);
}

/* The richest real log: pip's "already satisfied" lines prove what the
 * CACHED base step installed; the backtracked websockets is the final one. */
static void test_real_uncached(void)
{
	struct sl_snapshot_file file = {
	    "tests/fixtures/logs/2026-05-gradio-4.31.0-py3.13-build-pydantic-core-fail.log",
	    "build.log"};
	struct sl_snapshot_inputs in = {.build_logs = &file, .n_build_logs = 1};
	struct sl_lock *lock = run(&in);
	const struct sl_lock_package *p;

	if (!lock)
		return;
	p = sl_lock_find(lock, "huggingface-hub");
	CHECK(p && strcmp(p->version, "1.14.0") == 0 && p->origin == SL_ORIGIN_TRANSITIVE &&
		  p->n_required_by == 1 && strcmp(p->required_by[0], "gradio") == 0,
	      "already satisfied: version and parent");
	p = sl_lock_find(lock, "pydantic");
	CHECK(p && strcmp(p->version, "2.7.1") == 0 && p->origin == SL_ORIGIN_DIRECT, "direct pin");
	p = sl_lock_find(lock, "spaces");
	CHECK(p && p->origin == SL_ORIGIN_PLATFORM, "spaces injected by the platform");
	CHECK(find_incomplete(lock, "build") != NULL, "failed build said so");
	CHECK(find_incomplete(lock, "package 'datasets'") != NULL,
	      "named in the CACHED base step, no version: unknown");
	sl_lock_free(lock);
}

/* A damaged environment still snapshots; what was skipped is said. */
static void test_site_broken(void)
{
	struct sl_snapshot_inputs in = {.site_packages = "tests/fixtures/site-packages/broken"};
	struct sl_lock *lock = run(&in);

	if (!lock)
		return;
	CHECK(has_warning(lock, "'six' is installed twice"), "duplicate install warned");
	CHECK(has_warning(lock, "nometa-1.0.dist-info"), "skipped dist warned");
	CHECK(sl_lock_find(lock, "six") && sl_lock_find(lock, "badver") == NULL,
	      "a version with spaces proves nothing");
	CHECK(find_incomplete(lock, "package 'badver'") != NULL, "so it is unknown");
	for (size_t i = 0; i < 3; i++) {
		static const char *const name[] = {"nometa", "noversion", "nul"};
		char *what = sl_xasprintf("package '%s'", name[i]);
		const struct sl_lock_incomplete *e = find_incomplete(lock, what);
		CHECK(e != NULL, "skipped %s is unknown, not forgotten", name[i]);
		CHECK(e && strstr(e->why, "dist-info") && e->remedy, "why names the file: %s",
		      e ? e->why : "");
		CHECK(sl_lock_find(lock, name[i]) == NULL, "%s not locked", name[i]);
		free(what);
	}
	sl_lock_free(lock);
}

static void fail_case(const struct sl_snapshot_inputs *in, int code, const char *part)
{
	struct sl_lock *lock = NULL;
	struct sl_err err = {0};
	int rc = sl_snapshot_run(in, &lock, &err);

	CHECK(rc == code && lock == NULL, "expected error %d, got %d (%s)", code, rc, err.msg);
	CHECK(strstr(err.msg, part) != NULL, "message '%s' has '%s'", err.msg, part);
}

static void test_errors(void)
{
	struct sl_snapshot_inputs none = {0};
	struct sl_snapshot_inputs missing = {.dir = "tests/fixtures/no-such-dir"};
	struct sl_snapshot_file bin = {NULL, "bin.log"};
	struct sl_snapshot_inputs binlog = {.build_logs = &bin, .n_build_logs = 1};
	struct sl_snapshot_inputs site = {.site_packages = "tests/fixtures/no-such-site"};
	char *readme;
	struct sl_snapshot_inputs yaml = {.dir = tmpdir, .dir_label = ""};

	fail_case(&none, SL_EINVAL, "nothing to snapshot");
	fail_case(&missing, SL_EIO, "no-such-dir/README.md");
	bin.path = put("bin.log", "\x7f"
				  "ELF\x01\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0");
	fail_case(&binlog, SL_EPARSE, "bin.log");
	fail_case(&site, SL_ENOTFOUND, "no-such-site");
	readme = put("README.md", "---\nsdk: gradio\ntitle: [oops\n---\n");
	fail_case(&yaml, SL_EPARSE, "README.md:4:1: invalid YAML");
	unlink(readme);
	free(readme);
	readme = put("README.md", "# no card\n");
	fail_case(&yaml, SL_EPARSE, "README.md:1: no front matter");
	unlink(readme);
	unlink(bin.path);
	free((char *)bin.path);
	free(readme);
}

/* What makes a directory a Space checkout for `snapshot` with no input. */
static void test_is_checkout(void)
{
	static const struct {
		const char *readme; /* NULL: no README.md */
		int yes;
	} cases[] = {
	    {"---\nsdk: gradio\n---\n", 1},
	    {"\xef\xbb\xbf---\r\nsdk: gradio\r\n---\r\n", 1},
	    {"---  \nsdk: gradio\n---\n", 1},
	    {"# A project\n---\n", 0},
	    {"----\n", 0},
	    {"---", 0},
	    {"", 0},
	    {NULL, 0},
	};
	char *readme = sl_xasprintf("%s/README.md", tmpdir);

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unlink(readme);
		if (cases[i].readme)
			free(put("README.md", cases[i].readme));
		CHECK(sl_snapshot_is_checkout(tmpdir) == (cases[i].yes == 1),
		      "is_checkout case %zu should be %d", i, cases[i].yes);
	}
	unlink(readme);
	free(put("requirements.txt", "numpy\n"));
	CHECK(sl_snapshot_is_checkout(tmpdir), "a requirements.txt alone is a checkout");
	CHECK(!sl_snapshot_is_checkout("/nonexistent-dir"), "a missing directory is not");
	free(readme);
	readme = sl_xasprintf("%s/requirements.txt", tmpdir);
	unlink(readme);
	free(readme);
}

int main(void)
{
	if (!mkdtemp(tmpdir))
		return 1;
	test_example_dir();
	test_example_log();
	test_pins();
	test_merge_rule();
	test_freeze_text();
	t_each_case(T_DATA("snapshot.data"), log_case);
	test_real_uncached();
	test_platform_step_2023();
	test_site_packages();
	test_site_broken();
	test_errors();
	test_is_checkout();
	rmdir(tmpdir);
	return t_done();
}
