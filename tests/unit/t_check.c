/* t_check.c: the check library on small locks built in memory: the
 * standards' corner cases (pre-releases, local versions, PEP 685 extras,
 * markers, direct URLs, invalid versions), grouping, the python target,
 * metadata sources and --update-lock. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/check.h"
#include "spacelock/lock.h"
#include "test.h"

/* A package spec: "name version" then Requires-Dist lines. */
struct pk {
	const char *name, *version;
	const char *rp;		 /* Requires-Python or NULL */
	const char *reqs[6];	 /* NULL-terminated */
	const char *extras[3];	 /* NULL-terminated */
	int origin;		 /* enum sl_origin */
	const char *requirement; /* the request, or NULL */
	int no_meta;
};

static struct sl_lock *make_lock(const char *python, const struct pk *p, size_t n)
{
	struct sl_lock *lock = sl_lock_new();

	sl_lock_set(&lock->runtime.python, python);
	for (size_t i = 0; i < n; i++) {
		struct sl_lock_package *lp = sl_lock_add_package(lock, p[i].name, p[i].version);
		size_t nr = 0, ne = 0;
		while (p[i].reqs[nr])
			nr++;
		while (p[i].extras[ne])
			ne++;
		lp->origin = (enum sl_origin)p[i].origin;
		if (p[i].requirement) {
			struct sl_lock_request q = {lp->origin, (char *)p[i].requirement, NULL, 0,
						    NULL};
			sl_lock_package_add_request(lp, &q);
		}
		if (!p[i].no_meta)
			sl_lock_package_set_metadata(lp, p[i].reqs, nr, p[i].rp, p[i].extras, ne);
	}
	return lock;
}

/* Runs a check of the lock; returns the report (released by done()). */
static struct sl_check *run(struct sl_lock *lock, const char *python, const char *wheels,
			    struct sl_check_report *r)
{
	struct sl_check *c = sl_check_new();
	struct sl_check_options o = {python, NULL, wheels, true, NULL};
	struct sl_err err = {0};

	CHECK(sl_check_load_lock(c, lock, &o, &err) == 0, "load: %s", err.msg);
	CHECK(sl_check_run(c, r, &err) == 0, "run: %s", err.msg);
	return c;
}

static void done(struct sl_check *c, struct sl_check_report *r, struct sl_lock *lock)
{
	sl_check_report_release(r);
	sl_check_free(c);
	sl_lock_free(lock);
}

/* The libsolv proof must agree with the direct walk. */
static void agrees(const struct sl_check_report *r)
{
	size_t hard = 0;
	for (size_t i = 0; i < r->n_problems; i++)
		hard += r->problems[i].kind != SL_CHECK_UNVERIFIABLE;
	CHECK((hard > 0) == (r->solver_problems > 0), "libsolv %zu vs direct %zu",
	      r->solver_problems, hard);
}

static void test_prerelease_and_local(void)
{
	struct pk p[] = {
	    {"app",
	     "1.0",
	     NULL,
	     {"lib>=1.0", "torch==2.1.0", "torch>=2.1", NULL},
	     {NULL},
	     1,
	     "app",
	     0},
	    {"lib", "1.1b1", NULL, {NULL}, {NULL}, 3, NULL, 0},
	    {"torch", "2.1.0+cpu", NULL, {NULL}, {NULL}, 3, NULL, 0},
	};
	struct sl_lock *lock = make_lock("3.12", p, 3);
	struct sl_check_report r;
	struct sl_check *c = run(lock, NULL, NULL, &r);

	CHECK(r.consistent, "an installed pre-release and a local version satisfy (%zu problems)",
	      r.n_problems);
	agrees(&r);
	done(c, &r, lock);
}

