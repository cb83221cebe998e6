/* lockfile_inferred.c: a package's "inferred" object (lockfile version 3):
 * the version a dated resolution chose, the window, the rule, the
 * confidence and the alternatives (docs/lockfile.md, docs/reconstruct.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lockfile_private.h"
#include "spacelock/mem.h"

static void alternative(struct sl_jsonw *w, const struct sl_lock_alternative *a)
{
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "from", a->from);
	sl_jsonw_field_string(w, "until", a->until);
	sl_jsonw_field_string(w, "version", a->version);
	sl_jsonw_object_end(w);
}

void lockfile_inferred_write(struct sl_jsonw *w, const struct sl_lock_inferred *f)
{
	sl_jsonw_key(w, "inferred");
	sl_jsonw_object_begin(w);
	sl_jsonw_key(w, "alternatives");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < f->n_alternatives; i++)
		alternative(w, &f->alternatives[i]);
	sl_jsonw_array_end(w);
	sl_jsonw_field_string(w, "as_of", f->as_of);
	sl_jsonw_field_string(w, "confidence", f->ambiguous ? "ambiguous" : "exact");
	sl_jsonw_field_string(w, "rule", f->rule);
	sl_jsonw_key(w, "window");
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "end", f->window_end);
	sl_jsonw_field_string(w, "start", f->window_start);
	sl_jsonw_object_end(w);
	sl_jsonw_object_end(w);
}

struct rd {
	const char *path, *where;
	struct sl_err *err;
};

static int bad(const struct rd *r, const char *what)
{
	return sl_error(r->err, SL_EPARSE, "%s: '%s.inferred': %s", r->path, r->where, what);
}

/* A string-or-null member into *slot; a missing member is null. */
static int opt_str(const struct rd *r, const cJSON *o, const char *key, char **slot)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, key);
	char msg[96];

	if (!j || cJSON_IsNull(j))
		return 0;
	if (!cJSON_IsString(j)) {
		snprintf(msg, sizeof(msg), "'%s' must be a string or null", key);
		return bad(r, msg);
	}
	sl_lock_set(slot, j->valuestring);
	return 0;
}

static void release(struct sl_lock_inferred *f)
{
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
}

static int read_alternatives(const struct rd *r, const cJSON *a, struct sl_lock_inferred *f)
{
	const cJSON *c;
	int rc;

	if (!a || cJSON_IsNull(a))
		return 0;
	if (!cJSON_IsArray(a))
		return bad(r, "'alternatives' must be an array");
	f->alternatives = sl_xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof(*f->alternatives));
	cJSON_ArrayForEach(c, a)
	{
		struct sl_lock_alternative *alt = &f->alternatives[f->n_alternatives];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(c, "version");
		if (!cJSON_IsObject(c) || !cJSON_IsString(v) || !*v->valuestring)
			return bad(r, "each alternative must be an object with a 'version'");
		f->n_alternatives++;
		sl_lock_set(&alt->version, v->valuestring);
		if ((rc = opt_str(r, c, "from", &alt->from)) != 0 ||
		    (rc = opt_str(r, c, "until", &alt->until)) != 0)
			return rc;
	}
	return 0;
}

static int read_fields(const struct rd *r, const cJSON *o, struct sl_lock_inferred *f)
{
	const cJSON *conf = cJSON_GetObjectItemCaseSensitive(o, "confidence");
	const cJSON *w = cJSON_GetObjectItemCaseSensitive(o, "window");
	int rc;

	if (!cJSON_IsString(conf) || (strcmp(conf->valuestring, "exact") != 0 &&
				      strcmp(conf->valuestring, "ambiguous") != 0))
		return bad(r, "'confidence' must be \"exact\" or \"ambiguous\"");
	f->ambiguous = strcmp(conf->valuestring, "ambiguous") == 0;
	if (w && !cJSON_IsNull(w) && !cJSON_IsObject(w))
		return bad(r, "'window' must be an object");
	if ((rc = opt_str(r, o, "as_of", &f->as_of)) != 0 ||
	    (rc = opt_str(r, o, "rule", &f->rule)) != 0 ||
	    (rc = opt_str(r, w, "start", &f->window_start)) != 0 ||
	    (rc = opt_str(r, w, "end", &f->window_end)) != 0)
		return rc;
	return read_alternatives(r, cJSON_GetObjectItemCaseSensitive(o, "alternatives"), f);
}

int lockfile_inferred_read(const char *path, const char *where, const cJSON *o,
			   struct sl_lock_package *p, struct sl_err *err)
{
	struct rd r = {path, where, err};
	struct sl_lock_inferred f = {0};
	int rc;

	if (!o || cJSON_IsNull(o))
		return 0;
	if (!cJSON_IsObject(o))
		return bad(&r, "must be an object");
	rc = read_fields(&r, o, &f);
	if (rc == 0)
		sl_lock_package_set_inferred(p, &f);
	release(&f);
	return rc;
}
