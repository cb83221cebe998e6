/* check_pool.c: a check's packages as a libsolv pool (solve.h): the
 * namespace callback's PEP 440 match, the pseudo-packages of the extras some
 * requirement asks for, the interpreter and the lock's requests. */
#include <stdlib.h>
#include <string.h>

#include "check_private.h"
#include "spacelock/mem.h"
#include "spacelock/requirement.h"
#include "spacelock/solve.h"
#include "spacelock/specifier.h"
#include "spacelock/version.h"

#define PYTHON_PKG "@python"
#define REQUESTS_PKG "@requests"

static bool match(void *ctx, int h, const char *spec)
{
	struct check_match *m = ctx;
	const struct sl_version *v;
	size_t si, pi;

	if ((size_t)h >= m->nh || !check_map_get(&m->specs, spec, &si))
		return false;
	pi = m->by_handle[h];
	if (pi != (size_t)-1 && pi >= m->c->n)
		return false;
	v = pi == (size_t)-1 ? m->c->pyver : m->c->pkgs[pi].ver;
	return v && sl_specset_contains(m->sets[si], v, SL_PRE_INCLUDE);
}

static void map_handle(struct check_match *m, int h, size_t pi)
{
	size_t cap = m->nh;

	if ((size_t)h >= m->nh) {
		sl_xgrow((void **)&m->by_handle, &cap, (size_t)h + 1, sizeof(*m->by_handle));
		for (size_t i = m->nh; i < cap; i++)
			m->by_handle[i] = (size_t)-2;
		m->nh = cap;
	}
	m->by_handle[h] = pi;
}

static void note_spec(struct check_match *m, const char *text, const struct sl_specset *set)
{
	size_t v;

	if (!*text || !set || check_map_get(&m->specs, text, &v))
		return;
	sl_xgrow((void **)&m->sets, &m->capsets, m->nsets + 1, sizeof(*m->sets));
	m->sets[m->nsets] = set;
	check_map_put(&m->specs, text, m->nsets++);
}

static char *extra_key(const char *name, const char *e)
{
	return sl_xasprintf("%s[%s]", name, e);
}

static void name_extras(struct check_pool *pl, const struct creq *q)
{
	for (size_t j = 0; j < q->nextras; j++) {
		char *k = extra_key(q->name, q->extras[j]);
		size_t v;
		if (check_map_get(&pl->named, k, &v)) {
			free(k);
			continue;
		}
		pl->owned = sl_xrealloc(pl->owned, (pl->nowned + 1) * sizeof(char *));
		pl->owned[pl->nowned] = k;
		check_map_put(&pl->named, k, pl->nowned++);
	}
}

static void want_pseudo(struct sl_check *c, struct check_pool *pl, size_t pi, const char *e)
{
	struct cpkg *p = &c->pkgs[pi];
	char *k;
	size_t v, cap = pl->cappx;

	/* Entries of one package are added together: look back over them. */
	for (size_t i = pl->npx; i > 0 && pl->px_pkg[i - 1] == pi; i--)
		if (strcmp(pl->px_ext[i - 1], e) == 0)
			return;
	k = extra_key(p->name, e);
	if (check_map_get(&pl->named, k, &v) && check_extra_provided(c, p, e)) {
		check_map_put(&pl->pseudo, pl->owned[v], 0);
		sl_xgrow((void **)&pl->px_pkg, &cap, pl->npx + 1, sizeof(*pl->px_pkg));
		sl_xgrow((void **)&pl->px_ext, &pl->cappx, pl->npx + 1, sizeof(*pl->px_ext));
		pl->px_pkg[pl->npx] = pi;
		pl->px_ext[pl->npx++] = e;
	}
	free(k);
}

static void pool_require(struct check_pool *pl, int h, const struct creq *q)
{
	sl_solve_require(pl->s, h, q->name, q->spec);
	note_spec(&pl->m, q->spec, q->set);
	for (size_t j = 0; j < q->nextras; j++) {
		char *k = extra_key(q->name, q->extras[j]);
		size_t v;
		if (check_map_get(&pl->pseudo, k, &v))
			sl_solve_require(pl->s, h, k, q->spec);
		free(k);
	}
}

static void pool_reqs(struct sl_check *c, struct check_pool *pl, int h, size_t pi, const char *e)
{
	struct cpkg *p = &c->pkgs[pi];

	if (!e && p->rp) {
		sl_solve_require(pl->s, h, PYTHON_PKG, p->requires_python);
		note_spec(&pl->m, p->requires_python, p->rp);
	}
	for (size_t j = 0; j < p->nreqs; j++) {
		const struct creq *q = &p->reqs[j];
		if (e ? check_active_for_extra(c, p, q, e) : q->base)
			pool_require(pl, h, q);
	}
}

