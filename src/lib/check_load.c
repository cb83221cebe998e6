/* check_load.c: the set, its target and each package's metadata, in the
 * issue's lookup order: what the lock embeds, dist-info / egg-info
 * directories, wheels and sdists in a folder.  The folder's other versions
 * become the alternatives a fix may choose from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_private.h"
#include "spacelock/archive.h"
#include "spacelock/buf.h"
#include "spacelock/distinfo.h"
#include "spacelock/fileio.h"
#include "spacelock/index.h"
#include "spacelock/mem.h"
#include "spacelock/version.h"

static bool same_version(const struct cpkg *p, const char *v)
{
	struct sl_version *o;
	bool eq;

	if (strcmp(p->version, v) == 0)
		return true;
	if (!p->ver || sl_version_parse(v, &o, NULL) != 0)
		return false;
	eq = sl_version_cmp(p->ver, o) == 0;
	sl_version_free(o);
	return eq;
}

/* "2.1" < 2.2: the Metadata-Version before Dynamic existed. */
static bool before_2_2(const char *mv)
{
	char *end;
	long major = mv ? strtol(mv, &end, 10) : 0;
	long minor = mv && *end == '.' ? strtol(end + 1, NULL, 10) : 0;

	return major < 2 || (major == 2 && minor < 2);
}

/* Metadata whose Requires-Dist is unknown gives none: the package stays
 * unverifiable (a later source may still describe it), with the reason. */
static void meta_from(struct sl_check *c, struct cpkg *p, const struct sl_metadata *m,
		      const char *source, bool sdist)
{
	if (m->requires_dist_unknown) {
		if (!p->unknown_why)
			p->unknown_why =
			    sl_xstrdup(sdist && before_2_2(m->metadata_version)
					   ? "sdist PKG-INFO older than 2.2 lists no requirements"
					   : "its metadata marks Requires-Dist dynamic");
		return;
	}
	check_set_meta(c, p, (const char *const *)m->requires_dist, m->n_requires_dist,
		       m->requires_python, (const char *const *)m->provides_extra,
		       m->n_provides_extra, source);
}

static int from_site(struct sl_check *c, const char *dir, struct sl_err *err)
{
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	int rc = sl_distinfo_scan(dir, &l, err);

	for (size_t i = 0; rc == 0 && i < c->n_set; i++) {
		struct cpkg *p = &c->pkgs[i];
		const struct sl_dist *d = p->has_meta ? NULL : sl_dist_list_find(&l, p->name);
		if (d && same_version(p, d->meta.version))
			meta_from(c, p, &d->meta, "site-packages", false);
	}
	sl_dist_list_release(&l);
	return rc;
}

/* The file of (name, version) in a sorted list, comparing versions by
 * PEP 440 when the spelling differs. */
static const struct sl_dist_file *find_file(const struct sl_dist_file_list *l, const struct cpkg *p)
{
	const struct sl_dist_file *f = sl_dist_file_list_find(l, p->name, p->version);

	if (f)
		return f;
	for (f = sl_dist_file_list_find(l, p->name, NULL); f && f < l->v + l->n; f++) {
		if (strcmp(f->canonical, p->name) != 0)
			return NULL;
		if (same_version(p, f->version))
			return f;
	}
	return NULL;
}

static int from_wheels(struct sl_check *c, const char *dir, struct sl_err *err)
{
	struct sl_dist_file_list l = SL_DIST_FILE_LIST_INIT;
	int rc = sl_archive_index_dir(dir, &l, err);

	for (size_t i = 0; rc == 0 && i < c->n_set; i++) {
		struct cpkg *p = &c->pkgs[i];
		const struct sl_dist_file *f = p->has_meta ? NULL : find_file(&l, p);
		struct sl_metadata m;
		struct sl_err e = {0};
		if (!f)
			continue;
		sl_metadata_init(&m);
		if (sl_archive_read_metadata(f->path, &m, &e) == 0)
			meta_from(c, p, &m, "wheels", f->kind == SL_ARCHIVE_SDIST);
		else
			check_warn(c, "%s", e.msg);
		sl_metadata_release(&m);
	}
	sl_dist_file_list_release(&l);
	c->wheels = sl_xstrdup(dir);
	return rc;
}

