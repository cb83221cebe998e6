/* index_project.c: a project's release list: every version with its files,
 * each file's upload time, Requires-Python and yanked flag (what a dated
 * resolution needs, docs/reconstruct.md).  First from the simple API's
 * JSON form with PEP 700 upload times (index_simple.c), the standard;
 * where the index does not give those, from the PyPI JSON API,
 * {index}/pypi/{name}/json.  Fetched and cached by index.c's loop. */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "index_private.h"
#include "spacelock/http.h"
#include "spacelock/mem.h"
#include "spacelock/json.h"

static char *str_of(const cJSON *obj, const char *key)
{
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));

	return s && *s ? sl_xstrdup(s) : NULL;
}

static void free_versions(struct sl_index_project *p)
{
	for (size_t i = 0; i < p->nversions; i++) {
		struct sl_index_version *v = &p->versions[i];
		for (size_t j = 0; j < v->nfiles; j++) {
			free(v->files[j].filename);
			free(v->files[j].upload_time);
			free(v->files[j].requires_python);
		}
		free(v->files);
		free(v->version);
	}
	free(p->versions);
	p->versions = NULL;
	p->nversions = 0;
}

void sl_index_project_clear(struct sl_index_project *p)
{
	free_versions(p);
	free(p->name);
	memset(p, 0, sizeof(*p));
}

static void parse_files(const cJSON *arr, struct sl_index_version *v)
{
	const cJSON *f;

	v->files = sl_xcalloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof(*v->files));
	cJSON_ArrayForEach(f, arr)
	{
		struct sl_index_dist *d = &v->files[v->nfiles];
		if (!cJSON_IsObject(f) || !(d->filename = str_of(f, "filename")))
			continue;
		d->upload_time = str_of(f, "upload_time_iso_8601");
		if (!d->upload_time)
			d->upload_time = str_of(f, "upload_time");
		d->requires_python = str_of(f, "requires_python");
		d->yanked = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, "yanked"));
		v->nfiles++;
	}
}

int sl_index_parse_project(const char *url, const char *body, size_t len,
			   struct sl_index_project *p, struct sl_err *err)
{
	cJSON *root = sl_json_parse(body, len, url, NULL);
	const cJSON *rel = cJSON_GetObjectItemCaseSensitive(root, "releases"), *it;

	if (!cJSON_IsObject(rel)) {
		cJSON_Delete(root);
		return sl_error(err, SL_ENET, "%s: response is not a project's index JSON", url);
	}
	free_versions(p);
	p->versions = sl_xcalloc((size_t)cJSON_GetArraySize(rel) + 1, sizeof(*p->versions));
	cJSON_ArrayForEach(it, rel)
	{
		struct sl_index_version *v = &p->versions[p->nversions];
		if (!it->string || !*it->string || !cJSON_IsArray(it))
			continue;
		v->version = sl_xstrdup(it->string);
		parse_files(it, v);
		p->nversions++;
	}
	cJSON_Delete(root);
	return 0;
}

/* One API for the projects projs[which[k]]: the body is parsed into the
 * project it was asked for. */
struct pass {
	struct sl_index_project *projs;
	const size_t *which;
	bool simple;
};

static int parse_one(void *ctx, size_t k, const char *url, const char *body, size_t len,
		     struct sl_err *err)
{
	const struct pass *ps = ctx;
	struct sl_index_project *p = &ps->projs[ps->which[k]];

	return ps->simple ? sl_index_parse_simple(url, body, len, p, err)
			  : sl_index_parse_project(url, body, len, p, err);
}

/* Fetches the m projects projs[which[k]] from one API; each gets its own
 * outcome. */
static void fetch_pass(struct sl_index *idx, struct sl_index_project *projs, const size_t *which,
		       size_t m, bool simple)
{
	char **urls = sl_xcalloc(m + 1, sizeof(*urls));
	const char **labels = sl_xcalloc(m + 1, sizeof(*labels));
	struct index_outcome *out = sl_xcalloc(m + 1, sizeof(*out));
	struct pass ps = {projs, which, simple};
	struct index_fetch f = {(const char *const *)urls, labels, parse_one, &ps,
				simple ? SL_INDEX_SIMPLE_JSON : NULL};

	for (size_t k = 0; k < m; k++) {
		struct sl_index_project *p = &projs[which[k]];
		char *e = sl_http_escape(p->name);
		free_versions(p);
		urls[k] = simple ? sl_xasprintf("%s/%s/", index_simple_url(idx), e)
				 : sl_xasprintf("%s/pypi/%s/json", sl_index_url(idx), e);
		labels[k] = p->name;
		free(e);
	}
	index_fetch_bodies(idx, &f, m, out);
	for (size_t k = 0; k < m; k++) {
		struct sl_index_project *p = &projs[which[k]];
		p->from_cache = out[k].from_cache;
		p->result = out[k].result;
		p->err = out[k].err;
		p->simple = simple && p->result == 0;
		free(urls[k]);
	}
	free(urls);
	free(labels);
	free(out);
}

int sl_index_fetch_projects(struct sl_index *idx, struct sl_index_project *projs, size_t n,
			    struct sl_err *err)
{
	size_t *which = sl_xcalloc(n + 1, sizeof(*which)), m = 0;
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		which[i] = i;
	fetch_pass(idx, projs, which, n, true);
	/* no JSON simple API, or no upload times in it: the PyPI JSON API */
	for (size_t i = 0; i < n; i++)
		if (projs[i].result)
			which[m++] = i;
	if (m)
		fetch_pass(idx, projs, which, m, false);
	for (size_t i = 0; i < n && !rc; i++)
		if ((rc = projs[i].result) != 0 && err)
			*err = projs[i].err;
	free(which);
	return rc;
}
