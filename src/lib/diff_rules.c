/* diff_rules.c: the data diff ranks and explains with.  data/high-impact.txt
 * says which package changes matter most, data/python-removed.txt which
 * standard-library modules a Python removed; both are embedded data files
 * (datafile.h), read once per diff and validated key by key. */
#include <stdlib.h>
#include <string.h>

#include "diff_private.h"
#include "spacelock/datafile.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"

enum when { WHEN_ANY, WHEN_MAJOR, WHEN_LOCAL, WHEN_CROSSES };

struct sl_diff_rules {
	struct diff_impact *impact;
	size_t n_impact;
	struct diff_removal *removed;
	size_t n_removed;
};

struct sl_version *diff_version(const char *v)
{
	struct sl_version *out = NULL;
	struct sl_err err;

	if (!v || sl_version_parse(v, &out, &err) != 0)
		return NULL;
	return out;
}

struct sl_diff_rules *sl_diff_rules_new(void)
{
	return sl_xcalloc(1, sizeof(struct sl_diff_rules));
}

void sl_diff_rules_free(struct sl_diff_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_impact; i++) {
		free(r->impact[i].package);
		sl_version_free(r->impact[i].boundary);
		free(r->impact[i].hardware);
		free(r->impact[i].why);
	}
	for (size_t i = 0; i < r->n_removed; i++) {
		free(r->removed[i].module);
		sl_version_free(r->removed[i].removed);
		free(r->removed[i].removed_text);
		free(r->removed[i].backport);
		diff_strv_free(r->removed[i].used_by, r->removed[i].n_used_by);
	}
	free(r->impact);
	free(r->removed);
	free(r);
}

/* A canonical package name as the data must spell it. */
static int check_name(const char *file, unsigned long line, const char *key, const char *v,
		      struct sl_err *err)
{
	if (!sl_name_is_valid(v, strlen(v)) || !sl_name_is_canonical(v))
		return sl_error(err, SL_EPARSE, "%s:%lu: '%s' must be a canonical name, not '%s'",
				file, line, key, v);
	return 0;
}

static unsigned long line_of(const struct sl_stanza *st, const char *key)
{
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->fields[i].key, key) == 0)
			return st->fields[i].line;
	return st->line;
}

static int parse_when(const char *file, const struct sl_stanza *st, struct diff_impact *d,
		      struct sl_err *err)
{
	const char *w = sl_stanza_get(st, "when");

	if (strcmp(w, "any") == 0)
		d->when = WHEN_ANY;
	else if (strcmp(w, "major") == 0)
		d->when = WHEN_MAJOR;
	else if (strcmp(w, "local") == 0)
		d->when = WHEN_LOCAL;
	else if (strncmp(w, "crosses ", 8) == 0 && (d->boundary = diff_version(w + 8)))
		d->when = WHEN_CROSSES;
	else
		return sl_error(
		    err, SL_EPARSE,
		    "%s:%lu: 'when' must be any, major, local or crosses VERSION, not '%s'", file,
		    line_of(st, "when"), w);
	return 0;
}

static int add_impact(struct sl_diff_rules *r, const char *file, const struct sl_stanza *st,
		      struct sl_err *err)
{
	static const char *const known[] = {"package", "when",	 "hardware", "impact",
					    "why",     "source", NULL};
	static const char *const required[] = {"package", "when", "impact", "why", "source", NULL};
	struct diff_impact d = {0};
	const char *impact;
	int rc;

	if ((rc = sl_stanza_check(file, st, known, required, err)) != 0 ||
	    (rc = check_name(file, st->line, "package", sl_stanza_get(st, "package"), err)) != 0)
		return rc;
	impact = sl_stanza_get(st, "impact");
	if (strcmp(impact, "high") != 0 && strcmp(impact, "medium") != 0)
		return sl_error(err, SL_EPARSE, "%s:%lu: 'impact' must be high or medium", file,
				line_of(st, "impact"));
	if ((rc = parse_when(file, st, &d, err)) != 0)
		return rc;
	d.package = sl_xstrdup(sl_stanza_get(st, "package"));
	d.hardware =
	    sl_stanza_get(st, "hardware") ? sl_xstrdup(sl_stanza_get(st, "hardware")) : NULL;
	d.level = strcmp(impact, "high") == 0 ? 2 : 1;
	d.why = sl_xstrdup(sl_stanza_get(st, "why"));
	r->impact = sl_xrealloc(r->impact, (r->n_impact + 1) * sizeof(*r->impact));
	r->impact[r->n_impact++] = d;
	return 0;
}

/* "pydub gradio" -> used_by; each a canonical name. */
static int parse_used_by(const char *file, const struct sl_stanza *st, struct diff_removal *d,
			 struct sl_err *err)
{
	const char *p = sl_stanza_get(st, "used-by");

	while (p && *p) {
		size_t n = strcspn(p, " ");
		char *name = sl_xstrndup(p, n);
		int rc = check_name(file, line_of(st, "used-by"), "used-by", name, err);
		if (rc) {
			free(name);
			return rc;
		}
		d->used_by = sl_xrealloc(d->used_by, (d->n_used_by + 1) * sizeof(char *));
		d->used_by[d->n_used_by++] = name;
		p += n;
		p += strspn(p, " ");
	}
	return 0;
}

static void removal_release(struct diff_removal *d)
{
	free(d->module);
	sl_version_free(d->removed);
	free(d->removed_text);
	free(d->backport);
	diff_strv_free(d->used_by, d->n_used_by);
}

static int add_removal(struct sl_diff_rules *r, const char *file, const struct sl_stanza *st,
		       struct sl_err *err)
{
	static const char *const known[] = {"module",  "removed", "backport",
					    "used-by", "source",  NULL};
	static const char *const required[] = {"module", "removed", "source", NULL};
	struct diff_removal d = {0};
	const char *backport;
	int rc;

