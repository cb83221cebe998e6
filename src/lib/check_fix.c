/* check_fix.c: the run: the direct walk, libsolv's proof, and fixes from
 * the alternatives, each re-verified by the walk before it is kept. */
#include <stdlib.h>
#include <string.h>

#include "check_private.h"
#include "spacelock/mem.h"
#include "spacelock/solve.h"

#define MAX_FIXES 2

/* ---- fixes: libsolv's solutions, re-verified by the direct walk ---- */

static size_t check_hard_problems(const struct probs *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++)
		n += p->v[i].kind != SL_CHECK_UNVERIFIABLE;
	return n;
}

/* Problems left after a fix, except the Space's own requests of packages
 * the fix changes: changing those requests is what "pin" means. */
static size_t left_after_fix(const struct sl_check *c, const struct probs *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct prob *x = &p->v[i];
		if (x->kind == SL_CHECK_UNVERIFIABLE)
			continue;
		if (x->request && !x->q->platform && x->target < c->n && x->target >= c->n_set)
			continue;
		n++;
	}
	return n;
}

/* The set after fix f, or false when f does not apply. */
static bool apply_fix(struct sl_check *c, const struct check_pool *pl, const struct sl_solve_fix *f,
		      size_t **out, size_t *nout)
{
	bool *gone = sl_xcalloc(c->n + 1, sizeof(*gone));
	size_t *v = sl_xmalloc((c->n_set + f->n + 1) * sizeof(*v)), n = 0;

	for (size_t i = 0; i < f->n; i++) {
		const struct sl_solve_action *a = &f->actions[i];
		int old = a->step == SL_SOLVE_REMOVE ? a->pkg : a->from;
		if (old > 0 && (size_t)old < pl->m.nh && pl->m.by_handle[old] < c->n)
			gone[pl->m.by_handle[old]] = true;
	}
	for (size_t i = 0; i < c->n_set; i++)
		if (!gone[i])
			v[n++] = i;
	for (size_t i = 0; i < f->n; i++) {
		const struct sl_solve_action *a = &f->actions[i];
		size_t pi = (size_t)a->pkg < pl->m.nh ? pl->m.by_handle[a->pkg] : (size_t)-2;
		if (a->step != SL_SOLVE_REMOVE && pi < c->n)
			v[n++] = pi;
	}
	free(gone);
	*out = v;
	*nout = n;
	return true;
}

static struct sl_check_solution to_solution(struct sl_check *c, const struct check_pool *pl,
					    const struct sl_solve_fix *f)
{
	struct sl_check_solution s = {sl_xcalloc(f->n + 1, sizeof(*s.actions)), 0};

	for (size_t i = 0; i < f->n; i++) {
		const struct sl_solve_action *a = &f->actions[i];
		const struct cpkg *p = &c->pkgs[pl->m.by_handle[a->pkg]];
		const struct cpkg *o = a->from ? &c->pkgs[pl->m.by_handle[a->from]] : NULL;
		struct sl_check_action *x = &s.actions[s.n++];
		x->name = p->name;
		switch (a->step) {
		case SL_SOLVE_INSTALL: x->step = SL_CHECK_ADD, x->to = p->version; break;
		case SL_SOLVE_REMOVE: x->step = SL_CHECK_REMOVE, x->from = p->version; break;
		default:
			x->step = o && o->direct		? SL_CHECK_PIN
				  : a->step == SL_SOLVE_UPGRADE ? SL_CHECK_UPGRADE
								: SL_CHECK_DOWNGRADE;
			x->from = o ? o->version : NULL;
			x->to = p->version;
		}
	}
	return s;
}

static size_t removals(const struct sl_check_solution *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->actions[i].step == SL_CHECK_REMOVE;
	return n;
}

/* Fixes that keep every package first, then the shortest. */
static int cmp_solution(const void *x, const void *y)
{
	const struct sl_check_solution *a = x, *b = y;
	size_t ra = removals(a), rb = removals(b);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return a->n < b->n ? -1 : a->n > b->n;
}

/* What a fix may change, from the broken edges: the requiring packages,
 * the required ones, or both (everything else stays locked). */
