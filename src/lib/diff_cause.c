/* diff_cause.c: why each package most likely changed, who pulled it in,
 * how much it matters, and the ranked order.
 *
 * Causes are tried from the most specific to the most general, each only
 * from facts both locks hold: the card's sdk_version, a requirement line
 * of the Space, the builder's own arguments, a parent package that moved,
 * the Python (a removed standard-library module, Requires-Python, a
 * marker), and last an open requirement that resolved on another day.
 * Everything here is symmetric, so `diff B A` ranks as `diff A B` does. */
#include <stdlib.h>
#include <string.h>

#include "diff_private.h"
#include "spacelock/marker.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"

/* ---- parents and chains (the union of what both locks know) ---- */

struct names {
	char **v;
	size_t n;
};

static void names_add(struct names *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], name) == 0)
			return;
	s->v = sl_xrealloc(s->v, (s->n + 1) * sizeof(char *));
	s->v[s->n++] = sl_xstrdup(name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void parents_of(const struct diff_ctx *c, const char *name, struct names *out)
{
	for (int side = 0; side < 2; side++) {
		struct diff_view v;
		diff_view_of(c, side, name, &v);
		for (size_t i = 0; v.pkg && i < v.pkg->n_required_by; i++)
			names_add(out, v.pkg->required_by[i]);
		for (size_t i = 0; i < v.n_requests; i++)
			if (v.requests[i].by == SL_ORIGIN_TRANSITIVE && v.requests[i].parent)
				names_add(out, v.requests[i].parent);
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(char *), cmp_str);
}

/* Asked for by the Space or the builder in either lock: a chain ends here. */
static bool is_root(const struct diff_ctx *c, const char *name)
{
	for (int side = 0; side < 2; side++) {
		struct diff_view v;
		diff_view_of(c, side, name, &v);
		if (v.pkg &&
		    (v.pkg->origin == SL_ORIGIN_DIRECT || v.pkg->origin == SL_ORIGIN_PLATFORM))
			return true;
		for (size_t i = 0; i < v.n_requests; i++)
			if (v.requests[i].by != SL_ORIGIN_TRANSITIVE)
				return true;
	}
	return false;
}

#define CHAIN_MAX 8

/* root first: "gradio", "typer" for annotated-doc */
static void chain(const struct diff_ctx *c, struct sl_diff_package *p)
{
	const char *cur = p->name;
	char *up[CHAIN_MAX];
	size_t n = 0;

	while (n < CHAIN_MAX) {
		struct names par = {NULL, 0};
		bool seen = false; /* a cycle: stop before going round */
		parents_of(c, cur, &par);
		for (size_t i = 0; par.n && i < n; i++)
			seen = seen || strcmp(up[i], par.v[0]) == 0;
		if (!par.n || seen || strcmp(par.v[0], p->name) == 0) {
			diff_strv_free(par.v, par.n);
			break;
		}
		up[n++] = sl_xstrdup(par.v[0]);
		diff_strv_free(par.v, par.n);
		cur = up[n - 1];
		if (is_root(c, cur))
			break;
	}
	p->chain = n ? sl_xcalloc(n, sizeof(char *)) : NULL;
	for (size_t i = 0; i < n; i++)
		p->chain[i] = up[n - 1 - i];
	p->n_chain = n;
}

/* ---- causes ---- */

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

static bool sdk_cause(const struct diff_ctx *c, const struct sl_diff_package *p, struct sl_buf *why)
{
	const char *a = c->lock[SRC]->space.sdk_version, *b = c->lock[DUP]->space.sdk_version;
	char *sa = diff_sdk_package(c->lock[SRC]), *sb = diff_sdk_package(c->lock[DUP]);
	bool hit = ((sa && strcmp(sa, p->name) == 0) || (sb && strcmp(sb, p->name) == 0)) && a &&
		   b && strcmp(a, b) != 0;

	if (hit)
		sl_buf_addf(why, "sdk_version %s → %s", a, b);
	if (hit && p->expected)
		sl_buf_addf(why, "; the %s's implies %s %s (expected, not proven)",
			    p->unknown_in == SL_DIFF_IN_SOURCE ? "source" : "duplicate", p->name,
			    p->expected);
	free(sa);
	free(sb);
	return hit;
}

/* The requests by `by` differ between the locks (both able to tell). */
static bool requests_differ(const struct diff_ctx *c, const char *name, enum sl_origin by,
			    struct sl_buf *why, const char *label)
{
	struct diff_view a, b;
	struct sl_buf ta = SL_BUF_INIT, tb = SL_BUF_INIT;
	size_t na, nb;
	bool hit;

	diff_view_of(c, SRC, name, &a);
	diff_view_of(c, DUP, name, &b);
	na = diff_request_texts(&a, by, &ta);
	nb = diff_request_texts(&b, by, &tb);
	hit = (na || nb) && strcmp(ta.buf, tb.buf) != 0;
	if (hit)
		sl_buf_addf(why, "%s: %s → %s", label, or_none(na ? ta.buf : NULL),
			    or_none(nb ? tb.buf : NULL));
	sl_buf_release(&ta);
	sl_buf_release(&tb);
	return hit;
}

static bool requirement_cause(const struct diff_ctx *c, const struct sl_diff_package *p,
			      struct sl_buf *why)
{
	return c->knows_requirements[SRC] && c->knows_requirements[DUP] &&
	       requests_differ(c, p->name, SL_ORIGIN_DIRECT, why, "requirements.txt");
}

static bool platform_cause(const struct diff_ctx *c, const struct sl_diff_package *p,
			   struct sl_buf *why)
{
	return c->lock[SRC]->runtime.n_platform_step && c->lock[DUP]->runtime.n_platform_step &&
	       requests_differ(c, p->name, SL_ORIGIN_PLATFORM, why, "the builder's request");
}

static bool moved(const struct sl_diff_package *q)
{
	return q && q->change != SL_DIFF_UNKNOWN;
}

static bool parent_cause(const struct diff_ctx *c, const struct sl_diff_package *p,
			 struct sl_buf *why)
{
	struct names par = {NULL, 0};
	const struct sl_diff_package *q = NULL;

	parents_of(c, p->name, &par);
	for (size_t i = 0; i < par.n && !moved(q); i++)
		q = diff_find_package(c->d, par.v[i]);
	if (moved(q))
		sl_buf_addf(why, "its parent %s %s → %s", q->name, or_none(q->from),
			    or_none(q->to));
	diff_strv_free(par.v, par.n);
	return moved(q);
}

static bool python_differs(const struct diff_ctx *c)
{
	const char *a = c->lock[SRC]->runtime.python, *b = c->lock[DUP]->runtime.python;
	struct sl_version *x = diff_version(a), *y = diff_version(b);
	enum sl_version_part part = x && y ? sl_version_diff_part(x, y) : SL_VPART_NONE;

	sl_version_free(x);
	sl_version_free(y);
	return part == SL_VPART_MAJOR || part == SL_VPART_MINOR || part == SL_VPART_EPOCH;
}

/* The package brings back a module the newer Python removed. */
static bool backport(const struct diff_ctx *c, const struct sl_diff_package *p, struct sl_buf *why)
{
	const char *a = c->lock[SRC]->runtime.python, *b = c->lock[DUP]->runtime.python;
	size_t n;
	const struct diff_removal **rm = diff_rules_removed(c->rules, a, b, &n);
	bool hit = false;

	for (size_t i = 0; i < n && !hit; i++)
		if (rm[i]->backport && strcmp(rm[i]->backport, p->name) == 0) {
			sl_buf_addf(
			    why,
			    "Python %s removed %s from the standard library; %s brings it back",
			    rm[i]->removed_text, rm[i]->module, p->name);
			hit = true;
		}
	free(rm);
	return hit;
}

/* A locked version's Requires-Python excludes the other lock's Python. */
static bool requires_python(const struct diff_ctx *c, const struct sl_diff_package *p,
			    struct sl_buf *why)
{
	for (int side = 0; side < 2; side++) {
		struct diff_view v;
		const char *other = c->lock[!side]->runtime.python;
		struct sl_specset *spec = NULL;
		struct sl_err err;
		bool in = true;
		diff_view_of(c, side, p->name, &v);
		if (!v.pkg || !v.pkg->metadata || !v.pkg->metadata->requires_python || !other ||
		    sl_specset_parse(v.pkg->metadata->requires_python, &spec, &err) != 0)
			continue;
		if (sl_specset_contains_str(spec, other, SL_PRE_INCLUDE, &in, &err) == 0 && !in)
			sl_buf_addf(why, "%s %s requires Python %s, not %s", p->name,
				    v.pkg->version, v.pkg->metadata->requires_python, other);
		sl_specset_free(spec);
		if (!in)
			return true;
	}
	return false;
}

static struct sl_env *env_for(const char *python)
{
	struct sl_env *env = sl_env_new();
	struct sl_err err;

	if (sl_env_set_python(env, python, &err) != 0) {
		sl_env_free(env);
		return NULL;
	}
	return env;
}

/* One Requires-Dist line of parent naming the package whose marker holds
 * on one Python and not on the other. */
static bool marker_line(const char *line, const char *name, const struct sl_env *ea,
			const struct sl_env *eb, char **marker)
{
	struct sl_requirement *r = NULL;
	struct sl_err err;
	char *canon;
	bool x = false, y = false, hit = false;

	if (sl_requirement_parse(line, &r, &err) != 0)
		return false;
	canon = sl_name_canonical(r->name);
	if (strcmp(canon, name) == 0 && r->marker &&
	    sl_marker_eval(r->marker, ea, NULL, &x, &err) == 0 &&
	    sl_marker_eval(r->marker, eb, NULL, &y, &err) == 0 && x != y)
		hit = (*marker = sl_marker_to_string(r->marker)) != NULL;
	free(canon);
	sl_requirement_free(r);
	return hit;
}

/* A parent asks for it under a marker the two Pythons answer apart. */
static bool marker_cause(const struct diff_ctx *c, const struct sl_diff_package *p,
			 struct sl_buf *why)
{
	struct sl_env *ea = env_for(c->lock[SRC]->runtime.python);
	struct sl_env *eb = env_for(c->lock[DUP]->runtime.python);
	struct names par = {NULL, 0};
	char *marker = NULL;

	parents_of(c, p->name, &par);
	for (size_t i = 0; ea && eb && !marker && i < par.n; i++)
		for (int side = 0; side < 2 && !marker; side++) {
			struct diff_view v;
			diff_view_of(c, side, par.v[i], &v);
			for (size_t j = 0; v.pkg && v.pkg->metadata &&
					   j < v.pkg->metadata->n_requires_dist && !marker;
			     j++)
				if (marker_line(v.pkg->metadata->requires_dist[j], p->name, ea, eb,
						&marker))
					sl_buf_addf(why, "%s asks for it only where %s", par.v[i],
						    marker);
		}
	free(marker);
	diff_strv_free(par.v, par.n);
	sl_env_free(ea);
	sl_env_free(eb);
	return why->len > 0;
}

static bool python_cause(const struct diff_ctx *c, const struct sl_diff_package *p,
			 struct sl_buf *why)
{
	return python_differs(c) &&
	       (backport(c, p, why) || requires_python(c, p, why) || marker_cause(c, p, why));
}

/* Whether version v satisfies the requirement text (a URL or an
 * unreadable line never does). */
static bool admits(const char *text, const char *v)
{
	struct sl_requirement *r = NULL;
	struct sl_err err;
	bool in = false;

	if (sl_requirement_parse(text, &r, &err) == 0 && !r->url &&
	    sl_specset_contains_str(r->spec, v, SL_PRE_INCLUDE, &in, &err) != 0)
		in = false;
	sl_requirement_free(r);
	return in;
}

/* Every request of both locks admits both versions: nothing forced the
 * change, the index had moved on between the two builds. */
static bool resolved_cause(const struct diff_ctx *c, const struct sl_diff_package *p,
			   struct sl_buf *why)
{
	const char *ta = c->d->source.build_time, *tb = c->d->duplicate.build_time;
	const char *shown = NULL;

	if (!p->from || !p->to)
		return false;
	for (int side = 0; side < 2; side++) {
		struct diff_view v;
		diff_view_of(c, side, p->name, &v);
		for (size_t i = 0; i < v.n_requests; i++) {
			const char *t = v.requests[i].requirement;
			if (!t || !admits(t, p->from) || !admits(t, p->to))
				return false;
			if (!shown || v.requests[i].by < SL_ORIGIN_TRANSITIVE)
				shown = t;
		}
	}
	if (!shown)
		return false;
	sl_buf_addf(why, "'%s' admits both", shown);
	if (ta && tb && strcmp(ta, tb) != 0)
		sl_buf_addf(
		    why, "; the %s was built later (%s; the %s %s)",
		    strcmp(tb, ta) > 0 ? "duplicate" : "source", strcmp(tb, ta) > 0 ? tb : ta,
		    strcmp(tb, ta) > 0 ? "source" : "duplicate", strcmp(tb, ta) > 0 ? ta : tb);
	else
		sl_buf_addstr(why, ": resolved on another build");
	return true;
}

/* An unknown version: what the other lock's requests rule out (then it
 * changed for sure, only its new version is unknown).  Returns whether. */
static bool rules_out(const struct diff_ctx *c, const struct sl_diff_package *p, struct sl_buf *why)
{
	int unknown_side = p->unknown_in == SL_DIFF_IN_SOURCE ? SRC : DUP;
	const char *known = p->from ? p->from : p->to;
	struct diff_view v;

	diff_view_of(c, unknown_side, p->name, &v);
	for (size_t i = 0; known && i < v.n_requests; i++) {
		const char *t = v.requests[i].requirement;
		if (v.requests[i].by != SL_ORIGIN_TRANSITIVE && t && !admits(t, known)) {
			sl_buf_addf(why, "%s'%s' there rules out %s", why->len ? "; " : "", t,
				    known);
			return true;
		}
	}
	return false;
}

static enum sl_diff_cause find_cause(const struct diff_ctx *c, const struct sl_diff_package *p,
				     struct sl_buf *why)
{
	bool known = p->change != SL_DIFF_UNKNOWN;

	if (sdk_cause(c, p, why))
		return SL_CAUSE_SDK_VERSION;
	if (requirement_cause(c, p, why))
		return SL_CAUSE_REQUIREMENT;
	if (platform_cause(c, p, why))
		return SL_CAUSE_PLATFORM;
	if (known && parent_cause(c, p, why))
		return SL_CAUSE_PARENT;
	if (known && python_cause(c, p, why))
		return SL_CAUSE_PYTHON;
	if (known && resolved_cause(c, p, why))
		return SL_CAUSE_RESOLVED;
	if (p->from && p->to && known && python_differs(c)) {
		sl_buf_addf(why, "another Python (%s → %s) picks other versions and wheels",
			    c->lock[SRC]->runtime.python, c->lock[DUP]->runtime.python);
		return SL_CAUSE_PYTHON;
	}
	return SL_CAUSE_NONE;
}

/* ---- impact and ranking ---- */

static const char *hardware_of(const struct sl_lock *lock)
{
	return lock->space.hardware ? lock->space.hardware : lock->space.suggested_hardware;
}

static void impact(const struct diff_ctx *c, struct sl_diff_package *p)
{
	struct diff_change_view cv = {p->name, p->change, p->from, p->to, {NULL, NULL}};
	const struct diff_impact *rule;

	cv.hardware[0] = hardware_of(c->lock[SRC]);
	cv.hardware[1] = hardware_of(c->lock[DUP]);
	if (p->expected && !cv.from)
		cv.from = p->expected;
	else if (p->expected && !cv.to)
		cv.to = p->expected;
	if (!(rule = diff_rules_impact(c->rules, &cv)))
		return;
	p->impact = rule->level == 2 ? "high" : "medium";
	p->impact_why = sl_xstrdup(rule->why);
}

static int kind_score(const char *kind)
{
	static const struct {
		const char *kind;
		int score;
	} t[] = {{"epoch", 70},	      {"major", 60}, {"vcs", 55},   {"vcs-url", 45},
		 {"vcs-commit", 45},  {"minor", 40}, {"local", 35}, {"patch", 30},
		 {"pre-release", 20}, {"post", 20},  {"dev", 20}};

	for (size_t i = 0; kind && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].kind, kind) == 0)
			return t[i].score;
	return 25;
}

