/* resolve_data.c: what a dated resolution knows about each project: its
 * versions, when each became installable on the target (Requires-Python,
 * wheel tags for CPython 3.Y on manylinux x86_64, else an sdist), which
 * extras and exact pins requirements ask for; and the dates. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve_private.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/specifier.h"
#include "spacelock/wheelname.h"

/* The glibc of the Spaces images (python:3.x on Debian 12): manylinux
 * wheels that need a newer one do not install there. */
#define GLIBC_MINOR 36

static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* ---- projects by name ---- */

static size_t *slot_of(const struct sl_resolve *r, const char *canon)
{
	size_t mask = r->nslots - 1, i = (size_t)hash_str(canon) & mask;

	while (r->slots[i] && strcmp(r->projs[r->slots[i] - 1].name, canon) != 0)
		i = (i + 1) & mask;
	return &r->slots[i];
}

static void rehash(struct sl_resolve *r)
{
	free(r->slots);
	r->nslots = r->nslots ? r->nslots * 2 : 64;
	r->slots = sl_xcalloc(r->nslots, sizeof(*r->slots));
	for (size_t i = 0; i < r->nprojs; i++)
		*slot_of(r, r->projs[i].name) = i + 1;
}

struct rs_proj *rs_project_find(const struct sl_resolve *r, const char *canon)
{
	size_t *s;

	if (!r->nslots)
		return NULL;
	s = slot_of(r, canon);
	return *s ? &r->projs[*s - 1] : NULL;
}

struct rs_proj *rs_project(struct sl_resolve *r, const char *canon)
{
	struct rs_proj *p = rs_project_find(r, canon);

	if (p)
		return p;
	if ((r->nprojs + 1) * 2 > r->nslots)
		rehash(r);
	sl_xgrow((void **)&r->projs, &r->capprojs, r->nprojs + 1, sizeof(*r->projs));
	p = &r->projs[r->nprojs++];
	memset(p, 0, sizeof(*p));
	p->name = sl_xstrdup(canon);
	p->ip.name = sl_xstrdup(canon);
	*slot_of(r, canon) = r->nprojs;
	return p;
}

void rs_project_release(struct rs_proj *p)
{
	for (size_t i = 0; i < p->nvers; i++) {
		sl_version_free(p->vers[i].v);
		free(p->vers[i].key);
		for (size_t j = 0; j < p->vers[i].ndeps; j++)
			sl_requirement_free(p->vers[i].deps[j]);
		free(p->vers[i].deps);
	}
	free(p->vers);
	for (size_t i = 0; i < p->nextras; i++)
		free(p->extras[i]);
	free(p->extras);
	for (size_t i = 0; i < p->npins; i++)
		free(p->pins[i]);
	free(p->pins);
	for (size_t i = 0; i < p->nspecs; i++)
		free(p->specs[i]);
	free(p->specs);
	free(p->name);
	free(p->fixed);
	free(p->fix_version);
	sl_index_project_clear(&p->ip);
}

/* ---- dates ---- */

bool sl_resolve_date(const char *s, bool end_of_day, char out[20])
{
	static const char shape[] = "dddd-dd-dd?dd:dd:dd";
	size_t n = s ? strlen(s) : 0;

	if (n < 10)
		return false;
	for (size_t i = 0; i < 19 && i < n; i++) {
		char c = shape[i];
		if (c == 'd'   ? !isdigit((unsigned char)s[i])
		    : c == '?' ? (s[i] != 'T' && s[i] != ' ')
			       : s[i] != c)
			return false;
	}
	if (n == 10) {
		snprintf(out, 20, "%.10sT%s", s, end_of_day ? "23:59:59" : "00:00:00");
		return true;
	}
	if (n < 19)
		return false;
	memcpy(out, s, 19);
	out[10] = 'T';
	out[19] = '\0';
	return true;
}

static void earliest(char cur[20], const char *upload)
{
	char d[20];

	if (!upload || !sl_resolve_date(upload, false, d))
		snprintf(d, sizeof(d), "%s", "0000-00-00T00:00:00"); /* undated: always there */
	if (!*cur || strcmp(d, cur) < 0)
		memcpy(cur, d, sizeof(d));
}

/* ---- installable files ---- */

/* A python tag of a wheel that CPython 3.<minor> accepts with abi. */
static bool python_tag_ok(const char *t, size_t len, const char *abi, int minor)
{
	char buf[16];
	int m = -1;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, t, len);
	buf[len] = '\0';
	if (strcmp(buf, "py3") == 0)
		return true;
	if (sscanf(buf, "py3%d", &m) == 1)
		return m <= minor;
	if (sscanf(buf, "cp3%d", &m) != 1)
		return false;
	if (m == minor)
		return true;
	return m < minor && strcmp(abi, "abi3") == 0;
}

