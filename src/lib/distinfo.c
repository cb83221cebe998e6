/* distinfo.c: installed distributions of a site-packages directory
 * (dist-info, egg-info directories and files, PEP 610 direct_url.json). */
#include "spacelock/distinfo.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/version.h"
#include "spacelock/json.h"

#define DIRECT_URL_MAX ((size_t)1 << 20)
#define REQUIRES_TXT_MAX ((size_t)4 << 20)

static void direct_url_release(struct sl_direct_url *u)
{
	free(u->url);
	free(u->vcs);
	free(u->commit_id);
	free(u->requested_revision);
	memset(u, 0, sizeof(*u));
}

void sl_dist_release(struct sl_dist *d)
{
	if (!d)
		return;
	sl_metadata_release(&d->meta);
	free(d->canonical);
	free(d->path);
	free(d->metadata_path);
	direct_url_release(&d->direct);
	memset(d, 0, sizeof(*d));
}

void sl_dist_list_release(struct sl_dist_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		sl_dist_release(&l->v[i]);
	for (size_t i = 0; i < l->n_warnings; i++)
		free(l->warnings[i]);
	for (size_t i = 0; i < l->n_skipped; i++) {
		free(l->skipped[i].path);
		free(l->skipped[i].name);
		free(l->skipped[i].why);
	}
	free(l->v);
	free(l->warnings);
	free(l->skipped);
	memset(l, 0, sizeof(*l));
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && strncasecmp(s + len - n, suffix, n) == 0;
}

/* dir/name on the heap: called for every file of every distribution, where
 * a formatted print costs more than the rest of the path handling. */
static char *path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = sl_xmalloc(a + b + 2);

	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

/* Where a distribution's files are opened: rel, relative to the directory
 * dfd (a scan's site-packages, so the kernel walks two components per file
 * instead of the whole path; AT_FDCWD and the path itself for one
 * distribution named on the command line). */
struct dist_at {
	int dfd;
	const char *rel;
};

/* 0 when the file name of the distribution at does not exist, 1 for a
 * regular file, or an error for anything else (a FIFO or a directory must
 * not be opened); path names it in messages. */
static int regular_file(const struct dist_at *at, const char *name, const char *path,
			struct sl_err *err)
{
	struct stat st;
	char *rel = path_join(at->rel, name);
	int rc = fstatat(at->dfd, rel, &st, 0);

	free(rel);
	if (rc != 0)
		return errno == ENOENT
			   ? 0
			   : sl_error(err, SL_EIO, "cannot read '%s': %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return sl_error(err, SL_EIO, "cannot read '%s': not a regular file", path);
	return 1;
}

static char *json_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) && v->valuestring ? sl_xstrdup(v->valuestring) : NULL;
}

static void fill_direct_url(const cJSON *root, struct sl_direct_url *u)
{
	const cJSON *vcs = cJSON_GetObjectItemCaseSensitive(root, "vcs_info");
	const cJSON *dir = cJSON_GetObjectItemCaseSensitive(root, "dir_info");

	u->url = json_str(root, "url");
	if (cJSON_IsObject(vcs)) {
		u->vcs = json_str(vcs, "vcs");
		u->commit_id = json_str(vcs, "commit_id");
		u->requested_revision = json_str(vcs, "requested_revision");
	}
	if (cJSON_IsObject(dir)) {
		u->is_dir = true;
		u->editable = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(dir, "editable"));
	}
	u->is_archive = cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "archive_info"));
}

/* "PATH:LINE:COL: not a PEP 610 object with a "url" string", placed at
 * the "url" key when there is one, else where the document starts. */
static int not_pep610(const char *path, const struct sl_buf *text, bool object, struct sl_err *err)
{
	const struct sl_json_origin at = {path, 1, 1};
	size_t off = object ? sl_json_key_offset(text->buf, text->len, "url") : text->len;

	if (off == text->len)
		off = strspn(text->buf, " \t\r\n");
	return sl_json_error_at(err, SL_EPARSE, &at, text->buf, off,
				"not a PEP 610 object with a \"url\" string");
}