/* The ranking key (docs/commands/diff.md): the kind of change, then the
 * data file's impact, then who asked for the package.  A major change
 * (60) outranks an addition or removal (50), which outranks a minor one;
 * an unknown counts 10, plus a quarter of what its expected change would,
 * plus 20 when the other lock's requirement rules the known version out,
 * and half the impact. */
static int score(const struct sl_diff_package *p, bool ruled_out)
{
	int s, imp = !p->impact ? 0 : strcmp(p->impact, "high") == 0 ? 100 : 40;
	struct sl_version *x, *y;

	if (p->change == SL_DIFF_ADDED || p->change == SL_DIFF_REMOVED) {
		s = 50;
	} else if (p->change == SL_DIFF_UNKNOWN) {
		x = diff_version(p->from ? p->from : p->expected);
		y = diff_version(p->to ? p->to : p->expected);
		s = 10 + (p->expected && x && y
			      ? kind_score(sl_version_part_name(sl_version_diff_part(x, y))) / 4
			      : 0);
		sl_version_free(x);
		sl_version_free(y);
		s += ruled_out ? 20 : 0;
		imp /= 2;
	} else {
		s = kind_score(p->kind);
	}
	s += imp;
	s += p->origin == SL_ORIGIN_DIRECT ? 6 : p->origin == SL_ORIGIN_PLATFORM ? 4 : 0;
	return s + (p->cause == SL_CAUSE_PYTHON ? 5 : 0);
}