/* The index, last: one request per package nothing else described, all
 * at once.  A package the index does not describe stays unverifiable, with
 * a warning (none for an offline cache miss).  One the index could not be
 * asked about (network failure) is left undecided, not reported as a
 * problem: the report says the index was unreachable (the CLI exits 5). */
static void from_index(struct sl_check *c, struct sl_index *idx, bool offline)
{
	struct sl_index_release *rels = sl_xcalloc(c->n_set + 1, sizeof(*rels));
	size_t *which = sl_xcalloc(c->n_set + 1, sizeof(*which)), n = 0;
	struct sl_err err = {0};

	for (size_t i = 0; i < c->n_set; i++) {
		if (c->pkgs[i].has_meta)
			continue;
		rels[n].name = sl_xstrdup(c->pkgs[i].name);
		rels[n].version = sl_xstrdup(c->pkgs[i].version);
		which[n++] = i;
	}
	if (n)
		sl_index_fetch(idx, rels, n, &err);
	for (size_t k = 0; k < n; k++) {
		struct sl_index_release *r = &rels[k];
		size_t nreq = 0;
		if (r->result == 0) {
			while (r->requires_dist && r->requires_dist[nreq])
				nreq++;
			check_set_meta(c, &c->pkgs[which[k]], (const char *const *)r->requires_dist,
				       nreq, r->requires_python, NULL, 0, "index");
		} else if (r->result == SL_ENET) {
			c->pkgs[which[k]].unreached = true;
			if (!c->n_unreached++)
				c->unreached = sl_xstrdup(r->err.msg);
		} else if (!(offline && r->result == SL_ENOTFOUND)) {
			check_warn(c, "index: %s %s: %s", r->name, r->version, r->err.msg);
		}
		sl_index_clear(r);
	}
	free(rels);
	free(which);
}

static int load_sources(struct sl_check *c, const struct sl_check_options *o, struct sl_err *err)
{
	int rc = 0;

	if (o->site_packages && !c->site_mode)
		rc = from_site(c, o->site_packages, err);
	if (rc == 0 && o->wheels)
		rc = from_wheels(c, o->wheels, err);
	if (rc == 0 && o->index && !c->site_mode)
		from_index(c, o->index, o->offline);
	return rc;
}

/* ---- locks ---- */

static void add_request(struct sl_check *c, const struct sl_lock_request *q)
{
	const char *req = q->requirement;

	c->requests = sl_xrealloc(c->requests, (c->nrequests + 1) * sizeof(*c->requests));
	c->request_platform =
	    sl_xrealloc(c->request_platform, (c->nrequests + 1) * sizeof(*c->request_platform));
	c->request_at = sl_xrealloc(c->request_at, (c->nrequests + 1) * sizeof(*c->request_at));
	c->request_platform[c->nrequests] = q->by == SL_ORIGIN_PLATFORM;
	c->request_at[c->nrequests] = !q->source ? NULL
				      : q->line	 ? sl_xasprintf("%s:%lu", q->source, q->line)
						 : sl_xstrdup(q->source);
	c->requests[c->nrequests++] = sl_xstrdup(req);
}

static size_t find_set(const struct check_map *names, const char *name)
{
	size_t i;

	return check_map_get(names, name, &i) ? i : (size_t)-1;
}

static void sdk_suffix(const struct sl_check *c, const char *request, struct sl_buf *b)
{
	if (c->sdk_version && request && strstr(request, c->sdk_version))
		sl_buf_addf(b, " for sdk_version %s", c->sdk_version);
}

/* Why a locked package is there, following required_by a few steps:
 * "gradio[oauth]==4.31.0 is installed by the platform for sdk_version
 * 4.31.0", "required by gradio 4.31.0, which the platform installs as
 * gradio[oauth]==4.31.0 for sdk_version 4.31.0". */
static void lock_why(struct sl_check *c, const struct check_map *names, size_t i, int depth,
		     struct sl_buf *b)
{
	const struct cpkg *p = &c->pkgs[i];
	const char *req = p->request;
	size_t par;

