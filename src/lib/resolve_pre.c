/* resolve_pre.c: which pre-releases a dated resolution may choose, as the
 * pip of that day decides it (data/pip-prereleases.txt says which pip
 * changed what, and where that shows in its source).  pip filters a
 * project's candidates with one specifier made of every requirement on the
 * project; spacelock knows the requirements a resolution has met so far
 * (the requests and the Requires-Dist of the versions it chose), and takes
 * them as that specifier. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve_private.h"
#include "spacelock/datafile.h"
#include "spacelock/mem.h"
#include "spacelock/specifier.h"

#define PRE_FILE "pip-prereleases.txt"

struct rs_pre_rule {
	char since[20];
	char *ops; /* " == >= ... " : the operators that name a pre-release */
	bool fallback;
};

static const char *const known[] = {"pip", "since", "named-by", "fallback", "source", NULL};

static int add_rule(struct sl_resolve *r, const struct sl_stanza *st, struct sl_err *err)
{
	const char *since = sl_stanza_get(st, "since"), *fb = sl_stanza_get(st, "fallback");
	struct rs_pre_rule *rule;
	int rc = sl_stanza_check(PRE_FILE, st, known, known, err);

	if (rc)
		return rc;
	r->pre = sl_xrealloc(r->pre, (r->npre + 1) * sizeof(*r->pre));
	rule = &r->pre[r->npre];
	if (!sl_resolve_date(since, false, rule->since) ||
	    (strcmp(fb, "yes") != 0 && strcmp(fb, "no") != 0))
		return sl_error(err, SL_EPARSE, "%s:%lu: since is a date, fallback yes or no",
				PRE_FILE, st->line);
	rule->ops = sl_xasprintf(" %s ", sl_stanza_get(st, "named-by"));
	rule->fallback = strcmp(fb, "yes") == 0;
	r->npre++;
	return 0;
}

int rs_pre_load(struct sl_resolve *r, struct sl_err *err)
{
	const struct sl_datafile *f = sl_datafile_find(PRE_FILE);
	struct sl_stanzas s = {0};
	int rc;

	if (!f)
		return sl_error(err, SL_EINVAL, "%s is not built in", PRE_FILE);
	if ((rc = sl_stanzas_parse(f->name, f->text, f->len, &s, err)) != 0)
		return rc;
	for (size_t i = 0; i < s.n && rc == 0; i++)
		rc = add_rule(r, &s.v[i], err);
	sl_stanzas_release(&s);
	if (rc == 0 && r->npre == 0)
		rc = sl_error(err, SL_EPARSE, "%s: no rule", PRE_FILE);
	return rc;
}

void rs_pre_release(struct sl_resolve *r)
{
	for (size_t i = 0; i < r->npre; i++)
		free(r->pre[i].ops);
	free(r->pre);
}

/* The rule of the pip current at as_of (the file is in date order; a
 * date before the first rule gets the first). */
static const struct rs_pre_rule *rule_at(const struct sl_resolve *r, const char *as_of)
{
	const struct rs_pre_rule *rule = &r->pre[0];

	for (size_t i = 1; i < r->npre; i++)
		if (strcmp(r->pre[i].since, as_of) <= 0)
			rule = &r->pre[i];
	return rule;
}

/* A clause that names a pre-release under rule: ">=2.0b1", "==1.0rc1";
 * never "!=" nor "==X.*". */
static bool names_pre(const struct rs_pre_rule *rule, const char *op, const char *ver)
{
	char needle[8];
	struct sl_version *v = NULL;
	struct sl_err err = {0};
	size_t n = strlen(ver);
	bool pre;

	snprintf(needle, sizeof(needle), " %s ", op);
	if (!strstr(rule->ops, needle) || (n >= 2 && strcmp(ver + n - 2, ".*") == 0))
		return false;
	pre = sl_version_parse(ver, &v, &err) == 0 && sl_version_is_prerelease(v);
	sl_version_free(v);
	return pre;
}

static bool any_names_pre(struct sl_resolve *r, const struct rs_proj *p,
			  const struct rs_pre_rule *rule)
{
	for (size_t i = 0; i < p->nspecs; i++) {
		const struct sl_specset *set = rs_spec(r, p->specs[i]);
		for (size_t k = 0; set && k < sl_specset_count(set); k++)
			if (names_pre(rule, sl_specset_op(set, k), sl_specset_version(set, k)))
				return true;
	}
	return false;
}

/* A final candidate at as_of; with_specs: one every requirement allows. */
static bool final_exists(struct sl_resolve *r, const struct rs_proj *p, const char *as_of,
			 bool with_specs)
{
	for (size_t i = 0; i < p->nvers; i++) {
		const struct rs_ver *v = &p->vers[i];
		bool ok = !sl_version_is_prerelease(v->v) && rs_candidate(p, v, as_of);
		for (size_t s = 0; ok && with_specs && s < p->nspecs; s++) {
			const struct sl_specset *set = rs_spec(r, p->specs[s]);
			ok = !set || sl_specset_contains(set, v->v, SL_PRE_INCLUDE);
		}
		if (ok)
			return true;
	}
	return false;
}

void sl_resolve_allow_pre(struct sl_resolve *r)
{
	r->all_pre = true;
}

bool rs_pre_allowed(struct sl_resolve *r, const struct rs_proj *p, const char *as_of)
{
	const struct rs_pre_rule *rule = rule_at(r, as_of);

	if (r->all_pre || any_names_pre(r, p, rule))
		return true;
	if (p->nspecs == 0)
		return !final_exists(r, p, as_of, false);
	return rule->fallback && !final_exists(r, p, as_of, true);
}
