/* t_solve.c: the libsolv layer with a tiny integer "version" matcher, so
 * that these cases test the SAT side alone (PEP 440 is tested elsewhere). */
#include <stdlib.h>

#include "spacelock/mem.h"
#include "spacelock/solve.h"
#include "test.h"

/* Side table: handle -> integer version. */
struct side {
	int v[256];
	int calls;
};

/* Specs are comma-joined clauses ">=N", "<N", "==N". */
static bool match(void *ctx, int pkg, const char *spec)
{
	struct side *t = ctx;
	const char *p = spec;

	t->calls++;
	while (*p) {
		int n;
		bool ok;
		if (p[0] == '>' && p[1] == '=')
			ok = t->v[pkg] >= (n = (int)strtol(p + 2, NULL, 10));
		else if (p[0] == '=' && p[1] == '=')
			ok = t->v[pkg] == (n = (int)strtol(p + 2, NULL, 10));
		else
			ok = t->v[pkg] < (n = (int)strtol(p + 1, NULL, 10));
		if (!ok)
			return false;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return true;
}

static int add(struct sl_solve *s, struct side *t, enum sl_solve_repo r, const char *name, int v)
{
	char key[16];
	int p;

	snprintf(key, sizeof(key), "%d", v);
	p = sl_solve_add(s, r, name, key, NULL);
	if (p > 0 && p < 256)
		t->v[p] = v;
	return p;
}

static size_t verify(struct sl_solve *s, struct sl_solve_problem **pr)
{
	size_t n = 99;
	struct sl_err err = {0};

	CHECK(sl_solve_verify(s, NULL, 0, pr, &n, &err) == 0, "verify runs: %s", err.msg);
	return n;
}

static void test_consistent_and_cycle(void)
{
	struct side t = {0};
	struct sl_solve *s = sl_solve_new(match, &t);
	struct sl_solve_problem *pr;
	int app = add(s, &t, SL_SOLVE_INSTALLED, "app", 1);
	int lib = add(s, &t, SL_SOLVE_INSTALLED, "lib", 3);

	sl_solve_require(s, app, "lib", ">=2,<4");
	sl_solve_require(s, lib, "app", NULL); /* a cycle is fine */
	CHECK(verify(s, &pr) == 0, "a satisfied set and a cycle verify");
	CHECK(t.calls > 0, "the namespace callback ran");
	free(pr);
	sl_solve_free(s);
}

static void test_mismatch_not_silently_satisfied(void)
{
	struct side t = {0};
	struct sl_solve *s = sl_solve_new(match, &t);
	struct sl_solve_problem *pr;
	int app = add(s, &t, SL_SOLVE_INSTALLED, "app", 1);
	add(s, &t, SL_SOLVE_INSTALLED, "lib", 1);

	/* libsolv.md pitfall 1: an empty match must not mean "the system". */
	sl_solve_require(s, app, "lib", ">=2");
	CHECK(verify(s, &pr) == 1, "lib>=2 with lib 1 is one problem");
	CHECK(pr[0].cause == SL_SOLVE_NOTHING_PROVIDES, "cause is nothing provides (%d)",
	      pr[0].cause);
	CHECK(pr[0].source == app, "source is app");
	CHECK_STR(pr[0].dep_name, "lib", "dep name");
	CHECK_STR(pr[0].dep_spec, ">=2", "dep spec");
	free(pr);
	sl_solve_free(s);
}

static void test_missing_and_extras(void)
{
	struct side t = {0};
	struct sl_solve *s = sl_solve_new(match, &t);
	struct sl_solve_problem *pr;
	int app = add(s, &t, SL_SOLVE_INSTALLED, "app", 1);
	int lib = add(s, &t, SL_SOLVE_INSTALLED, "lib", 2);
	int bar = add(s, &t, SL_SOLVE_INSTALLED, "bar", 1);
	int libx = add(s, &t, SL_SOLVE_EXTRA, "lib[x]", 2);

	t.v[libx] = 2;
	sl_solve_require(s, app, "lib", ">=2");
	sl_solve_require(s, app, "lib[x]", ">=2");
	sl_solve_require_pkg(s, libx, lib);
	sl_solve_require(s, libx, "bar", ">=2");
	sl_solve_require(s, bar, "gone", NULL);
	CHECK(verify(s, &pr) == 2, "the extra's requirement and a missing package");
	{
		size_t n = 0;
		struct sl_solve_problem *one;
		CHECK(sl_solve_verify(s, &bar, 1, &one, &n, NULL) == 0 && n == 1,
		      "verifying one package finds its problem only");
		CHECK(n == 1 && one[0].source == bar, "bar's missing requirement");
		free(one);
		CHECK(sl_solve_verify(s, &lib, 1, &one, &n, NULL) == 0 && n == 0,
		      "lib itself is fine");
		free(one);
	}
	for (int i = 0; i < 2; i++) {
		if (pr[i].source == libx)
			CHECK_STR(pr[i].dep_spec, ">=2", "extra's dep spec");
		else
			CHECK_STR(pr[i].dep_name, "gone", "missing dep name");
	}
	free(pr);
	sl_solve_free(s);
}

static void test_unused_extra_not_checked(void)
{
	struct side t = {0};
	struct sl_solve *s = sl_solve_new(match, &t);
	struct sl_solve_problem *pr;
	int lib = add(s, &t, SL_SOLVE_INSTALLED, "lib", 2);
	int libx = add(s, &t, SL_SOLVE_EXTRA, "lib[x]", 2);

	sl_solve_require_pkg(s, libx, lib);
	sl_solve_require(s, libx, "absent", NULL);
	CHECK(verify(s, &pr) == 0, "an extra nobody asks for is not verified");
	free(pr);
	sl_solve_free(s);
}

static bool has_action(const struct sl_solve_fix *f, enum sl_solve_step st, int pkg, int from)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->actions[i].step == st && f->actions[i].pkg == pkg &&
		    f->actions[i].from == from)
			return true;
	return false;
}

