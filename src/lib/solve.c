/* solve.c: the one file that talks to libsolv (design A of
 * docs/solver.md).  Pitfalls handled here: the namespace
 * callback returns 0, never an empty whatprovides, for "no match"; the set
 * is checked with SOLVER_VERIFY|SOLVER_SOLVABLE_ALL, because an empty job
 * queue ignores dependencies that are already broken; the disttype is set
 * to rpm, because Debian's libsolv defaults to deb ordering. */
#include <stdlib.h>
#include <string.h>

#include <solv/chksum.h>
#include <solv/evr.h>
#include <solv/pool.h>
#include <solv/poolarch.h>
#include <solv/problems.h>
#include <solv/repo.h>
#include <solv/solver.h>
#include <solv/transaction.h>

#include "spacelock/mem.h"
#include "spacelock/solve.h"

struct sl_solve {
	Pool *pool;
	Repo *repo[3]; /* indexed by enum sl_solve_repo */
	bool (*match)(void *ctx, int pkg, const char *spec);
	void *ctx;
	Queue keep;
	bool other_added; /* a non-installed package exists */
	bool ready;	  /* whatprovides built once; no more packages */
	int built_for;	  /* 1: whatprovides covers the alternatives, 0: not */
};

/* The namespace callback: which packages named `name` match the specifier
 * text `evr`?  0 means none (an empty queue would mean "the system"). */
static Id ns_callback(Pool *pool, void *data, Id name, Id evr)
{
	struct sl_solve *s = data;
	const char *spec = pool_id2str(pool, evr);
	Queue q;
	Id p, pp, r = 0;

	queue_init(&q);
	FOR_PROVIDES(p, pp, name)
	{
		if (pool->solvables[p].name == name && s->match(s->ctx, p, spec))
			queue_push(&q, p);
	}
	if (q.count)
		r = pool_queuetowhatprovides(pool, &q);
	queue_free(&q);
	return r;
}

struct sl_solve *sl_solve_new(bool (*match)(void *ctx, int pkg, const char *spec), void *ctx)
{
	struct sl_solve *s = sl_xcalloc(1, sizeof(*s));

	s->pool = pool_create();
	pool_setdisttype(s->pool, DISTTYPE_RPM);
	s->repo[SL_SOLVE_INSTALLED] = repo_create(s->pool, "installed");
	s->repo[SL_SOLVE_EXTRA] = repo_create(s->pool, "extras");
	s->repo[SL_SOLVE_AVAILABLE] = repo_create(s->pool, "available");
	pool_setnamespacecallback(s->pool, ns_callback, s);
	s->match = match;
	s->ctx = ctx;
	queue_init(&s->keep);
	return s;
}

void sl_solve_free(struct sl_solve *s)
{
	if (!s)
		return;
	queue_free(&s->keep);
	pool_free(s->pool);
	free(s);
}

int sl_solve_add(struct sl_solve *s, enum sl_solve_repo repo, const char *name, const char *key,
		 struct sl_err *err)
{
	Pool *pool = s->pool;
	Id p;
	Solvable *sv;

	if (s->ready)
		return sl_error(err, SL_EINVAL, "package '%s' added after solving", name);
	if (repo == SL_SOLVE_INSTALLED && s->other_added)
		return sl_error(err, SL_EINVAL, "installed package '%s' added after others", name);
	if (repo != SL_SOLVE_INSTALLED)
		s->other_added = true;
	p = repo_add_solvable(s->repo[repo]);
	sv = pool_id2solvable(pool, p);
	sv->name = pool_str2id(pool, name, 1);
	sv->evr = pool_str2id(pool, key, 1);
	sv->arch = ARCH_NOARCH;
	/* Whatprovides indexes provides only: without this nobody finds it. */
	sv->provides = repo_addid_dep(sv->repo, sv->provides,
				      pool_rel2id(pool, sv->name, sv->evr, REL_EQ, 1), 0);
	return p;
}

static void add_requires(struct sl_solve *s, int pkg, Id dep)
{
	Solvable *sv = pool_id2solvable(s->pool, pkg);

	sv->requires = repo_addid_dep(sv->repo, sv->requires, dep, 0);
}

void sl_solve_require(struct sl_solve *s, int pkg, const char *name, const char *spec)
{
	Pool *pool = s->pool;
	Id dep = pool_str2id(pool, name, 1);

	if (spec && *spec)
		dep = pool_rel2id(pool, dep, pool_str2id(pool, spec, 1), REL_NAMESPACE, 1);
	add_requires(s, pkg, dep);
}

