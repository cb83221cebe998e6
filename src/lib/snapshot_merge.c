/* snapshot_merge.c: observations and log facts -> lock.
 *
 * Per package (PEP 503 name) the version comes from the strongest
 * observation that carries one (installed > pip > pin); among equals the
 * later one wins (pip prints its final choice last when it backtracks).
 * Every other version seen is kept as evidence and, when it comes from a
 * different input or strength, reported as a warning.  A package with no
 * version proven goes to incomplete, never to packages. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "snapshot_private.h"
#include "spacelock/buf.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"
#include "spacelock/version.h"

/* ---- what would help, given what was read ---- */

/* Does some input list the whole installed environment: a freeze, pip
 * list or report, site-packages, or such output printed into a run log? */
bool snap_has_listing(struct snap *s)
{
	if (!s->listing) { /* once: it is asked per unknown package */
		s->listing = 1;
		for (size_t i = 0; i < s->obs.n && s->listing == 1; i++)
			if (s->obs.v[i].strength == SL_EV_INSTALLED)
				s->listing = 2;
	}
	return s->listing == 2;
}

static bool a_build_failed(const struct snap *s)
{
	for (size_t i = 0; i < s->nlogs; i++)
		if (s->logs[i]->has_build && s->logs[i]->build_failed)
			return true;
	return false;
}

static bool has_build_log(const struct snap *s)
{
	for (size_t i = 0; i < s->nlogs; i++)
		if (s->logs[i]->has_build)
			return true;
	return false;
}

/* The remedy for a version no input shows, never asking for what was
 * passed already: a failed build is fixed first; else an uncached build
 * log, and a freeze when none was read. */
const char *snap_remedy_version(struct snap *s)
{
	struct sl_buf b = SL_BUF_INIT;

	if (s->remedy)
		return s->remedy;
	if (a_build_failed(s)) {
		sl_buf_addstr(&b,
			      "fix the build so that it succeeds (pip stopped before it installed "
			      "this), then snapshot the log of that build");
	} else {
		sl_buf_addstr(
		    &b, has_build_log(s)
			    ? "rebuild without cache (Factory rebuild in the Space settings) "
			      "and pass the new build log"
			    : "pass the build log of an uncached build (--build-log; a Factory "
			      "rebuild in the Space settings makes one)");
		if (!snap_has_listing(s))
			sl_buf_addstr(&b,
				      ", or pass `pip freeze` output of the running Space "
				      "(--freeze, or printed by the app at start-up into its run "
				      "log)");
		else
			sl_buf_addstr(&b, "; the freeze read does not list it, so check that the "
					  "running Space has it installed");
	}
	s->remedy = sl_buf_detach(&b, NULL);
	return s->remedy;
}

/* Was the observation made by a CACHED step's echo or output?  Then what
 * would show the version is a build without cache, whatever else failed. */
static bool in_cached_step(const struct snap *s, const struct sl_obs *o)
{
	for (size_t i = 0; i < s->nlogs; i++) {
		const struct sl_buildlog *log = s->logs[i];
		size_t lo = 0, hi = log->nsteps; /* steps are in line order */
		if (!o->source || strcmp(log->source, o->source) != 0)
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (log->steps[mid].line <= o->line)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo > 0 && log->steps[lo - 1].outcome == SL_STEP_CACHED;
	}
	return false;
}

void snap_warn(struct snap *s, const char *fmt, ...)
{
	struct sl_buf b = SL_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sl_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	sl_lock_add_warning(s->lock, b.buf);
	sl_buf_release(&b);
}

void snap_incomplete(struct snap *s, const char *what, const char *remedy, const char *fmt, ...)
{
	struct sl_buf b = SL_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sl_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	sl_lock_add_incomplete(s->lock, what, b.buf, remedy);
	sl_buf_release(&b);
}

/* ---- grouping observations by canonical name ---- */

struct item {
	char *canon;
	size_t idx;
};

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = strcmp(x->canon, y->canon);

	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The sdk's package: "gradio" for sdk gradio, "streamlit" for streamlit. */
static const char *sdk_package(const struct sl_lock *lock)
{
	const char *sdk = lock->space.sdk;

	if (sdk && (strcmp(sdk, "gradio") == 0 || strcmp(sdk, "streamlit") == 0))
		return sdk;
	return NULL;
}

/* Canonical name of the first project named in a pip "(from ...)" chain,
 * or NULL for "-r file (line N)" (a direct requirement). */