static void test_fixes(void)
{
	struct side t = {0};
	struct sl_solve *s = sl_solve_new(match, &t);
	struct sl_solve_problem *pr;
	struct sl_solve_fix *fx;
	size_t n = 0;
	struct sl_err err = {0};
	int app1 = add(s, &t, SL_SOLVE_INSTALLED, "app", 1);
	int lib2 = add(s, &t, SL_SOLVE_INSTALLED, "lib", 2);
	int lib1 = add(s, &t, SL_SOLVE_AVAILABLE, "lib", 1);
	int app2 = add(s, &t, SL_SOLVE_AVAILABLE, "app", 2);

	sl_solve_require(s, app1, "lib", "<2");
	sl_solve_require(s, app2, "lib", "<3");
	CHECK(add(s, &t, SL_SOLVE_INSTALLED, "late", 1) == SL_EINVAL, "installed after others");
	CHECK(sl_solve_fixes(s, NULL, NULL, 0, 4, &fx, &n, &err) == 0, "fixes run: %s", err.msg);
	CHECK(n == 2, "two minimal fixes, got %zu", n);
	for (size_t i = 0; i < n; i++) {
		CHECK(fx[i].n == 1, "each fix is one step");
		CHECK(has_action(&fx[i], SL_SOLVE_DOWNGRADE, lib1, lib2) ||
			  has_action(&fx[i], SL_SOLVE_UPGRADE, app2, app1),
		      "fix %zu is downgrade lib or upgrade app", i);
	}
	sl_solve_fixes_free(fx, n);
	{
		const int only_lib[] = {lib2}, only_app[] = {app1};
		const int *sets[] = {only_lib, only_app};
		const size_t lens[] = {1, 1};
		CHECK(sl_solve_fixes(s, sets, lens, 2, 4, &fx, &n, &err) == 0, "fixes by sets");
		CHECK(n == 2 && has_action(&fx[0], SL_SOLVE_DOWNGRADE, lib1, lib2) &&
			  has_action(&fx[1], SL_SOLVE_UPGRADE, app2, app1),
		      "unlocking lib downgrades it; unlocking app upgrades it");
		sl_solve_fixes_free(fx, n);
	}
	CHECK(verify(s, &pr) == 1, "verify on the same pool still reports the set broken");
	free(pr);
	sl_solve_free(s);
}

