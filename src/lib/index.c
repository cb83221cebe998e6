/* index.c: the PyPI JSON API client and its on-disk cache.
 *
 * A cache entry is one file, <cache>/index/<fnv1a64(url)>.json:
 *   "spacelock-index-cache 1\n" URL "\n" ETAG "\n" then the body as served.
 * The URL line guards against hash collisions; files are written
 * atomically, so a reader sees a whole entry or none.  The URL is the key
 * with its password masked (redact.h), in the line and the hash alike: a
 * password given in --index-url is never stored. */
#include "spacelock/index.h"

#include <cJSON.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "index_private.h"
#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "spacelock/json.h"
#include "spacelock/redact.h"

#define CACHE_MAGIC "spacelock-index-cache 1\n"
#define BODY_MAX (32u << 20)

struct sl_index {
	struct sl_http *http;
	char *base;   /* the JSON API's root */
	char *simple; /* the simple API's root: the index URL as given */
	char *cache;  /* NULL: no cache */
	bool offline;
};

static char *cache_root(const char *opt)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (opt)
		return *opt ? sl_xasprintf("%s/index", opt) : NULL;
	if (xdg && *xdg)
		return sl_xasprintf("%s/spacelock/index", xdg);
	if (home && *home)
		return sl_xasprintf("%s/.cache/spacelock/index", home);
	return NULL;
}

static size_t trim_slashes(const char *url, size_t n)
{
	while (n && url[n - 1] == '/')
		n--;
	return n;
}

/* The JSON API lives beside the simple API of a PyPI-like index: the
 * index URL without a trailing "/simple" (an index URL without one is
 * taken as both roots). */
static char *base_of(const char *url)
{
	size_t n = trim_slashes(url, strlen(url));

	if (n >= 7 && memcmp(url + n - 7, "/simple", 7) == 0)
		n -= 7;
	return sl_xstrndup(url, trim_slashes(url, n));
}

int sl_index_new(struct sl_http *http, const struct sl_index_opts *opts, struct sl_index **out,
		 struct sl_err *err)
{
	const char *url = opts && opts->index_url ? opts->index_url : getenv("PIP_INDEX_URL");
	struct sl_index *idx;

	if (!url || !*url)
		url = "https://pypi.org/simple";
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return sl_error(err, SL_EINVAL, "index URL '%s' is not http(s)", url);
	idx = sl_xcalloc(1, sizeof(*idx));
	idx->http = http;
	idx->base = base_of(url);
	/* pip's --index-url IS the simple root: {url}/{name}/ (PEP 503), with
	 * or without "/simple" in it (https://download.pytorch.org/whl/cu121) */
	idx->simple = sl_xstrndup(url, trim_slashes(url, strlen(url)));
	idx->cache = cache_root(opts ? opts->cache_dir : NULL);
	idx->offline = opts && opts->offline;
	*out = idx;
	return 0;
}

void sl_index_free(struct sl_index *idx)
{
	if (!idx)
		return;
	free(idx->base);
	free(idx->simple);
	free(idx->cache);
	free(idx);
}

const char *sl_index_url(const struct sl_index *idx)
{
	return idx->base;
}

const char *index_simple_url(const struct sl_index *idx)
{
	return idx->simple;
}

static void free_files(struct sl_index_release *r)
{
	for (size_t i = 0; i < r->nfiles; i++) {
		free(r->files[i].filename);
		free(r->files[i].url);
		free(r->files[i].sha256);
		free(r->files[i].upload_time);
	}
	free(r->files);
	r->files = NULL;
	r->nfiles = 0;
}

/* Frees what a fetch fills, keeping name and version. */
static void clear_data(struct sl_index_release *rel)
{
	free(rel->requires_python);
	for (size_t i = 0; rel->requires_dist && rel->requires_dist[i]; i++)
		free(rel->requires_dist[i]);
	free(rel->requires_dist);
	rel->requires_python = NULL;
	rel->requires_dist = NULL;
	free_files(rel);
	rel->from_cache = false;
	rel->result = 0;
	sl_err_clear(&rel->err);
}

void sl_index_clear(struct sl_index_release *rel)
{
	clear_data(rel);
	free(rel->name);
	free(rel->version);
	memset(rel, 0, sizeof(*rel));
}

/* ---- parsing ---- */

static char *str_of(const cJSON *obj, const char *key)
{
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, key));

	return s && *s ? sl_xstrdup(s) : NULL;
}

/* A file's "size": a whole number of bytes, else -1 (unknown: an index
 * that does not say, or says something no file can be). */
static long long size_of(const cJSON *f)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(f, "size");
	double d = cJSON_IsNumber(n) ? n->valuedouble : -1;

	if (d < 0 || d > 9007199254740992.0 || d != (double)(long long)d)
		return -1;
	return (long long)d;
}