static char *parent_name(const char *chain)
{
	size_t n =
	    strspn(chain, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");
	char *raw, *c;

	if (n == 0 || chain[0] == '-')
		return NULL;
	raw = sl_xstrndup(chain, n);
	c = sl_name_canonical(raw);
	free(raw);
	return c;
}

/* PEP 440 equality ("2.0" is "2.0.0"); spellings pip would not accept
 * compare as text. */
static bool same_version(const char *a, const char *b)
{
	int c;

	if (sl_version_compare_str(a, b, &c, NULL) == 0)
		return c == 0;
	return strcasecmp(a, b) == 0;
}

char *snap_exact_pin(const struct sl_requirement *r)
{
	const char *v = r && !r->url ? sl_specset_exact_pin(r->spec) : NULL;

	return v ? sl_xstrdup(v) : NULL;
}

/* A version a reader took from damaged input (spaces, line breaks,
 * control characters) proves nothing; neither does one a lock may not
 * hold (lock.h), so whatever snapshot writes, its reader reads. */
static bool plausible_version(const char *v)
{
	return sl_lock_version_ok(v);
}

static bool proves(const struct sl_obs *o)
{
	return o->version && o->strength >= SL_EV_PIN && plausible_version(o->version);
}

/* ---- one package ---- */

static void set_origin(struct sl_lock_package *p, const struct sl_obs *o)
{
	if (o->origin == SL_ORIGIN_DIRECT ||
	    (o->origin == SL_ORIGIN_PLATFORM && p->origin != SL_ORIGIN_DIRECT) ||
	    (o->origin == SL_ORIGIN_TRANSITIVE && p->origin == SL_ORIGIN_UNKNOWN))
		p->origin = o->origin;
}

/* Equal strings, or both NULL. */
static bool same_text(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

/* p already has request q in substance: the same requirement line asked for
 * again (pip's "(from -r requirements.txt (line 2))" repeats the file's
 * line), the platform step's request restated by pip in the same log
 * ("Collecting gradio==4.31.0 (from gradio[oauth]==4.31.0)"), the same
 * parent again. */
static bool known_request(const struct sl_lock_package *p, const struct sl_lock_request *q)
{
	for (size_t i = 0; i < p->n_requests; i++) {
		const struct sl_lock_request *k = &p->requests[i];
		if (k->by != q->by)
			continue;
		if (q->by == SL_ORIGIN_DIRECT && same_text(k->requirement, q->requirement))
			return true;
		if (q->by == SL_ORIGIN_PLATFORM && same_text(k->source, q->source))
			return true;
		if (q->by == SL_ORIGIN_TRANSITIVE && same_text(k->parent, q->parent))
			return true;
	}
	return false;
}

/* Records who asked for the package: a requirements line (direct), the
 * platform step's argument, or the parent pip names in "(from X)". */
static void add_request(struct sl_lock_package *p, const struct sl_obs *o)
{
	struct sl_lock_request q = {o->origin, o->requirement, o->source, o->line, NULL};
	char *parent = NULL;

	if (o->origin == SL_ORIGIN_TRANSITIVE) {
		if (!o->required_by || !(parent = parent_name(o->required_by)) ||
		    strcmp(parent, p->name) == 0) {
			free(parent);
			return;
		}
		q.parent = parent;
	} else if (o->origin == SL_ORIGIN_UNKNOWN || !o->requirement) {
		return;
	}
	if (!known_request(p, &q))
		sl_lock_package_add_request(p, &q);
	free(parent);
}

static void add_parent(struct sl_lock_package *p, const struct sl_obs *o)
{
	char *parent;

	if (!o->required_by || !(parent = parent_name(o->required_by)))
		return;
	if (strcmp(parent, p->name) != 0)
		sl_lock_package_add_parent(p, parent);
	free(parent);
}

/* "file:line", or "file" for inputs that are not line-based. */
static char *where(const struct sl_obs *o)
{
	if (o->line)
		return sl_xasprintf("%s:%lu", o->source, o->line);
	return sl_xstrdup(o->source);
}

/* One warning per input and version that disagrees with the winner:
 * prev is the last observation already reported for this package. */
static void warn_disagreement(struct snap *s, const char *name, const struct sl_obs *win,
			      const struct sl_obs *o, const struct sl_obs **prev)
{
	if (same_version(o->version, win->version))
		return;
	/* pip backtracking inside one log is not a disagreement */
	if (o->strength == win->strength && strcmp(o->source, win->source) == 0)
		return;
	if (*prev && strcmp((*prev)->source, o->source) == 0 &&
	    strcmp((*prev)->version, o->version) == 0)
		return;
	*prev = o;
	char *a = where(o), *b = where(win);
	snap_warn(s, "'%s': %s shows %s (%s) but %s shows %s (%s); %s is kept", name, a, o->version,
		  sl_strength_name(o->strength), b, win->version, sl_strength_name(win->strength),
		  win->version);
	free(a);
	free(b);
}

/* A direct requirement the locked version does not satisfy (the user's
 * gradio>=4.40.0 against the platform's gradio==4.31.0) is worth saying. */
static void check_requirement(struct snap *s, const struct sl_lock_package *p,
			      const struct sl_obs *o)
{
	struct sl_requirement *r = NULL;
	bool ok = true;
	char *at;

	/* an exact pin that disagrees is already a disagreement warning */
	if (o->origin != SL_ORIGIN_DIRECT || !o->requirement || proves(o) ||
	    sl_requirement_parse(o->requirement, &r, NULL) != 0)
		return;
	if (!r->url && sl_specset_count(r->spec) > 0 &&
	    sl_specset_contains_str(r->spec, p->version, SL_PRE_INCLUDE, &ok, NULL) == 0 && !ok) {
		at = where(o);
		snap_warn(s, "'%s' %s is locked but %s asks for '%s'", p->name, p->version, at,
			  o->requirement);
		free(at);
	}
	sl_requirement_free(r);
}

static void lock_package(struct snap *s, const char *name, const struct item *it, size_t n,
			 size_t best)
{
	const struct sl_obs *win = &s->obs.v[best];
	struct sl_lock_package *p = sl_lock_add_package(s->lock, name, win->version);
	const char *sdkpkg = sdk_package(s->lock);
	const struct sl_obs *warned = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct sl_obs *o = &s->obs.v[it[i].idx];
		struct sl_lock_evidence ev = {o->source, o->line, o->text, o->strength, o->version};
		sl_lock_package_add_evidence(p, &ev);
		set_origin(p, o);
		add_parent(p, o);
		add_request(p, o);
		if (proves(o))
			warn_disagreement(s, name, win, o, &warned);
		if ((o->vcs_url || o->vcs_commit) &&
		    (!p->vcs_commit || o->strength == win->strength)) {
			if (o->vcs_url)
				sl_lock_set(&p->vcs_url, o->vcs_url);
			if (o->vcs_commit)
				sl_lock_set(&p->vcs_commit, o->vcs_commit);
		}
	}
	/* the evidence that proves the version says why it is there (a
	 * platform pin beats the user's range for the same package) */
	if (win->origin != SL_ORIGIN_UNKNOWN)
		p->origin = win->origin;
	if (p->origin == SL_ORIGIN_UNKNOWN && p->n_required_by)
		p->origin = SL_ORIGIN_TRANSITIVE;
	for (size_t i = 0; i < n; i++)
		check_requirement(s, p, &s->obs.v[it[i].idx]);
	if (sdkpkg && strcmp(name, sdkpkg) == 0 && s->lock->space.sdk_version &&
	    !same_version(p->version, s->lock->space.sdk_version))
		snap_warn(s, "'%s' %s is locked (%s:%lu) but the card's sdk_version is %s", name,
			  p->version, win->source, win->line, s->lock->space.sdk_version);
}

/* An unproven package keeps its requests as a locked one would (the same
 * rules, so the same requests), handed over to its incomplete entry. */
static void keep_requests(struct sl_lock_incomplete *e, const char *name, const struct snap *s,
			  const struct item *it, size_t n)
{
	struct sl_lock_package tmp = {0};

	tmp.name = (char *)name;
	for (size_t i = 0; i < n; i++)
		add_request(&tmp, &s->obs.v[it[i].idx]);
	e->requests = tmp.requests;
	e->n_requests = tmp.n_requests;
}

static void unknown_package(struct snap *s, const char *name, const struct item *it, size_t n)
{
	const struct sl_obs *first = &s->obs.v[it[0].idx];
	const char *sdkpkg = sdk_package(s->lock);
	char *what = sl_xasprintf("package '%s'", name);
	struct sl_buf why = SL_BUF_INIT;

	for (size_t i = 0; i < n; i++)
		if (s->obs.v[it[i].idx].origin == SL_ORIGIN_DIRECT) {
			first = &s->obs.v[it[i].idx];
			break;
		}
	if (first->origin == SL_ORIGIN_DIRECT && first->requirement)
		sl_buf_addf(&why,
			    "%s:%lu asks for '%s' but no input shows which version was installed",
			    first->source, first->line, first->requirement);
	else {
		char *at = where(first);
		sl_buf_addf(&why, "named at %s (\"%s\") but no input shows its version", at,
			    first->text ? first->text : name);
		free(at);
	}
	if (sdkpkg && strcmp(name, sdkpkg) == 0 && s->lock->space.sdk_version)
		sl_buf_addf(&why, "; %s makes the builder install %s==%s (expected, not proven)",
			    s->sdk_from_log ? "the platform step" : "the card's sdk_version", name,
			    s->lock->space.sdk_version);
	sl_lock_add_incomplete(s->lock, what, why.buf,
			       in_cached_step(s, first) && !snap_has_listing(s)
				   ? REMEDY_CACHED
				   : snap_remedy_version(s));
	keep_requests(sl_lock_last_incomplete(s->lock), name, s, it, n);
	sl_buf_release(&why);
	free(what);
}

static bool from_build_log(const struct snap *s, const struct sl_obs *o)
{
	for (size_t i = 0; i < s->nlogs; i++)
		if (s->logs[i]->kind == SL_LOG_BUILD && o->source &&
		    strcmp(s->logs[i]->source, o->source) == 0)
			return true;
	return false;
}

/* A freeze lists everything installed in the running Space (pip freeze
 * leaves out only pip's own tools): a package the build log installed but
 * a freeze lacks means the two are not of the same environment. */
static void freeze_lacks(struct snap *s, const char *name, const struct item *it, size_t n)
{
	static const char *const tools[] = {"pip", "setuptools", "wheel", "distribute"};
	const struct sl_obs *built = NULL;

	for (size_t t = 0; t < sizeof(tools) / sizeof(tools[0]); t++)
		if (strcmp(name, tools[t]) == 0)
			return;
	for (size_t i = 0; i < n && !built; i++) {
		const struct sl_obs *o = &s->obs.v[it[i].idx];
		if (o->strength == SL_EV_PIP && proves(o) && from_build_log(s, o))
			built = o;
	}
	for (size_t f = 0; built && f < s->in->n_freezes; f++) {
		const struct sl_snapshot_file *fz = &s->in->freezes[f];
		const char *label = fz->label ? fz->label : fz->path;
		bool listed = false;
		for (size_t i = 0; i < n && !listed; i++)
			listed = s->obs.v[it[i].idx].source &&
				 strcmp(s->obs.v[it[i].idx].source, label) == 0;
		if (!listed)
			snap_warn(s,
				  "'%s': %s:%lu installed %s but %s does not list it: the two "
				  "inputs are not of the same environment; the lock follows %s",
				  name, built->source, built->line, built->version, label,
				  built->source);
	}
}

static void merge_group(struct snap *s, const char *name, const struct item *it, size_t n)
{
	size_t best = (size_t)-1;

	for (size_t i = 0; i < n; i++) {
		const struct sl_obs *o = &s->obs.v[it[i].idx];
		if (proves(o) && (best == (size_t)-1 || o->strength >= s->obs.v[best].strength))
			best = it[i].idx;
	}
	if (best == (size_t)-1) {
		unknown_package(s, name, it, n);
	} else {
		lock_package(s, name, it, n, best);
		freeze_lacks(s, name, it, n);
	}
}

/* How many distinct names the sorted items hold: at most that many
 * packages are locked. */
static size_t count_names(const struct item *it, size_t n)
{
	size_t k = n > 0;

	for (size_t i = 1; i < n; i++)
		k += strcmp(it[i].canon, it[i - 1].canon) != 0;
	return k;
}

/* A merged group's observations are in the lock now, and no later step
 * reads their strings (only the strengths and the count): freed, they
 * make room for the next packages, so a large freeze peaks at the lock's
 * memory rather than the lock's plus the observations'. */
static void forget_group(struct snap *s, struct item *it, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sl_obs_release(&s->obs.v[it[i].idx]);
		free(it[i].canon);
		it[i].canon = NULL;
	}
}

