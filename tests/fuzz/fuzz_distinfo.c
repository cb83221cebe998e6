/* fuzz_distinfo.c: the site-packages scan on arbitrary bytes, through the
 * real file layer.  The input is cut at "\n%%\n" into: a dist-info
 * directory name, its METADATA, its direct_url.json, an egg-info directory
 * name, its PKG-INFO, its requires.txt, and an egg-info file's PKG-INFO;
 * they are written into a fresh directory that is then scanned and turned
 * into lockfile evidence.  Names stay inside the directory ('/' and NUL
 * become '_').  Every distribution found has a name and a version. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/distinfo.h"
#include "spacelock/evidence.h"
#include "spacelock/mem.h"

enum { P_DIST, P_METADATA, P_DIRECT, P_EGG, P_PKGINFO, P_REQUIRES, P_EGGFILE, P_N };

static char root[] = "/tmp/fuzz-distinfo-XXXXXX";
static char *made[16];
static size_t nmade;

/* A directory entry name from input bytes, ending in suffix. */
static char *entry_name(const char *p, size_t n, const char *suffix)
{
	char buf[81];

	if (n > 80)
		n = 80;
	for (size_t i = 0; i < n; i++)
		buf[i] = p[i] == '/' || p[i] == '\0' || p[i] == '\n' ? '_' : p[i];
	buf[n] = '\0';
	return sl_xasprintf("%s%s", buf, suffix);
}

static void put(const char *path, const char *p, size_t n)
{
	FILE *fp = fopen(path, "wb");

	if (fp) {
		fwrite(p, 1, n, fp);
		fclose(fp);
		made[nmade++] = sl_xstrdup(path);
	}
}

static char *mkdir_in(const char *name)
{
	char *d = sl_xasprintf("%s/%s", root, name);

	if (mkdir(d, 0700) != 0) {
		free(d);
		return NULL;
	}
	return d;
}

static void cleanup(char **dirs, size_t n)
{
	for (size_t i = 0; i < nmade; i++) {
		unlink(made[i]);
		free(made[i]);
	}
	nmade = 0;
	for (size_t i = 0; i < n; i++) {
		if (dirs[i])
			rmdir(dirs[i]);
		free(dirs[i]);
	}
}

static void remove_root(void)
{
	rmdir(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *part[P_N] = {0}, *p = (const char *)data, *end = p + size;
	size_t len[P_N] = {0};
	char *dirs[2] = {NULL, NULL}, *name, *f;
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	struct sl_err err = {0};

	static int ready;

	if (!ready) {
		if (!mkdtemp(root))
			abort();
		atexit(remove_root);
		ready = 1;
	}
	for (int i = 0; i < P_N && p <= end; i++) {
		const char *sep = memmem(p, (size_t)(end - p), "\n%%\n", 4);
		part[i] = p;
		len[i] = sep ? (size_t)(sep - p) : (size_t)(end - p);
		p = sep ? sep + 4 : end + 1;
	}
	name = entry_name(part[P_DIST] ? part[P_DIST] : "", len[P_DIST], ".dist-info");
	if ((dirs[0] = mkdir_in(name)) != NULL) {
		f = sl_xasprintf("%s/METADATA", dirs[0]);
		put(f, part[P_METADATA] ? part[P_METADATA] : "", len[P_METADATA]);
		free(f);
		if (part[P_DIRECT]) {
			f = sl_xasprintf("%s/direct_url.json", dirs[0]);
			put(f, part[P_DIRECT], len[P_DIRECT]);
			free(f);
		}
	}
	free(name);
	if (part[P_EGG]) {
		name = entry_name(part[P_EGG], len[P_EGG], ".egg-info");
		if ((dirs[1] = mkdir_in(name)) != NULL) {
			f = sl_xasprintf("%s/PKG-INFO", dirs[1]);
			put(f, part[P_PKGINFO] ? part[P_PKGINFO] : "", len[P_PKGINFO]);
			free(f);
			if (part[P_REQUIRES]) {
				f = sl_xasprintf("%s/requires.txt", dirs[1]);
				put(f, part[P_REQUIRES], len[P_REQUIRES]);
				free(f);
			}
		}
		free(name);
	}
	if (part[P_EGGFILE]) {
		f = sl_xasprintf("%s/legacy-1.0-py3.11.egg-info", root);
		put(f, part[P_EGGFILE], len[P_EGGFILE]);
		free(f);
	}
	if (sl_distinfo_scan(root, &l, &err) == 0) {
		for (size_t i = 0; i < l.n; i++)
			if (!l.v[i].meta.name || !l.v[i].meta.version || !l.v[i].canonical)
				abort();
		sl_distinfo_to_obs(&l, &obs);
	}
	sl_obs_list_release(&obs);
	sl_dist_list_release(&l);
	cleanup(dirs, 2);
	return 0;
}