	if ((rc = sl_stanza_check(file, st, known, required, err)) != 0)
		return rc;
	if (!(d.removed = diff_version(sl_stanza_get(st, "removed"))))
		return sl_error(err, SL_EPARSE, "%s:%lu: 'removed' must be a Python version", file,
				line_of(st, "removed"));
	backport = sl_stanza_get(st, "backport");
	if ((backport &&
	     (rc = check_name(file, line_of(st, "backport"), "backport", backport, err)) != 0) ||
	    (rc = parse_used_by(file, st, &d, err)) != 0) {
		removal_release(&d);
		return rc;
	}
	d.module = sl_xstrdup(sl_stanza_get(st, "module"));
	d.removed_text = sl_xstrdup(sl_stanza_get(st, "removed"));
	d.backport = backport ? sl_xstrdup(backport) : NULL;
	r->removed = sl_xrealloc(r->removed, (r->n_removed + 1) * sizeof(*r->removed));
	r->removed[r->n_removed++] = d;
	return 0;
}

/* Every source must be a web address: a fact without one is not data. */
static int check_sources(const char *file, const struct sl_stanza *st, struct sl_err *err)
{
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->fields[i].key, "source") == 0 &&
		    strncmp(st->fields[i].value, "https://", 8) != 0)
			return sl_error(err, SL_EPARSE, "%s:%lu: a source must be an https:// URL",
					file, st->fields[i].line);
	return 0;
}

int sl_diff_rules_add(struct sl_diff_rules *r, const char *name, const char *text, size_t len,
		      struct sl_err *err)
{
	struct sl_stanzas s;
	int rc = sl_stanzas_parse(name, text, len, &s, err);

	for (size_t i = 0; rc == 0 && i < s.n; i++) {
		const struct sl_stanza *st = &s.v[i];
		if ((rc = check_sources(name, st, err)) != 0)
			break;
		if (sl_stanza_get(st, "package"))
			rc = add_impact(r, name, st, err);
		else if (sl_stanza_get(st, "module"))
			rc = add_removal(r, name, st, err);
		else
			rc = sl_error(err, SL_EPARSE, "%s:%lu: a rule needs 'package' or 'module'",
				      name, st->line);
	}
	sl_stanzas_release(&s);
	return rc;
}

int sl_diff_rules_load(struct sl_diff_rules **out, struct sl_err *err)
{
	static const char *const files[] = {"high-impact.txt", "python-removed.txt"};
	struct sl_diff_rules *r = sl_diff_rules_new();

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		const struct sl_datafile *f = sl_datafile_find(files[i]);
		int rc = f ? sl_diff_rules_add(r, f->name, f->text, f->len, err)
			   : sl_error(err, SL_EPARSE, "data file '%s' is not built in", files[i]);
		if (rc) {
			sl_diff_rules_free(r);
			return rc;
		}
	}
	*out = r;
	return 0;
}

/* ---- matching ---- */

static bool hardware_matches(const struct diff_impact *d, const struct diff_change_view *cv)
{
	return !d->hardware || (cv->hardware[0] && strcmp(cv->hardware[0], d->hardware) == 0) ||
	       (cv->hardware[1] && strcmp(cv->hardware[1], d->hardware) == 0);
}

/* One side below the boundary, the other not. */
static bool crosses(const struct sl_version *b, const struct sl_version *x,
		    const struct sl_version *y)
{
	return x && y && (sl_version_cmp_public(x, b) < 0) != (sl_version_cmp_public(y, b) < 0);
}

static bool when_matches(const struct diff_impact *d, const struct diff_change_view *cv,
			 const struct sl_version *x, const struct sl_version *y)
{
	enum sl_version_part part = x && y ? sl_version_diff_part(x, y) : SL_VPART_NONE;

	switch (d->when) {
	case WHEN_ANY: return true;
	case WHEN_MAJOR: return part == SL_VPART_EPOCH || part == SL_VPART_MAJOR;
	case WHEN_LOCAL: return part == SL_VPART_LOCAL;
	case WHEN_CROSSES: return crosses(d->boundary, x, y);
	}
	return false;
}

const struct diff_impact *diff_rules_impact(const struct sl_diff_rules *r,
					    const struct diff_change_view *cv)
{
	struct sl_version *x, *y;
	const struct diff_impact *best = NULL;

	if (!r)
		return NULL;
	x = diff_version(cv->from);
	y = diff_version(cv->to);
	for (size_t i = 0; i < r->n_impact; i++) {
		const struct diff_impact *d = &r->impact[i];
		if (strcmp(d->package, cv->name) != 0 || !hardware_matches(d, cv))
			continue;
		if (!when_matches(d, cv, x, y))
			continue;
		if (!best || d->level > best->level)
			best = d;
	}
	sl_version_free(x);
	sl_version_free(y);
	return best;
}

const struct diff_removal **diff_rules_removed(const struct sl_diff_rules *r, const char *py_a,
					       const char *py_b, size_t *n)
{
	struct sl_version *a = diff_version(py_a), *b = diff_version(py_b), *t;
	const struct diff_removal **v = NULL;

	*n = 0;
	if (r && a && b && sl_version_cmp(a, b) > 0) {
		t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; r && a && b && i < r->n_removed; i++) {
		const struct sl_version *rm = r->removed[i].removed;
		if (sl_version_cmp(a, rm) < 0 && sl_version_cmp(rm, b) <= 0) {
			v = sl_xrealloc(v, (*n + 1) * sizeof(*v));
			v[(*n)++] = &r->removed[i];
		}
	}
	sl_version_free(a);
	sl_version_free(b);
	return v;
}
