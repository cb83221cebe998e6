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

static size_t group_of(struct sl_check *c, const struct prob *p, struct sl_check_report *r)
{
	const char *name = root_name(c, p);
	struct sl_check_group *g;

	for (size_t i = 0; i < r->n_groups; i++)
		if (r->groups[i].kind == p->kind && strcmp(r->groups[i].name, name) == 0)
			return i;
	r->groups = sl_xrealloc(r->groups, (r->n_groups + 1) * sizeof(*r->groups));
	g = &r->groups[r->n_groups];
	g->kind = p->kind;
	g->name = name;
	g->count = 0;
	g->version = p->kind == SL_CHECK_MISMATCH	? c->pkgs[p->target].version
		     : p->kind == SL_CHECK_PYTHON	? c->python
		     : p->kind == SL_CHECK_UNVERIFIABLE ? c->pkgs[p->pkg].version
							: NULL;
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

/* Sorts the groups and renumbers the problems' group indices. */
static void sort_groups(struct sl_check_report *r)
{
	size_t n = r->n_groups, *rank = sl_xcalloc(n + 1, sizeof(*rank));
	struct sl_check_group *sorted = sl_xcalloc(n + 1, sizeof(*sorted));

	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		for (size_t j = 0; j < n; j++)
			k += cmp_group(&r->groups[j], &r->groups[i]) < 0;
		rank[i] = k;
		sorted[k] = r->groups[i];
	}
	for (size_t i = 0; i < r->n_problems; i++)
		r->problems[i].group = rank[r->problems[i].group];
	free(r->groups);
	r->groups = sorted;
	free(rank);
}

/* site-packages has no record of why a package is there: name the
 * packages of the set that require it. */
static void site_why(struct sl_check *c, size_t pi)
{
	struct sl_buf b = SL_BUF_INIT;
	size_t n = 0;

	if (c->pkgs[pi].why)
		return;
	for (size_t i = 0; i < c->n_set; i++) {
		const struct cpkg *p = &c->pkgs[i];
		for (size_t j = 0; j < p->nreqs; j++) {
			if (!p->reqs[j].base || strcmp(p->reqs[j].name, c->pkgs[pi].name) != 0)
				continue;
			if (n < 3)
				sl_buf_addf(&b, "%s%s %s", n ? ", " : "required by ", p->name,
					    p->version);
			n++;
			break;
		}
	}
	if (n > 3)
		sl_buf_addf(&b, " and %zu more", n - 3);
	c->pkgs[pi].why = n ? sl_buf_detach(&b, NULL) : NULL;
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
	o->why = pk->why;
	o->reason = p->kind == SL_CHECK_UNVERIFIABLE ? pk->unknown_why : NULL;
}

void check_report_fill(struct sl_check *c, const struct probs *p, struct sl_check_report *r)
{
	if (c->sdk_version && !c->sdk_why)
		c->sdk_why = sl_xasprintf("for sdk_version %s", c->sdk_version);
	r->python = c->python;
	r->site = c->site_mode;
	r->n_packages = c->n_set;
	r->consistent = p->n == 0;
	r->unreached = c->unreached;
	r->n_unreached = c->n_unreached;
	r->problems = sl_xcalloc(p->n + 1, sizeof(*r->problems));
	for (size_t i = 0; i < p->n; i++) {
		struct sl_check_problem *o = &r->problems[r->n_problems++];
		if (c->site_mode && !p->v[i].request && p->v[i].kind != SL_CHECK_UNVERIFIABLE)
			site_why(c, p->v[i].pkg);
		fill_problem(c, &p->v[i], o);
		o->group = group_of(c, &p->v[i], r);
		r->groups[o->group].count++;
	}
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