static void merge_packages(struct snap *s)
{
	struct item *items = s->obs.n ? sl_xcalloc(s->obs.n, sizeof(*items)) : NULL;
	size_t i = 0;

	for (i = 0; i < s->obs.n; i++) {
		items[i].canon = sl_name_canonical(s->obs.v[i].name ? s->obs.v[i].name : "");
		items[i].idx = i;
	}
	if (s->obs.n)
		qsort(items, s->obs.n, sizeof(*items), cmp_item);
	sl_lock_reserve(s->lock, count_names(items, s->obs.n));
	for (i = 0; i < s->obs.n;) {
		size_t j = i + 1;
		while (j < s->obs.n && strcmp(items[j].canon, items[i].canon) == 0)
			j++;
		if (*items[i].canon)
			merge_group(s, items[i].canon, &items[i], j - i);
		forget_group(s, &items[i], j - i);
		i = j;
	}
	for (i = 0; i < s->obs.n; i++)
		free(items[i].canon);
	free(items);
}

/* The card implies the sdk package; when no input even names it, say that
 * it is expected but not proven. */
static void expect_sdk(struct snap *s)
{
	const char *pkg = sdk_package(s->lock);
	char *what;

	if (!pkg || !s->lock->space.sdk_version || sl_lock_find(s->lock, pkg))
		return;
	what = sl_xasprintf("package '%s'", pkg);
	for (size_t i = 0; i < s->lock->n_incomplete; i++)
		if (strcmp(s->lock->incomplete[i].what, what) == 0) {
			free(what);
			return;
		}
	snap_incomplete(
	    s, what, snap_remedy_version(s),
	    "the card's sdk_version makes the builder install %s==%s, but no input shows it "
	    "installed (expected, not proven)",
	    pkg, s->lock->space.sdk_version);
	free(what);
}

