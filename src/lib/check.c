/* check.c: is a set of versions consistent for its target?  A direct walk
 * over every active requirement gives the problems (as pip check would
 * list them, plus extras and Requires-Python); libsolv (solve.c) proves
 * the same verdict independently and searches the alternatives for fixes,
 * each of which is re-verified here by the direct walk before it is kept. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_private.h"
#include "spacelock/buf.h"
#include "spacelock/marker.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/requirement.h"
#include "spacelock/solve.h"
#include "spacelock/specifier.h"
#include "spacelock/version.h"

#define PYTHON_PKG "@python"
#define REQUESTS_PKG "@requests"
#define MAX_FIXES 2

/* ---- the model ---- */

struct sl_check *sl_check_new(void)
{
	struct sl_check *c = sl_xcalloc(1, sizeof(*c));

	c->env = sl_env_new();
	return c;
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char **strv_copy(const char *const *v, size_t n)
{
	char **out = sl_xcalloc(n + 1, sizeof(*out));

	for (size_t i = 0; i < n; i++)
		out[i] = sl_xstrdup(v[i]);
	return out;
}

static void creqs_free(struct creq *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].text);
		free(r[i].show);
		free(r[i].name);
		strv_free(r[i].extras, r[i].nextras);
		free(r[i].spec);
		sl_requirement_free(r[i].r);
	}
	free(r);
}

static void pkg_release(struct cpkg *p)
{
	free(p->name);
	free(p->version);
	sl_version_free(p->ver);
	free(p->key);
	free(p->why);
	free(p->meta_source);
	strv_free(p->requires_dist, p->n_requires_dist);
	free(p->requires_python);
	strv_free(p->provides_extra, p->n_provides_extra);
	creqs_free(p->reqs, p->nreqs);
	sl_specset_free(p->rp);
	free(p->request);
	strv_free(p->parents, p->nparents);
}

void sl_check_free(struct sl_check *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		pkg_release(&c->pkgs[i]);
	free(c->pkgs);
	free(c->wheels);
	free(c->python);
	sl_version_free(c->pyver);
	free(c->pykey);
	sl_env_free(c->env);
	strv_free(c->requests, c->nrequests);
	free(c->request_platform);
	creqs_free(c->top, c->ntop);
	free(c->sdk_version);
	free(c->sdk_why);
	strv_free(c->warnings, c->nwarnings);
	for (size_t i = 0; i < c->nspecsets; i++)
		sl_specset_free(c->specsets[i]);
	free(c->specsets);
	if (c->specmap)
		check_map_release(c->specmap);
	free(c->specmap);
	free(c);
}

void check_warn(struct sl_check *c, const char *fmt, ...)
{
	va_list ap;
	struct sl_buf b = SL_BUF_INIT;

	va_start(ap, fmt);
	sl_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < c->nwarnings; i++) {
		if (strcmp(c->warnings[i], b.buf) == 0) {
			sl_buf_release(&b);
			return;
		}
	}
	c->warnings = sl_xrealloc(c->warnings, (c->nwarnings + 1) * sizeof(*c->warnings));
	c->warnings[c->nwarnings++] = sl_buf_detach(&b, NULL);
}

size_t check_add_pkg(struct sl_check *c, const char *name, const char *version)
{
	struct cpkg *p;

	sl_xgrow((void **)&c->pkgs, &c->cap, c->n + 1, sizeof(*c->pkgs));
	p = &c->pkgs[c->n];
	memset(p, 0, sizeof(*p));
	p->name = sl_name_canonical(name);
	p->version = sl_xstrdup(version);
	if (sl_version_parse(version, &p->ver, NULL) == 0)
		p->key = sl_version_evr_key(p->ver);
	else
		p->key = sl_xstrdup(version); /* never matches a specifier */
	return c->n++;
}

