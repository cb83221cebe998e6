/* resolve.c: the dated resolution's loop (resolve.h).  Each round builds a
 * libsolv pool (solve.h) of the candidates at the date, asks it to install
 * the requests, and fetches what the choice lacks: release lists of
 * projects met for the first time, metadata of chosen versions not read
 * yet (their Requires-Dist).  A version whose metadata is unknown enters
 * the pool without requirements; once libsolv chooses it its metadata is
 * read and the next round sees them, so the loop ends when the choice
 * needs nothing new, as pip's own "choose, then read the metadata". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve_private.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/solve.h"
#include "spacelock/specifier.h"

#define MAX_ROUNDS 200

int sl_resolve_new(struct sl_index *idx, const char *python, struct sl_resolve **out,
		   struct sl_err *err)
{
	struct sl_resolve *r = sl_xcalloc(1, sizeof(*r));
	int major = 0, minor = -1;

	if (!python || sscanf(python, "%d.%d", &major, &minor) != 2 || major != 3 || minor < 0) {
		free(r);
		return sl_error(err, SL_EINVAL, "python '%s' is not CPython 3.X[.Y]",
				python ? python : "(none)");
	}
	r->env = sl_env_new();
	if (sl_env_set_python(r->env, python, err) != 0 ||
	    sl_version_parse(python, &r->pyver, err) != 0) {
		sl_resolve_free(r);
		return SL_EINVAL;
	}
	if (rs_pre_load(r, err) != 0) {
		sl_resolve_free(r);
		return SL_EPARSE;
	}
	r->idx = idx;
	r->py_minor = minor;
	*out = r;
	return 0;
}

void sl_resolve_free(struct sl_resolve *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nprojs; i++)
		rs_project_release(&r->projs[i]);
	free(r->projs);
	free(r->slots);
	for (size_t i = 0; i < r->nreqs; i++) {
		free(r->reqs[i].name);
		for (size_t j = 0; j < r->reqs[i].nextras; j++)
			free(r->reqs[i].extras[j]);
		free(r->reqs[i].extras);
		free(r->reqs[i].spec);
	}
	free(r->reqs);
	for (size_t i = 0; i < r->capspecs; i++) {
		free(r->specs[i].text);
		sl_specset_free(r->specs[i].set);
	}
	free(r->specs);
	sl_env_free(r->env);
	sl_version_free(r->pyver);
	rs_pre_release(r);
	free(r);
}

int sl_resolve_request(struct sl_resolve *r, const char *text, struct sl_err *err)
{
	struct sl_requirement *q = NULL;
	struct rs_req *rq;

	if (sl_requirement_parse(text, &q, err) != 0)
		return SL_EPARSE;
	if (q->url) {
		sl_requirement_free(q);
		return sl_error(err, SL_EINVAL, "'%s' is a direct reference: no version to resolve",
				text);
	}
	if (!rs_marker_holds(r, q, NULL)) {
		sl_requirement_free(q);
		return 0;
	}
	rs_note_requirement(r, q);
	sl_xgrow((void **)&r->reqs, &r->capreqs, r->nreqs + 1, sizeof(*r->reqs));
	rq = &r->reqs[r->nreqs++];
	rq->name = sl_name_canonical(q->name);
	rq->spec = sl_specset_to_string(q->spec);
	rq->extras = sl_xcalloc(q->nextras + 1, sizeof(char *));
	for (size_t i = 0; i < q->nextras; i++)
		rq->extras[i] = sl_name_canonical(q->extras[i]);
	rq->nextras = q->nextras;
	sl_requirement_free(q);
	return 0;
}

void sl_resolve_fix(struct sl_resolve *r, const char *name, const char *version)
{
	char *canon = sl_name_canonical(name);
	struct rs_proj *p = rs_project(r, canon);

	free(p->fixed);
	p->fixed = sl_xstrdup(version);
	free(canon);
}

/* ---- fetching what a round lacks ---- */

