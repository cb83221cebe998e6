/* check_report.c: the direct walk's problems grouped by root cause (one
 * package at one version, one missing project, the interpreter, one package
 * without metadata), sorted, and given the chain that explains why the
 * requiring package is in the set. */
#include <stdlib.h>
#include <string.h>

#include "check_private.h"
#include "spacelock/buf.h"
#include "spacelock/mem.h"

static const char *root_name(const struct sl_check *c, const struct prob *p)
{
	switch (p->kind) {
	case SL_CHECK_MISSING:
	case SL_CHECK_MISMATCH: return p->q->name;
	case SL_CHECK_PYTHON: return "python";
	case SL_CHECK_UNVERIFIABLE: break;
	}
	return c->pkgs[p->pkg].name;
}

/* The group of p's root cause: found through one map per kind (name ->
 * group index), so grouping n problems is linear. */
static size_t group_of(struct sl_check *c, const struct prob *p, struct sl_check_report *r,
		       struct check_map *by_kind, size_t *cap)
{
	const char *name = root_name(c, p);
	struct sl_check_group *g;
	size_t i;

	if (check_map_get(&by_kind[p->kind], name, &i))
		return i;
	sl_xgrow((void **)&r->groups, cap, r->n_groups + 1, sizeof(*r->groups));
	g = &r->groups[r->n_groups];
	g->kind = p->kind;
	g->name = name;
	g->count = 0;
	g->version = p->kind == SL_CHECK_MISMATCH	? c->pkgs[p->target].version
		     : p->kind == SL_CHECK_PYTHON	? c->python
		     : p->kind == SL_CHECK_UNVERIFIABLE ? c->pkgs[p->pkg].version
							: NULL;
	g->inferred = p->kind == SL_CHECK_MISMATCH ? c->pkgs[p->target].inferred : NULL;
	check_map_put(&by_kind[p->kind], name, r->n_groups);
	return r->n_groups++;
}