static void test_local_excluded_by_gt(void)
{
	struct pk p[] = {
	    {"app", "1.0", NULL, {"torch>2.1.0", NULL}, {NULL}, 0, NULL, 0},
	    {"torch", "2.1.0+cpu", NULL, {NULL}, {NULL}, 0, NULL, 0},
	};
	struct sl_lock *lock = make_lock("3.12", p, 2);
	struct sl_check_report r;
	struct sl_check *c = run(lock, NULL, NULL, &r);

	CHECK(r.n_problems == 1 && r.problems[0].kind == SL_CHECK_MISMATCH,
	      ">2.1.0 refuses 2.1.0+cpu");
	if (r.n_problems == 1) {
		CHECK_STR(r.problems[0].installed, "2.1.0+cpu", "installed as written");
		CHECK_STR(r.problems[0].target, "torch", "target");
	}
	agrees(&r);
	done(c, &r, lock);
}

static void test_extras_pep685_and_markers(void)
{
	struct pk p[] = {
	    {"app",
	     "1.0",
	     NULL,
	     {"Lib[Foo.Bar]>=1", "winlib; sys_platform == \"win32\"",
	      "oldlib; python_version < \"3.10\"", NULL},
	     {NULL},
	     0,
	     NULL,
	     0},
	    {"lib",
	     "1.0",
	     NULL,
	     {"fancy>=2; extra == \"foo_bar\"", "other; extra == 'unused'", NULL},
	     {"foo-bar", "unused", NULL},
	     0,
	     NULL,
	     0},
	    {"fancy", "1.5", NULL, {NULL}, {NULL}, 0, NULL, 0},
	};
	struct sl_lock *lock = make_lock("3.12", p, 3);
	struct sl_check_report r;
	struct sl_check *c = run(lock, NULL, NULL, &r);

	CHECK(r.n_problems == 1, "only the requested extra's requirement counts (%zu)",
	      r.n_problems);
	if (r.n_problems == 1) {
		CHECK_STR(r.problems[0].package, "lib", "package");
		CHECK_STR(r.problems[0].extra, "foo-bar", "extra, normalised");
		CHECK_STR(r.problems[0].installed, "1.5", "fancy's version");
	}
	agrees(&r);
	done(c, &r, lock);
}

static void test_python_target(void)
{
	struct pk p[] = {
	    {"new", "1.0", ">=3.14", {NULL}, {NULL}, 0, NULL, 0},
	    {"old", "1.0", "<3", {NULL}, {NULL}, 0, NULL, 0},
	    {"ok",
	     "1.0",
	     ">=3.8",
	     {"dep; python_full_version < \"3.13.2\"", NULL},
	     {NULL},
	     0,
	     NULL,
	     0},
	};
	struct sl_lock *lock = make_lock("3.13.5", p, 3);
	struct sl_check_report r;
	struct sl_check *c = run(lock, NULL, NULL, &r);

	CHECK(r.n_problems == 2 && r.n_groups == 1, "two python problems, one group");
	CHECK_STR(r.python, "3.13.5", "target from runtime.python");
	for (size_t i = 0; i < r.n_problems; i++) {
		CHECK(r.problems[i].kind == SL_CHECK_PYTHON, "kind python");
		CHECK_STR(r.problems[i].installed, "3.13.5", "installed is the target");
	}
	agrees(&r);
	done(c, &r, lock);
	/* --python overrides the lock; now the marker holds and dep is missing */
	lock = make_lock("3.13.5", p, 3);
	c = run(lock, "3.13.1", NULL, &r);
	CHECK(r.n_problems == 3, "3.13.1: dep is required too (%zu)", r.n_problems);
	done(c, &r, lock);
}

