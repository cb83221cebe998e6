/* apply_check.c: before anything is written, the result is checked the way
 * the builder will install it.  The lock's versions are the set (the pins
 * apply wrote are those versions); the requests are the result's own
 * requirement lines plus the builder's pip step (the lock's record of it,
 * else gradio[oauth]==sdk_version and spaces); the target is the Python the
 * new card names.  check.h judges it with the metadata at hand: the lock's,
 * a --wheels folder, the index's cache (never the network).  A request or a
 * Requires-Dist the set refuses, or a Requires-Python the card's Python
 * refuses, is a conflict: pip would stop the build with
 * ResolutionImpossible, so nothing is written.  A project the set lacks is
 * no conflict (pip adds it unpinned), nor is a package without metadata
 * (counted as unchecked). */
#include <stdlib.h>
#include <string.h>

#include "apply_private.h"
#include "spacelock/buf.h"
#include "spacelock/card.h"
#include "spacelock/card_edit.h"
#include "spacelock/check.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/reqfile.h"
#include "spacelock/requirement.h"

static const char *bytes_now(const struct sl_apply_file *f, size_t *len)
{
	*len = f->new_data ? f->new_len : f->old_len;
	return f->new_data ? f->new_data : f->old_data;
}

/* The Python the builder will use: the new card's python_version (for
 * the sdks that read it), else --python, else what the source ran. */
static char *target_python(const struct sl_lock *lock, const struct sl_apply_options *opts,
			   const struct sl_apply_result *r)
{
	const struct sl_apply_file *f = &r->files[SL_APPLY_README];
	const char *py = opts->python		? opts->python
			 : lock->runtime.python ? lock->runtime.python
						: lock->space.python_version;
	struct sl_card *card = NULL;
	const char *got = NULL;
	char *out;
	size_t len;
	const char *data = bytes_now(f, &len);

	/* docker Spaces ignore python_version: their Dockerfile chose */
	if (apply_sdk_package(lock) && data && sl_card_has_front_matter(data, len) &&
	    sl_card_parse("README.md", data, len, &card, NULL) == 0)
		got = sl_card_string(card, "python_version");
	out = got ? sl_xstrdup(got) : py ? sl_xstrdup(py) : NULL;
	sl_card_free(card);
	return out;
}

/* Adds a request for text to the package it names, when the set has it:
 * a request for a project the lock does not know has no version to judge. */
static void add_request(struct sl_lock *set, enum sl_origin by, const char *text,
			const char *source, unsigned long line)
{
	struct sl_lock_request q = {by, (char *)text, (char *)source, line, NULL};
	struct sl_requirement *req;
	struct sl_lock_package *pkg;
	char *name;

	if (sl_requirement_parse(text, &req, NULL) != 0)
		return;
	name = sl_name_canonical(req->name);
	pkg = req->url ? NULL : sl_lock_find(set, name);
	if (pkg)
		sl_lock_package_add_request(pkg, &q);
	free(name);
	sl_requirement_free(req);
}

/* The builder's own pip step: as the lock recorded it, else what today's
 * builder runs for the sdk in the same pip run as requirements.txt
 * (gradio[oauth]==V and spaces; streamlit==V). */
static void platform_requests(const struct sl_lock *lock, struct sl_lock *set)
{
	const char *sdk = apply_sdk_package(lock), *ver = lock->space.sdk_version;
	char *own;

	if (lock->runtime.n_platform_step) {
		/* an older builder ran its own step apart from requirements.txt:
		 * pip never weighs the two together, so they cannot conflict */
		if (strncmp(lock->runtime.platform_step[0], "-r", 2) != 0)
			return;
		for (size_t i = 0; i < lock->runtime.n_platform_step; i++)
			if (lock->runtime.platform_step[i][0] != '-') /* "-r requirements.txt" */
				add_request(set, SL_ORIGIN_PLATFORM, lock->runtime.platform_step[i],
					    NULL, 0);
		return;
	}
	if (!sdk || !ver)
		return;
	own = sl_xasprintf("%s%s==%s", sdk, strcmp(sdk, "gradio") == 0 ? "[oauth]" : "", ver);
	add_request(set, SL_ORIGIN_PLATFORM, own, NULL, 0);
	if (strcmp(sdk, "gradio") == 0)
		add_request(set, SL_ORIGIN_PLATFORM, "spaces", NULL, 0);
	free(own);
}

/* Every requirement line of the result that names a version range (URL
 * lines are pinned by commit, not by version). */
