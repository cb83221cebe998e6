/* lockfile.c: the lock model from JSON: cJSON parses the text (json.c),
 * this file walks the tree into a lock and says what is wrong where.  The
 * writer, which builds no tree, is lockfile_write.c. */
#include "spacelock/lockfile.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lockfile_private.h"
#include "spacelock/fileio.h"
#include "spacelock/json.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/textenc.h"
#include "spacelock/version.h"

/* ---- text -> model ---- */

struct rd {
	const char *path;
	struct sl_err *err;
};

static int bad(struct rd *r, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(struct rd *r, const char *key, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sl_error(r->err, SL_EPARSE, "%s: '%s': %s", r->path, key, msg);
}

/* A string-or-null member; a missing member counts as null. */
static int get_str(struct rd *r, const cJSON *obj, const char *key, const char *where, char **slot)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!j || cJSON_IsNull(j))
		return 0;
	if (!cJSON_IsString(j))
		return bad(r, where, "'%s' must be a string or null", key);
	sl_lock_set(slot, j->valuestring);
	return 0;
}

static int get_strv(struct rd *r, const cJSON *obj, const char *key, const char *where, char ***v,
		    size_t *n)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key), *c;

	if (!j || cJSON_IsNull(j))
		return 0;
	if (!cJSON_IsArray(j))
		return bad(r, where, "'%s' must be an array of strings", key);
	cJSON_ArrayForEach(c, j)
	{
		if (!cJSON_IsString(c))
			return bad(r, where, "'%s' must be an array of strings", key);
		sl_lock_strv_add(v, n, c->valuestring);
	}
	return 0;
}

/* An array of names, or null / absent: not known. */
static int get_names(struct rd *r, const cJSON *obj, const char *key, char ***v, size_t *n,
		     bool *known)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);

	*known = j && !cJSON_IsNull(j);
	return get_strv(r, obj, key, "space", v, n);
}

static int read_space(struct rd *r, const cJSON *o, struct sl_lock_space *s)
{
	int rc = 0;

	if (!o)
		return 0;
	if (!cJSON_IsObject(o))
		return bad(r, "space", "must be an object");
	rc = rc ? rc : get_str(r, o, "id", "space", &s->id);
	rc = rc ? rc : get_str(r, o, "revision", "space", &s->revision);
	rc = rc ? rc : get_str(r, o, "hardware", "space", &s->hardware);
	rc = rc ? rc : get_str(r, o, "sdk", "space", &s->sdk);
	rc = rc ? rc : get_str(r, o, "sdk_version", "space", &s->sdk_version);
	rc = rc ? rc : get_str(r, o, "python_version", "space", &s->python_version);
	rc = rc ? rc : get_str(r, o, "app_file", "space", &s->app_file);
	rc = rc ? rc : get_str(r, o, "suggested_hardware", "space", &s->suggested_hardware);
	rc = rc ? rc
		: get_str(r, o, "startup_duration_timeout", "space", &s->startup_duration_timeout);
	rc = rc ? rc
		: get_strv(r, o, "preload_from_hub", "space", &s->preload_from_hub,
			   &s->n_preload_from_hub);
	rc = rc ? rc
		: get_strv(r, o, "system_packages", "space", &s->system_packages,
			   &s->n_system_packages);
	rc = rc ? rc : get_names(r, o, "secrets", &s->secrets, &s->n_secrets, &s->secrets_known);
	rc = rc ? rc
		: get_names(r, o, "variables", &s->variables, &s->n_variables, &s->variables_known);
	return rc;
}

/* "3", "3.10" or "3.10.14": what a Space's python_version and the lock say. */
static bool python_version_ok(const char *s)
{
	int parts = 0;

	for (;;) {
		size_t n = strspn(s, "0123456789");
		if (n == 0 || n > 4 || ++parts > 3)
			return false;
		s += n;
		if (*s == '\0')
			return true;
		if (*s++ != '.')
			return false;
	}
}

static int read_runtime(struct rd *r, const cJSON *o, struct sl_lock_runtime *t)
{
	int rc = 0;

	if (!o)
		return 0;
	if (!cJSON_IsObject(o))
		return bad(r, "runtime", "must be an object");
	rc = rc ? rc : get_str(r, o, "python", "runtime", &t->python);
	if (!rc && t->python && !python_version_ok(t->python))
		return bad(r, "runtime.python", "'%s' is not a Python version like 3.10 or 3.10.14",
			   t->python);
	rc = rc ? rc : get_str(r, o, "python_source", "runtime", &t->python_source);
	rc = rc ? rc : get_str(r, o, "base_image", "runtime", &t->base_image);
	rc = rc ? rc : get_str(r, o, "digest", "runtime", &t->digest);
	rc = rc ? rc : get_str(r, o, "build_time", "runtime", &t->build_time);
	rc = rc ? rc : get_str(r, o, "built_commit", "runtime", &t->built_commit);
	rc = rc ? rc : get_str(r, o, "build_status", "runtime", &t->build_status);
	rc =
	    rc ? rc
	       : get_strv(r, o, "platform_step", "runtime", &t->platform_step, &t->n_platform_step);
	return rc;
}