static int fetch_projects(struct sl_resolve *r, struct sl_err *err)
{
	struct sl_index_project *v = NULL;
	size_t *which = NULL, n = 0;
	int rc = 0;

	for (size_t i = 0; i < r->nprojs; i++) {
		if (r->projs[i].state)
			continue;
		v = sl_xrealloc(v, (n + 1) * sizeof(*v));
		which = sl_xrealloc(which, (n + 1) * sizeof(*which));
		v[n] = r->projs[i].ip;
		which[n++] = i;
	}
	if (n)
		sl_index_fetch_projects(r->idx, v, n, NULL);
	for (size_t k = 0; k < n; k++) {
		struct rs_proj *p = &r->projs[which[k]];
		p->ip = v[k];
		p->state = p->ip.result ? p->ip.result : 1;
		if (p->state == 1)
			rs_project_load(r, p);
		else if (!rc) {
			rc = p->state;
			*err = p->ip.err;
		}
	}
	free(v);
	free(which);
	return rc;
}

/* A handle of the pool: project and version, and the extra (or NULL). */
struct pick {
	struct rs_proj *p;
	struct rs_ver *v;
	const char *extra;
};

struct round {
	struct sl_resolve *r;
	struct sl_solve *s;
	struct pick *picks;
	size_t npicks;
	const char *as_of;
};

static bool match(void *ctx, int h, const char *spec)
{
	struct round *rd = ctx;
	const struct sl_specset *set;

	if (h <= 0 || (size_t)h >= rd->npicks || !rd->picks[h].v)
		return false;
	set = rs_spec(rd->r, spec);
	return set && sl_specset_contains(set, rd->picks[h].v->v, SL_PRE_INCLUDE);
}

static void set_pick(struct round *rd, int h, struct rs_proj *p, struct rs_ver *v, const char *e)
{
	if ((size_t)h >= rd->npicks) {
		size_t cap = rd->npicks;
		sl_xgrow((void **)&rd->picks, &cap, (size_t)h + 1, sizeof(*rd->picks));
		memset(rd->picks + rd->npicks, 0, (cap - rd->npicks) * sizeof(*rd->picks));
		rd->npicks = cap;
	}
	rd->picks[h] = (struct pick){p, v, e};
}

static void require(struct round *rd, int h, const struct sl_requirement *q)
{
	char *canon = sl_name_canonical(q->name);
	char *spec = sl_specset_to_string(q->spec);

	sl_solve_require(rd->s, h, canon, spec);
	for (size_t i = 0; i < q->nextras; i++) {
		char *e = sl_name_canonical(q->extras[i]);
		char *k = sl_xasprintf("%s[%s]", canon, e);
		sl_solve_require(rd->s, h, k, spec);
		free(k);
		free(e);
	}
	free(spec);
	free(canon);
}

static void add_version(struct round *rd, struct rs_proj *p, struct rs_ver *v)
{
	struct sl_err err = {0};
	int h = sl_solve_add(rd->s, SL_SOLVE_AVAILABLE, p->name, v->key, &err);

	if (h <= 0)
		return;
	set_pick(rd, h, p, v, NULL);
	for (size_t i = 0; i < v->ndeps; i++)
		if (!v->deps[i]->url && rs_marker_holds(rd->r, v->deps[i], NULL))
			require(rd, h, v->deps[i]);
	for (size_t e = 0; e < p->nextras; e++) {
		char *k = sl_xasprintf("%s[%s]", p->name, p->extras[e]);
		int he = sl_solve_add(rd->s, SL_SOLVE_EXTRA, k, v->key, &err);
		free(k);
		if (he <= 0)
			continue;
		set_pick(rd, he, p, v, p->extras[e]);
		sl_solve_require_pkg(rd->s, he, h);
		for (size_t i = 0; i < v->ndeps; i++)
			if (!v->deps[i]->url && rs_marker_holds(rd->r, v->deps[i], p->extras[e]))
				require(rd, he, v->deps[i]);
	}
}

/* The version a proven pin names, made a candidate even when the index
 * does not list it (a contradiction the caller reports). */
static struct rs_ver *fixed_version(struct rs_proj *p)
{
	struct sl_version *want = NULL;
	struct sl_err err = {0};
	struct rs_ver *v;

	if (sl_version_parse(p->fixed, &want, &err) != 0)
		return NULL;
	for (size_t i = 0; i < p->nvers; i++)
		if (sl_version_cmp(p->vers[i].v, want) == 0) {
			sl_version_free(want);
			return &p->vers[i];
		}
	/* vers has room for one more (rs_project_load) */
	v = &p->vers[p->nvers++];
	memset(v, 0, sizeof(*v));
	p->fix_version = sl_xstrdup(p->fixed);
	v->version = p->fix_version;
	v->v = want;
	v->key = sl_version_evr_key(want);
	return v;
}