static int pool_add(struct sl_check *c, struct check_pool *pl, enum sl_solve_repo repo, size_t pi,
		    const char *e, int base, struct sl_err *err)
{
	struct cpkg *p = &c->pkgs[pi];
	char *name = e ? extra_key(p->name, e) : NULL;
	int h = sl_solve_add(pl->s, repo, name ? name : p->name, p->key, err);

	free(name);
	if (h < 0)
		return h;
	map_handle(&pl->m, h, pi);
	if (base)
		sl_solve_require_pkg(pl->s, h, base);
	pool_reqs(c, pl, h, pi, e);
	return h;
}

void check_pool_release(struct check_pool *pl)
{
	sl_solve_free(pl->s);
	free(pl->m.by_handle);
	check_map_release(&pl->m.specs);
	free(pl->m.sets);
	check_map_release(&pl->named);
	check_map_release(&pl->pseudo);
	for (size_t i = 0; i < pl->nowned; i++)
		free(pl->owned[i]);
	free(pl->owned);
	free(pl->px_pkg);
	free(pl->px_ext);
	free(pl->h);
}

/* Which pseudo-packages the pool needs: an extra some requirement names,
 * of a version that provides it. */
static void plan_pseudo(struct sl_check *c, struct check_pool *pl, const size_t *idx, size_t n,
			const struct setv *sv)
{
	size_t ntop;
	struct creq *top = check_requests(c, &ntop);

	for (size_t i = 0; i < ntop; i++)
		name_extras(pl, &top[i]);
	for (size_t i = 0; i < n; i++) {
		struct cpkg *p = &c->pkgs[idx[i]];
		check_parse_pkg(c, p);
		for (size_t j = 0; j < p->nreqs; j++)
			name_extras(pl, &p->reqs[j]);
	}
	for (size_t i = 0; i < n; i++) {
		struct cpkg *p = &c->pkgs[idx[i]];
		for (size_t j = 0; j < p->n_provides_extra; j++)
			want_pseudo(c, pl, idx[i], p->provides_extra[j]);
		if (sv && i < sv->n)
			for (size_t j = 0; j < sv->next[i]; j++)
				want_pseudo(c, pl, idx[i], sv->ext[i][j]);
	}
}

/* The requests as one kept pseudo-package.  A fix may change what the
 * Space's requirements ask for (that is a "pin"), not what the builder
 * asks for. */
static void add_requests(struct sl_check *c, struct check_pool *pl, bool platform_only,
			 struct sl_err *err)
{
	size_t ntop;
	struct creq *top = check_requests(c, &ntop);
	int h = sl_solve_add(pl->s, SL_SOLVE_INSTALLED, REQUESTS_PKG, "1", err);

	pl->requests = h;
	map_handle(&pl->m, h, (size_t)-3);
	sl_solve_keep(pl->s, h);
	for (size_t i = 0; i < ntop; i++)
		if (top[i].platform || !platform_only)
			pool_require(pl, h, &top[i]);
}

/* A pool of idx[0..n): the first ninst installed, the rest alternatives. */
int check_pool_build(struct sl_check *c, struct check_pool *pl, const size_t *idx, size_t n,
		     size_t ninst, const struct setv *sv, struct sl_err *err)
{
	int py, rc = 0;
	int *h;

	memset(pl, 0, sizeof(*pl));
	h = pl->h = sl_xcalloc(c->n + 1, sizeof(*h));
	pl->m.c = c;
	pl->s = sl_solve_new(match, &pl->m);
	plan_pseudo(c, pl, idx, n, sv);
	py = sl_solve_add(pl->s, SL_SOLVE_INSTALLED, PYTHON_PKG, c->pykey, err);
	map_handle(&pl->m, py, (size_t)-1);
	sl_solve_keep(pl->s, py);
	add_requests(c, pl, ninst < n, err);
	for (size_t i = 0; i < n && rc >= 0; i++) {
		enum sl_solve_repo r = i < ninst ? SL_SOLVE_INSTALLED : SL_SOLVE_AVAILABLE;
		rc = h[idx[i]] = pool_add(c, pl, r, idx[i], NULL, 0, err);
	}
	for (size_t k = 0; k < pl->npx && rc >= 0; k++)
		rc = pool_add(c, pl, SL_SOLVE_EXTRA, pl->px_pkg[k], pl->px_ext[k], h[pl->px_pkg[k]],
			      err);
	return rc < 0 ? rc : 0;
}