static void parse_files(const cJSON *urls, struct sl_index_release *r)
{
	const cJSON *f;
	size_t n = (size_t)cJSON_GetArraySize(urls), i = 0;

	r->files = n ? sl_xcalloc(n, sizeof(*r->files)) : NULL;
	cJSON_ArrayForEach(f, urls)
	{
		struct sl_index_file *o = &r->files[i];
		if (!cJSON_IsObject(f) || !(o->filename = str_of(f, "filename")))
			continue;
		o->url = str_of(f, "url");
		o->sha256 = str_of(cJSON_GetObjectItemCaseSensitive(f, "digests"), "sha256");
		o->upload_time = str_of(f, "upload_time_iso_8601");
		o->size = size_of(f);
		o->yanked = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, "yanked"));
		i++;
	}
	r->nfiles = i;
}

int sl_index_parse(const char *url, const char *body, size_t len, struct sl_index_release *r,
		   struct sl_err *err)
{
	cJSON *root = sl_json_parse(body, len, url, NULL);
	const cJSON *info = cJSON_GetObjectItemCaseSensitive(root, "info");
	const cJSON *rd = cJSON_GetObjectItemCaseSensitive(info, "requires_dist");
	const cJSON *urls = cJSON_GetObjectItemCaseSensitive(root, "urls");
	const cJSON *it;
	size_t n = 0;

	if (!cJSON_IsObject(info) || (urls && !cJSON_IsArray(urls))) {
		cJSON_Delete(root);
		return sl_error(err, SL_ENET, "%s: response is not valid index JSON", url);
	}
	r->requires_python = str_of(info, "requires_python");
	if (cJSON_IsArray(rd)) {
		r->requires_dist = sl_xcalloc((size_t)cJSON_GetArraySize(rd) + 1, sizeof(char *));
		cJSON_ArrayForEach(it, rd)
		{
			if (cJSON_IsString(it))
				r->requires_dist[n++] = sl_xstrdup(it->valuestring);
		}
	}
	parse_files(urls, r);
	cJSON_Delete(root);
	return 0;
}

/* ---- cache ---- */

/* The cache's key for url: url with its password masked. */
static char *cache_key(const char *url)
{
	char *k = sl_xstrdup(url);

	sl_redact_url_passwords_n(k, strlen(k));
	return k;
}

static char *cache_path(const struct sl_index *idx, const char *url)
{
	uint64_t h = 14695981039346656037ULL;

	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	return sl_xasprintf("%s/%016llx.json", idx->cache, (unsigned long long)h);
}

struct entry {
	struct sl_buf raw;
	const char *etag; /* into raw */
	const char *body; /* into raw */
	size_t body_len;
	bool ok;
};

bool sl_index_cache_entry(const char *url, char *raw, size_t len, const char **etag,
			  const char **body, size_t *body_len)
{
	size_t ml = strlen(CACHE_MAGIC), ul = strlen(url);
	char *p, *nl;

	if (len <= ml + ul + 1 || memcmp(raw, CACHE_MAGIC, ml) != 0 ||
	    memcmp(raw + ml, url, ul) != 0 || raw[ml + ul] != '\n')
		return false;
	p = raw + ml + ul + 1;
	nl = memchr(p, '\n', len - (size_t)(p - raw));
	if (!nl)
		return false;
	*nl = '\0';
	*etag = p;
	*body = nl + 1;
	*body_len = len - (size_t)(*body - raw);
	return true;
}

static void cache_load(const struct sl_index *idx, const char *url, struct entry *e)
{
	char *key, *path;

	sl_buf_init(&e->raw);
	e->ok = false;
	if (!idx->cache)
		return;
	key = cache_key(url);
	path = cache_path(idx, key);
	if (sl_file_read(path, BODY_MAX + 8192, &e->raw, NULL) == 0)
		e->ok = sl_index_cache_entry(key, e->raw.buf, e->raw.len, &e->etag, &e->body,
					     &e->body_len);
	free(path);
	free(key);
}