	if (p->origin == SL_ORIGIN_PLATFORM || p->origin == SL_ORIGIN_DIRECT) {
		bool platform = p->origin == SL_ORIGIN_PLATFORM;
		if (depth == 0 && req)
			sl_buf_addf(b, "%s is %s", req,
				    platform ? "installed by the platform"
					     : "requested by the Space's requirements");
		else if (depth == 0)
			sl_buf_addstr(b, platform ? "installed by the platform"
						  : "requested by the Space's requirements");
		else
			sl_buf_addf(b, "which %s%s%s",
				    platform ? "the platform installs"
					     : "the Space's requirements request",
				    req ? " as " : "", req ? req : "");
		if (platform)
			sdk_suffix(c, req, b);
	} else if (p->nparents) {
		sl_buf_addf(b, "%srequired by ", depth ? "which is " : "");
		for (size_t k = 0; k < p->nparents && k < 3; k++) {
			par = find_set(names, p->parents[k]);
			sl_buf_addf(b, "%s%s", k ? ", " : "", p->parents[k]);
			if (par != (size_t)-1)
				sl_buf_addf(b, " %s", c->pkgs[par].version);
		}
		if (p->nparents > 3)
			sl_buf_addf(b, " and %zu more", p->nparents - 3);
		par = find_set(names, p->parents[0]);
		if (depth < 2 && par != (size_t)-1 && par != i &&
		    c->pkgs[par].origin != SL_ORIGIN_UNKNOWN) {
			sl_buf_addstr(b, ", ");
			lock_why(c, names, par, depth + 1, b);
		}
	}
}

int sl_check_load_lock(struct sl_check *c, const struct sl_lock *lock,
		       const struct sl_check_options *o, struct sl_err *err)
{
	const char *py = o->python		? o->python
			 : lock->runtime.python ? lock->runtime.python
						: lock->space.python_version;
	struct check_map names = {0};
	int rc;

	if (!py)
		return sl_error(err, SL_EINVAL,
				"the lock names no python (runtime.python, space.python_version); "
				"pass --python X.Y");
	if ((rc = check_set_python(c, py, err)) != 0)
		return rc;
	c->sdk_version = lock->space.sdk_version ? sl_xstrdup(lock->space.sdk_version) : NULL;
	for (size_t i = 0; i < lock->n_packages; i++) {
		const struct sl_lock_package *lp = &lock->packages[i];
		size_t pi = check_add_pkg(c, lp->name, lp->version);
		struct cpkg *p = &c->pkgs[pi];
		p->origin = (int)lp->origin;
		p->direct = lp->origin == SL_ORIGIN_DIRECT;
		if (lp->inferred) {
			p->inferred = sl_lock_inferred_mark(lp->inferred);
			p->inferred_as_of =
			    lp->inferred->as_of ? sl_xstrdup(lp->inferred->as_of) : NULL;
			p->inferred_ambiguous = lp->inferred->ambiguous;
		}
		for (size_t k = 0; k < lp->n_requests; k++) {
			const struct sl_lock_request *q = &lp->requests[k];
			if (q->by == SL_ORIGIN_TRANSITIVE || !q->requirement)
				continue;
			add_request(c, q);
			if (!p->request && q->by == lp->origin)
				p->request = sl_xstrdup(q->requirement);
		}
		p->parents = sl_xcalloc(lp->n_required_by + 1, sizeof(char *));
		for (size_t k = 0; k < lp->n_required_by; k++)
			p->parents[p->nparents++] = sl_xstrdup(lp->required_by[k]);
		if (lp->metadata)
			check_set_meta(c, p, (const char *const *)lp->metadata->requires_dist,
				       lp->metadata->n_requires_dist, lp->metadata->requires_python,
				       (const char *const *)lp->metadata->provides_extra,
				       lp->metadata->n_provides_extra, "lock");
	}
	c->n_set = c->n;
	for (size_t i = 0; i < c->n_set; i++)
		check_map_put(&names, c->pkgs[i].name, i);
	for (size_t i = 0; i < c->n_set; i++) {
		struct sl_buf b = SL_BUF_INIT;
		lock_why(c, &names, i, 0, &b);
		c->pkgs[i].why = b.len ? sl_buf_detach(&b, NULL) : NULL;
		sl_buf_release(&b);
	}
	check_map_release(&names);
	return load_sources(c, o, err);
}