static size_t unlock_sets(const struct check_pool *pl, const struct probs *pr, int **sets,
			  size_t *lens)
{
	for (int k = 0; k < 3; k++) {
		sets[k] = sl_xcalloc(2 * pr->n + 1, sizeof(int));
		lens[k] = 0;
	}
	for (size_t i = 0; i < pr->n; i++) {
		const struct prob *x = &pr->v[i];
		if (x->kind == SL_CHECK_UNVERIFIABLE)
			continue;
		if (!x->request) {
			sets[0][lens[0]++] = pl->h[x->pkg];
			sets[2][lens[2]++] = pl->h[x->pkg];
		}
		if (x->kind == SL_CHECK_MISMATCH) {
			sets[1][lens[1]++] = pl->h[x->target];
			sets[2][lens[2]++] = pl->h[x->target];
		}
	}
	return 3;
}

static void keep_fix(struct sl_check *c, const struct check_pool *pl, const struct sl_solve_fix *f,
		     struct sl_check_report *r)
{
	size_t *set, nset;
	struct probs pr = {0};

	if (!f->n || !apply_fix(c, pl, f, &set, &nset))
		return;
	check_direct(c, set, nset, NULL, &pr);
	if (left_after_fix(c, &pr) == 0) {
		r->solutions =
		    sl_xrealloc(r->solutions, (r->n_solutions + 1) * sizeof(*r->solutions));
		r->solutions[r->n_solutions++] = to_solution(c, pl, f);
	}
	free(pr.v);
	free(set);
}

static int find_fixes(struct sl_check *c, const struct setv *sv, const struct probs *pr,
		      struct sl_check_report *r, struct sl_err *err)
{
	struct check_pool pl;
	size_t *idx = sl_xmalloc((c->n + 1) * sizeof(*idx));
	struct sl_solve_fix *fx = NULL;
	size_t nfx = 0, lens[3], nsets = 0;
	int *sets[3] = {NULL, NULL, NULL};
	int rc;

	for (size_t i = 0; i < c->n; i++)
		idx[i] = i;
	rc = check_pool_build(c, &pl, idx, c->n, c->n_set, sv, err);
	if (rc == 0) {
		nsets = unlock_sets(&pl, pr, sets, lens);
		rc = sl_solve_fixes(pl.s, (const int *const *)sets, lens, nsets, MAX_FIXES, &fx,
				    &nfx, err);
	}
	for (size_t i = 0; rc == 0 && i < nfx; i++)
		keep_fix(c, &pl, &fx[i], r);
	if (r->n_solutions > 1)
		qsort(r->solutions, r->n_solutions, sizeof(*r->solutions), cmp_solution);
	for (int k = 0; k < 3; k++)
		free(sets[k]);
	sl_solve_fixes_free(fx, nfx);
	check_pool_release(&pl);
	free(idx);
	return rc;
}

/* ---- the run ---- */

/* The packages of the broken edges pr->v[from..to) (requirers and what
 * they require) in set order; false when a problem comes through an extra, whose
 * pseudo-package nobody in a small pool would ask for. */
static bool involved(const struct sl_check *c, const struct probs *pr, size_t from, size_t to,
		     size_t **idx, size_t *n)
{
	char *in = sl_xcalloc(c->n_set + 1, 1);

	for (size_t i = from; i < to; i++) {
		const struct prob *x = &pr->v[i];
		if (x->kind == SL_CHECK_UNVERIFIABLE)
			continue;
		if (x->extra) {
			free(in);
			return false;
		}
		if (x->pkg < c->n_set)
			in[x->pkg] = 1;
		if (x->target < c->n_set)
			in[x->target] = 1;
	}
	*idx = sl_xmalloc((c->n_set + 1) * sizeof(**idx));
	*n = 0;
	for (size_t i = 0; i < c->n_set; i++)
		if (in[i])
			(*idx)[(*n)++] = i;
	free(in);
	return true;
}

/* Broken edges pr->v[from..to) confirmed on a pool of just their packages;
 * libsolv's problem count added to *nsp. */
