/* t_distinfo.c: site-packages scans over real dist-info / egg-info copied
 * from this machine's Python environments (tests/fixtures/site-packages). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/distinfo.h"
#include "spacelock/mem.h"
#include "test.h"

#define SP "tests/fixtures/site-packages/"

static bool has_warning(const struct sl_dist_list *l, const char *needle)
{
	for (size_t i = 0; i < l->n_warnings; i++)
		if (strstr(l->warnings[i], needle))
			return true;
	return false;
}

static void test_real(void)
{
	static const char *const order[] = {"cryptography",	 "jsonschema", "pyjwt",
					    "python-dateutil",	 "requests",   "six",
					    "typing-extensions", "wsgiref",    "yq"};
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	struct sl_err err = {0};
	const struct sl_dist *d;

	CHECK(sl_distinfo_scan(SP "real", &l, &err) == 0, "scan: %s", err.msg);
	CHECK(l.n == 9, "nine distributions, got %zu", l.n);
	for (size_t i = 0; i < l.n && i < 9; i++)
		CHECK_STR(l.v[i].canonical, order[i], "sorted by canonical name");
	CHECK(l.n_warnings == 0, "no warnings, got %zu", l.n_warnings);

	d = sl_dist_list_find(&l, "pyjwt");
	CHECK(d && d->kind == SL_DIST_EGG_INFO_DIR, "PyJWT is an egg-info directory");
	if (d) {
		CHECK_STR(d->meta.name, "PyJWT", "name as written");
		CHECK_STR(d->metadata_path, SP "real/PyJWT-2.6.0.egg-info/PKG-INFO",
			  "metadata path");
		/* requires.txt converted the way pip converts it */
		CHECK_STR(d->meta.requires_dist[0], "cryptography>=3.4.0 ; extra == \"crypto\"",
			  "requires.txt section");
		CHECK(d->meta.n_requires_dist == 13, "13 requirements, got %zu",
		      d->meta.n_requires_dist);
	}
	d = sl_dist_list_find(&l, "wsgiref");
	CHECK(d && d->kind == SL_DIST_EGG_INFO_FILE, "wsgiref.egg-info is a file");
	if (d)
		CHECK_STR(d->meta.version, "0.1.2", "egg-info file version");
	d = sl_dist_list_find(&l, "python-dateutil");
	CHECK(d && d->meta.n_requires_dist == 1 && d->meta.version_line == 3, "dateutil metadata");
	if (d) {
		CHECK_STR(d->meta.requires_dist[0], "six >=1.5", "requirement as written");
		CHECK_STR(d->meta.requires_python, "!=3.0.*,!=3.1.*,!=3.2.*,>=2.7",
			  "requires-python");
	}
	CHECK(sl_dist_list_find(&l, "python_dateutil") == NULL, "find takes canonical names");
	CHECK(sl_dist_list_find(&l, "zzz") == NULL && sl_dist_list_find(&l, "aaa") == NULL,
	      "absent names");
	sl_dist_list_release(&l);
	CHECK(l.n == 0 && l.v == NULL, "released list is empty");
}

static void test_direct(void)
{
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	struct sl_err err = {0};
	const struct sl_dist *d;

	CHECK(sl_distinfo_scan(SP "direct", &l, &err) == 0, "scan: %s", err.msg);
	d = sl_dist_list_find(&l, "tinyvcs");
	CHECK(d && d->has_direct_url && d->requested, "tinyvcs has direct_url.json and REQUESTED");
	if (d && d->has_direct_url) {
		CHECK_STR(d->direct.vcs, "git", "vcs");
		CHECK_STR(d->direct.commit_id, "04a31e9c631d1b5dfa102d49dbdf43ea6c328376",
			  "commit");
		CHECK_STR(d->direct.url, "file:///tmp/mdwork/repo", "url");
		CHECK(!d->direct.editable && !d->direct.is_dir, "not a directory install");
	}
	d = sl_dist_list_find(&l, "tiny-local");
	CHECK(d && d->has_direct_url && d->direct.editable && d->direct.is_dir, "editable install");
	if (d) {
		CHECK_STR(d->meta.name, "Tiny.Local", "name as written");
		CHECK(d->direct.vcs == NULL && d->direct.commit_id == NULL,
		      "no vcs for a directory");
	}
	sl_dist_list_release(&l);
}