/* Reads and parses <dist-info>/direct_url.json, known to be a regular
 * file.  Not thread-safe: cJSON records a failed parse in a global. */
static int parse_direct_url(struct sl_dist *d, struct sl_err *err)
{
	char *path = path_join(d->path, "direct_url.json");
	struct sl_buf b = SL_BUF_INIT;
	cJSON *root;
	int rc = sl_file_read(path, DIRECT_URL_MAX, &b, err);

	if (rc < 0)
		goto out;
	root = sl_json_parse(b.buf, b.len, path, err); /* "PATH:LINE:COL: invalid JSON" */
	if (!root) {
		rc = SL_EPARSE;
	} else if (!cJSON_IsObject(root) ||
		   !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "url"))) {
		rc = not_pep610(path, &b, cJSON_IsObject(root), err);
	} else {
		fill_direct_url(root, &d->direct);
		d->has_direct_url = true;
	}
	cJSON_Delete(root);
out:
	sl_buf_release(&b);
	free(path);
	return rc;
}

/* 1 when <dist-info>/direct_url.json is a regular file, 0 when there is
 * none, or an error. */
static int probe_direct_url(const struct sl_dist *d, const struct dist_at *at, struct sl_err *err)
{
	char *path = path_join(d->path, "direct_url.json");
	int rc = regular_file(at, "direct_url.json", path, err);

	free(path);
	return rc;
}

/* Reads <dist-info>/direct_url.json when it exists.  Returns 0 also when
 * there is none (has_direct_url stays false). */
static int read_direct_url(struct sl_dist *d, const struct dist_at *at, struct sl_err *err)
{
	int rc = probe_direct_url(d, at, err);

	return rc <= 0 ? rc : parse_direct_url(d, err);
}

/* Egg-info directories keep their requirements in requires.txt; pip reads
 * it only when PKG-INFO has no Requires-Dist. */
static int read_requires_txt(struct sl_dist *d, const struct dist_at *at, struct sl_err *err)
{
	char *path;
	struct sl_buf b = SL_BUF_INIT;
	int rc = 0;

	if (d->meta.n_requires_dist > 0)
		return 0;
	path = path_join(d->path, "requires.txt");
	rc = regular_file(at, "requires.txt", path, err);
	if (rc > 0) {
		rc = sl_file_read(path, REQUIRES_TXT_MAX, &b, err);
		if (rc == 0)
			rc = sl_metadata_add_requires_txt(&d->meta, b.buf, b.len, path, err);
	}
	sl_buf_release(&b);
	free(path);
	return rc;
}

/* Reads the metadata of one distribution of a known kind into a zeroed *d;
 * direct_url.json is left to the caller. */
static int read_dist(const struct dist_at *at, const char *path, enum sl_dist_kind kind,
		     struct sl_dist *d, struct sl_err *err)
{
	const char *file = kind == SL_DIST_DIST_INFO ? "METADATA" : "PKG-INFO";
	char *rel = kind == SL_DIST_EGG_INFO_FILE ? sl_xstrdup(at->rel) : path_join(at->rel, file);
	int rc;

	d->kind = kind;
	d->path = sl_xstrdup(path);
	if (kind == SL_DIST_EGG_INFO_FILE)
		d->metadata_path = sl_xstrdup(path);
	else
		d->metadata_path = path_join(path, file);
	rc = sl_metadata_read_fileat(at->dfd, rel, d->metadata_path, &d->meta, err);
	free(rel);
	if (rc == 0 && kind == SL_DIST_EGG_INFO_DIR)
		rc = read_requires_txt(d, at, err);
	if (rc < 0)
		return rc;
	d->canonical = sl_name_canonical(d->meta.name);
	if (kind == SL_DIST_DIST_INFO) {
		char *req = path_join(at->rel, "REQUESTED");
		d->requested = faccessat(at->dfd, req, F_OK, 0) == 0;
		free(req);
	}
	return 0;
}