static int read_evidence(struct rd *r, const cJSON *o, const char *where, struct sl_lock_package *p)
{
	struct sl_lock_evidence ev = {0};
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
	const cJSON *line = cJSON_GetObjectItemCaseSensitive(o, "line");
	const cJSON *src = cJSON_GetObjectItemCaseSensitive(o, "source");
	const cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(o, "version");
	int k;

	if (!cJSON_IsObject(o))
		return bad(r, where, "must be an object");
	if (!cJSON_IsString(kind) || (k = sl_lock_strength_from_name(kind->valuestring)) < 0)
		return bad(r, where, "'kind' must be one of mention, pin, pip, installed");
	if (!cJSON_IsString(src) || !cJSON_IsString(text))
		return bad(r, where, "'source' and 'text' must be strings");
	if (line && (!cJSON_IsNumber(line) || line->valuedouble < 0 || line->valuedouble > 4e9))
		return bad(r, where, "'line' must be a line number");
	if (ver && !cJSON_IsNull(ver) && !cJSON_IsString(ver))
		return bad(r, where, "'version' must be a string");
	ev.kind = (enum sl_strength)k;
	ev.source = src->valuestring;
	ev.text = text->valuestring;
	ev.line = line ? (unsigned long)line->valuedouble : 0;
	ev.version = cJSON_IsString(ver) ? ver->valuestring : NULL;
	sl_lock_package_add_evidence(p, &ev);
	return 0;
}

/* One request into *q (its strings owned by the caller afterwards). */
static int read_request(struct rd *r, const cJSON *o, const char *where, struct sl_lock_request *q)
{
	const cJSON *by = cJSON_GetObjectItemCaseSensitive(o, "by");
	const cJSON *line = cJSON_GetObjectItemCaseSensitive(o, "line");
	int b, rc;

	if (!cJSON_IsObject(o))
		return bad(r, where, "must be an object");
	if (!cJSON_IsString(by) || (b = sl_lock_origin_from_name(by->valuestring)) <= 0)
		return bad(r, where, "'by' must be one of direct, platform, transitive");
	if (line && (!cJSON_IsNumber(line) || line->valuedouble < 0 || line->valuedouble > 4e9))
		return bad(r, where, "'line' must be a line number");
	q->by = (enum sl_origin)b;
	q->line = line ? (unsigned long)line->valuedouble : 0;
	if ((rc = get_str(r, o, "requirement", where, &q->requirement)) == 0 &&
	    (rc = get_str(r, o, "source", where, &q->source)) == 0)
		rc = get_str(r, o, "parent", where, &q->parent);
	return rc;
}

/* The "requests" array of a package (p) or of an unproven package (e). */
static int read_request_array(struct rd *r, const cJSON *o, const char *where,
			      struct sl_lock_package *p, struct sl_lock_incomplete *e)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "requests"), *c;
	int rc, i = 0;

	if (a && !cJSON_IsArray(a))
		return bad(r, where, "'requests' must be an array");
	cJSON_ArrayForEach(c, a)
	{
		struct sl_lock_request q = {0};
		char sub[160];
		snprintf(sub, sizeof(sub), "%s.requests[%d]", where, i++);
		rc = read_request(r, c, sub, &q);
		if (rc == 0 && p)
			sl_lock_package_add_request(p, &q);
		else if (rc == 0)
			sl_lock_incomplete_add_request(e, &q);
		free(q.requirement);
		free(q.source);
		free(q.parent);
		if (rc)
			return rc;
	}
	return 0;
}

/* "requests" (version 2), or version 1's single "requirement", read as a
 * request of the package's origin without a source. */
static int read_requests(struct rd *r, const cJSON *o, const char *where, struct sl_lock_package *p)
{
	struct sl_lock_request q = {0};
	int rc;

	if ((rc = read_request_array(r, o, where, p, NULL)) != 0)
		return rc;
	if ((rc = get_str(r, o, "requirement", where, &q.requirement)) != 0 || !q.requirement)
		return rc;
	q.by = p->origin == SL_ORIGIN_UNKNOWN ? SL_ORIGIN_DIRECT : p->origin;
	sl_lock_package_add_request(p, &q);
	free(q.requirement);
	return 0;
}