static void test_grouping_and_missing(void)
{
	struct pk p[] = {
	    {"a", "1.0", NULL, {"pydantic<2", "gone>=1", NULL}, {NULL}, 0, NULL, 0},
	    {"b", "2.0", NULL, {"pydantic<2.0", "gone", NULL}, {NULL}, 0, NULL, 0},
	    {"pydantic", "2.7.1", NULL, {NULL}, {NULL}, 0, NULL, 0},
	    {"x", "0.1", NULL, {NULL}, {NULL}, 0, NULL, 1},
	};
	struct sl_lock *lock = make_lock("3.11", p, 4);
	struct sl_check_report r;
	struct sl_check *c = run(lock, NULL, NULL, &r);

	CHECK(r.n_problems == 5 && r.n_groups == 3, "5 problems in 3 groups (%zu, %zu)",
	      r.n_problems, r.n_groups);
	for (size_t g = 0; g < r.n_groups; g++) {
		if (r.groups[g].kind == SL_CHECK_MISMATCH) {
			CHECK_STR(r.groups[g].name, "pydantic", "root cause");
			CHECK_STR(r.groups[g].version, "2.7.1", "root version");
			CHECK(r.groups[g].count == 2, "both requirers in the group");
		}
		if (r.groups[g].kind == SL_CHECK_UNVERIFIABLE)
			CHECK_STR(r.groups[g].name, "x", "x has no metadata");
	}
	CHECK(!r.consistent, "not consistent");
	agrees(&r);
	done(c, &r, lock);
}

static void test_url_and_invalid_version(void)
{
	struct pk p[] = {
	    {"app",
	     "1.0",
	     NULL,
	     {"pkg @ https://example.invalid/pkg-1.0.whl", "legacy", "legacy2>=1", NULL},
	     {NULL},
	     0,
	     NULL,
	     0},
	    {"pkg", "1.0", NULL, {NULL}, {NULL}, 0, NULL, 0},
	    {"legacy", "not a version", NULL, {NULL}, {NULL}, 0, NULL, 0},
	    {"legacy2", "1.0-beta-x", NULL, {NULL}, {NULL}, 0, NULL, 0},
	};
	struct sl_lock *lock = make_lock("3.11", p, 4);
	struct sl_check_report r;
	struct sl_check *c = run(lock, NULL, NULL, &r);

	CHECK(r.n_problems == 1,
	      "a URL needs presence only; an invalid version matches no specifier");
	if (r.n_problems == 1)
		CHECK_STR(r.problems[0].target, "legacy2", "the specifier on an invalid version");
	agrees(&r);
	done(c, &r, lock);
}

static void test_requests_and_chain(void)
{
	struct pk p[] = {
	    {"gradio",
	     "4.44.1",
	     NULL,
	     {"authlib; extra == \"oauth\"", NULL},
	     {"oauth", NULL},
	     2,
	     "gradio[oauth]==4.31.0",
	     0},
	    {"authlib", "1.3.2", NULL, {"cryptography", NULL}, {NULL}, 3, NULL, 0},
	};
	struct sl_lock *lock = make_lock("3.13", p, 2);
	struct sl_check_report r;
	struct sl_check *c;

	sl_lock_set(&lock->space.sdk_version, "4.31.0");
	sl_lock_package_add_parent(sl_lock_find(lock, "authlib"), "gradio");
	c = run(lock, NULL, NULL, &r);
	CHECK(r.n_problems == 2, "the platform request and the extra's chain (%zu)", r.n_problems);
	for (size_t i = 0; i < r.n_problems; i++) {
		const struct sl_check_problem *q = &r.problems[i];
		if (q->requested_by) {
			CHECK_STR(q->requested_by, "platform", "who requests");
			CHECK_STR(q->installed, "4.44.1", "locked gradio");
		} else {
			CHECK_STR(q->target, "cryptography", "authlib's missing requirement");
			CHECK_STR(q->why,
				  "required by gradio 4.44.1, which the platform installs as "
				  "gradio[oauth]==4.31.0 for sdk_version 4.31.0",
				  "the chain");
		}
	}
	agrees(&r);
	done(c, &r, lock);
}