static void add_project(struct round *rd, struct rs_proj *p)
{
	bool pre;

	if (p->state != 1)
		return;
	if (p->fixed) {
		struct rs_ver *v = fixed_version(p);
		if (v)
			add_version(rd, p, v);
		return;
	}
	pre = rs_pre_allowed(rd->r, p, rd->as_of);
	for (size_t i = 0; i < p->nvers; i++)
		if (rs_candidate(p, &p->vers[i], rd->as_of) &&
		    (pre || !sl_version_is_prerelease(p->vers[i].v)))
			add_version(rd, p, &p->vers[i]);
}

/* The requirements of the extras some requirement asks for: their
 * projects join the resolution (an extra nobody asks for pulls nothing).
 * Indices, not pointers: noting a requirement may grow the arrays. */
static void note_extra_deps(struct sl_resolve *r)
{
	for (size_t i = 0; i < r->nprojs; i++)
		for (size_t e = 0; e < r->projs[i].nextras; e++)
			for (size_t j = 0; j < r->projs[i].nvers; j++)
				for (size_t d = 0; d < r->projs[i].vers[j].ndeps; d++) {
					const struct sl_requirement *q =
					    r->projs[i].vers[j].deps[d];
					if (!q->url && q->marker &&
					    sl_marker_uses_extra(q->marker) &&
					    rs_marker_holds(r, q, r->projs[i].extras[e]))
						rs_note_requirement(r, q);
				}
}

/* Reads the metadata of the chosen versions that lack it; new projects
 * and extras their requirements name join the next round. */
static int fetch_metadata(struct sl_resolve *r, struct pick **need, size_t n, struct sl_err *err)
{
	struct sl_index_release *rels = sl_xcalloc(n + 1, sizeof(*rels));
	int rc;

	for (size_t i = 0; i < n; i++) {
		rels[i].name = sl_xstrdup(need[i]->p->name);
		rels[i].version = sl_xstrdup(need[i]->v->version);
	}
	rc = sl_index_fetch(r->idx, rels, n, err);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct rs_ver *v = need[i]->v;
		size_t k = 0;
		for (size_t j = 0; rels[i].requires_dist && rels[i].requires_dist[j]; j++)
			k++;
		v->deps = sl_xcalloc(k + 1, sizeof(*v->deps));
		for (size_t j = 0; j < k; j++) {
			struct sl_err perr = {0};
			struct sl_requirement *q = NULL;
			/* pip skips a Requires-Dist it cannot parse, with a warning */
			if (sl_requirement_parse(rels[i].requires_dist[j], &q, &perr) != 0)
				continue;
			v->deps[v->ndeps++] = q;
			if (!q->url && rs_marker_holds(r, q, NULL))
				rs_note_requirement(r, q);
		}
		v->meta = 1;
	}
	for (size_t i = 0; i < n; i++)
		sl_index_clear(&rels[i]);
	free(rels);
	return rc;
}

static void problem_message(struct round *rd, const struct sl_solve_problem *pr, struct sl_err *err)
{
	const char *by =
	    pr->source > 0 && (size_t)pr->source < rd->npicks && rd->picks[pr->source].p
		? rd->picks[pr->source].p->name
		: NULL;
	const char *by_v = by ? rd->picks[pr->source].v->version : "";

	if (pr->dep_name && *pr->dep_name)
		sl_error(err, SL_ESOLVER, "at %s no version of '%s%s%s' can be installed%s%s%s%s",
			 rd->as_of, pr->dep_name, *pr->dep_spec ? " " : "", pr->dep_spec,
			 by ? " (required by " : "", by ? by : "", by ? " " : "", by ? by_v : "");
	else
		sl_error(err, SL_ESOLVER, "at %s the requests cannot all be installed together",
			 rd->as_of);
	if (by)
		strncat(err->msg, ")", sizeof(err->msg) - strlen(err->msg) - 1);
}

