/* apply_reqs.c: requirements.txt and pre-requirements.txt made to pin what
 * the lock proves.  A line the files already have changes only its
 * specifier (or its VCS ref); pins the files lack go in one marked block at
 * the end; the builder's own packages (the sdk, pip) are left to it; what
 * the lock does not know is listed, never guessed. */
#include <stdlib.h>
#include <string.h>

#include "apply_private.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/reqfile.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"

/* Installed by the builder before the Space's files are read: pinning
 * them in requirements.txt would fight its own `pip install -U pip`. */
static bool is_tool(const char *name)
{
	return strcmp(name, "pip") == 0 || strcmp(name, "setuptools") == 0 ||
	       strcmp(name, "wheel") == 0;
}

const char *apply_sdk_package(const struct sl_lock *lock)
{
	const char *sdk = lock->space.sdk;

	if (sdk && (strcmp(sdk, "gradio") == 0 || strcmp(sdk, "streamlit") == 0))
		return sdk;
	return NULL;
}

/* What records a VCS install's commit. */
#define VCS_REMEDY "snapshot a build log that shows pip's 'Resolved ... to commit'"

struct plan {
	const struct sl_lock *lock;
	const struct sl_apply_options *opts;
	struct sl_reqfile **rf;
	struct sl_apply_result *r;
	bool *done_pkg;	    /* per lock package: a line pins it (or it was left, said why) */
	bool *done_unknown; /* per incomplete entry: listed */
	bool block[SL_APPLY_NFILES]; /* the marked block was started in that file */
};

static long incomplete_of(const struct sl_lock *lock, const char *name)
{
	for (size_t i = 0; i < lock->n_incomplete; i++) {
		const char *w = lock->incomplete[i].what;
		size_t n = strlen(name);
		if (strncmp(w, "package '", 9) == 0 && strncmp(w + 9, name, n) == 0 &&
		    strcmp(w + 9 + n, "'") == 0)
			return (long)i;
	}
	return -1;
}

static void list_unknown(struct plan *p, size_t i, enum sl_apply_file_id file, unsigned long line)
{
	const struct sl_lock_incomplete *e = &p->lock->incomplete[i];

	if (p->done_unknown[i])
		return;
	if (strncmp(e->what, "package '", 9) == 0) {
		char *name = sl_xstrndup(e->what + 9, strlen(e->what) - 10);
		const char *sdk = apply_sdk_package(p->lock);
		bool tool = is_tool(name) || (sdk && strcmp(name, sdk) == 0);
		free(name);
		if (tool) /* the builder's own, never pinned here: no gap in the pins */
			return;
	}
	p->done_unknown[i] = true;
	apply_unknown(p->r, file, line, e->what, NULL, e->why, e->remedy);
	p->r->partial = true;
}

/* "git+https://host/repo.git@<commit>": the recorded URL without a ref of
 * its own, at the recorded commit. */
static char *vcs_at_commit(const struct sl_lock_package *pkg)
{
	const char *u = pkg->vcs_url, *slash = strrchr(u, '/');
	const char *at = slash ? strchr(slash, '@') : NULL;
	const char *frag = strchr(u, '#');
	size_t n = at ? (size_t)(at - u) : frag ? (size_t)(frag - u) : strlen(u);

	const char *scheme = strstr(u, "://");
	/* the lock keeps direct_url.json's url, without pip's "git+" */
	bool vcs = scheme && memchr(u, '+', (size_t)(scheme - u));

	return sl_xasprintf("%s%.*s@%s", vcs ? "" : "git+", (int)n, u, pkg->vcs_commit);
}

/* The fragment ("#egg=x&subdirectory=y") of a URL line, kept on rewrite. */
static const char *fragment(const char *url)
{
	const char *f = url ? strchr(url, '#') : NULL;
	return f ? f : "";
}