void check_set_meta(struct cpkg *p, const char *const *requires_dist, size_t n,
		    const char *requires_python, const char *const *provides_extra, size_t nextra,
		    const char *source)
{
	p->has_meta = true;
	p->meta_source = sl_xstrdup(source);
	p->requires_dist = strv_copy(requires_dist, n);
	p->n_requires_dist = n;
	p->requires_python = requires_python ? sl_xstrdup(requires_python) : NULL;
	p->provides_extra = sl_xcalloc(nextra + 1, sizeof(char *));
	for (size_t i = 0; i < nextra; i++)
		p->provides_extra[i] = sl_extra_normalize(provides_extra[i]);
	p->n_provides_extra = nextra;
}

int check_set_python(struct sl_check *c, const char *python, struct sl_err *err)
{
	struct sl_version *v;

	if (sl_env_set_python(c->env, python, err) != 0 ||
	    sl_version_parse(python, &v, err) != 0)
		return sl_error(err, SL_EINVAL, "bad target python '%s': expected X.Y or X.Y.Z",
				python);
	free(c->python);
	sl_version_free(c->pyver);
	free(c->pykey);
	c->python = sl_xstrdup(python);
	c->pyver = v;
	c->pykey = sl_version_evr_key(v);
	return 0;
}

/* ---- requirements, parsed and their markers evaluated once ---- */

static bool marker_holds(struct sl_check *c, const struct cpkg *p, const struct creq *q,
			 const char *extra)
{
	bool out = false;
	struct sl_err e = {0};

	if (!q->r->marker)
		return true;
	if (sl_marker_eval(q->r->marker, c->env, extra, &out, &e) != 0) {
		check_warn(c, "%s %s: marker of '%s' cannot be evaluated (%s); taken as false",
			   p->name, p->version, q->text, e.msg);
		return false;
	}
	return out;
}

static char *show_text(const char *text)
{
	const char *semi = strchr(text, ';');
	size_t len = semi ? (size_t)(semi - text) : strlen(text);

	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	while (len && (*text == ' ' || *text == '\t'))
		text++, len--;
	return sl_xstrndup(text, len);
}

/* q's parsed specifier, shared with every requirement of the same text. */
static void share_spec(struct sl_check *c, struct creq *q)
{
	struct check_map *m;
	size_t i;

	if (!c->specmap)
		c->specmap = sl_xcalloc(1, sizeof(struct check_map));
	m = c->specmap;
	if (check_map_get(m, q->spec, &i)) {
		sl_specset_free(q->r->spec);
	} else {
		sl_xgrow((void **)&c->specsets, &c->capspecsets, c->nspecsets + 1,
			 sizeof(*c->specsets));
		i = c->nspecsets++;
		c->specsets[i] = q->r->spec;
		check_map_put(m, q->spec, i); /* q->spec lives as long as c */
	}
	q->r->spec = NULL;
	q->set = c->specsets[i];
}

static void parse_pkg(struct sl_check *c, struct cpkg *p)
{
	if (p->parsed)
		return;
	p->parsed = true;
	p->reqs = sl_xcalloc(p->n_requires_dist + 1, sizeof(*p->reqs));
	for (size_t i = 0; i < p->n_requires_dist; i++) {
		struct creq *q = &p->reqs[p->nreqs];
		struct sl_err e = {0};
		if (sl_requirement_parse(p->requires_dist[i], &q->r, &e) != 0) {
			check_warn(c, "%s %s: ignoring Requires-Dist '%s': %s", p->name, p->version,
				   p->requires_dist[i], e.msg);
			continue;
		}
		q->text = sl_xstrdup(p->requires_dist[i]);
		q->show = show_text(q->text);
		q->name = sl_name_canonical(q->r->name);
		q->extras = sl_xcalloc(q->r->nextras + 1, sizeof(char *));
		for (size_t j = 0; j < q->r->nextras; j++)
			q->extras[q->nextras++] = sl_extra_normalize(q->r->extras[j]);
		q->spec = q->r->url ? sl_xstrdup("") : sl_specset_to_string(q->r->spec);
		share_spec(c, q);
		q->uses_extra = q->r->marker && sl_marker_uses_extra(q->r->marker);
		q->base = marker_holds(c, p, q, "");
		p->nreqs++;
	}
	if (p->requires_python) {
		struct sl_err e = {0};
		if (sl_specset_parse(p->requires_python, &p->rp, &e) != 0)
			check_warn(c, "%s %s: ignoring Requires-Python '%s': %s", p->name,
				   p->version, p->requires_python, e.msg);
	}
}