static void test_broken(void)
{
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	struct sl_err err = {0};
	const struct sl_dist *d;

	CHECK(sl_distinfo_scan(SP "broken", &l, &err) == 0, "broken entries do not fail the scan");
	CHECK(l.n == 4, "badurl, badver, six twice: got %zu", l.n);
	CHECK(l.n_warnings == 6, "six warnings, got %zu", l.n_warnings);
	CHECK(has_warning(&l, "nometa-1.0.dist-info/METADATA"), "missing METADATA named");
	CHECK(has_warning(&l, "noversion-2.0.dist-info/METADATA: no 'Version'"), "no Version");
	CHECK(has_warning(&l, "nul-1.0.dist-info/METADATA:3: NUL byte"), "NUL byte with line");
	CHECK(has_warning(&l, "badurl-1.0.dist-info/direct_url.json:1:38: invalid JSON"),
	      "bad direct_url.json");
	CHECK(has_warning(&l, "'six' is installed twice"), "duplicate project");
	CHECK(has_warning(&l, "badver-1.0.dist-info/METADATA:3: invalid version"),
	      "invalid version warned");
	for (size_t i = 1; i < l.n_warnings; i++)
		CHECK(strcmp(l.warnings[i - 1], l.warnings[i]) < 0, "warnings sorted");
	CHECK(l.n_skipped == 3, "nometa, noversion, nul skipped: got %zu", l.n_skipped);
	if (l.n_skipped == 3) {
		CHECK_STR(l.skipped[0].name, "nometa", "name from the entry");
		CHECK_STR(l.skipped[0].path, SP "broken/nometa-1.0.dist-info", "its path");
		CHECK(strstr(l.skipped[0].why, "nometa-1.0.dist-info/METADATA") != NULL,
		      "why names the file: %s", l.skipped[0].why);
		CHECK_STR(l.skipped[1].name, "noversion", "sorted by path");
		CHECK(strstr(l.skipped[1].why, "no 'Version'") != NULL, "why: %s",
		      l.skipped[1].why);
		CHECK_STR(l.skipped[2].name, "nul", "third");
	}
	d = sl_dist_list_find(&l, "badurl");
	CHECK(d && !d->has_direct_url, "kept without its direct_url.json");
	d = sl_dist_list_find(&l, "badver");
	CHECK(d != NULL, "a dist with an invalid version is kept");
	if (d)
		CHECK_STR(d->meta.version, "not a version!", "as written");
	d = sl_dist_list_find(&l, "six");
	CHECK(d && strcmp(d->meta.version, "1.16.0") == 0 && d[1].meta.version[3] == '7',
	      "both sixes, lower version first");
	sl_dist_list_release(&l);
}

static void test_observe(void)
{
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	struct sl_err err = {0};

	CHECK(sl_distinfo_observe(SP "direct", &obs, &err) == 0, "observe: %s", err.msg);
	CHECK(obs.n == 2, "two observations, got %zu", obs.n);
	if (obs.n == 2) {
		const struct sl_obs *o = &obs.v[1]; /* tiny-local < tinyvcs */
		CHECK_STR(o->name, "tinyvcs", "name");
		CHECK_STR(o->version, "0.3.1", "version");
		CHECK(o->strength == SL_EV_INSTALLED && o->origin == SL_ORIGIN_UNKNOWN, "strength");
		CHECK_STR(o->source, SP "direct/tinyvcs-0.3.1.dist-info/METADATA", "source");
		CHECK(o->line == 3, "Version line, got %lu", o->line);
		CHECK_STR(o->text, "Version: 0.3.1", "text");
		CHECK_STR(o->vcs_url, "git+file:///tmp/mdwork/repo", "pip freeze spelling");
		CHECK_STR(o->vcs_commit, "04a31e9c631d1b5dfa102d49dbdf43ea6c328376", "commit");
		CHECK_STR(obs.v[0].vcs_url, "file:///tmp/mdwork/localpkg", "directory url");
		CHECK(obs.v[0].vcs_commit == NULL, "no commit for a directory");
	}
	sl_obs_list_release(&obs);
	CHECK(sl_distinfo_observe(SP "broken", &obs, &err) == 0, "broken: %s", err.msg);
	CHECK(obs.n == 4, "broken dists skipped, got %zu", obs.n);
	sl_obs_list_release(&obs);
	{
		struct sl_dist_list l = SL_DIST_LIST_INIT;
		CHECK(sl_distinfo_scan(SP "broken", &l, &err) == 0, "scan");
		sl_distinfo_to_obs(&l, &obs);
		CHECK(obs.n == 4 && l.n_warnings == 6, "to_obs: %zu, warnings %zu", obs.n,
		      l.n_warnings);
		sl_dist_list_release(&l);
		sl_obs_list_release(&obs);
	}
	CHECK(sl_distinfo_observe(SP "nonexistent", &obs, &err) == SL_ENOTFOUND, "missing dir");
	CHECK(strstr(err.msg, SP "nonexistent") != NULL, "path in message: %s", err.msg);
}

