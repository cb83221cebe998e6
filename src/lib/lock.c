/* lock.c: the lock model: building, sorting, freeing. */
#include "spacelock/lock.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/version.h"

/* sl_lock_find's index: open addressing over package positions (FNV-1a of
 * the name), compared against the packages' own names, so it holds no
 * copies.  It describes packages[0..n) in their order at the time: a
 * different n_packages, or a sort, makes it rebuild on the next find. */
struct sl_lock_names {
	size_t *slot; /* package position, or SIZE_MAX for an empty slot */
	size_t cap, n;
	bool valid;
};

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void names_insert(struct sl_lock_names *ix, const struct sl_lock *lock, size_t pos)
{
	size_t i = name_hash(lock->packages[pos].name) & (ix->cap - 1);

	while (ix->slot[i] != SIZE_MAX)
		i = (i + 1) & (ix->cap - 1);
	ix->slot[i] = pos;
	ix->n++;
}

static void names_rebuild(struct sl_lock_names *ix, const struct sl_lock *lock)
{
	size_t cap = 64;

	while (cap < lock->n_packages * 2 + 2)
		cap *= 2;
	if (cap != ix->cap) {
		free(ix->slot);
		ix->slot = sl_xmalloc(cap * sizeof(*ix->slot));
		ix->cap = cap;
	}
	memset(ix->slot, 0xff, cap * sizeof(*ix->slot));
	ix->n = 0;
	for (size_t i = 0; i < lock->n_packages; i++)
		names_insert(ix, lock, i);
	ix->valid = true;
}

struct sl_lock *sl_lock_new(void)
{
	struct sl_lock *lock = sl_xcalloc(1, sizeof(*lock));

	lock->format_version = SL_LOCK_FORMAT_VERSION;
	lock->names = sl_xcalloc(1, sizeof(*lock->names));
	return lock;
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void metadata_free(struct sl_lock_metadata *m)
{
	if (!m)
		return;
	strv_free(m->requires_dist, m->n_requires_dist);
	strv_free(m->provides_extra, m->n_provides_extra);
	free(m->requires_python);
	free(m);
}

static void requests_free(struct sl_lock_request *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].requirement);
		free(v[i].source);
		free(v[i].parent);
	}
	free(v);
}

static void incomplete_release(struct sl_lock_incomplete *e)
{
	free(e->what);
	free(e->why);
	free(e->remedy);
	requests_free(e->requests, e->n_requests);
}

static void inferred_free(struct sl_lock_inferred *f)
{
	if (!f)
		return;
	free(f->as_of);
	free(f->window_start);
	free(f->window_end);
	free(f->rule);
	for (size_t i = 0; i < f->n_alternatives; i++) {
		free(f->alternatives[i].version);
		free(f->alternatives[i].from);
		free(f->alternatives[i].until);
	}
	free(f->alternatives);
	free(f);
}

void sl_lock_package_set_inferred(struct sl_lock_package *pkg, const struct sl_lock_inferred *inf)
{
	struct sl_lock_inferred *f;

	inferred_free(pkg->inferred);
	pkg->inferred = NULL;
	if (!inf)
		return;
	f = sl_xcalloc(1, sizeof(*f));
	sl_lock_set(&f->as_of, inf->as_of);
	sl_lock_set(&f->window_start, inf->window_start);
	sl_lock_set(&f->window_end, inf->window_end);
	sl_lock_set(&f->rule, inf->rule);
	f->ambiguous = inf->ambiguous;
	f->alternatives = sl_xcalloc(inf->n_alternatives + 1, sizeof(*f->alternatives));
	for (size_t i = 0; i < inf->n_alternatives; i++) {
		sl_lock_set(&f->alternatives[i].version, inf->alternatives[i].version);
		sl_lock_set(&f->alternatives[i].from, inf->alternatives[i].from);
		sl_lock_set(&f->alternatives[i].until, inf->alternatives[i].until);
	}
	f->n_alternatives = inf->n_alternatives;
	pkg->inferred = f;
}

size_t sl_lock_count_inferred(const struct sl_lock *lock, size_t *ambiguous)
{
	size_t n = 0, a = 0;

	for (size_t i = 0; i < lock->n_packages; i++) {
		const struct sl_lock_inferred *f = lock->packages[i].inferred;
		n += f != NULL;
		a += f && f->ambiguous;
	}
	if (ambiguous)
		*ambiguous = a;
	return n;
}

char *sl_lock_inferred_mark(const struct sl_lock_inferred *inf)
{
	return sl_xasprintf("inferred%s%s%s", inf->as_of ? " as of " : "",
			    inf->as_of ? inf->as_of : "", inf->ambiguous ? ", ambiguous" : "");
}

const char *sl_lock_inferred_confidence(const struct sl_lock_inferred *inf)
{
	return inf->ambiguous ? "ambiguous" : "exact";
}

