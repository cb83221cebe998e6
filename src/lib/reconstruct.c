/* reconstruct.c: snapshot --reconstruct (reconstruct.h): the window, the
 * requests from the lock, the dated resolutions (resolve.h) and what they
 * agree on, written back into the lock as inferred packages. */
#include "spacelock/reconstruct.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/resolve.h"

/* Resolutions at more dates than this: the window is too wide to say
 * more than "ambiguous" about every release in it. */
#define MAX_DATES 64

struct dated {
	const char *date;
	struct sl_resolved *set;
	size_t n;
	bool impossible; /* no set satisfies the requests at that date */
};

struct recon {
	struct sl_lock *lock;
	struct sl_resolve *res;
	struct sl_reconstruct_report *rep;
	struct dated *runs; /* runs[0] the window's end, then start and releases in order */
	size_t nruns;
	size_t impossible; /* dates at which the requests cannot be resolved */
	char rule[320];
};

static int window(const struct sl_lock *lock, const struct sl_reconstruct_opts *o,
		  struct sl_reconstruct_report *rep, struct sl_err *err)
{
	const char *until = o->until ? o->until : lock->runtime.build_time;

	rep->start[0] = '\0';
	if (!until)
		return sl_error(err, SL_EINVAL,
				"--reconstruct: the window's end is not known: give a build log "
				"(its header dates the build) or --until DATE");
	if (!sl_resolve_date(until, true, rep->end))
		return sl_error(err, SL_EINVAL,
				"--reconstruct: '%s' is not a date (YYYY-MM-DD "
				"or YYYY-MM-DDTHH:MM:SS, UTC)",
				until);
	if (o->since && !sl_resolve_date(o->since, false, rep->start))
		return sl_error(err, SL_EINVAL,
				"--reconstruct: '%s' is not a date (YYYY-MM-DD "
				"or YYYY-MM-DDTHH:MM:SS, UTC)",
				o->since);
	if (*rep->start && strcmp(rep->start, rep->end) > 0)
		return sl_error(err, SL_EINVAL,
				"--reconstruct: the window starts (%s) after it ends (%s)",
				rep->start, rep->end);
	return 0;
}

static const char *python_of(const struct sl_lock *lock, const struct sl_reconstruct_opts *o)
{
	if (o->python)
		return o->python;
	return lock->runtime.python ? lock->runtime.python : lock->space.python_version;
}

static int request_all(struct recon *rc, const struct sl_lock_request *v, size_t n, size_t *count,
		       struct sl_err *err)
{
	for (size_t i = 0; i < n; i++) {
		struct sl_err perr = {0};
		if (v[i].by == SL_ORIGIN_TRANSITIVE || !v[i].requirement)
			continue;
		if (sl_resolve_request(rc->res, v[i].requirement, &perr) != 0) {
			char *w = sl_xasprintf("reconstruct: the request '%s' is left out: %s",
					       v[i].requirement, perr.msg);
			sl_lock_add_warning(rc->lock, w);
			free(w);
			continue;
		}
		(*count)++;
	}
	(void)err;
	return 0;
}

/* Every request of the Space and the platform, once; proven versions fixed. */
static int requests(struct recon *rc, struct sl_err *err)
{
	struct sl_lock *lock = rc->lock;
	size_t n = 0;
	bool sdk_asked = false;

	for (size_t i = 0; i < lock->n_packages; i++) {
		const struct sl_lock_package *p = &lock->packages[i];
		request_all(rc, p->requests, p->n_requests, &n, err);
		if (!p->inferred)
			sl_resolve_fix(rc->res, p->name, p->version);
		sdk_asked |= lock->space.sdk && strcmp(p->name, lock->space.sdk) == 0;
	}
	for (size_t i = 0; i < lock->n_incomplete; i++) {
		const struct sl_lock_incomplete *e = &lock->incomplete[i];
		char what[160];
		request_all(rc, e->requests, e->n_requests, &n, err);
		if (lock->space.sdk) {
			snprintf(what, sizeof(what), "package '%s'", lock->space.sdk);
			sdk_asked |= strcmp(e->what, what) == 0 && e->n_requests;
		}
	}
	/* the builder installs the card's sdk even when no log shows the step */
	if (!sdk_asked && lock->space.sdk && lock->space.sdk_version &&
	    (strcmp(lock->space.sdk, "gradio") == 0 || strcmp(lock->space.sdk, "streamlit") == 0)) {
		char *q = sl_xasprintf("%s==%s", lock->space.sdk, lock->space.sdk_version);
		if (sl_resolve_request(rc->res, q, err) == 0)
			n++;
		free(q);
	}
	if (!n)
		return sl_error(err, SL_EINVAL,
				"--reconstruct: the inputs request nothing to resolve (no "
				"requirements file, platform step or sdk)");
	return 0;
}

