/* diff.c: two locks -> struct sl_diff.  The walk over every package name
 * either lock knows, the Space's requirement lines, the entry points.  The
 * runtime is compared in diff_runtime.c, causes and ranks are decided in
 * diff_cause.c, the data files are read in diff_rules.c. */
#include <stdlib.h>
#include <string.h>

#include "diff_private.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"

const char *sl_diff_change_name(enum sl_diff_change c)
{
	static const char *const names[] = {"added",	  "removed", "upgraded",
					    "downgraded", "changed", "unknown"};

	return (unsigned)c < sizeof(names) / sizeof(names[0]) ? names[c] : "unknown";
}

const char *sl_diff_cause_name(enum sl_diff_cause c)
{
	static const char *const names[] = {"none",   "sdk-version", "requirement", "platform",
					    "parent", "python",	     "resolved"};

	return (unsigned)c < sizeof(names) / sizeof(names[0]) ? names[c] : "none";
}

char **diff_strv_dup(char *const *v, size_t n)
{
	char **c = n ? sl_xcalloc(n, sizeof(char *)) : NULL;

	for (size_t i = 0; i < n; i++)
		c[i] = sl_xstrdup(v[i]);
	return c;
}

void diff_strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char *dup_or_null(const char *s)
{
	return s ? sl_xstrdup(s) : NULL;
}

char *diff_sdk_package(const struct sl_lock *lock)
{
	const char *sdk = lock->space.sdk;

	if (!sdk || (strcmp(sdk, "gradio") != 0 && strcmp(sdk, "streamlit") != 0))
		return NULL;
	return sl_xstrdup(sdk);
}

/* ---- what each lock knows, by name ---- */

/* "package 'x'" -> x (borrowed span), else NULL. */
static const char *unproven_name(const struct sl_lock_incomplete *e, size_t *len)
{
	size_t n = strlen(e->what);

	if (n < 11 || strncmp(e->what, "package '", 9) != 0 || e->what[n - 1] != '\'')
		return NULL;
	*len = n - 10;
	return e->what + 9;
}

static int cmp_name(const void *a, const void *b)
{
	const struct diff_name *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	/* a locked package and an unproven one of the same name: locked first */
	return r ? r : (x->pkg == NULL) - (y->pkg == NULL);
}

static void index_lock(struct diff_ctx *c, int side)
{
	const struct sl_lock *lock = c->lock[side];
	size_t cap = lock->n_packages + lock->n_incomplete, n = 0;
	struct diff_name *v = cap ? sl_xcalloc(cap, sizeof(*v)) : NULL;

	for (size_t i = 0; i < lock->n_packages; i++)
		v[n++] = (struct diff_name){lock->packages[i].name, &lock->packages[i], NULL};
	for (size_t i = 0; i < lock->n_incomplete; i++) {
		size_t len;
		const char *name = unproven_name(&lock->incomplete[i], &len);
		if (name)
			v[n++] =
			    (struct diff_name){sl_xstrndup(name, len), NULL, &lock->incomplete[i]};
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_name);
	c->names[side] = v;
	c->n_names[side] = n;
}

static void unindex(struct diff_ctx *c)
{
	for (int side = 0; side < 2; side++) {
		for (size_t i = 0; i < c->n_names[side]; i++)
			if (!c->names[side][i].pkg)
				free((char *)c->names[side][i].name);
		free(c->names[side]);
	}
}

static const struct diff_name *lookup(const struct diff_ctx *c, int side, const char *name)
{
	struct diff_name key = {name, NULL, NULL};
	const struct diff_name *v = c->names[side];
	size_t lo = 0, hi = c->n_names[side];

	while (lo < hi) { /* the first entry of that name: a locked one when there is */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].name, key.name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n_names[side] && strcmp(v[lo].name, name) == 0 ? &v[lo] : NULL;
}