/* Requirement q of p is brought in by extra e (and not by the base). */
static bool active_for_extra(struct sl_check *c, const struct cpkg *p, const struct creq *q,
			     const char *e)
{
	return !q->base && q->uses_extra && marker_holds(c, p, q, e);
}

static bool provides_extra(const struct cpkg *p, const char *e)
{
	for (size_t i = 0; i < p->n_provides_extra; i++)
		if (strcmp(p->provides_extra[i], e) == 0)
			return true;
	return false;
}

static bool spec_holds(const char *spec, const struct sl_specset *set, const struct cpkg *t)
{
	if (!*spec)
		return true;
	return t->ver && sl_specset_contains(set, t->ver, SL_PRE_INCLUDE);
}

/* ---- a set: which packages, and which extras of them are requested ---- */

struct setv {
	size_t *idx; /* indices into c->pkgs */
	size_t n;
	struct check_map byname;     /* name -> position in idx */
	char ***ext;            /* requested extras per position */
	size_t *next;
	size_t *wl_pos;         /* worklist of (position, extra) */
	const char **wl_ext;
	size_t wl_n, wl_cap;
};

static void setv_init(struct sl_check *c, struct setv *sv, const size_t *idx, size_t n)
{
	memset(sv, 0, sizeof(*sv));
	sv->idx = sl_xmalloc((n + 1) * sizeof(*sv->idx));
	memcpy(sv->idx, idx, n * sizeof(*idx));
	sv->n = n;
	sv->ext = sl_xcalloc(n + 1, sizeof(*sv->ext));
	sv->next = sl_xcalloc(n + 1, sizeof(*sv->next));
	for (size_t i = 0; i < n; i++) {
		struct cpkg *p = &c->pkgs[idx[i]];
		check_map_put(&sv->byname, p->name, i);
		parse_pkg(c, p);
	}
}

static void setv_release(struct setv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->ext[i]);
	free(sv->ext);
	free(sv->next);
	free(sv->idx);
	free(sv->wl_pos);
	free(sv->wl_ext);
	check_map_release(&sv->byname);
}

/* Extra e (borrowed, lives in c) of project name is requested. */
static void request_extra(struct setv *sv, const char *name, const char *e)
{
	size_t pos, cap;

	if (!check_map_get(&sv->byname, name, &pos))
		return;
	for (size_t i = 0; i < sv->next[pos]; i++)
		if (strcmp(sv->ext[pos][i], e) == 0)
			return;
	sv->ext[pos] = sl_xrealloc(sv->ext[pos], (sv->next[pos] + 1) * sizeof(char *));
	sv->ext[pos][sv->next[pos]++] = (char *)e;
	cap = sv->wl_cap;
	sl_xgrow((void **)&sv->wl_pos, &cap, sv->wl_n + 1, sizeof(*sv->wl_pos));
	sl_xgrow((void **)&sv->wl_ext, &sv->wl_cap, sv->wl_n + 1, sizeof(*sv->wl_ext));
	sv->wl_pos[sv->wl_n] = pos;
	sv->wl_ext[sv->wl_n++] = e;
}

static void request_all(struct setv *sv, const struct creq *q)
{
	for (size_t j = 0; j < q->nextras; j++)
		request_extra(sv, q->name, q->extras[j]);
}