static int pin_vcs(struct plan *p, enum sl_apply_file_id fid, size_t idx,
		   const struct sl_lock_package *pkg, struct sl_err *err)
{
	struct sl_reqfile *rf = p->rf[fid];
	struct sl_reqfile_entry *e = &rf->entries[idx];
	unsigned long line = e->line;
	char *old = sl_xstrdup(e->req_text ? e->req_text : e->text), *url, *text;
	int rc = 0;

	if (!pkg->vcs_commit) {
		apply_unknown(p->r, fid, line, pkg->name, old,
			      "a VCS requirement without a recorded commit: a moving ref is not "
			      "guessed",
			      VCS_REMEDY);
		p->r->partial = true;
		free(old);
		return 0;
	}
	url = vcs_at_commit(pkg);
	if (e->kind == SL_REQLINE_URL)
		text = sl_xasprintf("%s%s", url, fragment(e->url));
	else
		text = sl_xasprintf("%s @ %s", e->req ? e->req->name : pkg->name, url);
	if (!e->url || strncmp(e->url, url, strlen(url)) != 0 ||
	    (e->url[strlen(url)] != '\0' && e->url[strlen(url)] != '#')) {
		rc = sl_reqfile_replace(rf, idx, text, err);
		if (rc == 0)
			apply_note(p->r, SL_APPLY_PIN, fid, line, pkg->name, old,
				   rf->entries[idx].req_text,
				   "pinned to the commit the source built");
	}
	free(url);
	free(text);
	free(old);
	return rc;
}

/* The line's specifier admits sdk_version (pre-releases included: the
 * builder's own ==pin asks for that exact version). */
static bool agrees(const struct sl_reqfile_entry *e, const char *ver)
{
	bool in = false;

	return e->kind == SL_REQLINE_REQUIREMENT && e->req && !e->url &&
	       sl_specset_contains_str(e->req->spec, ver, SL_PRE_INCLUDE, &in, NULL) == 0 && in;
}

static int align_sdk(struct plan *p, enum sl_apply_file_id fid, size_t idx, struct sl_err *err)
{
	struct sl_reqfile *rf = p->rf[fid];
	const struct sl_reqfile_entry *e = &rf->entries[idx];
	const char *ver = p->lock->space.sdk_version, *sdk = p->lock->space.sdk;
	unsigned long line = e->line;
	char *old = sl_xstrdup(e->req_text ? e->req_text : e->text), *why;
	const char *pin = e->req && !e->url ? sl_specset_exact_pin(e->req->spec) : NULL;
	int rc = 0;

	if (!ver) {
		apply_note(p->r, SL_APPLY_KEEP, fid, line, sdk, old, NULL,
			   "the lock does not know the sdk_version this line must agree with");
	} else if ((pin && strcmp(pin, ver) == 0) || agrees(e, ver)) {
		/* agrees with sdk_version: the builder's pin decides, nothing to change */
	} else if (e->kind == SL_REQLINE_REQUIREMENT && e->req && !e->url) {
		why = sl_xasprintf("the builder installs %s[...]==%s (sdk_version) in the same "
				   "pip run; a line that disagrees fails the build with "
				   "ResolutionImpossible: aligned to sdk_version",
				   sdk, ver);
		rc = sl_reqfile_set_version(rf, idx, ver, err);
		if (rc == 0)
			apply_note(p->r, SL_APPLY_PIN, fid, line, sdk, old,
				   rf->entries[idx].req_text, why);
		free(why);
	} else {
		why = sl_xasprintf("the builder installs %s==%s (sdk_version) itself; this line "
				   "(a URL or editable install) cannot be aligned to it: removed",
				   sdk, ver);
		rc = sl_reqfile_remove(rf, idx, err);
		if (rc == 0)
			apply_note(p->r, SL_APPLY_REMOVE, fid, line, sdk, old, NULL, why);
		free(why);
	}
	free(old);
	return rc;
}

/* "inferred as of 2024-03-10" (ambiguous: "..., ambiguous"), for a
 * version snapshot --reconstruct inferred; NULL for a proven one. */
static char *inferred_mark(const struct sl_lock_package *pkg)
{
	return pkg->inferred ? sl_lock_inferred_mark(pkg->inferred) : NULL;
}

/* The line's own inline comment says "inferred as of DATE" when the
 * version is inferred, as the appended block does; a mark an earlier apply
 * wrote goes once the version is proven. */