int sl_lock_format_of(const struct sl_lock *lock)
{
	return sl_lock_count_inferred(lock, NULL) ? SL_LOCK_FORMAT_VERSION
						  : SL_LOCK_FORMAT_VERSION_PLAIN;
}

static void package_release(struct sl_lock_package *p)
{
	free(p->name);
	free(p->version);
	requests_free(p->requests, p->n_requests);
	strv_free(p->required_by, p->n_required_by);
	free(p->vcs_url);
	free(p->vcs_commit);
	for (size_t i = 0; i < p->n_evidence; i++) {
		free(p->evidence[i].source);
		free(p->evidence[i].text);
		free(p->evidence[i].version);
	}
	free(p->evidence);
	metadata_free(p->metadata);
	inferred_free(p->inferred);
}

static void space_release(struct sl_lock_space *s)
{
	free(s->id);
	free(s->revision);
	free(s->hardware);
	free(s->sdk);
	free(s->sdk_version);
	free(s->python_version);
	free(s->app_file);
	free(s->suggested_hardware);
	free(s->startup_duration_timeout);
	strv_free(s->preload_from_hub, s->n_preload_from_hub);
	strv_free(s->system_packages, s->n_system_packages);
	strv_free(s->secrets, s->n_secrets);
	strv_free(s->variables, s->n_variables);
}

static void runtime_release(struct sl_lock_runtime *r)
{
	free(r->python);
	free(r->python_source);
	free(r->base_image);
	free(r->digest);
	free(r->build_time);
	free(r->built_commit);
	free(r->build_status);
	strv_free(r->platform_step, r->n_platform_step);
}

bool sl_lock_version_ok(const char *v)
{
	struct sl_version *pv = NULL;
	size_t n = strlen(v);
	bool ok = sl_version_parse(v, &pv, NULL) == 0;

	sl_version_free(pv);
	if (ok)
		return true;
	if (n == 0 || n > 128 || !isalnum((unsigned char)v[0]))
		return false;
	for (; *v; v++)
		if (!isalnum((unsigned char)*v) && !strchr("._+!-", *v))
			return false;
	return true;
}

void sl_lock_index_release(struct sl_lock_index *ix)
{
	free(ix->index_url);
	strv_free(ix->extra_index_urls, ix->n_extra_index_urls);
	strv_free(ix->find_links, ix->n_find_links);
	strv_free(ix->trusted_hosts, ix->n_trusted_hosts);
	memset(ix, 0, sizeof(*ix));
}

bool sl_lock_index_is_set(const struct sl_lock_index *ix)
{
	return ix->index_url || ix->n_extra_index_urls || ix->n_find_links || ix->n_trusted_hosts ||
	       ix->no_index || ix->pre;
}

void sl_lock_free(struct sl_lock *lock)
{
	if (!lock)
		return;
	space_release(&lock->space);
	runtime_release(&lock->runtime);
	for (size_t i = 0; i < lock->n_packages; i++)
		package_release(&lock->packages[i]);
	free(lock->packages);
	for (size_t i = 0; i < lock->n_incomplete; i++)
		incomplete_release(&lock->incomplete[i]);
	free(lock->incomplete);
	strv_free(lock->warnings, lock->n_warnings);
	strv_free(lock->inputs, lock->n_inputs);
	sl_lock_index_release(&lock->index);
	if (lock->names)
		free(lock->names->slot);
	free(lock->names);
	free(lock);
}

void sl_lock_set(char **slot, const char *value)
{
	char *copy = value ? sl_xstrdup(value) : NULL;

	free(*slot);
	*slot = copy;
}

void sl_lock_strv_add(char ***v, size_t *n, const char *s)
{
	size_t cap = *n;

	sl_xgrow((void **)v, &cap, *n + 1, sizeof(char *));
	(*v)[(*n)++] = sl_xstrdup(s);
}

struct sl_lock_package *sl_lock_add_package(struct sl_lock *lock, const char *name,
					    const char *version)
{
	struct sl_lock_package *p;

	sl_xgrow((void **)&lock->packages, &lock->cap_packages, lock->n_packages + 1,
		 sizeof(*lock->packages));
	p = &lock->packages[lock->n_packages++];
	memset(p, 0, sizeof(*p));
	p->name = sl_xstrdup(name);
	p->version = version ? sl_xstrdup(version) : NULL;
	/* keep the index current while it has room: reading a lock adds and
	 * finds in turns */
	struct sl_lock_names *ix = lock->names;
	if (ix && ix->valid && ix->n + 1 == lock->n_packages && (ix->n + 1) * 2 < ix->cap)
		names_insert(ix, lock, lock->n_packages - 1);
	return p;
}