static bool extra_provided(struct sl_check *c, const struct cpkg *p, const char *e)
{
	if (provides_extra(p, e))
		return true;
	for (size_t i = 0; i < p->nreqs; i++)
		if (active_for_extra(c, p, &p->reqs[i], e))
			return true;
	return false;
}

/* The extras the set requests: from the requests, then from every active
 * requirement, to a fixed point. */
static void resolve_extras(struct sl_check *c, struct setv *sv, struct creq *top, size_t ntop)
{
	for (size_t i = 0; i < ntop; i++)
		request_all(sv, &top[i]);
	for (size_t i = 0; i < sv->n; i++) {
		struct cpkg *p = &c->pkgs[sv->idx[i]];
		for (size_t j = 0; j < p->nreqs; j++)
			if (p->reqs[j].base)
				request_all(sv, &p->reqs[j]);
	}
	while (sv->wl_n) {
		size_t pos = sv->wl_pos[--sv->wl_n];
		const char *e = sv->wl_ext[sv->wl_n];
		struct cpkg *p = &c->pkgs[sv->idx[pos]];
		if (p->has_meta && !extra_provided(c, p, e)) {
			check_warn(c, "%s %s does not provide the extra '%s'", p->name, p->version, e);
			continue;
		}
		for (size_t j = 0; j < p->nreqs; j++)
			if (active_for_extra(c, p, &p->reqs[j], e))
				request_all(sv, &p->reqs[j]);
	}
}

static void add_prob(struct probs *out, struct prob pr)
{
	if (!out)
		return;
	sl_xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v));
	out->v[out->n++] = pr;
}

static size_t check_req(struct sl_check *c, struct setv *sv, size_t pi, const struct creq *q,
			const char *extra, struct probs *out)
{
	size_t pos;
	struct prob pr = {SL_CHECK_MISSING, pi, q, extra, (size_t)-1, false};

	if (check_map_get(&sv->byname, q->name, &pos)) {
		pr.target = sv->idx[pos];
		if (spec_holds(q->spec, q->set, &c->pkgs[pr.target]))
			return 0;
		pr.kind = SL_CHECK_MISMATCH;
	}
	add_prob(out, pr);
	return 1;
}

static size_t check_pkg(struct sl_check *c, struct setv *sv, size_t pos, struct probs *out)
{
	size_t pi = sv->idx[pos], n = 0;
	struct cpkg *p = &c->pkgs[pi];

	if (!p->has_meta) {
		add_prob(out, (struct prob){SL_CHECK_UNVERIFIABLE, pi, NULL, NULL, (size_t)-1, false});
		return 1;
	}
	if (p->rp && !sl_specset_contains(p->rp, c->pyver, SL_PRE_INCLUDE)) {
		add_prob(out, (struct prob){SL_CHECK_PYTHON, pi, NULL, NULL, (size_t)-1, false});
		n++;
	}
	for (size_t j = 0; j < p->nreqs; j++)
		if (p->reqs[j].base)
			n += check_req(c, sv, pi, &p->reqs[j], NULL, out);
	for (size_t k = 0; k < sv->next[pos]; k++) {
		const char *e = sv->ext[pos][k];
		for (size_t j = 0; j < p->nreqs; j++)
			if (active_for_extra(c, p, &p->reqs[j], e))
				n += check_req(c, sv, pi, &p->reqs[j], e, out);
	}
	return n;
}

/* A request (the builder's, or a requirements line) must hold too. */
static size_t check_request(struct sl_check *c, struct setv *sv, const struct creq *q,
			    struct probs *out)
{
	size_t pos;
	struct prob pr = {SL_CHECK_MISSING, (size_t)-1, q, NULL, (size_t)-1, true};

	if (check_map_get(&sv->byname, q->name, &pos)) {
		pr.pkg = pr.target = sv->idx[pos];
		if (spec_holds(q->spec, q->set, &c->pkgs[pr.target]))
			return 0;
		pr.kind = SL_CHECK_MISMATCH;
	}
	add_prob(out, pr);
	return 1;
}