void sl_solve_require_pkg(struct sl_solve *s, int pkg, int base)
{
	Solvable *b = pool_id2solvable(s->pool, base);

	add_requires(s, pkg, pool_rel2id(s->pool, b->name, b->evr, REL_EQ, 1));
}

void sl_solve_keep(struct sl_solve *s, int pkg)
{
	queue_push(&s->keep, pkg);
}

const char *sl_solve_name(const struct sl_solve *s, int pkg)
{
	return pool_id2str(s->pool, s->pool->solvables[pkg].name);
}

enum sl_solve_repo sl_solve_repo_of(const struct sl_solve *s, int pkg)
{
	Repo *r = s->pool->solvables[pkg].repo;

	if (r == s->repo[SL_SOLVE_INSTALLED])
		return SL_SOLVE_INSTALLED;
	return r == s->repo[SL_SOLVE_EXTRA] ? SL_SOLVE_EXTRA : SL_SOLVE_AVAILABLE;
}

/* Builds whatprovides with or without the alternatives: verifying proves
 * the set as it is, so libsolv must not see versions it could switch to. */
static void prepare(struct sl_solve *s, bool with_available)
{
	if (!s->ready)
		/* pool_set_installed drops whatprovides: it must come first. */
		pool_set_installed(s->pool, s->repo[SL_SOLVE_INSTALLED]);
	else if (s->built_for == (int)with_available)
		return;
	s->repo[SL_SOLVE_AVAILABLE]->disabled = !with_available;
	pool_createwhatprovides(s->pool); /* also drops cached namespace answers */
	s->ready = true;
	s->built_for = with_available;
}

static void keep_jobs(struct sl_solve *s, Queue *job)
{
	for (int i = 0; i < s->keep.count; i++)
		queue_push2(job, SOLVER_LOCK | SOLVER_SOLVABLE | SOLVER_ESSENTIAL,
			    s->keep.elements[i]);
}

static void base_jobs(struct sl_solve *s, Queue *job)
{
	queue_push2(job, SOLVER_VERIFY | SOLVER_SOLVABLE_ALL, 0);
	keep_jobs(s, job);
}

static void split_dep(Pool *pool, Id dep, struct sl_solve_problem *pr)
{
	pr->dep_name = "";
	pr->dep_spec = "";
	if (!dep)
		return;
	if (ISRELDEP(dep)) {
		Reldep *rd = GETRELDEP(pool, dep);
		pr->dep_name = pool_id2str(pool, rd->name);
		if (rd->flags == REL_NAMESPACE)
			pr->dep_spec = pool_id2str(pool, rd->evr);
		return;
	}
	pr->dep_name = pool_id2str(pool, dep);
}

static void describe_problem(Solver *solv, Id pid, struct sl_solve_problem *pr)
{
	Id source = 0, target = 0, dep = 0;
	Id rid = solver_findproblemrule(solv, pid);
	SolverRuleinfo type = solver_ruleinfo(solv, rid, &source, &target, &dep);

	switch (type) {
	case SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP: pr->cause = SL_SOLVE_NOTHING_PROVIDES; break;
	case SOLVER_RULE_PKG_REQUIRES: pr->cause = SL_SOLVE_REQUIRES; break;
	case SOLVER_RULE_PKG_SAME_NAME: pr->cause = SL_SOLVE_SAME_NAME; break;
	default: pr->cause = SL_SOLVE_OTHER; break;
	}
	pr->source = source;
	pr->target = target;
	split_dep(solv->pool, dep, pr);
}

int sl_solve_verify(struct sl_solve *s, const int *only, size_t n_only,
		    struct sl_solve_problem **problems, size_t *n, struct sl_err *err)
{
	Queue job;
	Solver *solv;
	int count;
	struct sl_solve_problem *out;

	prepare(s, false);
	queue_init(&job);
	if (only) {
		for (size_t i = 0; i < n_only; i++)
			queue_push2(&job, SOLVER_VERIFY | SOLVER_SOLVABLE, only[i]);
		keep_jobs(s, &job);
	} else {
		base_jobs(s, &job);
	}
	solv = solver_create(s->pool);
	count = solver_solve(solv, &job);
	if (count < 0) {
		solver_free(solv);
		queue_free(&job);
		return sl_error(err, SL_ESOLVER, "libsolv failed to verify the set");
	}
	out = sl_xcalloc((size_t)count + 1, sizeof(*out));
	for (int i = 0; i < count; i++)
		describe_problem(solv, i + 1, &out[i]);
	solver_free(solv);
	queue_free(&job);
	*problems = out;
	*n = (size_t)count;
	return 0;
}