static int resolve_at(struct recon *rc, const char *date, struct sl_err *err)
{
	struct dated *d;

	rc->runs = sl_xrealloc(rc->runs, (rc->nruns + 1) * sizeof(*rc->runs));
	d = &rc->runs[rc->nruns];
	d->date = date;
	d->impossible = false;
	if (sl_resolve_at(rc->res, date, &d->set, &d->n, err) != 0)
		return err->code;
	rc->nruns++;
	rc->rep->resolutions++;
	return 0;
}

/* A date of the window at which the requests cannot be resolved: pip
 * would have failed the build, so the layer was built later.  Kept as an
 * empty resolution (so it is not tried again) and said once. */
static void impossible_at(struct recon *rc, const char *date, const struct sl_err *why)
{
	struct dated *d = &rc->runs[rc->nruns++];

	d->date = date;
	d->set = NULL;
	d->n = 0;
	d->impossible = true;
	if (rc->impossible++ == 0) {
		char *w = sl_xasprintf("reconstruct: %s: the layer cannot have been built then "
				       "(pip would have failed); the window starts later",
				       why->msg);
		sl_lock_add_warning(rc->lock, w);
		free(w);
	}
}

/* resolve_at for a date inside the window: a resolution that fails for
 * want of versions narrows the window instead of failing the run. */
static int resolve_inside(struct recon *rc, const char *date, struct sl_err *err)
{
	struct sl_err why = {0};
	int code = resolve_at(rc, date, &why);

	if (code == SL_ESOLVER) {
		impossible_at(rc, date, &why);
		return 0;
	}
	if (code)
		*err = why;
	return code;
}

static bool resolved_at(const struct recon *rc, const char *date)
{
	for (size_t i = 0; i < rc->nruns; i++)
		if (strcmp(rc->runs[i].date, date) == 0)
			return true;
	return false;
}

static size_t unresolved(const struct recon *rc)
{
	const char **dates = NULL;
	size_t n = 0, left = 0;

	sl_resolve_release_dates(rc->res, rc->rep->start, rc->rep->end, &dates, &n);
	for (size_t i = 0; i < n; i++)
		left += !resolved_at(rc, dates[i]);
	free(dates);
	return left;
}

/* The start, then every release in the window: where the choice may
 * change.  A release found while resolving may add more dates. */
static int resolve_window(struct recon *rc, struct sl_err *err)
{
	bool more = true;
	int rc_ = 0;

	if (!*rc->rep->start || strcmp(rc->rep->start, rc->rep->end) == 0)
		return 0;
	if ((rc_ = resolve_inside(rc, rc->rep->start, err)) != 0)
		return rc_;
	while (more && rc->nruns < MAX_DATES) {
		const char **dates = NULL;
		size_t n = 0;
		more = false;
		sl_resolve_release_dates(rc->res, rc->rep->start, rc->rep->end, &dates, &n);
		for (size_t i = 0; i < n && rc->nruns < MAX_DATES && !rc_; i++)
			if (!resolved_at(rc, dates[i])) {
				rc_ = resolve_inside(rc, dates[i], err);
				more = true;
			}
		free(dates);
		if (rc_)
			return rc_;
	}
	if (more && unresolved(rc)) {
		char *w = sl_xasprintf("reconstruct: the window holds more than %d release dates; "
				       "resolved at the first %d only: narrow it with --since",
				       MAX_DATES, MAX_DATES);
		sl_lock_add_warning(rc->lock, w);
		free(w);
	}
	return 0;
}

static int cmp_date(const void *a, const void *b)
{
	return strcmp(((const struct dated *)a)->date, ((const struct dated *)b)->date);
}