struct sl_lock_package *sl_lock_find(const struct sl_lock *lock, const char *name)
{
	struct sl_lock_names *ix = lock->names;

	if (!ix) { /* not made by sl_lock_new */
		for (size_t i = 0; i < lock->n_packages; i++)
			if (strcmp(lock->packages[i].name, name) == 0)
				return &lock->packages[i];
		return NULL;
	}
	if (!ix->valid || ix->n != lock->n_packages)
		names_rebuild(ix, lock);
	for (size_t i = name_hash(name) & (ix->cap - 1); ix->slot[i] != SIZE_MAX;
	     i = (i + 1) & (ix->cap - 1))
		if (strcmp(lock->packages[ix->slot[i]].name, name) == 0)
			return &lock->packages[ix->slot[i]];
	return NULL;
}

void sl_lock_package_add_evidence(struct sl_lock_package *pkg, const struct sl_lock_evidence *ev)
{
	size_t cap = pkg->n_evidence;
	struct sl_lock_evidence *d;

	sl_xgrow((void **)&pkg->evidence, &cap, pkg->n_evidence + 1, sizeof(*pkg->evidence));
	d = &pkg->evidence[pkg->n_evidence++];
	d->source = sl_xstrdup(ev->source ? ev->source : "");
	d->line = ev->line;
	d->text = sl_xstrdup(ev->text ? ev->text : "");
	d->kind = ev->kind;
	d->version = ev->version ? sl_xstrdup(ev->version) : NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? sl_xstrdup(s) : NULL;
}