static const char *pkg_name(Pool *pool, Id p)
{
	return pool_id2str(pool, pool->solvables[p].name);
}

/* The packages a transaction changes, extras left out, sorted by name. */
static struct sl_solve_fix fix_from(struct sl_solve *s, Solver *solv)
{
	Pool *pool = s->pool;
	Transaction *trans = solver_create_transaction(solv);
	struct sl_solve_fix fix = {0};
	int mode = SOLVER_TRANSACTION_SHOW_ACTIVE | SOLVER_TRANSACTION_SHOW_OBSOLETES;

	fix.actions = sl_xcalloc((size_t)trans->steps.count + 1, sizeof(*fix.actions));
	for (int i = 0; i < trans->steps.count; i++) {
		Id p = trans->steps.elements[i];
		struct sl_solve_action a = {SL_SOLVE_INSTALL, p, 0};
		if (pool->solvables[p].repo == s->repo[SL_SOLVE_EXTRA])
			continue;
		switch (transaction_type(trans, p, mode)) {
		case SOLVER_TRANSACTION_INSTALL: break;
		case SOLVER_TRANSACTION_ERASE: a.step = SL_SOLVE_REMOVE; break;
		case SOLVER_TRANSACTION_UPGRADE:
		case SOLVER_TRANSACTION_DOWNGRADE:
		case SOLVER_TRANSACTION_CHANGE:
			a.from = transaction_obs_pkg(trans, p);
			a.step =
			    a.from && pool_evrcmp(pool, pool->solvables[p].evr,
						  pool->solvables[a.from].evr, EVRCMP_COMPARE) < 0
				? SL_SOLVE_DOWNGRADE
				: SL_SOLVE_UPGRADE;
			break;
		default: continue;
		}
		fix.actions[fix.n++] = a;
	}
	transaction_free(trans);
	/* Insertion sort by name: fixes are short. */
	for (size_t i = 1; i < fix.n; i++) {
		struct sl_solve_action a = fix.actions[i];
		size_t j = i;
		while (j > 0 &&
		       strcmp(pkg_name(pool, fix.actions[j - 1].pkg), pkg_name(pool, a.pkg)) > 0) {
			fix.actions[j] = fix.actions[j - 1];
			j--;
		}
		fix.actions[j] = a;
	}
	return fix;
}

/* True when a solution of problem pid removes a package. */
static bool removes(Solver *solv, Id pid, Id sid)
{
	Id p, rp, el = 0;

	while ((el = solver_next_solutionelement(solv, pid, sid, el, &p, &rp)) != 0)
		if (p > 0 && rp == 0)
			return true;
	return false;
}

/* The first solution of problem pid that keeps every package, else 1. */
static Id best_solution(Solver *solv, Id pid)
{
	Id n = (Id)solver_solution_count(solv, pid);

	for (Id sid = 1; sid <= n; sid++)
		if (!removes(solv, pid, sid))
			return sid;
	return 1;
}

/* Drops the lock job of installed package p, if any; true when it had one. */
static bool unlock(Queue *job, Id p)
{
	for (int i = 0; i + 1 < job->count; i += 2) {
		if (job->elements[i] == (SOLVER_LOCK | SOLVER_SOLVABLE) &&
		    job->elements[i + 1] == p) {
			queue_deleten(job, i, 2);
			return true;
		}
	}
	return false;
}

/* Unlocks the packages at the root of every problem: the package whose
 * requirement fails and the installed providers of that requirement.
 * Cheaper than libsolv's solutions (each costs a refinement at this
 * scale).  Returns how many locks were dropped. */
static int unlock_roots(struct sl_solve *s, Solver *solv, Queue *job)
{
	Pool *pool = s->pool;
	int n = 0;

	for (Id pid = 1; pid <= (Id)solver_problem_count(solv); pid++) {
		Id source = 0, target = 0, dep = 0, p, pp;
		solver_ruleinfo(solv, solver_findproblemrule(solv, pid), &source, &target, &dep);
		if (source > 0)
			n += unlock(job, source);
		if (target > 0)
			n += unlock(job, target);
		if (dep)
			FOR_PROVIDES(p, pp, dep)
		if (pool->solvables[p].repo == s->repo[SL_SOLVE_INSTALLED])
			n += unlock(job, p);
	}
	return n;
}