static bool abi_ok(const char *a, int minor)
{
	char own[16], own_m[16];

	snprintf(own, sizeof(own), "cp3%d", minor);
	snprintf(own_m, sizeof(own_m), "cp3%dm", minor);
	return strcmp(a, "none") == 0 || strcmp(a, "abi3") == 0 || strcmp(a, own) == 0 ||
	       (minor <= 7 && strcmp(a, own_m) == 0);
}

static bool platform_ok(const char *p, size_t len)
{
	char buf[64];
	int major = 0, glibc = -1;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, p, len);
	buf[len] = '\0';
	if (strcmp(buf, "any") == 0 || strcmp(buf, "linux_x86_64") == 0 ||
	    strcmp(buf, "manylinux1_x86_64") == 0 || strcmp(buf, "manylinux2010_x86_64") == 0 ||
	    strcmp(buf, "manylinux2014_x86_64") == 0)
		return true;
	if (sscanf(buf, "manylinux_%d_%d_x86_64", &major, &glibc) == 2)
		return major < 2 || (major == 2 && glibc <= GLIBC_MINOR);
	return false;
}

/* Any of a compressed tag set ("py2.py3") satisfies ok. */
static bool any_of(const char *set, bool (*ok)(const char *, size_t, const void *), const void *ctx)
{
	for (const char *s = set; *s;) {
		size_t n = strcspn(s, ".");
		if (ok(s, n, ctx))
			return true;
		s += n + (s[n] == '.');
	}
	return false;
}

struct tagctx {
	const char *abi;
	int minor;
};

static bool py_one(const char *s, size_t n, const void *c)
{
	const struct tagctx *t = c;
	return python_tag_ok(s, n, t->abi, t->minor);
}

static bool plat_one(const char *s, size_t n, const void *c)
{
	(void)c;
	return platform_ok(s, n);
}

static bool abi_one(const char *s, size_t n, const void *c)
{
	char buf[16];
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return abi_ok(buf, *(const int *)c);
}

static bool file_installs(struct sl_resolve *r, const struct sl_index_dist *d)
{
	struct sl_wheelname w = {0};
	struct sl_err err = {0};
	bool ok = true;

	if (d->requires_python) {
		const struct sl_specset *rp = rs_spec(r, d->requires_python);
		if (rp && !sl_specset_contains(rp, r->pyver, SL_PRE_INCLUDE))
			return false;
	}
	if (sl_wheelname_parse(d->filename, &w, &err) != 0)
		return false; /* eggs, .exe installers: pip does not use them */
	if (w.wheel) {
		ok = false;
		/* every abi of the set is tried with every python tag */
		for (const char *a = w.abi_tag; *a && !ok;) {
			size_t n = strcspn(a, ".");
			char abi[16];
			if (n < sizeof(abi)) {
				struct tagctx t = {abi, r->py_minor};
				memcpy(abi, a, n);
				abi[n] = '\0';
				ok = abi_one(a, n, &r->py_minor) &&
				     any_of(w.python_tag, py_one, &t) &&
				     any_of(w.platform_tag, plat_one, NULL);
			}
			a += n + (a[n] == '.');
		}
	}
	sl_wheelname_release(&w);
	return ok;
}

static int cmp_ver(const void *a, const void *b)
{
	return sl_version_cmp(((const struct rs_ver *)a)->v, ((const struct rs_ver *)b)->v);
}

void rs_project_load(struct sl_resolve *r, struct rs_proj *p)
{
	p->vers = sl_xcalloc(p->ip.nversions + 2, sizeof(*p->vers));
	for (size_t i = 0; i < p->ip.nversions; i++) {
		const struct sl_index_version *iv = &p->ip.versions[i];
		struct rs_ver *v = &p->vers[p->nvers];
		struct sl_err err = {0};
		if (sl_version_parse(iv->version, &v->v, &err) != 0)
			continue; /* pip ignores versions it cannot parse */
		v->version = iv->version;
		v->key = sl_version_evr_key(v->v);
		for (size_t j = 0; j < iv->nfiles; j++) {
			const struct sl_index_dist *d = &iv->files[j];
			if (file_installs(r, d))
				earliest(d->yanked ? v->yanked_time : v->ok_time, d->upload_time);
		}
		p->nvers++;
	}
	qsort(p->vers, p->nvers, sizeof(*p->vers), cmp_ver);
}