static int cmp_res(const void *a, const void *b)
{
	return strcmp(((const struct sl_resolved *)a)->name, ((const struct sl_resolved *)b)->name);
}

static const char *version_at(const struct dated *d, const char *name)
{
	struct sl_resolved key = {name, NULL, NULL};
	const struct sl_resolved *hit = bsearch(&key, d->set, d->n, sizeof(*d->set), cmp_res);

	return hit ? hit->version : NULL;
}

static void add_alt(struct sl_lock_inferred *f, const char *version, const char *from)
{
	struct sl_lock_alternative *a;

	if (f->n_alternatives && !f->alternatives[f->n_alternatives - 1].until)
		f->alternatives[f->n_alternatives - 1].until = (char *)from;
	f->alternatives = sl_xrealloc(f->alternatives, (f->n_alternatives + 1) * sizeof(*a));
	a = &f->alternatives[f->n_alternatives++];
	a->version = (char *)version;
	a->from = (char *)from;
	a->until = NULL;
}

/* The inferred record of name (version at the window's end): exact when
 * every date chose it; else each version in date order.  Strings are
 * borrowed (sl_lock_package_set_inferred copies them). */
static void infer(const struct recon *rc, const char *name, struct sl_lock_inferred *f)
{
	const char *prev = NULL;
	bool gap = false;

	memset(f, 0, sizeof(*f));
	f->as_of = (char *)rc->rep->end;
	f->window_start = *rc->rep->start ? (char *)rc->rep->start : NULL;
	f->window_end = (char *)rc->rep->end;
	f->rule = (char *)rc->rule;
	if (!*rc->rep->start) {
		/* no start: nothing says the day did not matter */
		f->ambiguous = true;
		add_alt(f, version_at(&rc->runs[rc->nruns - 1], name), NULL);
		return;
	}
	for (size_t i = 0; i < rc->nruns; i++) {
		const char *v;
		if (rc->runs[i].impossible)
			continue; /* not a day the layer can have been built */
		v = version_at(&rc->runs[i], name);
		if (!v) {
			gap = true;
			if (prev && f->n_alternatives)
				f->alternatives[f->n_alternatives - 1].until =
				    (char *)rc->runs[i].date;
			prev = NULL;
			continue;
		}
		if (!prev || strcmp(prev, v) != 0)
			add_alt(f, v, rc->runs[i].date);
		prev = v;
	}
	f->ambiguous = gap || f->n_alternatives > 1;
	if (!f->ambiguous)
		f->n_alternatives = 0;
}

/* The "package 'x'" entry of name, or -1. */
static long unknown_entry(const struct sl_lock *lock, const char *name)
{
	for (size_t i = 0; i < lock->n_incomplete; i++) {
		const char *w = lock->incomplete[i].what;
		size_t n = strlen(w);
		if (n > 10 && strncmp(w, "package '", 9) == 0 && w[n - 1] == '\'') {
			char *c = sl_xstrndup(w + 9, n - 10), *canon = sl_name_canonical(c);
			bool same = strcmp(canon, name) == 0;
			free(c);
			free(canon);
			if (same)
				return (long)i;
		}
	}
	return -1;
}

static void check_proven(struct recon *rc, const struct sl_lock_package *p)
{
	const char *when = sl_resolve_released(rc->res, p->name, p->version);
	char *w = NULL;

	if (!when)
		w = sl_xasprintf("reconstruct: %s %s is proven but the index has no installable "
				 "file of it: the resolution kept it as a fixed point",
				 p->name, p->version);
	else if (strcmp(when, rc->rep->end) > 0)
		w = sl_xasprintf("reconstruct: %s %s is proven but was first uploaded at %s, after "
				 "the window's end %s: the window or the proof is wrong",
				 p->name, p->version, when, rc->rep->end);
	if (w) {
		sl_lock_add_warning(rc->lock, w);
		rc->rep->contradictions++;
		free(w);
	}
}

static enum sl_origin origin_of(const struct sl_lock_request *v, size_t n)
{
	enum sl_origin o = SL_ORIGIN_TRANSITIVE;

	for (size_t i = 0; i < n; i++)
		if (v[i].by == SL_ORIGIN_DIRECT ||
		    (v[i].by == SL_ORIGIN_PLATFORM && o == SL_ORIGIN_TRANSITIVE))
			o = v[i].by;
	return o;
}