/* The requests (platform, direct lines) parsed as requirements, once;
 * those whose marker is false for the target are dropped. */
static struct creq *parse_requests(struct sl_check *c, size_t *n)
{
	if (!c->top) {
		c->top = sl_xcalloc(c->nrequests + 1, sizeof(*c->top));
		for (size_t i = 0; i < c->nrequests; i++) {
			struct creq *q = &c->top[c->ntop];
			bool holds = true;
			if (sl_requirement_parse(c->requests[i], &q->r, NULL) != 0)
				continue;
			if (q->r->marker && sl_marker_eval(q->r->marker, c->env, "", &holds, NULL) != 0)
				holds = false;
			if (!holds) {
				sl_requirement_free(q->r);
				q->r = NULL;
				continue;
			}
			q->text = sl_xstrdup(c->requests[i]);
			q->show = show_text(q->text);
			q->name = sl_name_canonical(q->r->name);
			q->extras = sl_xcalloc(q->r->nextras + 1, sizeof(char *));
			for (size_t j = 0; j < q->r->nextras; j++)
				q->extras[q->nextras++] = sl_extra_normalize(q->r->extras[j]);
			q->spec = q->r->url ? sl_xstrdup("") : sl_specset_to_string(q->r->spec);
			share_spec(c, q);
			q->base = true;
			q->platform = c->request_platform[i];
			c->ntop++;
		}
	}
	*n = c->ntop;
	return c->top;
}

/* The direct walk over the set idx[0..n): appends problems to out (may be
 * NULL) and returns how many there are, unverifiable packages included. */
static size_t direct_check(struct sl_check *c, const size_t *idx, size_t n, struct setv *keep,
			   struct probs *out)
{
	struct setv sv;
	size_t ntop, count = 0;
	struct creq *top;

	setv_init(c, &sv, idx, n);
	top = parse_requests(c, &ntop);
	resolve_extras(c, &sv, top, ntop);
	for (size_t i = 0; i < sv.n; i++)
		count += check_pkg(c, &sv, i, out);
	for (size_t i = 0; i < ntop; i++)
		count += check_request(c, &sv, &top[i], out);
	if (keep)
		*keep = sv;
	else
		setv_release(&sv);
	return count;
}

/* ---- libsolv: the proof and the fixes ---- */

struct mctx {
	struct sl_check *c;
	size_t *by_handle; /* handle -> package index; SIZE_MAX: the interpreter */
	size_t nh;
	struct check_map specs; /* specifier text -> index into sets */
	const struct sl_specset **sets;
	size_t nsets, capsets;
};

struct pool {
	struct sl_solve *s;
	struct mctx m;
	struct check_map named;  /* "name[extra]" some requirement asks for */
	struct check_map pseudo; /* "name[extra]" present as a pseudo-package */
	char **owned;       /* the keys of named */
	size_t nowned;
	int *h;             /* package index -> handle */
	int requests;       /* the requests' pseudo-package */
	size_t *px_pkg;     /* pseudo-packages to add: package index, extra */
	const char **px_ext;
	size_t npx, cappx;
};