/* ---- site-packages ---- */

/* lib/pythonX.Y/site-packages gives X.Y; a venv's pyvenv.cfg three levels
 * up may say the full X.Y.Z. */
static char *guess_python(const char *dir)
{
	const char *s = strstr(dir, "python3.");
	struct sl_buf cfg = SL_BUF_INIT;
	char *xy, *full = NULL;
	size_t n;

	if (!s)
		return NULL;
	s += strlen("python");
	n = strspn(s, "0123456789.");
	if (n < 3 || strncmp(s + n, "/site-packages", 14) != 0)
		return NULL;
	xy = sl_xstrndup(s, n);
	{
		char *path = sl_xasprintf("%.*s/../../../pyvenv.cfg", (int)(s + n + 14 - dir), dir);
		if (sl_file_read(path, 65536, &cfg, NULL) == 0) {
			const char *v = strstr(cfg.buf, "\nversion = ");
			if (!v)
				v = strstr(cfg.buf, "\nversion_info = ");
			if (v) {
				v = strchr(v, '=') + 2;
				full = sl_xstrndup(v, strspn(v, "0123456789."));
			}
		}
		free(path);
	}
	sl_buf_release(&cfg);
	if (full && strncmp(full, xy, strlen(xy)) == 0 && full[strlen(xy)] == '.') {
		free(xy);
		return full;
	}
	free(full);
	return xy;
}

int sl_check_load_site(struct sl_check *c, const struct sl_check_options *o, struct sl_err *err)
{
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	char *py = o->python ? sl_xstrdup(o->python) : guess_python(o->site_packages);
	int rc;

	if (!py)
		return sl_error(err, SL_EINVAL,
				"cannot tell the target python from '%s'; pass --python X.Y",
				o->site_packages);
	rc = check_set_python(c, py, err);
	free(py);
	if (rc != 0 || (rc = sl_distinfo_scan(o->site_packages, &l, err)) != 0)
		return rc;
	c->site_mode = true;
	for (size_t i = 0; i < l.n; i++) {
		const struct sl_dist *d = &l.v[i];
		if (i > 0 && strcmp(l.v[i - 1].canonical, d->canonical) == 0)
			continue; /* installed twice: the first one, as pip sees it */
		size_t pi = check_add_pkg(c, d->canonical, d->meta.version);
		meta_from(c, &c->pkgs[pi], &d->meta, "site-packages", false);
	}
	for (size_t i = 0; i < l.n_warnings; i++)
		check_warn(c, "%s", l.warnings[i]);
	sl_dist_list_release(&l);
	c->n_set = c->n;
	return load_sources(c, o, err);
}

/* ---- alternatives ---- */

int check_load_alternatives(struct sl_check *c, struct sl_err *err)
{
	struct sl_dist_file_list l = SL_DIST_FILE_LIST_INIT;
	struct check_map set = {0};
	int rc;

	if (c->alternatives_loaded || !c->wheels)
		return 0;
	c->alternatives_loaded = true;
	if ((rc = sl_archive_index_dir(c->wheels, &l, err)) != 0)
		return rc;
	for (size_t i = 0; i < c->n_set; i++)
		check_map_put(&set, c->pkgs[i].name, i);
	for (size_t i = 0; i < l.n; i++) {
		const struct sl_dist_file *f = &l.v[i];
		struct sl_metadata m;
		size_t k;
		if (check_map_get(&set, f->canonical, &k) && same_version(&c->pkgs[k], f->version))
			continue;
		if (i > 0 && strcmp(l.v[i - 1].canonical, f->canonical) == 0 &&
		    strcmp(l.v[i - 1].version, f->version) == 0)
			continue; /* a wheel and an sdist of one version */
		sl_metadata_init(&m);
		/* a version whose requirements are unknown is no fix */
		if (sl_archive_read_metadata(f->path, &m, NULL) == 0 && !m.requires_dist_unknown) {
			size_t pi = check_add_pkg(c, f->canonical, f->version);
			meta_from(c, &c->pkgs[pi], &m, "wheels", false);
		}
		sl_metadata_release(&m);
	}
	check_map_release(&set);
	sl_dist_file_list_release(&l);
	return 0;
}