static int mkdirs(const char *dir)
{
	char *d = sl_xstrdup(dir);
	int rc = 0;

	for (char *p = d + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (rc == 0 && mkdir(d, 0755) != 0 && errno != EEXIST)
		rc = -1;
	free(d);
	return rc;
}

/* Best effort: a cache that cannot be written only costs a download. */
static void cache_store(const struct sl_index *idx, const char *url, const char *etag,
			const struct sl_buf *body)
{
	struct sl_buf b = SL_BUF_INIT;
	char *key, *path;

	if (!idx->cache || mkdirs(idx->cache) != 0 || (etag && strchr(etag, '\n')))
		return;
	key = cache_key(url);
	sl_buf_addstr(&b, CACHE_MAGIC);
	sl_buf_addf(&b, "%s\n%s\n", key, etag ? etag : "");
	sl_buf_add(&b, body->buf, body->len);
	path = cache_path(idx, key);
	sl_file_write_atomic(path, b.buf, b.len, NULL);
	free(path);
	free(key);
	sl_buf_release(&b);
}

/* ---- fetching ---- */

static char *url_for(const struct sl_index *idx, const struct sl_index_release *r)
{
	char *n = sl_http_escape(r->name), *v = sl_http_escape(r->version);
	char *url = sl_xasprintf("%s/pypi/%s/%s/json", idx->base, n, v);

	free(n);
	free(v);
	return url;
}

/* One body: downloaded, revalidated (304) or read from the cache. */
static void settle(const struct sl_index *idx, const struct index_fetch *f, size_t i,
		   struct sl_http_req *q, struct entry *e, struct index_outcome *o)
{
	if (q->result == 0 && q->status != 304) {
		o->result = f->parse(f->ctx, i, q->url, q->body.buf, q->body.len, &o->err);
		if (o->result == 0)
			cache_store(idx, q->url, q->etag, &q->body);
		return;
	}
	if (e->ok && (q->result == 0 || q->result == SL_ENET)) {
		/* 304, or the network failed and the cache still answers */
		o->from_cache = true;
		o->result = f->parse(f->ctx, i, q->url, e->body, e->body_len, &o->err);
		return;
	}
	if (q->result == 0)
		q->result = sl_error(&q->err, SL_ENET, "%s: 304 without a cached copy", q->url);
	o->result = q->result;
	o->err = q->err;
}

static void offline_one(const struct index_fetch *f, size_t i, const char *url, struct entry *e,
			struct index_outcome *o)
{
	if (e->ok) {
		o->from_cache = true;
		o->result = f->parse(f->ctx, i, url, e->body, e->body_len, &o->err);
	} else {
		o->result = sl_error(&o->err, SL_ENOTFOUND,
				     "'%s' is not in the index cache (offline)", f->labels[i]);
	}
}

int index_fetch_bodies(struct sl_index *idx, const struct index_fetch *f, size_t n,
		       struct index_outcome *out)
{
	struct sl_http_req *reqs = sl_xcalloc(n ? n : 1, sizeof(*reqs));
	struct entry *ents = sl_xcalloc(n ? n : 1, sizeof(*ents));
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		cache_load(idx, f->urls[i], &ents[i]);
		sl_http_req_init(&reqs[i], f->urls[i]);
		reqs[i].accept = f->accept ? f->accept : "application/json";
		if (ents[i].ok && *ents[i].etag)
			reqs[i].if_none_match = ents[i].etag;
	}
	if (!idx->offline)
		sl_http_run(idx->http, reqs, n, NULL);
	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		if (idx->offline)
			offline_one(f, i, f->urls[i], &ents[i], &out[i]);
		else
			settle(idx, f, i, &reqs[i], &ents[i], &out[i]);
		if (out[i].result && !rc)
			rc = out[i].result;
		sl_http_req_release(&reqs[i]);
		sl_buf_release(&ents[i].raw);
	}
	free(reqs);
	free(ents);
	return rc;
}

static int parse_release(void *ctx, size_t i, const char *url, const char *body, size_t len,
			 struct sl_err *err)
{
	struct sl_index_release *r = &((struct sl_index_release *)ctx)[i];

	return sl_index_parse(url, body, len, r, err);
}

int sl_index_fetch(struct sl_index *idx, struct sl_index_release *rels, size_t n,
		   struct sl_err *err)
{
	size_t m = n ? n : 1;
	char **urls = sl_xcalloc(m, sizeof(*urls)), **labels = sl_xcalloc(m, sizeof(*labels));
	struct index_outcome *out = sl_xcalloc(m, sizeof(*out));
	struct index_fetch f = {(const char *const *)urls, (const char *const *)labels,
				parse_release, rels, NULL};
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		clear_data(&rels[i]);
		urls[i] = url_for(idx, &rels[i]);
		labels[i] = sl_xasprintf("%s==%s", rels[i].name, rels[i].version);
	}
	index_fetch_bodies(idx, &f, n, out);
	for (size_t i = 0; i < n; i++) {
		rels[i].from_cache = out[i].from_cache;
		rels[i].result = out[i].result;
		rels[i].err = out[i].err;
		if (rels[i].result && !rc) {
			rc = rels[i].result;
			if (err)
				*err = rels[i].err;
		}
		free(urls[i]);
		free(labels[i]);
	}
	free(urls);
	free(labels);
	free(out);
	return rc;
}