static int mark_line(struct plan *p, enum sl_apply_file_id fid, size_t idx,
		     const struct sl_lock_package *pkg, bool pinned, struct sl_err *err)
{
	struct sl_reqfile *rf = p->rf[fid];
	size_t before_len = rf->entries[idx].raw_len;
	char *mark = inferred_mark(pkg), *before = sl_xmalloc(before_len + 1);
	const struct sl_reqfile_entry *e;
	int rc;

	memcpy(before, rf->entries[idx].raw, before_len); /* raw may hold NULs */
	rc = sl_reqfile_set_mark(rf, idx, "inferred", mark, err);
	e = &rf->entries[idx];
	if (rc == 0 && !pinned &&
	    (e->raw_len != before_len || memcmp(before, e->raw, before_len) != 0)) {
		char *now = mark ? sl_xasprintf("%s  # %s", e->req_text, mark) : NULL;
		apply_note(p->r, SL_APPLY_PIN, fid, e->line, pkg->name, NULL,
			   now ? now : e->req_text,
			   mark ? "the version is inferred, " SL_LOCK_INFERRED_WHY ": marked in "
				  "the line's comment"
				: "the version is proven now: the inferred mark is dropped");
		free(now);
	}
	free(before);
	free(mark);
	return rc;
}

static int pin_line(struct plan *p, enum sl_apply_file_id fid, size_t idx,
		    const struct sl_lock_package *pkg, struct sl_err *err)
{
	struct sl_reqfile *rf = p->rf[fid];
	const struct sl_reqfile_entry *e = &rf->entries[idx];
	const char *pin = e->req && !e->url ? sl_specset_exact_pin(e->req->spec) : NULL;
	unsigned long line = e->line;
	char *old, *mark, *why;
	int rc;

	if (pkg->vcs_url)
		return pin_vcs(p, fid, idx, pkg, err);
	if (e->kind != SL_REQLINE_REQUIREMENT || !e->req || e->url) {
		why = sl_xasprintf("a URL or path install; the source had %s %s: not rewritten",
				   pkg->name, pkg->version);
		apply_note(p->r, SL_APPLY_KEEP, fid, line, pkg->name, e->text, NULL, why);
		free(why);
		return 0;
	}
	if (pin && strcmp(pin, pkg->version) == 0)
		return mark_line(p, fid, idx, pkg, false, err);
	old = sl_xstrdup(e->req_text);
	mark = inferred_mark(pkg);
	why = mark ? sl_xasprintf("%s: " SL_LOCK_INFERRED_WHY " (marked in the line's comment, "
				  "its own comment kept)",
				  mark)
		   : sl_xstrdup("the version the source had installed");
	rc = sl_reqfile_set_version(rf, idx, pkg->version, err);
	if (rc == 0)
		apply_note(p->r, SL_APPLY_PIN, fid, line, pkg->name, old, rf->entries[idx].req_text,
			   why);
	if (rc == 0)
		rc = mark_line(p, fid, idx, pkg, true, err);
	free(mark);
	free(why);
	free(old);
	return rc;
}

/* One line of a file that names a package. */
static int visit(struct plan *p, enum sl_apply_file_id fid, size_t idx, struct sl_err *err)
{
	const struct sl_reqfile_entry *e = &p->rf[fid]->entries[idx];
	const char *sdk = apply_sdk_package(p->lock);
	struct sl_lock_package *pkg;
	long unk;

	if (!e->name || is_tool(e->name))
		return 0;
	if (sdk && strcmp(e->name, sdk) == 0)
		return align_sdk(p, fid, idx, err);
	pkg = sl_lock_find(p->lock, e->name);
	if (pkg) {
		p->done_pkg[pkg - p->lock->packages] = true;
		return pin_line(p, fid, idx, pkg, err);
	}
	unk = incomplete_of(p->lock, e->name);
	if (unk >= 0)
		list_unknown(p, (size_t)unk, fid, e->line);
	else if (e->url && strstr(e->url, "+") && strstr(e->url, "://"))
		apply_note(p->r, SL_APPLY_KEEP, fid, e->line, e->name, e->req_text, NULL,
			   "a VCS requirement the lock does not know: its ref is left as written, "
			   "not guessed");
	return 0;
}

static int visit_file(struct plan *p, enum sl_apply_file_id fid, struct sl_err *err)
{
	int rc = 0;

	/* an alignment may remove a line: walk by index, re-reading the count */
	for (size_t i = 0; p->rf[fid] && i < p->rf[fid]->nentries && rc == 0; i++) {
		size_t before = p->rf[fid]->nentries;
		rc = visit(p, fid, i, err);
		if (p->rf[fid]->nentries < before)
			i--;
	}
	return rc;
}

/* The file a new pin goes in: pre-requirements.txt when the source's
 * builder installed the package from there. */
static enum sl_apply_file_id target_of(const struct sl_lock_package *pkg)
{
	for (size_t i = 0; i < pkg->n_requests; i++) {
		const char *s = pkg->requests[i].source;
		size_t n = s ? strlen(s) : 0;
		if (n >= 20 && strcmp(s + n - 20, "pre-requirements.txt") == 0)
			return SL_APPLY_PRE_REQUIREMENTS;
	}
	return SL_APPLY_REQUIREMENTS;
}