/* The builder adds its own packages to every gradio (and streamlit) build:
 * `spaces`, `uvicorn` and, since 2025, `websockets`.  Without a build log
 * that shows that step, the card implies them but nothing proves them. */
static void expect_platform(struct snap *s)
{
	static const char *const injected[] = {"spaces", "uvicorn", "websockets"};
	struct sl_buf missing = SL_BUF_INIT;

	if (!sdk_package(s->lock))
		return;
	for (size_t i = 0; i < s->nlogs; i++)
		if (s->logs[i]->has_build && s->logs[i]->nplatform_reqs > 0)
			return;
	for (size_t i = 0; i < sizeof(injected) / sizeof(injected[0]); i++) {
		char *what = sl_xasprintf("package '%s'", injected[i]);
		bool known = sl_lock_find(s->lock, injected[i]) != NULL;
		for (size_t j = 0; !known && j < s->lock->n_incomplete; j++)
			known = strcmp(s->lock->incomplete[j].what, what) == 0;
		if (!known)
			sl_buf_addf(&missing, "%s%s", missing.len ? ", " : "", injected[i]);
		free(what);
	}
	if (missing.len)
		snap_incomplete(
		    s, "platform packages", snap_remedy_version(s),
		    "the Spaces builder installs its own packages into %s Spaces (%s) and "
		    "no build log shows which versions (expected, not proven)",
		    s->lock->space.sdk, missing.buf);
	sl_buf_release(&missing);
}