static void test_read_one(void)
{
	struct sl_dist d;
	struct sl_err err = {0};

	CHECK(sl_distinfo_read_one(SP "real/requests-2.34.2.dist-info", &d, &err) == 0, "%s",
	      err.msg);
	CHECK_STR(d.canonical, "requests", "canonical");
	CHECK(d.kind == SL_DIST_DIST_INFO && !d.has_direct_url, "kind");
	sl_dist_release(&d);
	CHECK(sl_distinfo_read_one(SP "broken/badurl-1.0.dist-info", &d, &err) == SL_EPARSE,
	      "read_one reports a bad direct_url.json");
	CHECK(sl_distinfo_read_one(SP "broken/nometa-1.0.dist-info", &d, &err) == SL_ENOTFOUND,
	      "missing METADATA: %s", err.msg);
	CHECK(sl_distinfo_read_one(SP "none-1.0.dist-info", &d, &err) == SL_ENOTFOUND, "missing");
	CHECK(sl_distinfo_read_one(SP "real/six-1.17.0.dist-info/", &d, &err) == 0,
	      "a trailing slash: %s", err.msg);
	CHECK(d.kind == SL_DIST_DIST_INFO, "still a dist-info");
	sl_dist_release(&d);
	CHECK(sl_distinfo_read_one(SP "real/wsgiref.egg-info", &d, &err) == 0, "%s", err.msg);
	CHECK(d.kind == SL_DIST_EGG_INFO_FILE, "egg-info file");
	sl_dist_release(&d);
}

/* A FIFO planted as METADATA or direct_url.json must not hang the scan. */
static void test_fifo(void)
{
	static const char *const made[] = {
	    "fifo-1.0.dist-info/METADATA", "url-1.0.dist-info/METADATA",
	    "url-1.0.dist-info/direct_url.json", "fifo-1.0.dist-info", "url-1.0.dist-info"};
	char dir[] = "/tmp/t_distinfo_XXXXXX";
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	struct sl_err err = {0};
	char *p[5];
	FILE *fp;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	for (int i = 0; i < 5; i++)
		p[i] = sl_xasprintf("%s/%s", dir, made[i]);
	mkdir(p[3], 0755);
	mkdir(p[4], 0755);
	CHECK(mkfifo(p[0], 0644) == 0 && mkfifo(p[2], 0644) == 0, "mkfifo");
	fp = fopen(p[1], "w");
	if (fp) {
		fputs("Name: url\nVersion: 1.0\n", fp);
		fclose(fp);
	}
	CHECK(sl_distinfo_scan(dir, &l, &err) == 0, "scan: %s", err.msg);
	CHECK(l.n == 1 && !l.v[0].has_direct_url, "url kept without direct_url");
	CHECK(has_warning(&l, "METADATA': not a regular file"), "FIFO METADATA warned");
	CHECK(has_warning(&l, "direct_url.json': not a regular file"), "FIFO json warned");
	sl_dist_list_release(&l);
	for (int i = 0; i < 5; i++) {
		if (i < 3)
			unlink(p[i]);
		else
			rmdir(p[i]);
		free(p[i]);
	}
	rmdir(dir);
}

static void put(const char *dir, const char *name, const char *text)
{
	char *path = sl_xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "w");

	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
	free(path);
}

/* A scan of 600 distributions is read by several threads: every one is
 * found once, in order, with its own direct_url.json (valid, broken or
 * none) and the warnings of the broken ones. */
static void test_many(void)
{
	char dir[] = "/tmp/t_distinfo_XXXXXX";
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	struct sl_err err = {0};
	bool ok = true;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	for (int i = 0; i < 600; i++) {
		char *d = sl_xasprintf("%s/p%03d-1.%d.dist-info", dir, i, i);
		char *meta = sl_xasprintf("Name: p%03d\nVersion: 1.%d\n\n", i, i);
		char *url = sl_xasprintf("{\"url\": \"file:///src/p%03d\", \"dir_info\": {}}", i);
		mkdir(d, 0755);
		put(d, "METADATA", i % 100 == 7 ? "Version: 1.0\n" : meta);
		if (i % 3 == 0)
			put(d, "direct_url.json", i % 9 == 0 ? "{\"url\": " : url);
		free(d);
		free(meta);
		free(url);
	}
	CHECK(sl_distinfo_scan(dir, &l, &err) == 0, "scan: %s", err.msg);
	CHECK(l.n == 594 && l.n_skipped == 6, "594 read, 6 skipped: %zu, %zu", l.n, l.n_skipped);
	for (size_t k = 0, i = 0; k < l.n && i < 600; k++, i++) {
		char name[8], url[32];
		if (i % 100 == 7)
			i++;
		snprintf(name, sizeof(name), "p%03zu", i);
		snprintf(url, sizeof(url), "file:///src/p%03zu", i);
		bool want_url = i % 3 == 0 && i % 9 != 0;
		ok = ok && strcmp(l.v[k].canonical, name) == 0 &&
		     l.v[k].has_direct_url == want_url &&
		     (!want_url || strcmp(l.v[k].direct.url, url) == 0);
	}
	CHECK(ok, "each distribution with its own direct_url.json");
	/* 66 broken direct_url.json (i % 9 == 0, but for the skipped p207),
	 * 6 METADATA without a name */
	CHECK(l.n_warnings == 72, "warnings: %zu", l.n_warnings);
	sl_dist_list_release(&l);
	char *cmd = sl_xasprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0, "cleanup");
	free(cmd);
}

int main(void)
{
	test_fifo();
	test_real();
	test_direct();
	test_broken();
	test_observe();
	test_read_one();
	test_many();
	return t_done();
}
