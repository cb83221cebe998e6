/* index_project.c: a project's release list from the PyPI JSON API,
 * {index}/pypi/{name}/json: every version with its files, each file's
 * upload time, Requires-Python and yanked flag (what a dated resolution
 * needs, docs/reconstruct.md).  Fetched and cached by index.c's loop. */
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

static int parse_one(void *ctx, size_t i, const char *url, const char *body, size_t len,
		     struct sl_err *err)
{
	return sl_index_parse_project(url, body, len, &((struct sl_index_project *)ctx)[i], err);
}

int sl_index_fetch_projects(struct sl_index *idx, struct sl_index_project *projs, size_t n,
			    struct sl_err *err)
{
	size_t m = n ? n : 1;
	char **urls = sl_xcalloc(m, sizeof(*urls));
	const char **labels = sl_xcalloc(m, sizeof(*labels));
	struct index_outcome *out = sl_xcalloc(m, sizeof(*out));
	struct index_fetch f = {(const char *const *)urls, labels, parse_one, projs};
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		char *e = sl_http_escape(projs[i].name);
		free_versions(&projs[i]);
		urls[i] = sl_xasprintf("%s/pypi/%s/json", sl_index_url(idx), e);
		labels[i] = projs[i].name;
		free(e);
	}
	index_fetch_bodies(idx, &f, n, out);
	for (size_t i = 0; i < n; i++) {
		projs[i].from_cache = out[i].from_cache;
		projs[i].result = out[i].result;
		projs[i].err = out[i].err;
		if (out[i].result && !rc) {
			rc = out[i].result;
			if (err)
				*err = out[i].err;
		}
		free(urls[i]);
	}
	free(urls);
	free(labels);
	free(out);
	return rc;
}