static int solve_round(struct round *rd, int **chosen, size_t *n, struct sl_err *err)
{
	struct sl_resolve *r = rd->r;
	size_t nq = 0;
	const char **names = NULL, **specs = NULL;
	char **owned = NULL;
	size_t nowned = 0;
	struct sl_solve_problem *probs = NULL;
	size_t nprobs = 0;
	int rc;

	for (size_t i = 0; i < r->nprojs; i++)
		add_project(rd, &r->projs[i]);
	for (size_t i = 0; i < r->nreqs; i++) {
		const struct rs_req *q = &r->reqs[i];
		names = sl_xrealloc(names, (nq + q->nextras + 1) * sizeof(*names));
		specs = sl_xrealloc(specs, (nq + q->nextras + 1) * sizeof(*specs));
		names[nq] = q->name;
		specs[nq++] = q->spec;
		for (size_t e = 0; e < q->nextras; e++) {
			owned = sl_xrealloc(owned, (nowned + 1) * sizeof(*owned));
			owned[nowned] = sl_xasprintf("%s[%s]", q->name, q->extras[e]);
			names[nq] = owned[nowned++];
			specs[nq++] = q->spec;
		}
	}
	rc = sl_solve_install(rd->s, names, specs, nq, chosen, n, &probs, &nprobs, err);
	if (rc && nprobs)
		problem_message(rd, &probs[0], err);
	free(probs);
	for (size_t i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	free(names);
	free(specs);
	return rc;
}

static int cmp_res(const void *a, const void *b)
{
	return strcmp(((const struct sl_resolved *)a)->name, ((const struct sl_resolved *)b)->name);
}

static bool requested(const struct sl_resolve *r, const char *name)
{
	for (size_t i = 0; i < r->nreqs; i++)
		if (strcmp(r->reqs[i].name, name) == 0)
			return true;
	return false;
}

/* The base packages chosen, sorted by name, each with a parent that
 * requires it (none for a request). */
static void results(struct round *rd, const int *chosen, size_t n, struct sl_resolved **out,
		    size_t *nout)
{
	struct sl_resolved *v = sl_xcalloc(n + 1, sizeof(*v));
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct pick *pk = &rd->picks[chosen[i]];
		if (pk->p && !pk->extra)
			v[k++] = (struct sl_resolved){pk->p->name, pk->v->version, NULL};
	}
	qsort(v, k, sizeof(*v), cmp_res);
	for (size_t i = 0; i < n; i++) {
		const struct pick *pk = &rd->picks[chosen[i]];
		if (!pk->p)
			continue;
		for (size_t d = 0; d < pk->v->ndeps; d++) {
			char *c = sl_name_canonical(pk->v->deps[d]->name);
			struct sl_resolved key = {c, NULL, NULL}, *hit;
			hit = bsearch(&key, v, k, sizeof(*v), cmp_res);
			if (hit && !requested(rd->r, c) &&
			    rs_marker_holds(rd->r, pk->v->deps[d], pk->extra) &&
			    (!hit->parent || strcmp(pk->p->name, hit->parent) < 0))
				hit->parent = pk->p->name;
			free(c);
		}
	}
	*out = v;
	*nout = k;
}

int sl_resolve_at(struct sl_resolve *r, const char *as_of, struct sl_resolved **out, size_t *n,
		  struct sl_err *err)
{
	int rc = 0;

	*out = NULL;
	*n = 0;
	for (int round = 0; round < MAX_ROUNDS; round++) {
		struct round rd = {r, NULL, NULL, 0, as_of};
		int *chosen = NULL;
		size_t nch = 0, nneed = 0;
		struct pick **need = NULL;

		note_extra_deps(r);
		if ((rc = fetch_projects(r, err)) != 0)
			return rc;
		rd.s = sl_solve_new(match, &rd);
		rc = solve_round(&rd, &chosen, &nch, err);
		for (size_t i = 0; i < nch && rc == 0; i++) {
			struct pick *pk = &rd.picks[chosen[i]];
			if (pk->p && !pk->extra && !pk->v->meta) {
				need = sl_xrealloc(need, (nneed + 1) * sizeof(*need));
				need[nneed++] = pk;
			}
		}
		if (rc == 0 && nneed)
			rc = fetch_metadata(r, need, nneed, err);
		else if (rc == 0)
			results(&rd, chosen, nch, out, n);
		free(need);
		free(chosen);
		sl_solve_free(rd.s);
		free(rd.picks);
		if (rc || *out)
			return rc;
	}
	return sl_error(err, SL_ELIMIT, "at %s the resolution did not settle in %d rounds", as_of,
			MAX_ROUNDS);
}
