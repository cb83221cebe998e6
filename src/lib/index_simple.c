/* index_simple.c: a project's release list from the simple API's JSON form
 * (PEP 691, {index_url}/{name}/ asked with
 * Accept: application/vnd.pypi.simple.v1+json), with PEP 700's per-file
 * "upload-time": the standard source of "what was released on that day",
 * served by any index that implements the standard, not only PyPI.  Files
 * carry no version: it is read from the file name (wheelname.h) and files
 * are grouped by the normalised version.  A body without an upload time on
 * every file cannot date a release, so it is refused and the caller falls
 * back to the PyPI JSON API (index_project.c). */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "index_private.h"
#include "spacelock/mem.h"
#include "spacelock/json.h"
#include "spacelock/version.h"
#include "spacelock/wheelname.h"

static char *str_of(const cJSON *obj, const char *key)
{
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));

	return s && *s ? sl_xstrdup(s) : NULL;
}

/* PEP 691: "yanked" is false, true, or the reason (a string: yanked). */
static bool yanked_of(const cJSON *f)
{
	const cJSON *y = cJSON_GetObjectItemCaseSensitive(f, "yanked");

	return cJSON_IsTrue(y) || (cJSON_IsString(y) && y->valuestring);
}

/* The normalised version a file name carries, or NULL (eggs, installers,
 * versions pip cannot parse: never candidates). */
static char *version_of(const char *filename)
{
	struct sl_wheelname w = {0};
	struct sl_version *v = NULL;
	struct sl_err err = {0};
	char *norm = NULL;

	if (sl_wheelname_parse(filename, &w, &err) == 0 && !w.metadata &&
	    sl_version_parse(w.version, &v, &err) == 0)
		norm = sl_version_normalize(v);
	sl_version_free(v);
	sl_wheelname_release(&w);
	return norm;
}

/* The version entry for v (taking v), added when new (p->versions has room
 * for one per file).  The index lists a version's files together (sorted by
 * name), so the last one is tried first. */
static struct sl_index_version *version_slot(struct sl_index_project *p, char *v)
{
	for (size_t i = p->nversions; i > 0; i--)
		if (strcmp(p->versions[i - 1].version, v) == 0) {
			free(v);
			return &p->versions[i - 1];
		}
	p->versions[p->nversions].version = v;
	return &p->versions[p->nversions++];
}

static void free_project(struct sl_index_project *p)
{
	for (size_t i = 0; i < p->nversions; i++) {
		for (size_t j = 0; j < p->versions[i].nfiles; j++) {
			free(p->versions[i].files[j].filename);
			free(p->versions[i].files[j].upload_time);
			free(p->versions[i].files[j].requires_python);
		}
		free(p->versions[i].files);
		free(p->versions[i].version);
	}
	free(p->versions);
	p->versions = NULL;
	p->nversions = 0;
}

/* Adds file f; false when it has no upload time (the body cannot date it). */
static bool add_file(struct sl_index_project *p, const cJSON *f)
{
	struct sl_index_version *v;
	struct sl_index_dist *d;
	char *name = str_of(f, "filename"), *ver = name ? version_of(name) : NULL;

	if (!ver) {
		free(name);
		return true;
	}
	v = version_slot(p, ver);
	v->files = sl_xrealloc(v->files, (v->nfiles + 1) * sizeof(*v->files));
	d = &v->files[v->nfiles++];
	d->filename = name;
	d->upload_time = str_of(f, "upload-time");
	d->requires_python = str_of(f, "requires-python");
	d->yanked = yanked_of(f);
	return d->upload_time != NULL;
}

int sl_index_parse_simple(const char *url, const char *body, size_t len, struct sl_index_project *p,
			  struct sl_err *err)
{
	cJSON *root = sl_json_parse(body, len, url, NULL);
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files"), *f;
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "meta");
	size_t cap = (size_t)cJSON_GetArraySize(files) + 1;
	bool dated = true;

	if (!cJSON_IsArray(files) || !cJSON_IsObject(meta)) {
		cJSON_Delete(root);
		return sl_error(err, SL_ENET, "%s: response is not the simple API's JSON", url);
	}
	free_project(p);
	p->versions = sl_xcalloc(cap, sizeof(*p->versions));
	cJSON_ArrayForEach(f, files)
	{
		if (cJSON_IsObject(f))
			dated = add_file(p, f) && dated;
	}
	cJSON_Delete(root);
	if (!dated) {
		free_project(p);
		return sl_error(err, SL_ENOTFOUND, "%s: no upload-time on every file (PEP 700)",
				url);
	}
	return 0;
}