static bool match(void *ctx, int h, const char *spec)
{
	struct mctx *m = ctx;
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

static void map_handle(struct mctx *m, int h, size_t pi)
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

static void note_spec(struct mctx *m, const char *text, const struct sl_specset *set)
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

static void name_extras(struct pool *pl, const struct creq *q)
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

static void want_pseudo(struct sl_check *c, struct pool *pl, size_t pi, const char *e)
{
	struct cpkg *p = &c->pkgs[pi];
	char *k;
	size_t v, cap = pl->cappx;

	/* Entries of one package are added together: look back over them. */
	for (size_t i = pl->npx; i > 0 && pl->px_pkg[i - 1] == pi; i--)
		if (strcmp(pl->px_ext[i - 1], e) == 0)
			return;
	k = extra_key(p->name, e);
	if (check_map_get(&pl->named, k, &v) && extra_provided(c, p, e)) {
		check_map_put(&pl->pseudo, pl->owned[v], 0);
		sl_xgrow((void **)&pl->px_pkg, &cap, pl->npx + 1, sizeof(*pl->px_pkg));
		sl_xgrow((void **)&pl->px_ext, &pl->cappx, pl->npx + 1, sizeof(*pl->px_ext));
		pl->px_pkg[pl->npx] = pi;
		pl->px_ext[pl->npx++] = e;
	}
	free(k);
}

static void pool_require(struct pool *pl, int h, const struct creq *q)
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

static void pool_reqs(struct sl_check *c, struct pool *pl, int h, size_t pi, const char *e)
{
	struct cpkg *p = &c->pkgs[pi];

	if (!e && p->rp) {
		sl_solve_require(pl->s, h, PYTHON_PKG, p->requires_python);
		note_spec(&pl->m, p->requires_python, p->rp);
	}
	for (size_t j = 0; j < p->nreqs; j++) {
		const struct creq *q = &p->reqs[j];
		if (e ? active_for_extra(c, p, q, e) : q->base)
			pool_require(pl, h, q);
	}
}

static int pool_add(struct sl_check *c, struct pool *pl, enum sl_solve_repo repo, size_t pi,
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

static void pool_release(struct pool *pl)
{
	sl_solve_free(pl->s);
	free(pl->m.by_handle);
	check_map_release(&pl->m.specs);
	free(pl->m.sets);
	check_map_release(&pl->named);
	check_map_release(&pl->pseudo);
	strv_free(pl->owned, pl->nowned);
	free(pl->px_pkg);
	free(pl->px_ext);
	free(pl->h);
}

/* Which pseudo-packages the pool needs: an extra some requirement names,
 * of a version that provides it. */
static void plan_pseudo(struct sl_check *c, struct pool *pl, const size_t *idx, size_t n,
			const struct setv *sv)
{
	size_t ntop;
	struct creq *top = parse_requests(c, &ntop);

	for (size_t i = 0; i < ntop; i++)
		name_extras(pl, &top[i]);
	for (size_t i = 0; i < n; i++) {
		struct cpkg *p = &c->pkgs[idx[i]];
		parse_pkg(c, p);
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
static void add_requests(struct sl_check *c, struct pool *pl, bool platform_only,
			 struct sl_err *err)
{
	size_t ntop;
	struct creq *top = parse_requests(c, &ntop);
	int h = sl_solve_add(pl->s, SL_SOLVE_INSTALLED, REQUESTS_PKG, "1", err);

	pl->requests = h;
	map_handle(&pl->m, h, (size_t)-3);
	sl_solve_keep(pl->s, h);
	for (size_t i = 0; i < ntop; i++)
		if (top[i].platform || !platform_only)
			pool_require(pl, h, &top[i]);
}

/* A pool of idx[0..n): the first ninst installed, the rest alternatives. */
static int build_pool(struct sl_check *c, struct pool *pl, const size_t *idx, size_t n,
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
		rc = pool_add(c, pl, SL_SOLVE_EXTRA, pl->px_pkg[k], pl->px_ext[k],
			      h[pl->px_pkg[k]], err);
	return rc < 0 ? rc : 0;
}

/* ---- fixes: libsolv's solutions, re-verified by the direct walk ---- */

static size_t hard_problems(const struct probs *p)
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
static bool apply_fix(struct sl_check *c, const struct pool *pl, const struct sl_solve_fix *f,
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

static struct sl_check_solution to_solution(struct sl_check *c, const struct pool *pl,
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
			x->step = o && o->direct ? SL_CHECK_PIN
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
static size_t unlock_sets(const struct pool *pl, const struct probs *pr, int **sets,
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

static void keep_fix(struct sl_check *c, const struct pool *pl, const struct sl_solve_fix *f,
		     struct sl_check_report *r)
{
	size_t *set, nset;
	struct probs pr = {0};

	if (!f->n || !apply_fix(c, pl, f, &set, &nset))
		return;
	direct_check(c, set, nset, NULL, &pr);
	if (left_after_fix(c, &pr) == 0) {
		r->solutions = sl_xrealloc(r->solutions, (r->n_solutions + 1) * sizeof(*r->solutions));
		r->solutions[r->n_solutions++] = to_solution(c, pl, f);
	}
	free(pr.v);
	free(set);
}

static int find_fixes(struct sl_check *c, const struct setv *sv, const struct probs *pr,
		      struct sl_check_report *r, struct sl_err *err)
{
	struct pool pl;
	size_t *idx = sl_xmalloc((c->n + 1) * sizeof(*idx));
	struct sl_solve_fix *fx = NULL;
	size_t nfx = 0, lens[3], nsets = 0;
	int *sets[3] = {NULL, NULL, NULL};
	int rc;

	for (size_t i = 0; i < c->n; i++)
		idx[i] = i;
	rc = build_pool(c, &pl, idx, c->n, c->n_set, sv, err);
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
	pool_release(&pl);
	free(idx);
	return rc;
}

/* ---- the run ---- */

/* The packages of the broken edges (requirers and what they require) in
 * set order; false when a problem comes through an extra, whose
 * pseudo-package nobody in a small pool would ask for. */
static bool involved(const struct sl_check *c, const struct probs *pr, size_t **idx, size_t *n)
{
	char *in = sl_xcalloc(c->n_set + 1, 1);

	for (size_t i = 0; i < pr->n; i++) {
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

/* libsolv's verdict.  A clean walk is proved on the whole set.  Broken
 * edges are confirmed on a pool of just their packages: on the whole set,
 * libsolv would cascade every removal it considers through the packages
 * that depend on the broken one, which takes seconds at thousands. */
static int prove(struct sl_check *c, const size_t *all, const struct setv *sv,
		 const struct probs *pr, size_t *nsp, struct sl_err *err)
{
	struct sl_solve_problem *sp = NULL;
	struct pool pl;
	size_t *idx = NULL, n = 0, nonly = 0;
	int *only = NULL, rc;

	if (!hard_problems(pr) || !involved(c, pr, &idx, &n)) {
		rc = build_pool(c, &pl, all, c->n_set, c->n_set, sv, err);
		if (rc == 0)
			rc = sl_solve_verify(pl.s, NULL, 0, &sp, nsp, err);
		pool_release(&pl);
		free(sp);
		return rc;
	}
	rc = build_pool(c, &pl, idx, n, n, NULL, err);
	only = sl_xcalloc(pr->n + 1, sizeof(*only));
	for (size_t i = 0; i < pr->n; i++) {
		const struct prob *x = &pr->v[i];
		if (x->kind != SL_CHECK_UNVERIFIABLE)
			only[nonly++] = x->request ? pl.requests : pl.h[x->pkg];
	}
	if (rc == 0)
		rc = sl_solve_verify(pl.s, only, nonly, &sp, nsp, err);
	pool_release(&pl);
	free(sp);
	free(only);
	free(idx);
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
	direct_check(c, idx, c->n_set, &sv, &pr);
	rc = prove(c, idx, &sv, &pr, &nsp, err);
	r->solver_problems = nsp;
	if (rc == 0 && (nsp > 0) != (hard_problems(&pr) > 0))
		check_warn(c, "libsolv found %zu problem(s) where the direct check found %zu",
			   nsp, hard_problems(&pr));
	if (rc == 0 && hard_problems(&pr) && c->wheels && (rc = check_load_alternatives(c, err)) == 0) {
		r->alternatives = c->n > c->n_set;
		if (r->alternatives)
			rc = find_fixes(c, &sv, &pr, r, err);
	}
	if (rc == 0)
		check_report_fill(c, &pr, r);
	setv_release(&sv);
	free(pr.v);
	free(idx);
	return rc;
}