static void test_kept_interpreter(void)
{
	struct side t = {0};
	struct sl_solve *s = sl_solve_new(match, &t);
	struct sl_solve_fix *fx;
	size_t n = 0;
	int py = add(s, &t, SL_SOLVE_INSTALLED, "@python", 10);
	int app3 = add(s, &t, SL_SOLVE_INSTALLED, "app", 3);
	int app2 = add(s, &t, SL_SOLVE_AVAILABLE, "app", 2);
	int py12 = add(s, &t, SL_SOLVE_AVAILABLE, "@python", 12);

	(void)py12;
	sl_solve_keep(s, py);
	sl_solve_require(s, app3, "@python", ">=12");
	sl_solve_require(s, app2, "@python", ">=8");
	CHECK(sl_solve_fixes(s, NULL, NULL, 0, 4, &fx, &n, NULL) == 0, "fixes run");
	CHECK(n == 1 && has_action(&fx[0], SL_SOLVE_DOWNGRADE, app2, app3),
	      "the interpreter stays; app goes down (%zu fixes)", n);
	sl_solve_fixes_free(fx, n);
	sl_solve_free(s);
}

static void test_missing_installed_from_available(void)
{
	struct side t = {0};
	struct sl_solve *s = sl_solve_new(match, &t);
	struct sl_solve_fix *fx;
	size_t n = 0;
	int app = add(s, &t, SL_SOLVE_INSTALLED, "app", 1);
	int dep = add(s, &t, SL_SOLVE_AVAILABLE, "dep", 5);

	sl_solve_require(s, app, "dep", ">=4");
	CHECK(sl_solve_fixes(s, NULL, NULL, 0, 4, &fx, &n, NULL) == 0, "fixes run");
	CHECK(n == 1 && fx[0].n == 1 && has_action(&fx[0], SL_SOLVE_INSTALL, dep, 0),
	      "a missing package is added");
	CHECK_STR(sl_solve_name(s, dep), "dep", "name of a handle");
	CHECK(sl_solve_repo_of(s, dep) == SL_SOLVE_AVAILABLE, "repo of a handle");
	sl_solve_fixes_free(fx, n);
	sl_solve_free(s);
}

/* The dated resolution's install: the newest candidate a rule leaves open,
 * backtracking when the newest's requirement cannot be met; unsolvable
 * requests say which requirement fails. */
static void test_install_newest(void)
{
	struct side t = {{0}, 0};
	struct sl_solve *s = sl_solve_new(match, &t);
	struct sl_solve_problem *pr = NULL;
	struct sl_err err = {0};
	const char *names[] = {"app", "lib"}, *specs[] = {"", "<3"}, *bad[] = {">=9"};
	int *chosen = NULL, a1, a2, l1, l2, l3, pick_app = 0, pick_lib = 0;
	size_t n = 0, np = 0;

	a1 = add(s, &t, SL_SOLVE_AVAILABLE, "app", 1);
	a2 = add(s, &t, SL_SOLVE_AVAILABLE, "app", 2);
	l1 = add(s, &t, SL_SOLVE_AVAILABLE, "lib", 1);
	l2 = add(s, &t, SL_SOLVE_AVAILABLE, "lib", 2);
	l3 = add(s, &t, SL_SOLVE_AVAILABLE, "lib", 3);
	sl_solve_require(s, a2, "lib", ">=3"); /* app 2 needs lib 3, the request forbids it */
	sl_solve_require(s, a1, "lib", ">=1");
	CHECK(sl_solve_install(s, names, specs, 2, &chosen, &n, &pr, &np, &err) == 0, "install: %s",
	      err.msg);
	for (size_t i = 0; i < n; i++) {
		pick_app = chosen[i] == a1 || chosen[i] == a2 ? chosen[i] : pick_app;
		pick_lib =
		    chosen[i] == l1 || chosen[i] == l2 || chosen[i] == l3 ? chosen[i] : pick_lib;
	}
	CHECK(n == 2 && pick_app == a1 && pick_lib == l2,
	      "app 1 with lib 2 (app 2 would need lib 3), got %zu packages", n);
	free(chosen);
	free(pr);
	CHECK(sl_solve_install(s, names, bad, 1, &chosen, &n, &pr, &np, &err) == SL_ESOLVER &&
		  np >= 1 && !chosen,
	      "app>=9: unsolvable, with a problem (rc %s np %zu)", err.msg, np);
	free(chosen);
	free(pr);
	sl_solve_free(s);
}

int main(void)
{
	test_install_newest();
	test_consistent_and_cycle();
	test_mismatch_not_silently_satisfied();
	test_missing_and_extras();
	test_unused_extra_not_checked();
	test_fixes();
	test_kept_interpreter();
	test_missing_installed_from_available();
	return t_done();
}