static int file_requests(const struct sl_apply_result *r, struct sl_lock *set, struct sl_err *err)
{
	for (int id = SL_APPLY_REQUIREMENTS; id < SL_APPLY_NFILES; id++) {
		struct sl_reqfile *rf;
		size_t len;
		const char *data = bytes_now(&r->files[id], &len);
		int rc;

		if (!data)
			continue;
		if ((rc = sl_reqfile_parse(data, len, sl_apply_file_name(id), &rf, err)) != 0)
			return rc;
		for (size_t i = 0; i < rf->nentries; i++) {
			const struct sl_reqfile_entry *e = &rf->entries[i];
			if (e->kind == SL_REQLINE_REQUIREMENT && e->req && !e->url)
				add_request(set, SL_ORIGIN_DIRECT, e->req_text,
					    sl_apply_file_name(id), e->line);
		}
		sl_reqfile_free(rf);
	}
	return 0;
}

/* The lock's set with the result's requests and target. */
static struct sl_lock *result_set(const struct sl_lock *lock, const char *python)
{
	struct sl_lock *set = sl_lock_new();

	sl_lock_set(&set->space.sdk, lock->space.sdk);
	sl_lock_set(&set->space.sdk_version, lock->space.sdk_version);
	sl_lock_set(&set->runtime.python, python);
	for (size_t i = 0; i < lock->n_packages; i++) {
		const struct sl_lock_package *lp = &lock->packages[i];
		const struct sl_lock_metadata *m = lp->metadata;
		struct sl_lock_package *p = sl_lock_add_package(set, lp->name, lp->version);
		p->origin = lp->origin;
		for (size_t k = 0; k < lp->n_required_by; k++)
			sl_lock_package_add_parent(p, lp->required_by[k]);
		if (m)
			sl_lock_package_set_metadata(p, (const char *const *)m->requires_dist,
						     m->n_requires_dist, m->requires_python,
						     (const char *const *)m->provides_extra,
						     m->n_provides_extra);
	}
	return set;
}

static bool is_conflict(const struct sl_check_problem *p)
{
	return p->kind == SL_CHECK_MISMATCH || p->kind == SL_CHECK_PYTHON;
}

/* "the builder's pip step installs fastapi<0.113.0, but fastapi 0.115.2
 * is locked"; "gradio 4.31.0 requires pydantic>=2.0, but ..."; "numpy
 * 2.1.0 requires Python >=3.10, but the card's python_version is 3.9" */
static void word(struct sl_buf *b, const struct sl_check_problem *p)
{
	if (p->kind == SL_CHECK_PYTHON) {
		sl_buf_addf(b, "%s %s requires Python %s, but the card's python_version is %s",
			    p->package, p->version, p->requirement, p->installed);
		return;
	}
	if (p->requested_by && strcmp(p->requested_by, "platform") == 0)
		sl_buf_addstr(b, "the builder's pip step installs ");
	else if (p->requested_by)
		sl_buf_addf(b, "%s asks for ", p->requested_at ? p->requested_at : "a requirement");
	else
		sl_buf_addf(b, "%s %s requires ", p->package, p->version);
	sl_requirement_add_unmarked(b, p->requirement);
	sl_buf_addf(b, ", but %s %s is locked", p->target, p->installed);
}

static int judge(const struct sl_check_report *rep, struct sl_apply_result *r, struct sl_err *err)
{
	const struct sl_check_problem *first = NULL;
	struct sl_buf b = SL_BUF_INIT;
	size_t n = 0;
	int rc;

	for (size_t i = 0; i < rep->n_problems; i++) {
		const struct sl_check_problem *p = &rep->problems[i];
		r->n_unchecked += p->kind == SL_CHECK_UNVERIFIABLE;
		if (is_conflict(p) && n++ == 0)
			first = p;
	}
	r->n_checked = rep->n_packages - r->n_unchecked;
	if (!first)
		return 0;
	word(&b, first);
	if (n > 1)
		sl_buf_addf(&b,
			    " (and %zu more conflict%s: `spacelock check` on the lock shows "
			    "them)",
			    n - 1, n == 2 ? "" : "s");
	rc = sl_error(err, SL_ECONFLICT,
		      "the result would not install (pip: ResolutionImpossible), nothing "
		      "written: %s",
		      b.buf);
	sl_buf_release(&b);
	return rc;
}

int apply_check(const struct sl_lock *lock, const struct sl_apply_options *opts,
		struct sl_apply_result *r, struct sl_err *err)
{
	struct sl_check_options o = {NULL, NULL, opts->wheels, true, opts->index};
	char *python = target_python(lock, opts, r);
	struct sl_check_report rep;
	struct sl_check *c = NULL;
	struct sl_lock *set;
	int rc;

	r->n_checked = r->n_unchecked = 0;
	if (!python || !lock->n_packages) { /* nothing to judge against */
		free(python);
		return 0;
	}
	set = result_set(lock, python);
	platform_requests(lock, set);
	rc = file_requests(r, set, err);
	if (rc == 0) {
		c = sl_check_new();
		rc = sl_check_load_lock(c, set, &o, err);
	}
	if (rc == 0 && (rc = sl_check_run(c, &rep, err)) == 0) {
		rc = judge(&rep, r, err);
		sl_check_report_release(&rep);
	}
	sl_check_free(c);
	sl_lock_free(set);
	free(python);
	return rc;
}