static int cmp_group(const struct sl_check_group *a, const struct sl_check_group *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_problem(const void *x, const void *y)
{
	const struct sl_check_problem *a = x, *b = y;
	int d;

	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if ((d = strcmp(a->package, b->package)) != 0)
		return d;
	if ((d = cmp_str(a->extra, b->extra)) != 0)
		return d;
	return cmp_str(a->requirement, b->requirement);
}

static int cmp_strp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static const struct sl_check_group *sorting_groups; /* qsort has no context */

static int cmp_group_at(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int d = cmp_group(&sorting_groups[i], &sorting_groups[j]);
	return d ? d : (i > j) - (i < j);
}

/* Sorts the groups and renumbers the problems' group indices. */
static void sort_groups(struct sl_check_report *r)
{
	size_t n = r->n_groups, *order = sl_xcalloc(n + 1, sizeof(*order));
	size_t *rank = sl_xcalloc(n + 1, sizeof(*rank));
	struct sl_check_group *sorted = sl_xcalloc(n + 1, sizeof(*sorted));

	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sorting_groups = r->groups;
	if (n > 1)
		qsort(order, n, sizeof(*order), cmp_group_at);
	sorting_groups = NULL;
	for (size_t k = 0; k < n; k++) {
		rank[order[k]] = k;
		sorted[k] = r->groups[order[k]];
	}
	for (size_t i = 0; i < r->n_problems; i++)
		r->problems[i].group = rank[r->problems[i].group];
	free(r->groups);
	r->groups = sorted;
	free(rank);
	free(order);
}

/* site-packages has no record of why a package is there: the packages of
 * the set that require it (by a requirement without an extra), the first
 * three in set order and how many.  Made once for the whole set, so naming
 * them costs the set's requirements once, not once per problem. */
struct requirers {
	struct check_map byname; /* name -> its first position in the set */
	size_t *count;		 /* per position: how many packages require it */
	size_t (*first)[3];	 /* the first three of them */
};

static void requirers_build(const struct sl_check *c, struct requirers *w)
{
	struct check_map *byname = &w->byname;
	size_t *last = sl_xcalloc(c->n_set + 1, sizeof(*last));

	w->count = sl_xcalloc(c->n_set + 1, sizeof(*w->count));
	w->first = sl_xcalloc(c->n_set + 1, sizeof(*w->first));
	for (size_t i = 0; i < c->n_set; i++)
		check_map_put(byname, c->pkgs[i].name, i);
	for (size_t i = 0; i < c->n_set; i++) {
		const struct cpkg *p = &c->pkgs[i];
		for (size_t j = 0; j < p->nreqs; j++) {
			size_t t;
			if (!p->reqs[j].base || !check_map_get(byname, p->reqs[j].name, &t))
				continue;
			if (w->count[t] && last[t] == i)
				continue; /* one package counts once */
			last[t] = i;
			if (w->count[t] < 3)
				w->first[t][w->count[t]] = i;
			w->count[t]++;
		}
	}
	free(last);
}

static void site_why(struct sl_check *c, const struct requirers *w, size_t pi)
{
	struct sl_buf b = SL_BUF_INIT;
	size_t t, n;

	if (c->pkgs[pi].why || !check_map_get(&w->byname, c->pkgs[pi].name, &t))
		return;
	if ((n = w->count[t]) == 0)
		return;
	for (size_t k = 0; k < n && k < 3; k++) {
		const struct cpkg *p = &c->pkgs[w->first[t][k]];
		sl_buf_addf(&b, "%s%s %s", k ? ", " : "required by ", p->name, p->version);
	}
	if (n > 3)
		sl_buf_addf(&b, " and %zu more", n - 3);
	c->pkgs[pi].why = sl_buf_detach(&b, NULL);
	sl_buf_release(&b);
}

static void fill_request(struct sl_check *c, const struct prob *p, struct sl_check_problem *o)
{
	o->kind = p->kind;
	o->package = p->q->name;
	o->version = p->target < c->n ? c->pkgs[p->target].version : NULL;
	o->requirement = p->q->text;
	o->target = p->q->name;
	o->installed = o->version;
	o->installed_inferred = p->target < c->n ? c->pkgs[p->target].inferred : NULL;
	o->inferred = o->installed_inferred;
	o->requested_by = p->q->platform ? "platform" : "requirements";
	o->requested_at = p->q->at;
	/* the platform's request: for which sdk_version; the Space's: why the
	 * locked version is another one (the platform installs it, ...) */
	if (p->q->platform)
		o->why = c->sdk_version && strstr(p->q->text, c->sdk_version) ? c->sdk_why : NULL;
	else
		o->why = p->target < c->n && c->pkgs[p->target].origin != SL_ORIGIN_DIRECT
			     ? c->pkgs[p->target].why
			     : NULL;
}

static void fill_problem(struct sl_check *c, const struct prob *p, struct sl_check_problem *o)
{
	const struct cpkg *pk;

	if (p->request) {
		fill_request(c, p, o);
		return;
	}
	pk = &c->pkgs[p->pkg];

	o->kind = p->kind;
	o->package = pk->name;
	o->version = pk->version;
	o->requirement = p->q			      ? p->q->text
			 : p->kind == SL_CHECK_PYTHON ? pk->requires_python
						      : NULL;
	o->extra = p->extra;
	o->target = p->q ? p->q->name : NULL;
	o->installed = p->kind == SL_CHECK_MISMATCH ? c->pkgs[p->target].version
		       : p->kind == SL_CHECK_PYTHON ? c->python
						    : NULL;
	o->inferred = pk->inferred;
	o->installed_inferred = p->kind == SL_CHECK_MISMATCH ? c->pkgs[p->target].inferred : NULL;
	o->why = pk->why;
	o->reason = p->kind == SL_CHECK_UNVERIFIABLE ? pk->unknown_why : NULL;
}

/* The packages of the set whose version the lock infers, in set order. */
static void fill_inferred(const struct sl_check *c, struct sl_check_report *r)
{
	r->inferred = sl_xcalloc(c->n_set + 1, sizeof(*r->inferred));
	for (size_t i = 0; i < c->n_set; i++) {
		const struct cpkg *pk = &c->pkgs[i];
		if (!pk->inferred)
			continue;
		r->inferred[r->n_inferred++] =
		    (struct sl_check_inferred){pk->name, pk->version, pk->inferred_as_of,
					       pk->inferred_ambiguous, pk->inferred};
		r->n_ambiguous += pk->inferred_ambiguous;
	}
}

void check_report_fill(struct sl_check *c, const struct probs *p, struct sl_check_report *r)
{
	struct check_map by_kind[4] = {{0}};
	struct requirers w = {0};
	size_t cap = 0;

	if (c->sdk_version && !c->sdk_why)
		c->sdk_why = sl_xasprintf("for sdk_version %s", c->sdk_version);
	r->python = c->python;
	r->site = c->site_mode;
	r->n_packages = c->n_set;
	r->consistent = p->n == 0;
	r->unreached = c->unreached;
	r->n_unreached = c->n_unreached;
	fill_inferred(c, r);
	r->problems = sl_xcalloc(p->n + 1, sizeof(*r->problems));
	if (c->site_mode && p->n)
		requirers_build(c, &w);
	for (size_t i = 0; i < p->n; i++) {
		struct sl_check_problem *o = &r->problems[r->n_problems++];
		if (c->site_mode && !p->v[i].request && p->v[i].kind != SL_CHECK_UNVERIFIABLE)
			site_why(c, &w, p->v[i].pkg);
		fill_problem(c, &p->v[i], o);
		o->group = group_of(c, &p->v[i], r, by_kind, &cap);
		r->groups[o->group].count++;
	}
	for (int k = 0; k < 4; k++)
		check_map_release(&by_kind[k]);
	check_map_release(&w.byname);
	free(w.count);
	free(w.first);
	sort_groups(r);
	if (r->n_problems > 1)
		qsort(r->problems, r->n_problems, sizeof(*r->problems), cmp_problem);
	r->warnings = sl_xcalloc(c->nwarnings + 1, sizeof(*r->warnings));
	for (size_t i = 0; i < c->nwarnings; i++)
		r->warnings[i] = c->warnings[i];
	r->n_warnings = c->nwarnings;
	if (r->n_warnings > 1)
		qsort(r->warnings, r->n_warnings, sizeof(*r->warnings), cmp_strp);
}

void sl_check_report_release(struct sl_check_report *r)
{
	free(r->problems);
	free(r->groups);
	for (size_t i = 0; i < r->n_solutions; i++)
		free(r->solutions[i].actions);
	free(r->solutions);
	free(r->warnings);
	free(r->inferred);
	memset(r, 0, sizeof(*r));
}

const char *sl_check_kind_name(enum sl_check_kind k)
{
	static const char *const names[] = {"missing", "mismatch", "python", "unverifiable"};
	return (unsigned)k < 4 ? names[k] : "unknown";
}

const char *sl_check_step_name(enum sl_check_step s)
{
	static const char *const names[] = {"pin", "upgrade", "downgrade", "add", "remove"};
	return (unsigned)s < 5 ? names[s] : "unknown";
}

size_t sl_check_store_metadata(const struct sl_check *c, struct sl_lock *lock)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n_set; i++) {
		const struct cpkg *p = &c->pkgs[i];
		struct sl_lock_package *lp = sl_lock_find(lock, p->name);
		if (!p->has_meta || !lp || strcmp(lp->version, p->version) != 0 ||
		    (lp->metadata && strcmp(p->meta_source, "lock") == 0))
			continue;
		sl_lock_package_set_metadata(lp, (const char *const *)p->requires_dist,
					     p->n_requires_dist, p->requires_python,
					     (const char *const *)p->provides_extra,
					     p->n_provides_extra);
		n++;
	}
	return n;
}