void diff_view_of(const struct diff_ctx *c, int side, const char *name, struct diff_view *out)
{
	const struct diff_name *e = lookup(c, side, name);

	memset(out, 0, sizeof(*out));
	if (!e)
		return;
	out->pkg = e->pkg;
	out->inc = e->inc;
	out->requests = e->pkg ? e->pkg->requests : e->inc->requests;
	out->n_requests = e->pkg ? e->pkg->n_requests : e->inc->n_requests;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t diff_request_texts(const struct diff_view *v, enum sl_origin by, struct sl_buf *out)
{
	const char **t = v->n_requests ? sl_xcalloc(v->n_requests, sizeof(char *)) : NULL;
	size_t n = 0, kept = 0;

	sl_buf_reset(out);
	for (size_t i = 0; i < v->n_requests; i++)
		if (v->requests[i].by == by && v->requests[i].requirement)
			t[n++] = v->requests[i].requirement;
	if (n)
		qsort(t, n, sizeof(*t), cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (i && strcmp(t[i], t[i - 1]) == 0)
			continue;
		sl_buf_addf(out, "%s%s", kept++ ? "; " : "", t[i]);
	}
	free(t);
	return kept;
}

/* ---- what a lock can tell ---- */

/* A lock lists every installed package when nothing but single packages
 * (and the interpreter) stays unknown: no failed or cut build, no CACHED
 * step, no missing build log.  Only then does absence mean "not there". */
static bool lists_all(const struct sl_lock *lock)
{
	for (size_t i = 0; i < lock->n_incomplete; i++) {
		size_t len;
		const char *what = lock->incomplete[i].what;
		if (!unproven_name(&lock->incomplete[i], &len) &&
		    strcmp(what, "runtime python") != 0)
			return false;
	}
	return true;
}

static bool has_input(const struct sl_lock *lock, const char *kind)
{
	size_t n = strlen(kind);

	for (size_t i = 0; i < lock->n_inputs; i++)
		if (strncmp(lock->inputs[i], kind, n) == 0 && lock->inputs[i][n] == ':')
			return true;
	return false;
}

static bool has_direct_request(const struct sl_lock *lock)
{
	for (size_t i = 0; i < lock->n_packages; i++)
		for (size_t j = 0; j < lock->packages[i].n_requests; j++)
			if (lock->packages[i].requests[j].by == SL_ORIGIN_DIRECT)
				return true;
	for (size_t i = 0; i < lock->n_incomplete; i++)
		for (size_t j = 0; j < lock->incomplete[i].n_requests; j++)
			if (lock->incomplete[i].requests[j].by == SL_ORIGIN_DIRECT)
				return true;
	return false;
}

static bool has_incomplete(const struct sl_lock *lock, const char *prefix)
{
	for (size_t i = 0; i < lock->n_incomplete; i++)
		if (strncmp(lock->incomplete[i].what, prefix, strlen(prefix)) == 0)
			return true;
	return false;
}

/* Why a lock does not prove every package, in a few words. */
static char *unknown_why(const struct sl_lock *lock)
{
	const char *status = lock->runtime.build_status;

	if (lists_all(lock))
		return NULL;
	if (status && strcmp(status, "failed") == 0)
		return sl_xstrdup("its build failed before pip installed everything");
	if (status && strcmp(status, "unknown") == 0)
		return sl_xstrdup("its build log ends before the build finished");
	if (has_incomplete(lock, "step '"))
		return sl_xstrdup("a CACHED build step hides what it installed");
	if (has_incomplete(lock, "build log"))
		return sl_xstrdup("the Space page could not show its build log");
	if (!status && has_incomplete(lock, "platform packages"))
		return sl_xstrdup("no build log or freeze of it was read");
	return sl_xstrdup("no input proves every installed package");
}

static void set_end(struct sl_diff_end *e, const struct sl_lock *lock, const char *label)
{
	e->label = sl_xstrdup(label ? label : "");
	e->id = dup_or_null(lock->space.id);
	e->revision = dup_or_null(lock->space.revision);
	e->build_time = dup_or_null(lock->runtime.build_time);
	e->built_commit = dup_or_null(lock->runtime.built_commit);
	e->build_status = dup_or_null(lock->runtime.build_status);
	e->unknown_why = unknown_why(lock);
	e->n_inferred = sl_lock_count_inferred(lock, &e->n_ambiguous);
}

static char *inferred_of(const struct sl_lock_package *p)
{
	return p->inferred ? sl_lock_inferred_mark(p->inferred) : NULL;
}

static void end_release(struct sl_diff_end *e)
{
	free(e->label);
	free(e->id);
	free(e->revision);
	free(e->build_time);
	free(e->built_commit);
	free(e->build_status);
	free(e->unknown_why);
}

/* ---- packages ---- */

static struct sl_diff_package *add_package(struct diff_ctx *c, const char *name,
					   enum sl_diff_change change)
{
	struct sl_diff *d = c->d;
	struct sl_diff_package *p;

	sl_xgrow((void **)&d->packages, &c->cap_packages, d->n_packages + 1, sizeof(*p));
	p = &d->packages[d->n_packages++];
	memset(p, 0, sizeof(*p));
	p->name = sl_xstrdup(name);
	p->change = change;
	p->reason = sl_xstrdup("");
	return p;
}

static char *vcs_of(const struct sl_lock_package *p)
{
	if (!p->vcs_url && !p->vcs_commit)
		return NULL;
	if (p->vcs_url && p->vcs_commit)
		return sl_xasprintf("%s@%s", p->vcs_url, p->vcs_commit);
	return sl_xstrdup(p->vcs_url ? p->vcs_url : p->vcs_commit);
}

static bool same(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

/* Of two origins the one that says more: direct, platform, transitive
 * (the same answer whichever lock is the source). */
static enum sl_origin stronger(enum sl_origin a, enum sl_origin b)
{
	if (a == SL_ORIGIN_UNKNOWN)
		return b;
	if (b == SL_ORIGIN_UNKNOWN)
		return a;
	return a < b ? a : b;
}

/* The kind of a VCS change, or NULL when both sides came the same way. */
static const char *vcs_kind(const struct sl_lock_package *a, const struct sl_lock_package *b)
{
	bool va = a->vcs_url || a->vcs_commit, vb = b->vcs_url || b->vcs_commit;

	if (va != vb)
		return "vcs";
	if (!va)
		return NULL;
	if (!same(a->vcs_url, b->vcs_url))
		return "vcs-url";
	return same(a->vcs_commit, b->vcs_commit) ? NULL : "vcs-commit";
}

/* Both locks prove a version: an entry unless they are the same. */
static void compare_locked(struct diff_ctx *c, const struct sl_lock_package *a,
			   const struct sl_lock_package *b)
{
	struct sl_version *x = diff_version(a->version), *y = diff_version(b->version);
	const char *kind = vcs_kind(a, b);
	enum sl_diff_change change = SL_DIFF_CHANGED;
	int cmp = x && y ? sl_version_cmp(x, y) : strcmp(a->version, b->version);
	struct sl_diff_package *p;

	if (!kind && x && y && cmp != 0)
		kind = sl_version_part_name(sl_version_diff_part(x, y));
	if (kind || cmp != 0) {
		/* an order only between two parsed versions of the same kind */
		if (cmp != 0 && x && y && (!kind || strncmp(kind, "vcs", 3) != 0) &&
		    strcmp(kind ? kind : "", "local") != 0)
			change = cmp < 0 ? SL_DIFF_UPGRADED : SL_DIFF_DOWNGRADED;
		p = add_package(c, a->name, change);
		p->kind = kind;
		p->from = sl_xstrdup(a->version);
		p->to = sl_xstrdup(b->version);
		p->from_vcs = vcs_of(a);
		p->to_vcs = vcs_of(b);
		p->from_inferred = inferred_of(a);
		p->to_inferred = inferred_of(b);
		p->origin = stronger(a->origin, b->origin);
	}
	sl_version_free(x);
	sl_version_free(y);
}

/* The origin an unproven package's requests imply. */
static enum sl_origin origin_of_requests(const struct diff_view *v)
{
	enum sl_origin best = SL_ORIGIN_UNKNOWN;

	for (size_t i = 0; i < v->n_requests; i++) {
		enum sl_origin o = v->requests[i].by;
		if (best == SL_ORIGIN_UNKNOWN || (o != SL_ORIGIN_UNKNOWN && o < best))
			best = o;
	}
	return best;
}

/* One lock proves a version, the other does not.  known is the side that
 * proves it. */
static void one_sided(struct diff_ctx *c, const char *name, int known, const struct diff_view *k,
		      const struct diff_view *u)
{
	int other = !known;
	bool unknown = u->inc || !c->lists_all[other];
	enum sl_diff_change change = known == SRC ? SL_DIFF_REMOVED : SL_DIFF_ADDED;
	struct sl_diff_package *p = add_package(c, name, unknown ? SL_DIFF_UNKNOWN : change);
	char *sdk = diff_sdk_package(c->lock[other]);
	char **slot = known == SRC ? &p->from : &p->to;

	*slot = sl_xstrdup(k->pkg->version);
	if (known == SRC) {
		p->from_vcs = vcs_of(k->pkg);
		p->from_inferred = inferred_of(k->pkg);
	} else {
		p->to_vcs = vcs_of(k->pkg);
		p->to_inferred = inferred_of(k->pkg);
	}
	p->origin = k->pkg->origin;
	if (unknown) {
		p->unknown_in = other == SRC ? SL_DIFF_IN_SOURCE : SL_DIFF_IN_DUPLICATE;
		if (sdk && strcmp(sdk, name) == 0 && c->lock[other]->space.sdk_version &&
		    strcmp(c->lock[other]->space.sdk_version, k->pkg->version) != 0)
			p->expected = sl_xstrdup(c->lock[other]->space.sdk_version);
	}
	free(sdk);
}

static void compare_name(struct diff_ctx *c, const char *name)
{
	struct diff_view a, b;

	diff_view_of(c, SRC, name, &a);
	diff_view_of(c, DUP, name, &b);
	if (a.pkg && b.pkg)
		compare_locked(c, a.pkg, b.pkg);
	else if (a.pkg)
		one_sided(c, name, SRC, &a, &b);
	else if (b.pkg)
		one_sided(c, name, DUP, &b, &a);
}

/* Every name either lock knows, once, in order. */
static void walk_names(struct diff_ctx *c, void (*fn)(struct diff_ctx *, const char *))
{
	size_t i = 0, j = 0;
	const struct diff_name *x = c->names[SRC], *y = c->names[DUP];

	while (i < c->n_names[SRC] || j < c->n_names[DUP]) {
		const char *name;
		int r = i == c->n_names[SRC]   ? 1
			: j == c->n_names[DUP] ? -1
					       : strcmp(x[i].name, y[j].name);
		name = r <= 0 ? x[i].name : y[j].name;
		fn(c, name);
		while (i < c->n_names[SRC] && strcmp(x[i].name, name) == 0)
			i++;
		while (j < c->n_names[DUP] && strcmp(y[j].name, name) == 0)
			j++;
	}
}

static void package_origin_fill(struct diff_ctx *c)
{
	for (size_t i = 0; i < c->d->n_packages; i++) {
		struct sl_diff_package *p = &c->d->packages[i];
		struct diff_view v;
		if (p->origin != SL_ORIGIN_UNKNOWN)
			continue;
		diff_view_of(c, p->unknown_in == SL_DIFF_IN_SOURCE ? DUP : SRC, p->name, &v);
		p->origin = origin_of_requests(&v);
	}
}

const struct sl_diff_package *diff_find_package(const struct sl_diff *d, const char *name)
{
	for (size_t i = 0; i < d->n_packages; i++)
		if (strcmp(d->packages[i].name, name) == 0)
			return &d->packages[i];
	return NULL;
}

/* ---- the Space's requirement lines ---- */

/* The input a request was read from, short: "requirements.txt" for a
 * path, "logs/build" for hf://spaces/owner/name/logs/build. */
static const char *short_source(const char *s)
{
	const char *p = s, *slash;

	if (strncmp(s, "hf://spaces/", 12) == 0) {
		p = s + 12;
		for (int parts = 0; parts < 2 && (slash = strchr(p, '/')); parts++)
			p = slash + 1;
		return p;
	}
	slash = strrchr(s, '/');
	return slash ? slash + 1 : s;
}

static char *where_of(const struct diff_view *v)
{
	for (size_t i = 0; i < v->n_requests; i++) {
		const struct sl_lock_request *q = &v->requests[i];
		const char *base;
		if (q->by != SL_ORIGIN_DIRECT || !q->source)
			continue;
		base = short_source(q->source);
		return q->line ? sl_xasprintf("%s:%lu", base, q->line) : sl_xstrdup(base);
	}
	return NULL;
}

/* Whether every requirement in "a; b" pins one version with ==. */
static bool all_pinned(const char *texts)
{
	bool pinned = true;
	char *copy = sl_xstrdup(texts), *p = copy;

	while (pinned && p) {
		char *next = strstr(p, "; ");
		struct sl_requirement *r = NULL;
		struct sl_err err;
		if (next)
			*next = '\0';
		pinned = sl_requirement_parse(p, &r, &err) == 0 &&
			 (r->url || sl_specset_exact_pin(r->spec));
		sl_requirement_free(r);
		p = next ? next + 2 : NULL;
	}
	free(copy);
	return pinned;
}

/* A line of the sdk package that excludes the card's sdk_version. */
static bool excludes_sdk(const struct sl_lock *lock, const char *name, const char *texts)
{
	char *sdk = diff_sdk_package(lock);
	bool out = false;
	char *copy, *p;

	if (!sdk || strcmp(sdk, name) != 0 || !lock->space.sdk_version || !texts) {
		free(sdk);
		return false;
	}
	copy = sl_xstrdup(texts);
	for (p = copy; p && !out;) {
		char *next = strstr(p, "; ");
		struct sl_requirement *r = NULL;
		struct sl_err err;
		bool in = true;
		if (next)
			*next = '\0';
		if (sl_requirement_parse(p, &r, &err) == 0 && !r->url &&
		    sl_specset_contains_str(r->spec, lock->space.sdk_version, SL_PRE_INCLUDE, &in,
					    &err) == 0)
			out = !in;
		sl_requirement_free(r);
		p = next ? next + 2 : NULL;
	}
	free(copy);
	free(sdk);
	return out;
}

static void sdk_clash(struct sl_buf *why, const struct sl_lock *lock, const char *side)
{
	bool one_run = lock->runtime.n_platform_step &&
		       strcmp(lock->runtime.platform_step[0], "-r requirements.txt") == 0;

	sl_buf_addf(why, "%sthe %s's line excludes its sdk_version %s%s", why->len ? "; " : "",
		    side, lock->space.sdk_version,
		    one_run ? ": one pip run cannot install both, the build fails" : "");
}

static char *request_reason(const struct diff_ctx *c, const char *name, const char *from,
			    const char *to)
{
	struct sl_buf why = SL_BUF_INIT;

	if (from && to && all_pinned(from) != all_pinned(to))
		sl_buf_addstr(&why,
			      all_pinned(from)
				  ? "a pin became a range: the version depends on the build day"
				  : "a range became a pin");
	else if (to && !from && !all_pinned(to))
		sl_buf_addstr(&why, "not pinned: resolves to the newest release on each build");
	if (excludes_sdk(c->lock[SRC], name, from))
		sdk_clash(&why, c->lock[SRC], "source");
	if (excludes_sdk(c->lock[DUP], name, to))
		sdk_clash(&why, c->lock[DUP], "duplicate");
	return sl_buf_detach(&why, NULL);
}

static void compare_request(struct diff_ctx *c, const char *name)
{
	struct diff_view a, b;
	struct sl_buf ta = SL_BUF_INIT, tb = SL_BUF_INIT;
	struct sl_diff *d = c->d;
	struct sl_diff_request *r;
	size_t na, nb;

	diff_view_of(c, SRC, name, &a);
	diff_view_of(c, DUP, name, &b);
	na = diff_request_texts(&a, SL_ORIGIN_DIRECT, &ta);
	nb = diff_request_texts(&b, SL_ORIGIN_DIRECT, &tb);
	if ((na || nb) && strcmp(ta.buf, tb.buf) != 0) {
		sl_xgrow((void **)&d->requirements, &c->cap_requirements, d->n_requirements + 1,
			 sizeof(*r));
		r = &d->requirements[d->n_requirements++];
		memset(r, 0, sizeof(*r));
		r->name = sl_xstrdup(name);
		r->change = !na ? SL_DIFF_ADDED : !nb ? SL_DIFF_REMOVED : SL_DIFF_CHANGED;
		r->from = na ? sl_xstrdup(ta.buf) : NULL;
		r->to = nb ? sl_xstrdup(tb.buf) : NULL;
		r->from_at = where_of(&a);
		r->to_at = where_of(&b);
		r->reason = request_reason(c, name, r->from, r->to);
	}
	sl_buf_release(&ta);
	sl_buf_release(&tb);
}

/* ---- entry points ---- */

struct sl_diff *sl_diff_compare(const struct sl_lock *source, const char *source_label,
				const struct sl_lock *duplicate, const char *duplicate_label,
				const struct sl_diff_rules *rules)
{
	struct diff_ctx c;

	memset(&c, 0, sizeof(c));
	c.lock[SRC] = source;
	c.lock[DUP] = duplicate;
	c.rules = rules;
	c.d = sl_xcalloc(1, sizeof(*c.d));
	set_end(&c.d->source, source, source_label);
	set_end(&c.d->duplicate, duplicate, duplicate_label);
	for (int side = 0; side < 2; side++) {
		c.lists_all[side] = lists_all(c.lock[side]);
		c.knows_requirements[side] =
		    has_input(c.lock[side], "requirements") || has_direct_request(c.lock[side]);
		c.card_known[side] = has_input(c.lock[side], "card");
		index_lock(&c, side);
	}
	diff_runtime(&c);
	walk_names(&c, compare_name);
	package_origin_fill(&c);
	if (c.knows_requirements[SRC] && c.knows_requirements[DUP])
		walk_names(&c, compare_request);
	diff_explain(&c);
	diff_rank(&c);
	unindex(&c);
	return c.d;
}

bool sl_diff_differs(const struct sl_diff *d)
{
	return d->n_runtime || d->n_requirements || d->n_packages;
}

void sl_diff_free(struct sl_diff *d)
{
	if (!d)
		return;
	end_release(&d->source);
	end_release(&d->duplicate);
	for (size_t i = 0; i < d->n_runtime; i++) {
		struct sl_diff_field *f = &d->runtime[i];
		diff_strv_free(f->from, f->n_from);
		diff_strv_free(f->to, f->n_to);
		free(f->reason);
	}
	for (size_t i = 0; i < d->n_requirements; i++) {
		struct sl_diff_request *r = &d->requirements[i];
		free(r->name);
		free(r->from);
		free(r->to);
		free(r->from_at);
		free(r->to_at);
		free(r->reason);
	}
	for (size_t i = 0; i < d->n_packages; i++) {
		struct sl_diff_package *p = &d->packages[i];
		free(p->name);
		free(p->from);
		free(p->to);
		free(p->from_vcs);
		free(p->to_vcs);
		free(p->from_inferred);
		free(p->to_inferred);
		free(p->expected);
		diff_strv_free(p->chain, p->n_chain);
		free(p->reason);
		free(p->impact_why);
	}
	free(d->runtime);
	free(d->requirements);
	free(d->packages);
	free(d);
}