static void test_wheels_and_store(void)
{
	struct pk p[] = {
	    {"starlette", "0.38.6", NULL, {NULL}, {NULL}, 1, "starlette", 1},
	    {"anyio", "4.6.0", NULL, {NULL}, {NULL}, 3, NULL, 1},
	    {"idna", "3.10", NULL, {NULL}, {NULL}, 3, NULL, 1},
	    {"sniffio", "1.3.1", NULL, {NULL}, {NULL}, 3, NULL, 1},
	};
	struct sl_lock *lock = make_lock("3.13", p, 4);
	struct sl_check_report r;
	struct sl_check *c = run(lock, NULL, "tests/fixtures/check/wheels", &r);

	CHECK(r.consistent, "metadata from wheels makes it checkable");
	CHECK(sl_check_store_metadata(c, lock) == 4, "four packages gain metadata");
	CHECK(sl_lock_find(lock, "anyio")->metadata &&
		  sl_lock_find(lock, "anyio")->metadata->n_requires_dist == 4,
	      "anyio's Requires-Dist stored");
	sl_check_report_release(&r);
	sl_check_free(c);
	c = run(lock, NULL, NULL, &r);
	CHECK(r.consistent, "the updated lock needs nothing else");
	CHECK(sl_check_store_metadata(c, lock) == 0, "nothing new to store");
	done(c, &r, lock);
}

static void test_fixes(void)
{
	struct pk p[] = {
	    {"starlette", "0.41.0", NULL, {NULL}, {NULL}, 3, NULL, 0},
	    {"fastapi",
	     "0.112.4",
	     NULL,
	     {"starlette<0.39.0,>=0.37.2", NULL},
	     {NULL},
	     1,
	     "fastapi==0.112.4",
	     0},
	};
	struct sl_lock *lock = make_lock("3.13", p, 2);
	struct sl_check_report r;
	struct sl_check *c = run(lock, NULL, "tests/fixtures/check/wheels", &r);

	CHECK(r.alternatives && r.n_solutions >= 1, "a fix from the wheels folder");
	for (size_t i = 0; r.n_solutions && i < r.solutions[0].n; i++) {
		/* 0.38.6 needs anyio, idna and sniffio: the fix adds them */
		const struct sl_check_action *a = &r.solutions[0].actions[i];
		if (a->step == SL_CHECK_ADD)
			continue;
		CHECK(a->step == SL_CHECK_DOWNGRADE, "the rest is one downgrade");
		CHECK_STR(a->name, "starlette", "of starlette");
		CHECK_STR(a->from, "0.41.0", "from");
		CHECK_STR(a->to, "0.38.6", "to, as written");
	}
	CHECK(r.n_solutions && r.solutions[0].n == 4, "downgrade + three additions");
	done(c, &r, lock);
}

static void test_site_python_guess(void)
{
	char dir[] = "/tmp/t_check.XXXXXX", path[512];
	struct sl_check *c = sl_check_new();
	struct sl_check_options o = {NULL, path, NULL, true, NULL};
	struct sl_check_report r;
	struct sl_err err = {0};
	FILE *f;

	CHECK(mkdtemp(dir) != NULL, "temp dir");
	snprintf(path, sizeof(path), "%s/lib", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/lib/python3.12", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/lib/python3.12/site-packages", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/pyvenv.cfg", dir);
	f = fopen(path, "w");
	if (f) {
		fputs("home = /usr/bin\nversion = 3.12.4\n", f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/lib/python3.12/site-packages", dir);
	CHECK(sl_check_load_site(c, &o, &err) == 0, "load site: %s", err.msg);
	CHECK(sl_check_run(c, &r, &err) == 0, "run");
	CHECK_STR(r.python, "3.12.4", "python from the path, refined by pyvenv.cfg");
	CHECK(r.consistent && r.n_packages == 0, "an empty environment is consistent");
	sl_check_report_release(&r);
	sl_check_free(c);
	c = sl_check_new();
	snprintf(path, sizeof(path), "%s/lib", dir);
	CHECK(sl_check_load_site(c, &o, &err) == SL_EINVAL, "no python in the path");
	sl_check_free(c);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	CHECK(system(path) == 0, "cleanup");
}

int main(void)
{
	test_prerelease_and_local();
	test_local_excluded_by_gt();
	test_extras_pep685_and_markers();
	test_python_target();
	test_grouping_and_missing();
	test_url_and_invalid_version();
	test_requests_and_chain();
	test_wheels_and_store();
	test_fixes();
	test_site_python_guess();
	return t_done();
}