void diff_explain(struct diff_ctx *c)
{
	for (size_t i = 0; i < c->d->n_packages; i++) {
		struct sl_diff_package *p = &c->d->packages[i];
		struct sl_buf why = SL_BUF_INIT;
		bool ruled_out = false;
		if (p->origin == SL_ORIGIN_TRANSITIVE)
			chain(c, p);
		p->cause = find_cause(c, p, &why);
		if (p->change == SL_DIFF_UNKNOWN)
			ruled_out = rules_out(c, p, &why);
		free(p->reason);
		p->reason = sl_buf_detach(&why, NULL);
		impact(c, p);
		p->score = score(p, ruled_out);
	}
}

static int cmp_rank(const void *a, const void *b)
{
	const struct sl_diff_package *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* A requirement line that clashes with its sdk_version breaks the build:
 * first; then by name. */
static int cmp_request_rank(const void *a, const void *b)
{
	const struct sl_diff_request *x = a, *y = b;
	bool cx = strstr(x->reason, "excludes its sdk_version") != NULL;
	bool cy = strstr(y->reason, "excludes its sdk_version") != NULL;

	if (cx != cy)
		return cx ? -1 : 1;
	return strcmp(x->name, y->name);
}

void diff_rank(struct diff_ctx *c)
{
	struct sl_diff *d = c->d;
	size_t r = 1;

	if (d->n_packages)
		qsort(d->packages, d->n_packages, sizeof(*d->packages), cmp_rank);
	if (d->n_requirements)
		qsort(d->requirements, d->n_requirements, sizeof(*d->requirements),
		      cmp_request_rank);
	for (size_t i = 0; i < d->n_runtime; i++)
		d->runtime[i].rank = r++;
	for (size_t i = 0; i < d->n_requirements; i++)
		d->requirements[i].rank = r++;
	for (size_t i = 0; i < d->n_packages; i++)
		d->packages[i].rank = r++;
}