static bool pinned(const struct rs_proj *p, const struct rs_ver *v)
{
	for (size_t i = 0; i < p->npins; i++) {
		struct sl_version *pv = NULL;
		struct sl_err err = {0};
		bool same =
		    sl_version_parse(p->pins[i], &pv, &err) == 0 && sl_version_cmp(pv, v->v) == 0;
		sl_version_free(pv);
		if (same)
			return true;
	}
	return false;
}

bool rs_candidate(const struct rs_proj *p, const struct rs_ver *v, const char *as_of)
{
	if (*v->ok_time && strcmp(v->ok_time, as_of) <= 0)
		return true;
	/* pip takes a yanked file only for a requirement pinning it exactly */
	return *v->yanked_time && strcmp(v->yanked_time, as_of) <= 0 && pinned(p, v);
}

/* ---- requirements ---- */

static void add_unique(char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = sl_xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = sl_xstrdup(s);
}

void rs_note_requirement(struct sl_resolve *r, const struct sl_requirement *q)
{
	char *canon = sl_name_canonical(q->name);
	struct rs_proj *p = rs_project(r, canon);
	const char *pin = sl_specset_exact_pin(q->spec);
	char *spec = sl_specset_to_string(q->spec);

	for (size_t i = 0; i < q->nextras; i++) {
		char *e = sl_name_canonical(q->extras[i]);
		add_unique(&p->extras, &p->nextras, e);
		free(e);
	}
	if (pin)
		add_unique(&p->pins, &p->npins, pin);
	if (*spec)
		add_unique(&p->specs, &p->nspecs, spec);
	free(spec);
	free(canon);
}

bool rs_marker_holds(const struct sl_resolve *r, const struct sl_requirement *q, const char *extra)
{
	bool ok = false;
	struct sl_err err = {0};

	if (!q->marker)
		return true;
	/* a marker that cannot be evaluated (undefined variable) does not apply */
	return sl_marker_eval(q->marker, r->env, extra, &ok, &err) == 0 && ok;
}

static struct rs_spec *spec_slot(struct sl_resolve *r, const char *text)
{
	size_t mask = r->capspecs - 1, i = (size_t)hash_str(text) & mask;

	while (r->specs[i].text && strcmp(r->specs[i].text, text) != 0)
		i = (i + 1) & mask;
	return &r->specs[i];
}

const struct sl_specset *rs_spec(struct sl_resolve *r, const char *text)
{
	struct rs_spec *s;
	struct sl_err err = {0};

	if ((r->nspecs + 1) * 2 > r->capspecs) {
		struct rs_spec *old = r->specs;
		size_t oldcap = r->capspecs;
		r->capspecs = oldcap ? oldcap * 2 : 256;
		r->specs = sl_xcalloc(r->capspecs, sizeof(*r->specs));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].text)
				*spec_slot(r, old[i].text) = old[i];
		free(old);
	}
	s = spec_slot(r, text);
	if (!s->text) {
		s->text = sl_xstrdup(text);
		if (sl_specset_parse(text, &s->set, &err) != 0)
			s->set = NULL;
		r->nspecs++;
	}
	return s->set;
}

/* ---- what the caller asks about dates ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void sl_resolve_release_dates(const struct sl_resolve *r, const char *after, const char *until,
			      const char ***dates, size_t *n)
{
	const char **v = NULL;
	size_t k = 0, cap = 0;

	for (size_t i = 0; i < r->nprojs; i++)
		for (size_t j = 0; j < r->projs[i].nvers; j++) {
			const char *t = r->projs[i].vers[j].ok_time;
			if (*t && strcmp(t, after) > 0 && strcmp(t, until) <= 0) {
				sl_xgrow((void **)&v, &cap, k + 1, sizeof(*v));
				v[k++] = t;
			}
		}
	if (k)
		qsort(v, k, sizeof(*v), cmp_str);
	*n = 0;
	for (size_t i = 0; i < k; i++)
		if (i == 0 || strcmp(v[i], v[*n - 1]) != 0)
			v[(*n)++] = v[i];
	*dates = v;
}

const char *sl_resolve_released(const struct sl_resolve *r, const char *name, const char *version)
{
	char *canon = sl_name_canonical(name);
	const struct rs_proj *p = rs_project_find(r, canon);
	struct sl_version *want = NULL;
	struct sl_err err = {0};
	const char *t = NULL;

	free(canon);
	if (!p || sl_version_parse(version, &want, &err) != 0)
		return NULL;
	for (size_t i = 0; i < p->nvers && !t; i++)
		if (p->vers[i].key && sl_version_cmp(p->vers[i].v, want) == 0)
			t = *p->vers[i].ok_time	      ? p->vers[i].ok_time
			    : *p->vers[i].yanked_time ? p->vers[i].yanked_time
						      : NULL;
	sl_version_free(want);
	return t;
}
