/* lockfile_index.c: the lock's "index" object: the package index options
 * the requirements files gave pip (lock.h, struct sl_lock_index). */
#include "lockfile_private.h"

#include <stdbool.h>

void lockfile_index_write(struct sl_jsonw *w, const struct sl_lock_index *ix)
{
	if (!sl_lock_index_is_set(ix))
		return;
	sl_jsonw_key(w, "index");
	sl_jsonw_object_begin(w);
	sl_jsonw_field_strings(w, "extra_index_urls", ix->extra_index_urls, ix->n_extra_index_urls);
	sl_jsonw_field_strings(w, "find_links", ix->find_links, ix->n_find_links);
	sl_jsonw_field_string(w, "index_url", ix->index_url);
	sl_jsonw_field_bool(w, "no_index", ix->no_index);
	sl_jsonw_field_bool(w, "pre", ix->pre);
	sl_jsonw_field_strings(w, "trusted_hosts", ix->trusted_hosts, ix->n_trusted_hosts);
	sl_jsonw_object_end(w);
}

static int read_strings(const char *path, const cJSON *o, const char *key, char ***v, size_t *n,
			struct sl_err *err)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key), *c;

	if (!a || cJSON_IsNull(a))
		return 0;
	if (!cJSON_IsArray(a))
		return sl_error(err, SL_EPARSE, "%s: 'index.%s': must be an array of strings", path,
				key);
	cJSON_ArrayForEach(c, a)
	{
		if (!cJSON_IsString(c) || !*c->valuestring)
			return sl_error(err, SL_EPARSE,
					"%s: 'index.%s': must be an array of non-empty strings",
					path, key);
		sl_lock_strv_add(v, n, c->valuestring);
	}
	return 0;
}

static int read_flag(const char *path, const cJSON *o, const char *key, bool *flag,
		     struct sl_err *err)
{
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!b || cJSON_IsNull(b))
		return 0;
	if (!cJSON_IsBool(b))
		return sl_error(err, SL_EPARSE, "%s: 'index.%s': must be true or false", path, key);
	*flag = cJSON_IsTrue(b);
	return 0;
}

int lockfile_index_read(const char *path, const cJSON *o, struct sl_lock_index *ix,
			struct sl_err *err)
{
	const cJSON *url = cJSON_GetObjectItemCaseSensitive(o, "index_url");
	int rc;

	if (!o || cJSON_IsNull(o))
		return 0;
	if (!cJSON_IsObject(o))
		return sl_error(err, SL_EPARSE, "%s: 'index': must be an object", path);
	if (url && !cJSON_IsNull(url) && (!cJSON_IsString(url) || !*url->valuestring))
		return sl_error(err, SL_EPARSE, "%s: 'index.index_url': must be a URL or null",
				path);
	sl_lock_set(&ix->index_url, cJSON_IsString(url) ? url->valuestring : NULL);
	if ((rc = read_strings(path, o, "extra_index_urls", &ix->extra_index_urls,
			       &ix->n_extra_index_urls, err)) != 0 ||
	    (rc = read_strings(path, o, "find_links", &ix->find_links, &ix->n_find_links, err)) !=
		0 ||
	    (rc = read_strings(path, o, "trusted_hosts", &ix->trusted_hosts, &ix->n_trusted_hosts,
			       err)) != 0 ||
	    (rc = read_flag(path, o, "no_index", &ix->no_index, err)) != 0)
		return rc;
	return read_flag(path, o, "pre", &ix->pre, err);
}