static void apply_one(struct recon *rc, const struct sl_resolved *r)
{
	struct sl_lock *lock = rc->lock;
	struct sl_lock_package *p = sl_lock_find(lock, r->name);
	struct sl_lock_inferred f;
	long e;

	if (p && !p->inferred) {
		check_proven(rc, p);
		return;
	}
	if (!p)
		p = sl_lock_add_package(lock, r->name, r->version);
	sl_lock_set(&p->version, r->version);
	e = unknown_entry(lock, r->name);
	if (e >= 0) {
		const struct sl_lock_incomplete *x = &lock->incomplete[e];
		for (size_t i = 0; i < x->n_requests; i++)
			sl_lock_package_add_request(p, &x->requests[i]);
		sl_lock_remove_incomplete(lock, (size_t)e);
	}
	p->origin = origin_of(p->requests, p->n_requests);
	if (r->parent && p->origin == SL_ORIGIN_TRANSITIVE)
		sl_lock_package_add_parent(p, r->parent);
	infer(rc, r->name, &f);
	sl_lock_package_set_inferred(p, &f);
	free(f.alternatives);
	rc->rep->inferred++;
	if (f.ambiguous)
		rc->rep->ambiguous++;
	else
		rc->rep->exact++;
}

/* pip options of the requirements files that change what pip could
 * choose and that the resolution does not follow: said, not ignored. */
static void unread_options(struct sl_lock *lock, const struct sl_index *idx)
{
	const struct sl_lock_index *ix = &lock->index;
	char *w = NULL;

	if (ix->no_index || ix->n_find_links)
		w = sl_xasprintf("reconstruct: the requirements' %s is not followed: files "
				 "found there are not candidates",
				 ix->no_index ? "--no-index" : "--find-links");
	else if (ix->n_extra_index_urls)
		w = sl_xasprintf("reconstruct: the requirements name more than one index "
				 "(--extra-index-url %s): only %s is read, and versions only "
				 "another has are not candidates",
				 ix->extra_index_urls[0], sl_index_url(idx));
	if (w)
		sl_lock_add_warning(lock, w);
	free(w);
}

static int run(struct recon *rc, const struct sl_reconstruct_opts *o, struct sl_err *err)
{
	const struct dated *end;
	int code;

	snprintf(rc->rule, sizeof(rc->rule),
		 "pip: the newest version uploaded by the date with a file installable on CPython "
		 "%s manylinux x86_64 (a wheel, else an sdist; yanked only when pinned exactly); "
		 "proven versions fixed%s",
		 python_of(rc->lock, o),
		 rc->lock->index.pre ? "; --pre: pre-releases are candidates" : "");
	unread_options(rc->lock, o->index);
	if ((code = requests(rc, err)) != 0 || (code = resolve_at(rc, rc->rep->end, err)) != 0 ||
	    (code = resolve_window(rc, err)) != 0)
		return code;
	qsort(rc->runs, rc->nruns, sizeof(*rc->runs), cmp_date);
	end = &rc->runs[rc->nruns - 1];
	for (size_t i = 0; i < end->n; i++)
		apply_one(rc, &end->set[i]);
	sl_lock_sort(rc->lock);
	return 0;
}

int sl_reconstruct(struct sl_lock *lock, const struct sl_reconstruct_opts *o,
		   struct sl_reconstruct_report *rep, struct sl_err *err)
{
	struct recon rc = {.lock = lock, .rep = rep};
	const char *python = python_of(lock, o);
	int code;

	memset(rep, 0, sizeof(*rep));
	if ((code = window(lock, o, rep, err)) != 0)
		return code;
	if (!python)
		return sl_error(err, SL_EINVAL,
				"--reconstruct: the Python of the image is not known: give a "
				"build log or the card's python_version");
	if ((code = sl_resolve_new(o->index, python, &rc.res, err)) != 0)
		return code;
	/* a requirements file's --pre reaches pip's finder for the whole run */
	if (lock->index.pre)
		sl_resolve_allow_pre(rc.res);
	code = run(&rc, o, err);
	for (size_t i = 0; i < rc.nruns; i++)
		free(rc.runs[i].set);
	free(rc.runs);
	sl_resolve_free(rc.res);
	return code;
}