static int read_metadata(struct rd *r, const cJSON *o, const char *where, struct sl_lock_package *p)
{
	struct sl_lock_metadata m = {0};
	int rc;

	if (!cJSON_IsObject(o))
		return bad(r, where, "'metadata' must be an object");
	rc = get_strv(r, o, "requires_dist", where, &m.requires_dist, &m.n_requires_dist);
	if (!rc)
		rc =
		    get_strv(r, o, "provides_extra", where, &m.provides_extra, &m.n_provides_extra);
	if (!rc)
		rc = get_str(r, o, "requires_python", where, &m.requires_python);
	if (!rc)
		sl_lock_package_set_metadata(
		    p, (const char *const *)m.requires_dist, m.n_requires_dist, m.requires_python,
		    (const char *const *)m.provides_extra, m.n_provides_extra);
	for (size_t i = 0; i < m.n_requires_dist; i++)
		free(m.requires_dist[i]);
	for (size_t i = 0; i < m.n_provides_extra; i++)
		free(m.provides_extra[i]);
	free(m.requires_dist);
	free(m.provides_extra);
	free(m.requires_python);
	return rc;
}

static int read_package_rest(struct rd *r, const cJSON *o, const char *where,
			     struct sl_lock_package *p)
{
	const cJSON *origin = cJSON_GetObjectItemCaseSensitive(o, "origin");
	const cJSON *vcs = cJSON_GetObjectItemCaseSensitive(o, "vcs");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(o, "evidence");
	const cJSON *md = cJSON_GetObjectItemCaseSensitive(o, "metadata");
	const cJSON *inf = cJSON_GetObjectItemCaseSensitive(o, "inferred");
	const cJSON *c;
	int rc, o_, i = 0;

	if (origin &&
	    (!cJSON_IsString(origin) || (o_ = sl_lock_origin_from_name(origin->valuestring)) < 0))
		return bad(r, where,
			   "'origin' must be one of unknown, direct, platform, transitive");
	p->origin = origin ? (enum sl_origin)o_ : SL_ORIGIN_UNKNOWN;
	if ((rc = read_requests(r, o, where, p)) != 0 ||
	    (rc = get_strv(r, o, "required_by", where, &p->required_by, &p->n_required_by)) != 0)
		return rc;
	if (vcs && !cJSON_IsNull(vcs)) {
		if (!cJSON_IsObject(vcs))
			return bad(r, where, "'vcs' must be an object");
		if ((rc = get_str(r, vcs, "url", where, &p->vcs_url)) != 0 ||
		    (rc = get_str(r, vcs, "commit", where, &p->vcs_commit)) != 0)
			return rc;
	}
	if (ev && !cJSON_IsArray(ev))
		return bad(r, where, "'evidence' must be an array");
	cJSON_ArrayForEach(c, ev)
	{
		char sub[160];
		snprintf(sub, sizeof(sub), "%s.evidence[%d]", where, i++);
		if ((rc = read_evidence(r, c, sub, p)) != 0)
			return rc;
	}
	if (md && !cJSON_IsNull(md) && (rc = read_metadata(r, md, where, p)) != 0)
		return rc;
	return lockfile_inferred_read(r->path, where, inf, p, r->err);
}

/* A lock edited by hand may hold what no reader of it can use: the message
 * names the member by its JSON path (packages[3].version). */
static int valid_name_version(struct rd *r, const char *where, const char *name,
			      const char *version)
{
	char key[96];

	snprintf(key, sizeof(key), "%s.name", where);
	if (!sl_name_is_valid(name, strlen(name)))
		return bad(r, key, "'%s' is not a valid package name (PEP 508)", name);
	snprintf(key, sizeof(key), "%s.version", where);
	return sl_lock_version_ok(version)
		   ? 0
		   : bad(r, key, "'%s' is not a PEP 440 version (nor a legacy one)", version);
}

static int read_packages(struct rd *r, const cJSON *a, struct sl_lock *lock)
{
	const cJSON *o;
	int i = 0, rc;

	if (!a)
		return 0;
	if (!cJSON_IsArray(a))
		return bad(r, "packages", "must be an array");
	cJSON_ArrayForEach(o, a)
	{
		char where[64];
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "name");
		const cJSON *ver = cJSON_GetObjectItemCaseSensitive(o, "version");
		snprintf(where, sizeof(where), "packages[%d]", i++);
		if (!cJSON_IsObject(o))
			return bad(r, where, "must be an object");
		if (!cJSON_IsString(name) || !*name->valuestring)
			return bad(r, where, "'name' must be a non-empty string");
		if (!cJSON_IsString(ver) || !*ver->valuestring)
			return bad(r, where, "'version' must be a non-empty string");
		if ((rc = valid_name_version(r, where, name->valuestring, ver->valuestring)) != 0)
			return rc;
		if (sl_lock_find(lock, name->valuestring))
			return bad(r, where, "package '%s' is listed twice", name->valuestring);
		struct sl_lock_package *p =
		    sl_lock_add_package(lock, name->valuestring, ver->valuestring);
		if ((rc = read_package_rest(r, o, where, p)) != 0)
			return rc;
	}
	return 0;
}