/* ---- runtime facts from the logs ---- */

/* Plain pip output (no "Build Queued" header, no Dockerfile step) is not a
 * Space build: it has packages but no build outcome. */
/* ".../lib/python3.11/site-packages" names its interpreter. */
static bool python_of_site(struct snap *s)
{
	const char *sp = s->in->site_packages;
	const char *p = sp ? strstr(sp, "python3.") : NULL;
	size_t n;

	if (!p)
		return false;
	p += strlen("python");
	n = strspn(p, "0123456789.");
	if (n < 3 || (p[n] != '/' && p[n] != '\0'))
		return false;
	s->lock->runtime.python = sl_xstrndup(p, n);
	return true;
}

static void settle_python(struct snap *s)
{
	struct sl_lock_runtime *r = &s->lock->runtime;
	const char *declared = s->lock->space.python_version;

	if (r->python && declared && strcmp(r->python, declared) != 0 &&
	    strncmp(r->python, declared, strlen(declared)) != 0)
		snap_warn(s, "the card declares python_version %s but the build used python %s",
			  declared, r->python);
	if (r->python)
		return;
	if (python_of_site(s)) {
		sl_lock_set(&r->python_source, "site-packages");
		return;
	}
	if (declared) {
		sl_lock_set(&r->python, declared);
		sl_lock_set(&r->python_source, "card");
		return;
	}
	snap_incomplete(
	    s, "runtime python", REMEDY_PYTHON,
	    "no build log names the base image and the card declares no python_version; "
	    "the builder's default has changed over time (3.8.9, 3.10, 3.13)");
}

/* Inputs that name no package at all (a run log with only a traceback, a
 * card without requirements) prove nothing about the environment: that is
 * not a complete lock.  A static Space has no Python environment. */
static void expect_some_package(struct snap *s)
{
	const char *sdk = s->lock->space.sdk;

	if (s->obs.n > 0 || (sdk && strcmp(sdk, "static") == 0))
		return;
	snap_incomplete(
	    s, "packages", snap_remedy_version(s),
	    "no input names an installed package (no pip output, freeze, requirement or "
	    "site-packages)");
}

void snap_merge(struct snap *s)
{
	snap_merge_logs(s);
	merge_packages(s);
	expect_sdk(s);
	expect_platform(s);
	expect_some_package(s);
	settle_python(s);
}
