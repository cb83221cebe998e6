/* lockfile_index.c: the lock's "index" object: the package index options
 * the requirements files gave pip (lock.h, struct sl_lock_index). */
#include "lockfile_private.h"

#include <stdbool.h>

static cJSON *strings(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

cJSON *lockfile_index_json(const struct sl_lock_index *ix)
{
	cJSON *o;

	if (!sl_lock_index_is_set(ix))
		return NULL;
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "extra_index_urls",
			      strings(ix->extra_index_urls, ix->n_extra_index_urls));
	cJSON_AddItemToObject(o, "find_links", strings(ix->find_links, ix->n_find_links));
	cJSON_AddItemToObject(
	    o, "index_url", ix->index_url ? cJSON_CreateString(ix->index_url) : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "no_index", cJSON_CreateBool(ix->no_index));
	cJSON_AddItemToObject(o, "pre", cJSON_CreateBool(ix->pre));
	cJSON_AddItemToObject(o, "trusted_hosts", strings(ix->trusted_hosts, ix->n_trusted_hosts));
	return o;
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