int sl_distinfo_read_one(const char *path, struct sl_dist *d, struct sl_err *err)
{
	struct stat st;
	size_t len = strlen(path);
	enum sl_dist_kind kind;
	struct dist_at at = {AT_FDCWD, NULL};
	char *trimmed;
	int rc;

	memset(d, 0, sizeof(*d));
	while (len > 1 && path[len - 1] == '/') /* "x.dist-info/" from tab completion */
		len--;
	if (stat(path, &st) != 0)
		return sl_error(err, errno == ENOENT ? SL_ENOTFOUND : SL_EIO,
				"cannot read '%s': %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode) && ends_with(path, len, ".dist-info"))
		kind = SL_DIST_DIST_INFO;
	else if (S_ISDIR(st.st_mode))
		kind = SL_DIST_EGG_INFO_DIR;
	else
		kind = SL_DIST_EGG_INFO_FILE;
	trimmed = sl_xstrndup(path, len);
	at.rel = trimmed;
	rc = read_dist(&at, trimmed, kind, d, err);
	if (rc == 0 && kind == SL_DIST_DIST_INFO)
		rc = read_direct_url(d, &at, err);
	if (rc < 0)
		sl_dist_release(d);
	free(trimmed);
	return rc;
}

static void add_warning(struct sl_dist_list *l, char *msg)
{
	sl_xgrow((void **)&l->warnings, &l->cap_warnings, l->n_warnings + 1, sizeof(char *));
	l->warnings[l->n_warnings++] = msg;
}

/* The kind of a directory entry from its name and d_type, or -1 to skip. */
static int entry_kind(const char *dir, const struct dirent *e)
{
	size_t len = strlen(e->d_name);
	bool dist = ends_with(e->d_name, len, ".dist-info");
	unsigned char type = e->d_type;

	if (!dist && !ends_with(e->d_name, len, ".egg-info"))
		return -1;
	if (type == DT_UNKNOWN || type == DT_LNK) {
		struct stat st;
		char *p = path_join(dir, e->d_name);
		int ok = stat(p, &st);
		free(p);
		if (ok != 0)
			return -1;
		type = S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
	}
	if (type == DT_DIR)
		return dist ? SL_DIST_DIST_INFO : SL_DIST_EGG_INFO_DIR;
	return dist ? -1 : SL_DIST_EGG_INFO_FILE;
}

/* Kept as written (pip lists it too), but check needs PEP 440. */
static void warn_bad_version(const struct sl_dist *d, struct sl_dist_list *out)
{
	struct sl_version *v = NULL;
	struct sl_err e = {0};

	if (sl_version_parse(d->meta.version, &v, &e) < 0)
		add_warning(out, sl_xasprintf("%s:%lu: %s (kept as written)", d->metadata_path,
					      d->meta.version_line, e.msg));
	sl_version_free(v);
}

/* "Foo_Bar-1.0.dist-info" names Foo_Bar; NULL when nothing precedes the
 * first '-' or the suffix. */
static char *entry_project(const char *entry)
{
	size_t n = strcspn(entry, "-");
	const char *dot = strrchr(entry, '.');

	if (dot && (size_t)(dot - entry) < n)
		n = (size_t)(dot - entry);
	return n ? sl_xstrndup(entry, n) : NULL;
}

static void add_skipped(struct sl_dist_list *l, const char *path, const char *entry,
			const char *why)
{
	struct sl_dist_skipped *k;

	sl_xgrow((void **)&l->skipped, &l->cap_skipped, l->n_skipped + 1, sizeof(*l->skipped));
	k = &l->skipped[l->n_skipped++];
	k->path = sl_xstrdup(path);
	k->name = entry_project(entry);
	k->why = sl_xstrdup(why);
}

/* One distribution of a scan: read by a worker, then added to the list in
 * the order the directory listed them (the list is sorted afterwards). */
struct scan_job {
	char *name;
	enum sl_dist_kind kind;
	char *path;
	struct sl_dist d;
	char *skip_why;	   /* the metadata could not be read: skipped */
	char *direct_warn; /* direct_url.json was ignored */
	bool direct;	   /* direct_url.json is there, to be parsed */
};

struct scan_work {
	const char *dir;
	int dfd;
	struct scan_job *jobs;
	size_t n;
	atomic_size_t next;
};

static void read_job(const struct scan_work *w, struct scan_job *j)
{
	const struct dist_at at = {w->dfd, j->name};
	struct sl_err e = {0};

	j->path = path_join(w->dir, j->name);
	memset(&j->d, 0, sizeof(j->d));
	if (read_dist(&at, j->path, j->kind, &j->d, &e) < 0) {
		j->skip_why = sl_xstrdup(e.msg);
		sl_dist_release(&j->d);
	} else if (j->kind == SL_DIST_DIST_INFO) {
		int rc = probe_direct_url(&j->d, &at, &e);
		if (rc < 0)
			j->direct_warn = sl_xstrdup(e.msg);
		j->direct = rc > 0;
	}
}

static void *scan_worker(void *arg)
{
	struct scan_work *w = arg;
	size_t i;

	while ((i = atomic_fetch_add(&w->next, 1)) < w->n)
		read_job(w, &w->jobs[i]);
	return NULL;
}

/* Most of a scan is the kernel's (open, read, close and two probes per
 * distribution), so the distributions are read by a few threads. */
#define SCAN_THREADS_MAX 4
#define SCAN_PER_THREAD 128

static void read_jobs(struct scan_work *w)
{
	pthread_t t[SCAN_THREADS_MAX];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = w->n / SCAN_PER_THREAD, started = 0;

	if (want > (size_t)(cpus > 1 ? cpus : 1))
		want = (size_t)(cpus > 1 ? cpus : 1);
	if (want > SCAN_THREADS_MAX)
		want = SCAN_THREADS_MAX;
	while (started + 1 < want && pthread_create(&t[started], NULL, scan_worker, w) == 0)
		started++;
	scan_worker(w); /* this thread is one of the workers */
	while (started > 0)
		pthread_join(t[--started], NULL);
}

/* In the scan's own thread: direct_url.json is parsed here, not by the
 * workers, as cJSON keeps the place of a failed parse in a global. */
static void add_job(struct scan_job *j, struct sl_dist_list *out)
{
	struct sl_err e = {0};

	if (j->direct && parse_direct_url(&j->d, &e) < 0)
		j->direct_warn = sl_xstrdup(e.msg);
	if (j->skip_why) {
		add_warning(out, sl_xasprintf("skipped '%s': %s", j->path, j->skip_why));
		add_skipped(out, j->path, j->name, j->skip_why);
	} else {
		if (j->direct_warn)
			add_warning(out,
				    sl_xasprintf("ignored direct_url.json: %s", j->direct_warn));
		warn_bad_version(&j->d, out);
		sl_xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = j->d;
	}
	free(j->name);
	free(j->path);
	free(j->skip_why);
	free(j->direct_warn);
}

/* The distributions listed in dir, as jobs. */
static void list_jobs(DIR *dir, const char *site_packages, struct scan_work *w)
{
	size_t cap = 0;
	struct dirent *e;

	while ((e = readdir(dir)) != NULL) {
		int kind = entry_kind(site_packages, e);
		if (kind < 0)
			continue;
		sl_xgrow((void **)&w->jobs, &cap, w->n + 1, sizeof(*w->jobs));
		memset(&w->jobs[w->n], 0, sizeof(*w->jobs));
		w->jobs[w->n].name = sl_xstrdup(e->d_name);
		w->jobs[w->n++].kind = (enum sl_dist_kind)kind;
	}
}

static int cmp_dist(const void *a, const void *b)
{
	const struct sl_dist *x = a, *y = b;
	int c = strcmp(x->canonical, y->canonical);

	if (c == 0)
		c = strcmp(x->meta.version, y->meta.version);
	return c ? c : strcmp(x->path, y->path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_skipped(const void *a, const void *b)
{
	return strcmp(((const struct sl_dist_skipped *)a)->path,
		      ((const struct sl_dist_skipped *)b)->path);
}

static void warn_duplicates(struct sl_dist_list *l, size_t from)
{
	for (size_t i = from + 1; i < l->n; i++)
		if (strcmp(l->v[i - 1].canonical, l->v[i].canonical) == 0)
			add_warning(l, sl_xasprintf("'%s' is installed twice: '%s' and '%s'",
						    l->v[i].canonical, l->v[i - 1].path,
						    l->v[i].path));
}

int sl_distinfo_scan(const char *site_packages, struct sl_dist_list *out, struct sl_err *err)
{
	DIR *dir = opendir(site_packages);
	struct scan_work w = {site_packages, -1, NULL, 0, 0};
	size_t first = out->n, first_skipped = out->n_skipped;

	if (!dir)
		return sl_error(err, errno == ENOENT ? SL_ENOTFOUND : SL_EIO,
				"cannot list '%s': %s", site_packages, strerror(errno));
	list_jobs(dir, site_packages, &w);
	w.dfd = dirfd(dir);
	read_jobs(&w);
	for (size_t i = 0; i < w.n; i++)
		add_job(&w.jobs[i], out);
	free(w.jobs);
	closedir(dir);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v), cmp_dist);
	warn_duplicates(out, first);
	if (out->n_warnings > 1)
		qsort(out->warnings, out->n_warnings, sizeof(char *), cmp_str);
	if (out->n_skipped > first_skipped)
		qsort(out->skipped + first_skipped, out->n_skipped - first_skipped,
		      sizeof(*out->skipped), cmp_skipped);
	return 0;
}

const struct sl_dist *sl_dist_list_find(const struct sl_dist_list *l, const char *canonical)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(l->v[mid].canonical, canonical) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && strcmp(l->v[lo].canonical, canonical) == 0 ? &l->v[lo] : NULL;
}