/* Solves job; while problems are left, unlocks their roots (or, when that
 * frees nothing, takes a solution of every problem, one that removes
 * nothing when there is one), a few rounds at most.  Returns true with
 * *fix filled on success. */
static bool solve_greedy(struct sl_solve *s, Queue *job, struct sl_solve_fix *fix)
{
	for (int round = 0; round < 8; round++) {
		Solver *solv = solver_create(s->pool);
		solver_set_flag(solv, SOLVER_FLAG_ALLOW_DOWNGRADE, 1);
		if (solver_solve(solv, job) == 0) {
			*fix = fix_from(s, solv);
			solver_free(solv);
			return true;
		}
		if (unlock_roots(s, solv, job) == 0) {
			if (solver_solution_count(solv, 1) == 0) {
				solver_free(solv);
				return false;
			}
			for (Id pid = 1; pid <= (Id)solver_problem_count(solv); pid++)
				if (solver_solution_count(solv, pid))
					solver_take_solution(solv, pid, best_solution(solv, pid),
							     job);
		}
		solver_free(solv);
	}
	return false;
}

static bool same_fix(const struct sl_solve_fix *a, const struct sl_solve_fix *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->actions[i].pkg != b->actions[i].pkg ||
		    a->actions[i].step != b->actions[i].step)
			return false;
	return true;
}

static void add_fix(struct sl_solve_fix **fixes, size_t *n, size_t *cap, struct sl_solve_fix fix)
{
	for (size_t i = 0; i < *n; i++) {
		if (same_fix(&(*fixes)[i], &fix)) {
			free(fix.actions);
			return;
		}
	}
	sl_xgrow((void **)fixes, cap, *n + 1, sizeof(**fixes));
	(*fixes)[(*n)++] = fix;
}

/* Verify everything, locking every installed package but unlock[0..n). */
static void lock_all_but(struct sl_solve *s, Queue *job, const int *unlock, size_t n)
{
	Pool *pool = s->pool;
	Repo *installed = s->repo[SL_SOLVE_INSTALLED];
	char *free_ = sl_xcalloc((size_t)pool->nsolvables + 1, 1);
	Solvable *sv;
	Id p;

	for (size_t i = 0; i < n; i++)
		if (unlock[i] > 0 && unlock[i] < pool->nsolvables)
			free_[unlock[i]] = 1;
	base_jobs(s, job);
	FOR_REPO_SOLVABLES(installed, p, sv)
	if (!free_[p])
		queue_push2(job, SOLVER_LOCK | SOLVER_SOLVABLE, p);
	free(free_);
}

/* Every installed package locked; each solution of the first problem. */
static int fixes_by_solutions(struct sl_solve *s, size_t max, struct sl_solve_fix **out,
			      size_t *nout, size_t *cap, struct sl_err *err)
{
	Queue job;
	Solver *solv;
	struct sl_solve_fix fix;
	int count;

	queue_init(&job);
	lock_all_but(s, &job, NULL, 0);
	solv = solver_create(s->pool);
	count = solver_solve(solv, &job);
	if (count == 0) {
		add_fix(out, nout, cap, fix_from(s, solv));
	} else if (count > 0) {
		unsigned nsol = solver_solution_count(solv, 1);
		for (unsigned i = 1; i <= nsol && *nout < max; i++) {
			Queue j2;
			queue_init_clone(&j2, &job);
			solver_take_solution(solv, 1, (Id)i, &j2);
			if (solve_greedy(s, &j2, &fix))
				add_fix(out, nout, cap, fix);
			queue_free(&j2);
		}
	}
	solver_free(solv);
	queue_free(&job);
	return count < 0 ? sl_error(err, SL_ESOLVER, "libsolv failed to look for fixes") : 0;
}

int sl_solve_fixes(struct sl_solve *s, const int *const *sets, const size_t *lens, size_t nsets,
		   size_t max, struct sl_solve_fix **fixes, size_t *n, struct sl_err *err)
{
	struct sl_solve_fix *out = NULL, fix;
	size_t nout = 0, cap = 0;
	int rc = 0;

	prepare(s, true);
	if (nsets == 0)
		rc = fixes_by_solutions(s, max, &out, &nout, &cap, err);
	for (size_t i = 0; i < nsets && nout < max; i++) {
		Queue job;
		queue_init(&job);
		lock_all_but(s, &job, sets[i], lens[i]);
		if (solve_greedy(s, &job, &fix))
			add_fix(&out, &nout, &cap, fix);
		queue_free(&job);
	}
	*fixes = out;
	*n = nout;
	return rc;
}