static int append_pin(struct plan *p, const struct sl_lock_package *pkg, struct sl_err *err)
{
	enum sl_apply_file_id fid = target_of(pkg);
	char *text, *why, *mark;
	int rc;

	if (pkg->vcs_url && !pkg->vcs_commit) {
		apply_unknown(p->r, fid, 0, pkg->name, NULL,
			      "installed from VCS without a recorded commit: not guessed",
			      VCS_REMEDY);
		p->r->partial = true;
		return 0;
	}
	if (!p->rf[fid] &&
	    (rc = sl_reqfile_parse("", 0, sl_apply_file_name(fid), &p->rf[fid], err)) != 0)
		return rc;
	if (!p->block[fid]) {
		char *head = sl_xasprintf("pinned by spacelock apply from %s: what the source "
					  "had installed",
					  p->opts->lock_label ? p->opts->lock_label : "the lock");
		rc = sl_reqfile_append_comment(p->rf[fid], head, err);
		free(head);
		if (rc)
			return rc;
		p->block[fid] = true;
	}
	if (pkg->vcs_url) {
		char *url = vcs_at_commit(pkg);
		text = sl_xasprintf("%s @ %s", pkg->name, url);
		free(url);
	} else {
		text = sl_xasprintf("%s==%s", pkg->name, pkg->version);
	}
	mark = inferred_mark(pkg);
	why = mark ? sl_xasprintf("%s: " SL_LOCK_INFERRED_WHY, mark)
	      : pkg->origin == SL_ORIGIN_UNKNOWN
		  ? sl_xstrdup("the source had it installed")
		  : sl_xasprintf("the source had it installed (%s)", sl_origin_name(pkg->origin));
	rc = sl_reqfile_append_commented(p->rf[fid], text, mark, err);
	free(mark);
	if (rc == 0)
		apply_note(p->r, SL_APPLY_ADD, fid, 0, pkg->name, NULL, text, why);
	free(text);
	free(why);
	return rc;
}

static int append_missing(struct plan *p, struct sl_err *err)
{
	const char *sdk = apply_sdk_package(p->lock);
	int rc = 0;

	for (size_t i = 0; i < p->lock->n_packages && rc == 0; i++) {
		const struct sl_lock_package *pkg = &p->lock->packages[i];
		if (p->done_pkg[i] || is_tool(pkg->name) || (sdk && strcmp(pkg->name, sdk) == 0))
			continue;
		rc = append_pin(p, pkg, err);
	}
	return rc;
}

int apply_requirements(const struct sl_lock *lock, const struct sl_apply_options *opts,
		       struct sl_reqfile **rf, struct sl_apply_result *r, struct sl_err *err)
{
	struct plan p = {lock, opts, rf, r, NULL, NULL, {false}};
	int rc;

	bool noeol[SL_APPLY_NFILES];

	for (int i = 0; i < SL_APPLY_NFILES; i++)
		noeol[i] = rf[i] && rf[i]->nentries && !rf[i]->final_newline;
	p.done_pkg = sl_xcalloc(lock->n_packages + 1, sizeof(bool));
	p.done_unknown = sl_xcalloc(lock->n_incomplete + 1, sizeof(bool));
	rc = visit_file(&p, SL_APPLY_PRE_REQUIREMENTS, err);
	if (rc == 0)
		rc = visit_file(&p, SL_APPLY_REQUIREMENTS, err);
	if (rc == 0 && opts->pin == SL_APPLY_PIN_ALL)
		rc = append_missing(&p, err);
	/* what stays unknown beyond the named packages: listed all the same */
	for (size_t i = 0; rc == 0 && i < lock->n_incomplete; i++)
		if (opts->pin == SL_APPLY_PIN_ALL ||
		    strncmp(lock->incomplete[i].what, "package '", 9) != 0)
			list_unknown(&p, i, SL_APPLY_REQUIREMENTS, 0);
	/* a file without a final newline keeps that form */
	for (int i = 0; rc == 0 && i < SL_APPLY_NFILES; i++)
		if (noeol[i])
			rc = sl_reqfile_drop_final_newline(rf[i], err);
	free(p.done_pkg);
	free(p.done_unknown);
	return rc;
}