static void observe_one(const struct sl_dist *d, struct sl_obs_list *obs)
{
	struct sl_obs o = {0};
	char *text = sl_xasprintf("Version: %s", d->meta.version);
	char *url = NULL;

	o.name = d->meta.name;
	o.version = d->meta.version;
	o.strength = SL_EV_INSTALLED;
	o.origin = SL_ORIGIN_UNKNOWN;
	o.source = d->metadata_path;
	o.line = d->meta.version_line;
	o.text = text;
	if (d->has_direct_url && d->direct.vcs && d->direct.url &&
	    strncmp(d->direct.url, d->direct.vcs, strlen(d->direct.vcs)) != 0) {
		url = sl_xasprintf("%s+%s", d->direct.vcs, d->direct.url);
		o.vcs_url = url;
		o.vcs_commit = d->direct.commit_id;
	} else if (d->has_direct_url) {
		o.vcs_url = d->direct.url;
		o.vcs_commit = d->direct.commit_id;
	}
	sl_obs_list_add(obs, &o);
	free(url);
	free(text);
}

void sl_distinfo_to_obs(const struct sl_dist_list *l, struct sl_obs_list *obs)
{
	for (size_t i = 0; i < l->n; i++)
		observe_one(&l->v[i], obs);
}

int sl_distinfo_observe(const char *site_packages, struct sl_obs_list *obs, struct sl_err *err)
{
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	int rc = sl_distinfo_scan(site_packages, &l, err);

	if (rc == 0)
		sl_distinfo_to_obs(&l, obs);
	sl_dist_list_release(&l);
	return rc;
}
