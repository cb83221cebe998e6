/* check.c: the model and the direct walk, the standards engine of check:
 * every active requirement (markers for the target, the extras requested,
 * pre-releases included as pip check does), Requires-Python and the lock's
 * requests.  check_fix.c runs it, has libsolv (check_pool.c, solve.c) prove
 * the verdict and re-verifies libsolv's fixes with it. */
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
#include "spacelock/specifier.h"
#include "spacelock/version.h"

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
	free(p->unknown_why);
	free(p->inferred);
	free(p->inferred_as_of);
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
	for (size_t i = 0; i < c->nrequests; i++)
		free(c->request_at[i]);
	free(c->request_at);
	creqs_free(c->top, c->ntop);
	free(c->sdk_version);
	free(c->sdk_why);
	strv_free(c->warnings, c->nwarnings);
	free(c->unreached);
	for (size_t i = 0; i < c->nspecsets; i++)
		sl_specset_free(c->specsets[i]);
	free(c->specsets);
	if (c->specmap)
		check_map_release(c->specmap);
	free(c->specmap);
	if (c->warned)
		check_map_release(c->warned);
	free(c->warned);
	free(c);
}

void check_warn(struct sl_check *c, const char *fmt, ...)
{
	va_list ap;
	struct sl_buf b = SL_BUF_INIT;

	size_t seen, cap = c->nwarnings;

	va_start(ap, fmt);
	sl_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	/* each warning once; hashed, as a hostile set may warn per package */
	if (!c->warned)
		c->warned = sl_xcalloc(1, sizeof(struct check_map));
	if (check_map_get(c->warned, b.buf, &seen)) {
		sl_buf_release(&b);
		return;
	}
	sl_xgrow((void **)&c->warnings, &cap, c->nwarnings + 1, sizeof(*c->warnings));
	c->warnings[c->nwarnings] = sl_buf_detach(&b, NULL);
	check_map_put(c->warned, c->warnings[c->nwarnings], c->nwarnings);
	c->nwarnings++;
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

void check_set_meta(struct sl_check *c, struct cpkg *p, const char *const *requires_dist, size_t n,
		    const char *requires_python, const char *const *provides_extra, size_t nextra,
		    const char *source)
{
	/* a METADATA someone else wrote bounds what it may cost: a real one
	 * lists at most a few hundred requirements */
	if (n > SL_CHECK_MAX_REQUIRES) {
		check_warn(
		    c,
		    "%s %s: its metadata (%s) lists %zu Requires-Dist; only the first %d are "
		    "checked",
		    p->name, p->version, source, n, SL_CHECK_MAX_REQUIRES);
		n = SL_CHECK_MAX_REQUIRES;
	}
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

	if (sl_env_set_python(c->env, python, err) != 0 || sl_version_parse(python, &v, err) != 0)
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

void check_parse_pkg(struct sl_check *c, struct cpkg *p)
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
bool check_active_for_extra(struct sl_check *c, const struct cpkg *p, const struct creq *q,
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
		check_parse_pkg(c, p);
	}
}

void check_setv_release(struct setv *sv)
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

bool check_extra_provided(struct sl_check *c, const struct cpkg *p, const char *e)
{
	if (provides_extra(p, e))
		return true;
	for (size_t i = 0; i < p->nreqs; i++)
		if (check_active_for_extra(c, p, &p->reqs[i], e))
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
		if (p->has_meta && !check_extra_provided(c, p, e)) {
			check_warn(c, "%s %s does not provide the extra '%s'", p->name, p->version,
				   e);
			continue;
		}
		for (size_t j = 0; j < p->nreqs; j++)
			if (check_active_for_extra(c, p, &p->reqs[j], e))
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

	if (!p->has_meta && p->unreached)
		return 0; /* undecided: the report counts it */
	if (!p->has_meta) {
		add_prob(out,
			 (struct prob){SL_CHECK_UNVERIFIABLE, pi, NULL, NULL, (size_t)-1, false});
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
			if (check_active_for_extra(c, p, &p->reqs[j], e))
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
struct creq *check_requests(struct sl_check *c, size_t *n)
{
	if (!c->top) {
		c->top = sl_xcalloc(c->nrequests + 1, sizeof(*c->top));
		for (size_t i = 0; i < c->nrequests; i++) {
			struct creq *q = &c->top[c->ntop];
			bool holds = true;
			if (sl_requirement_parse(c->requests[i], &q->r, NULL) != 0)
				continue;
			if (q->r->marker &&
			    sl_marker_eval(q->r->marker, c->env, "", &holds, NULL) != 0)
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
			q->at = c->request_at[i];
			c->ntop++;
		}
	}
	*n = c->ntop;
	return c->top;
}

/* The direct walk over the set idx[0..n): appends problems to out (may be
 * NULL) and returns how many there are, unverifiable packages included. */
size_t check_direct(struct sl_check *c, const size_t *idx, size_t n, struct setv *keep,
		    struct probs *out)
{
	struct setv sv;
	size_t ntop, count = 0;
	struct creq *top;

	setv_init(c, &sv, idx, n);
	top = check_requests(c, &ntop);
	resolve_extras(c, &sv, top, ntop);
	for (size_t i = 0; i < sv.n; i++)
		count += check_pkg(c, &sv, i, out);
	for (size_t i = 0; i < ntop; i++)
		count += check_request(c, &sv, &top[i], out);
	if (keep)
		*keep = sv;
	else
		check_setv_release(&sv);
	return count;
}