static int nullcmp_(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_request(const void *a, const void *b)
{
	const struct sl_lock_request *x = a, *y = b;
	int c;

	if (x->by != y->by)
		return x->by < y->by ? -1 : 1;
	if ((c = nullcmp_(x->source, y->source)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((c = nullcmp_(x->requirement, y->requirement)) != 0)
		return c;
	return nullcmp_(x->parent, y->parent);
}

static void requests_add(struct sl_lock_request **v, size_t *n, const struct sl_lock_request *rq)
{
	size_t cap = *n;
	struct sl_lock_request *d;

	for (size_t i = 0; i < *n; i++)
		if (cmp_request(&(*v)[i], rq) == 0)
			return;
	sl_xgrow((void **)v, &cap, *n + 1, sizeof(**v));
	d = &(*v)[(*n)++];
	d->by = rq->by;
	d->requirement = dup_or_null(rq->requirement);
	d->source = dup_or_null(rq->source);
	d->line = rq->line;
	d->parent = dup_or_null(rq->parent);
}

void sl_lock_package_add_request(struct sl_lock_package *pkg, const struct sl_lock_request *rq)
{
	requests_add(&pkg->requests, &pkg->n_requests, rq);
}

void sl_lock_incomplete_add_request(struct sl_lock_incomplete *e, const struct sl_lock_request *rq)
{
	requests_add(&e->requests, &e->n_requests, rq);
}

struct sl_lock_incomplete *sl_lock_last_incomplete(struct sl_lock *lock)
{
	return lock->n_incomplete ? &lock->incomplete[lock->n_incomplete - 1] : NULL;
}

void sl_lock_package_add_parent(struct sl_lock_package *pkg, const char *parent)
{
	for (size_t i = 0; i < pkg->n_required_by; i++)
		if (strcmp(pkg->required_by[i], parent) == 0)
			return;
	sl_lock_strv_add(&pkg->required_by, &pkg->n_required_by, parent);
}

static char **strv_copy(const char *const *v, size_t n)
{
	char **c = n ? sl_xcalloc(n, sizeof(char *)) : NULL;

	for (size_t i = 0; i < n; i++)
		c[i] = sl_xstrdup(v[i]);
	return c;
}

void sl_lock_package_set_metadata(struct sl_lock_package *pkg, const char *const *requires_dist,
				  size_t n_requires_dist, const char *requires_python,
				  const char *const *provides_extra, size_t n_provides_extra)
{
	struct sl_lock_metadata *m = sl_xcalloc(1, sizeof(*m));

	m->requires_dist = strv_copy(requires_dist, n_requires_dist);
	m->n_requires_dist = n_requires_dist;
	m->requires_python = requires_python ? sl_xstrdup(requires_python) : NULL;
	m->provides_extra = strv_copy(provides_extra, n_provides_extra);
	m->n_provides_extra = n_provides_extra;
	metadata_free(pkg->metadata);
	pkg->metadata = m;
}

const struct sl_lock_metadata *sl_lock_package_metadata(const struct sl_lock_package *pkg)
{
	return pkg->metadata;
}

void sl_lock_remove_incomplete(struct sl_lock *lock, size_t i)
{
	if (i >= lock->n_incomplete)
		return;
	incomplete_release(&lock->incomplete[i]);
	memmove(&lock->incomplete[i], &lock->incomplete[i + 1],
		(lock->n_incomplete - i - 1) * sizeof(*lock->incomplete));
	lock->n_incomplete--;
}

void sl_lock_add_incomplete(struct sl_lock *lock, const char *what, const char *why,
			    const char *remedy)
{
	struct sl_lock_incomplete *e;

	sl_xgrow((void **)&lock->incomplete, &lock->cap_incomplete, lock->n_incomplete + 1,
		 sizeof(*lock->incomplete));
	e = &lock->incomplete[lock->n_incomplete++];
	e->what = sl_xstrdup(what);
	e->why = sl_xstrdup(why);
	e->remedy = remedy ? sl_xstrdup(remedy) : NULL;
	e->requests = NULL;
	e->n_requests = 0;
}

void sl_lock_add_warning(struct sl_lock *lock, const char *msg)
{
	for (size_t i = 0; i < lock->n_warnings; i++)
		if (strcmp(lock->warnings[i], msg) == 0)
			return;
	sl_lock_strv_add(&lock->warnings, &lock->n_warnings, msg);
}

/* ---- sorting ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_package(const void *a, const void *b)
{
	return strcmp(((const struct sl_lock_package *)a)->name,
		      ((const struct sl_lock_package *)b)->name);
}

static int cmp_evidence(const void *a, const void *b)
{
	const struct sl_lock_evidence *x = a, *y = b;
	int c = strcmp(x->source, y->source);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind > y->kind ? -1 : 1;
	return strcmp(x->text, y->text);
}

static int nullcmp(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_incomplete(const void *a, const void *b)
{
	const struct sl_lock_incomplete *x = a, *y = b;
	int c = strcmp(x->what, y->what);

	if (!c)
		c = strcmp(x->why, y->why);
	if (!c)
		c = nullcmp(x->remedy, y->remedy);
	return c;
}

static void dedup_incomplete(struct sl_lock *lock)
{
	size_t out = 0;

	for (size_t i = 0; i < lock->n_incomplete; i++) {
		struct sl_lock_incomplete *e = &lock->incomplete[i];
		if (out > 0 && cmp_incomplete(&lock->incomplete[out - 1], e) == 0) {
			struct sl_lock_incomplete *kept = &lock->incomplete[out - 1];
			for (size_t j = 0; j < e->n_requests; j++)
				sl_lock_incomplete_add_request(kept, &e->requests[j]);
			incomplete_release(e);
			continue;
		}
		lock->incomplete[out++] = *e;
	}
	lock->n_incomplete = out;
}

void sl_lock_sort(struct sl_lock *lock)
{
	if (lock->names)
		lock->names->valid = false;
	if (lock->n_packages)
		qsort(lock->packages, lock->n_packages, sizeof(*lock->packages), cmp_package);
	for (size_t i = 0; i < lock->n_packages; i++) {
		struct sl_lock_package *p = &lock->packages[i];
		if (p->n_evidence)
			qsort(p->evidence, p->n_evidence, sizeof(*p->evidence), cmp_evidence);
		if (p->n_requests)
			qsort(p->requests, p->n_requests, sizeof(*p->requests), cmp_request);
		if (p->n_required_by)
			qsort(p->required_by, p->n_required_by, sizeof(char *), cmp_str);
	}
	if (lock->n_incomplete) {
		qsort(lock->incomplete, lock->n_incomplete, sizeof(*lock->incomplete),
		      cmp_incomplete);
		dedup_incomplete(lock);
	}
	for (size_t i = 0; i < lock->n_incomplete; i++) {
		struct sl_lock_incomplete *e = &lock->incomplete[i];
		if (e->n_requests)
			qsort(e->requests, e->n_requests, sizeof(*e->requests), cmp_request);
	}
	if (lock->n_warnings)
		qsort(lock->warnings, lock->n_warnings, sizeof(char *), cmp_str);
	if (lock->space.n_secrets)
		qsort(lock->space.secrets, lock->space.n_secrets, sizeof(char *), cmp_str);
	if (lock->space.n_variables)
		qsort(lock->space.variables, lock->space.n_variables, sizeof(char *), cmp_str);
}

bool sl_lock_is_complete(const struct sl_lock *lock)
{
	return lock->n_incomplete == 0;
}

int sl_lock_origin_from_name(const char *s)
{
	for (int o = SL_ORIGIN_UNKNOWN; o <= SL_ORIGIN_TRANSITIVE; o++)
		if (strcmp(s, sl_origin_name((enum sl_origin)o)) == 0)
			return o;
	return -1;
}

int sl_lock_strength_from_name(const char *s)
{
	for (int k = SL_EV_MENTION; k <= SL_EV_INSTALLED; k++)
		if (strcmp(s, sl_strength_name((enum sl_strength)k)) == 0)
			return k;
	return -1;
}