void sl_solve_fixes_free(struct sl_solve_fix *fixes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(fixes[i].actions);
	free(fixes);
}

static Id request_dep(Pool *pool, const char *name, const char *spec)
{
	Id dep = pool_str2id(pool, name, 1);

	if (spec && *spec)
		dep = pool_rel2id(pool, dep, pool_str2id(pool, spec, 1), REL_NAMESPACE, 1);
	return dep;
}

static void installed_result(Solver *solv, int **chosen, size_t *n)
{
	Transaction *trans = solver_create_transaction(solv);
	Queue q;

	queue_init(&q);
	transaction_installedresult(trans, &q);
	*chosen = sl_xcalloc((size_t)q.count + 1, sizeof(**chosen));
	for (int i = 0; i < q.count; i++)
		(*chosen)[i] = q.elements[i];
	*n = (size_t)q.count;
	queue_free(&q);
	transaction_free(trans);
}

/* libsolv drops an install job that nothing provides without a problem:
 * a request no package satisfies is found here, reported as "nothing
 * provides".  Returns 1 with *problems filled, else 0. */
static int unmet_request(struct sl_solve *s, const Queue *job, const int *chosen, size_t n,
			 struct sl_solve_problem **problems, size_t *nproblems)
{
	Pool *pool = s->pool;

	for (int i = 0; i + 1 < job->count; i += 2) {
		Id dep = job->elements[i + 1], p, pp;
		bool met = false;
		FOR_PROVIDES(p, pp, dep)
		{
			for (size_t k = 0; k < n && !met; k++)
				met = chosen[k] == p;
		}
		if (met)
			continue;
		*problems = sl_xcalloc(2, sizeof(**problems));
		(*problems)[0].cause = SL_SOLVE_NOTHING_PROVIDES;
		split_dep(pool, dep, &(*problems)[0]);
		*nproblems = 1;
		return 1;
	}
	return 0;
}

int sl_solve_install(struct sl_solve *s, const char *const *names, const char *const *specs,
		     size_t nreq, int **chosen, size_t *n, struct sl_solve_problem **problems,
		     size_t *nproblems, struct sl_err *err)
{
	Queue job;
	Id *deps = sl_xcalloc(nreq + 1, sizeof(*deps));
	Solver *solv;
	int count;

	*chosen = NULL;
	*n = 0;
	*problems = NULL;
	*nproblems = 0;
	/* Interned before whatprovides is built: never inside the callback. */
	for (size_t i = 0; i < nreq; i++)
		deps[i] = request_dep(s->pool, names[i], specs ? specs[i] : NULL);
	prepare(s, true);
	queue_init(&job);
	for (size_t i = 0; i < nreq; i++)
		queue_push2(&job, SOLVER_INSTALL | SOLVER_SOLVABLE_PROVIDES, deps[i]);
	free(deps);
	solv = solver_create(s->pool);
	count = solver_solve(solv, &job);
	if (count == 0) {
		installed_result(solv, chosen, n);
		count = unmet_request(s, &job, *chosen, *n, problems, nproblems);
		if (count) {
			free(*chosen);
			*chosen = NULL;
			*n = 0;
		}
	} else if (count > 0) {
		*problems = sl_xcalloc((size_t)count + 1, sizeof(**problems));
		for (int i = 0; i < count; i++)
			describe_problem(solv, i + 1, &(*problems)[i]);
		*nproblems = (size_t)count;
	}
	solver_free(solv);
	queue_free(&job);
	if (count < 0)
		return sl_error(err, SL_ESOLVER, "libsolv failed to resolve the requests");
	return count ? sl_error(err, SL_ESOLVER, "no set of versions satisfies the requests") : 0;
}

void sl_sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	Chksum *c = solv_chksum_create(REPOKEY_TYPE_SHA256);
	const unsigned char *d;
	int n = 0;

	solv_chksum_add(c, data, (int)len);
	d = solv_chksum_get(c, &n);
	for (int i = 0; i < n && i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
	solv_chksum_free(c, NULL);
}