static int read_incomplete(struct rd *r, const cJSON *a, struct sl_lock *lock)
{
	const cJSON *o;
	int i = 0, rc;

	if (!a)
		return 0;
	if (!cJSON_IsArray(a))
		return bad(r, "incomplete", "must be an array");
	cJSON_ArrayForEach(o, a)
	{
		char where[64];
		const cJSON *what = cJSON_GetObjectItemCaseSensitive(o, "what");
		const cJSON *why = cJSON_GetObjectItemCaseSensitive(o, "why");
		const cJSON *rem = cJSON_GetObjectItemCaseSensitive(o, "remedy");
		snprintf(where, sizeof(where), "incomplete[%d]", i++);
		if (!cJSON_IsString(what) || !cJSON_IsString(why))
			return bad(r, where, "'what' and 'why' must be strings");
		if (rem && !cJSON_IsNull(rem) && !cJSON_IsString(rem))
			return bad(r, where, "'remedy' must be a string or null");
		sl_lock_add_incomplete(lock, what->valuestring, why->valuestring,
				       cJSON_IsString(rem) ? rem->valuestring : NULL);
		rc = read_request_array(r, o, where, NULL, sl_lock_last_incomplete(lock));
		if (rc)
			return rc;
	}
	return 0;
}

static int read_lock(struct rd *r, const cJSON *j, struct sl_lock *lock)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "lockfile_version");
	int rc;

	if (!cJSON_IsObject(j))
		return sl_error(r->err, SL_EPARSE,
				"%s: not a lockfile: the top level is not an object", r->path);
	if (!v)
		return sl_error(r->err, SL_EPARSE, "%s: not a lockfile: no 'lockfile_version'",
				r->path);
	if (!cJSON_IsNumber(v))
		return bad(r, "lockfile_version", "must be a number like %d, not %s",
			   SL_LOCK_FORMAT_VERSION_PLAIN, cJSON_IsString(v) ? "a string" : "that");
	if (v->valuedouble != 1 && v->valuedouble != 2 && v->valuedouble != SL_LOCK_FORMAT_VERSION)
		return bad(r, "lockfile_version",
			   "version %g is not supported (this spacelock reads versions 1 to %d)",
			   v->valuedouble, SL_LOCK_FORMAT_VERSION);
	if ((rc = read_space(r, cJSON_GetObjectItemCaseSensitive(j, "space"), &lock->space)) != 0 ||
	    (rc = read_runtime(r, cJSON_GetObjectItemCaseSensitive(j, "runtime"),
			       &lock->runtime)) != 0 ||
	    (rc = read_packages(r, cJSON_GetObjectItemCaseSensitive(j, "packages"), lock)) != 0 ||
	    (rc = read_incomplete(r, cJSON_GetObjectItemCaseSensitive(j, "incomplete"), lock)) !=
		0 ||
	    (rc = get_strv(r, j, "warnings", "warnings", &lock->warnings, &lock->n_warnings)) !=
		0 ||
	    (rc = lockfile_index_read(r->path, cJSON_GetObjectItemCaseSensitive(j, "index"),
				      &lock->index, r->err)) != 0)
		return rc;
	return get_strv(r, j, "inputs", "inputs", &lock->inputs, &lock->n_inputs);
}

int sl_lockfile_parse(const char *path, const char *data, size_t len, struct sl_lock **out,
		      struct sl_err *err)
{
	struct rd r = {path, err};
	cJSON *j;
	struct sl_lock *lock;
	int rc;

	if (memchr(data, '\0', len))
		return sl_error(err, SL_EPARSE, "%s: binary file: NUL byte", path);
	/* JSON is UTF-8, and the writer turns bad bytes into U+FFFD: a lock
	 * holding them would not read back as the lock it writes */
	if (!sl_utf8_valid(data, len)) {
		unsigned long line, col;
		sl_json_position(data, sl_utf8_invalid_at(data, len), &line, &col);
		return sl_error(err, SL_EPARSE, "%s:%lu:%lu: not valid UTF-8", path, line, col);
	}
	if (!(j = sl_json_parse(data, len, path, err)))
		return err ? err->code : SL_EPARSE;
	lock = sl_lock_new();
	rc = read_lock(&r, j, lock);
	cJSON_Delete(j);
	if (rc) {
		sl_lock_free(lock);
		return rc;
	}
	*out = lock;
	return 0;
}

int sl_lockfile_read(const char *path, struct sl_lock **out, struct sl_err *err)
{
	struct sl_buf b = SL_BUF_INIT;
	int rc = sl_file_read(path, SL_LOCKFILE_MAX_BYTES, &b, err);

	if (!rc)
		rc = sl_lockfile_parse(path, b.buf, b.len, out, err);
	sl_buf_release(&b);
	return rc;
}