static int prove_some(struct sl_check *c, const struct probs *pr, size_t from, size_t to,
		      size_t *nsp, struct sl_err *err)
{
	struct sl_solve_problem *sp = NULL;
	struct check_pool pl;
	size_t *idx = NULL, n = 0, nonly = 0, count = 0;
	int *only, rc;

	if (!involved(c, pr, from, to, &idx, &n))
		return sl_error(err, SL_ESOLVER, "internal: a batch of problems changed");
	rc = check_pool_build(c, &pl, idx, n, n, NULL, err);
	only = sl_xcalloc(to - from + 1, sizeof(*only));
	for (size_t i = from; i < to; i++) {
		const struct prob *x = &pr->v[i];
		if (x->kind != SL_CHECK_UNVERIFIABLE)
			only[nonly++] = x->request ? pl.requests : pl.h[x->pkg];
	}
	if (rc == 0 && nonly)
		rc = sl_solve_verify(pl.s, only, nonly, &sp, &count, err);
	*nsp += count;
	check_pool_release(&pl);
	free(sp);
	free(only);
	free(idx);
	return rc;
}

/* libsolv restarts its analysis after each problem it finds, so a pool
 * with thousands of problems costs problems x rules; past this many, the
 * broken edges are proved in batches of about this many (a package's
 * problems stay in one batch), which keeps the proof linear. */
#define PROVE_BATCH 256

static size_t batch_end(const struct probs *pr, size_t from)
{
	size_t to = from + PROVE_BATCH < pr->n ? from + PROVE_BATCH : pr->n;

	while (to < pr->n && pr->v[to].pkg == pr->v[to - 1].pkg &&
	       pr->v[to].request == pr->v[to - 1].request)
		to++;
	return to;
}

/* libsolv's verdict.  A clean walk is proved on the whole set.  Broken
 * edges are confirmed on a pool of just their packages: on the whole set,
 * libsolv would cascade every removal it considers through the packages
 * that depend on the broken one, which takes seconds at thousands. */
static int prove(struct sl_check *c, const size_t *all, const struct setv *sv,
		 const struct probs *pr, size_t *nsp, struct sl_err *err)
{
	struct sl_solve_problem *sp = NULL;
	struct check_pool pl;
	size_t *idx = NULL, n = 0;
	int rc = 0;

	*nsp = 0;
	if (!check_hard_problems(pr) || !involved(c, pr, 0, pr->n, &idx, &n)) {
		rc = check_pool_build(c, &pl, all, c->n_set, c->n_set, sv, err);
		if (rc == 0)
			rc = sl_solve_verify(pl.s, NULL, 0, &sp, nsp, err);
		check_pool_release(&pl);
		free(sp);
		return rc;
	}
	free(idx);
	for (size_t from = 0, to; rc == 0 && from < pr->n; from = to) {
		to = batch_end(pr, from);
		rc = prove_some(c, pr, from, to, nsp, err);
	}
	return rc;
}

int sl_check_run(struct sl_check *c, struct sl_check_report *r, struct sl_err *err)
{
	size_t *idx = sl_xmalloc((c->n_set + 1) * sizeof(*idx)), nsp = 0;
	struct probs pr = {0};
	struct setv sv;
	int rc;

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < c->n_set; i++)
		idx[i] = i;
	check_direct(c, idx, c->n_set, &sv, &pr);
	rc = prove(c, idx, &sv, &pr, &nsp, err);
	r->solver_problems = nsp;
	if (rc == 0 && (nsp > 0) != (check_hard_problems(&pr) > 0))
		check_warn(c, "libsolv found %zu problem(s) where the direct check found %zu", nsp,
			   check_hard_problems(&pr));
	if (rc == 0 && check_hard_problems(&pr) && c->wheels &&
	    (rc = check_load_alternatives(c, err)) == 0) {
		r->alternatives = c->n > c->n_set;
		if (r->alternatives)
			rc = find_fixes(c, &sv, &pr, r, err);
	}
	if (rc == 0)
		check_report_fill(c, &pr, r);
	check_setv_release(&sv);
	free(pr.v);
	free(idx);
	return rc;
}
