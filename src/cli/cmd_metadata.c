/* cmd_metadata.c: `spacelock metadata`, a plumbing verb that prints the core
 * metadata spacelock reads from a dist-info / egg-info, a METADATA or
 * PKG-INFO file, a wheel or an sdist; with --scan, every distribution of a
 * site-packages directory; with --wheels, the index of a folder of files. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "spacelock/archive.h"
#include "spacelock/buf.h"
#include "spacelock/distinfo.h"
#include "spacelock/jsonw.h"
#include "spacelock/metadata.h"
#include "spacelock/name.h"

const char cmd_metadata_summary[] = "print the core metadata of installed or archived packages";

const char cmd_metadata_usage[] =
    "usage: spacelock metadata [--json] PATH\n"
    "       spacelock metadata [--json] --scan SITE-PACKAGES\n"
    "       spacelock metadata [--json] --wheels DIR\n\n"
    "Prints the core metadata spacelock reads (Name, Version, Requires-Dist,\n"
    "Requires-Python, Provides-Extra) from PATH: a .dist-info or .egg-info, a\n"
    "METADATA or PKG-INFO file, a wheel (.whl) or an sdist (.tar.gz, .zip, ...).\n\n"
    "  --scan DIR    every installed distribution of a site-packages directory,\n"
    "                one 'name==version' line each (as pip freeze spells them)\n"
    "  --wheels DIR  the wheels and sdists of a folder, by canonical name and version\n"
    "  --json        the same as JSON\n";

/* The metadata fields as members of the current object. */
static void json_meta(struct sl_jsonw *w, const struct sl_metadata *m, const char *source)
{
	char *canonical = sl_name_canonical(m->name);

	sl_jsonw_field_string(w, "name", m->name);
	sl_jsonw_field_string(w, "canonical", canonical);
	sl_jsonw_field_string(w, "version", m->version);
	sl_jsonw_field_string(w, "metadata_version", m->metadata_version);
	sl_jsonw_field_string(w, "requires_python", m->requires_python);
	sl_jsonw_field_strings(w, "requires_dist", m->requires_dist, m->n_requires_dist);
	sl_jsonw_field_strings(w, "provides_extra", m->provides_extra, m->n_provides_extra);
	sl_jsonw_field_strings(w, "provides_dist", m->provides_dist, m->n_provides_dist);
	sl_jsonw_field_string(w, "source", source);
	sl_jsonw_field_int(w, "version_line", (long long)m->version_line);
	sl_jsonw_field_bool(w, "requires_dist_unknown", m->requires_dist_unknown);
	free(canonical);
}

static const char *kind_name(enum sl_dist_kind k)
{
	return k == SL_DIST_DIST_INFO	   ? "dist-info"
	       : k == SL_DIST_EGG_INFO_DIR ? "egg-info"
					   : "egg-info-file";
}

static void json_direct_url(struct sl_jsonw *w, const struct sl_dist *d)
{
	sl_jsonw_key(w, "direct_url");
	if (!d->has_direct_url) {
		sl_jsonw_null(w);
		return;
	}
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "url", d->direct.url);
	sl_jsonw_field_string(w, "vcs", d->direct.vcs);
	sl_jsonw_field_string(w, "commit_id", d->direct.commit_id);
	sl_jsonw_field_string(w, "requested_revision", d->direct.requested_revision);
	sl_jsonw_field_bool(w, "editable", d->direct.editable);
	sl_jsonw_object_end(w);
}

static void json_dist(struct sl_jsonw *w, const struct sl_dist *d)
{
	sl_jsonw_object_begin(w);
	json_meta(w, &d->meta, d->metadata_path);
	sl_jsonw_field_string(w, "kind", kind_name(d->kind));
	sl_jsonw_field_bool(w, "requested", d->requested);
	json_direct_url(w, d);
	sl_jsonw_object_end(w);
}

static void text_field(struct sl_buf *b, const char *key, const char *v)
{
	if (v)
		sl_buf_addf(b, "%s: %s\n", key, v);
}

static void text_meta(struct sl_buf *b, const struct sl_metadata *m)
{
	text_field(b, "Metadata-Version", m->metadata_version);
	text_field(b, "Name", m->name);
	text_field(b, "Version", m->version);
	text_field(b, "Requires-Python", m->requires_python);
	for (size_t i = 0; i < m->n_requires_dist; i++)
		text_field(b, "Requires-Dist", m->requires_dist[i]);
	for (size_t i = 0; i < m->n_provides_extra; i++)
		text_field(b, "Provides-Extra", m->provides_extra[i]);
	for (size_t i = 0; i < m->n_provides_dist; i++)
		text_field(b, "Provides-Dist", m->provides_dist[i]);
	if (m->dynamic_requires_dist)
		text_field(b, "Dynamic", "Requires-Dist");
}

static void text_direct_url(struct sl_buf *b, const struct sl_dist *d)
{
	if (!d->has_direct_url)
		return;
	text_field(b, "Direct-URL", d->direct.url);
	text_field(b, "VCS", d->direct.vcs);
	text_field(b, "VCS-Commit", d->direct.commit_id);
	if (d->direct.editable)
		sl_buf_addstr(b, "Editable: true\n");
}

/* A failed write to stdout is reported by main, once. */
static int print_buf(struct sl_buf *b)
{
	cli_print(b->buf, b->len);
	sl_buf_release(b);
	return 0;
}

static bool is_dist_path(const char *path, const struct stat *st)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	return S_ISDIR(st->st_mode) || (n > 9 && strncmp(path + n - 9, ".egg-info", 9) == 0);
}

static int show_dist(const char *path, struct sl_cli *cli)
{
	struct sl_dist d;
	struct sl_err err = {0};
	struct sl_buf b = SL_BUF_INIT;

	if (sl_distinfo_read_one(path, &d, &err) < 0)
		return cli_fail_input(cli, &err);
	if (cli->json) {
		struct sl_jsonw w;
		sl_jsonw_init(&w, &b);
		json_dist(&w, &d);
		sl_buf_addch(&b, '\n');
	} else {
		text_meta(&b, &d.meta);
		text_direct_url(&b, &d);
	}
	sl_dist_release(&d);
	return print_buf(&b);
}

static int show_file(const char *path, struct sl_cli *cli)
{
	struct sl_metadata m;
	struct sl_err err = {0};
	struct sl_buf b = SL_BUF_INIT;
	int rc;

	sl_metadata_init(&m);
	if (sl_archive_kind_of(path) != SL_ARCHIVE_UNKNOWN)
		rc = sl_archive_read_metadata(path, &m, &err);
	else
		rc = sl_metadata_read_file(path, &m, &err);
	if (rc < 0)
		return cli_fail_input(cli, &err);
	if (cli->json) {
		struct sl_jsonw w;
		sl_jsonw_init(&w, &b);
		sl_jsonw_object_begin(&w);
		json_meta(&w, &m, path);
		sl_jsonw_object_end(&w);
		sl_buf_addch(&b, '\n');
	} else {
		text_meta(&b, &m);
	}
	sl_metadata_release(&m);
	return print_buf(&b);
}

static int show_path(const char *path, struct sl_cli *cli)
{
	struct stat st;
	struct sl_err err = {0};

	if (stat(path, &st) != 0) {
		sl_error(&err, SL_ENOTFOUND, "cannot read '%s': no such file or directory", path);
		return cli_fail_input(cli, &err);
	}
	if (is_dist_path(path, &st))
		return show_dist(path, cli);
	return show_file(path, cli);
}

/* pip freeze's spelling: name==version, or name @ url for direct URLs. */
static void text_freeze_line(struct sl_buf *b, const struct sl_dist *d)
{
	const struct sl_direct_url *u = &d->direct;

	if (d->has_direct_url && u->vcs && u->url && u->commit_id)
		sl_buf_addf(b, "%s @ %s+%s@%s\n", d->meta.name, u->vcs, u->url, u->commit_id);
	else if (d->has_direct_url && u->url && !u->editable)
		sl_buf_addf(b, "%s @ %s\n", d->meta.name, u->url);
	else
		sl_buf_addf(b, "%s==%s\n", d->meta.name, d->meta.version);
}

static int scan(const char *dir, struct sl_cli *cli)
{
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	struct sl_err err = {0};
	struct sl_buf b = SL_BUF_INIT;

	if (sl_distinfo_scan(dir, &l, &err) < 0)
		return cli_fail_input(cli, &err);
	for (size_t i = 0; i < l.n_warnings; i++)
		cli_warn(cli, "%s", l.warnings[i]);
	if (cli->json) {
		struct sl_jsonw w;
		sl_jsonw_init(&w, &b);
		sl_jsonw_object_begin(&w);
		sl_jsonw_key(&w, "distributions");
		sl_jsonw_array_begin(&w);
		for (size_t i = 0; i < l.n; i++)
			json_dist(&w, &l.v[i]);
		sl_jsonw_array_end(&w);
		sl_jsonw_field_strings(&w, "warnings", l.warnings, l.n_warnings);
		sl_jsonw_object_end(&w);
		sl_buf_addch(&b, '\n');
	} else {
		for (size_t i = 0; i < l.n; i++)
			text_freeze_line(&b, &l.v[i]);
	}
	sl_dist_list_release(&l);
	return print_buf(&b);
}

static void json_wheels(struct sl_buf *b, const struct sl_dist_file_list *l)
{
	struct sl_jsonw w;

	sl_jsonw_init(&w, b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_key(&w, "files");
	sl_jsonw_array_begin(&w);
	for (size_t i = 0; i < l->n; i++) {
		const struct sl_dist_file *f = &l->v[i];
		sl_jsonw_object_begin(&w);
		sl_jsonw_field_string(&w, "canonical", f->canonical);
		sl_jsonw_field_string(&w, "version", f->version);
		sl_jsonw_field_string(&w, "kind", f->kind == SL_ARCHIVE_WHEEL ? "wheel" : "sdist");
		sl_jsonw_field_string(&w, "filename", f->filename);
		sl_jsonw_object_end(&w);
	}
	sl_jsonw_array_end(&w);
	sl_jsonw_object_end(&w);
	sl_buf_addch(b, '\n');
}

static void text_wheels(struct sl_buf *b, const struct sl_dist_file_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct sl_dist_file *f = &l->v[i];
		sl_buf_addf(b, "%s %s %s %s\n", f->canonical, f->version,
			    f->kind == SL_ARCHIVE_WHEEL ? "wheel" : "sdist", f->filename);
	}
}

static int wheels(const char *dir, struct sl_cli *cli)
{
	struct sl_dist_file_list l = SL_DIST_FILE_LIST_INIT;
	struct sl_err err = {0};
	struct sl_buf b = SL_BUF_INIT;

	if (sl_archive_index_dir(dir, &l, &err) < 0)
		return cli_fail_input(cli, &err);
	if (cli->json)
		json_wheels(&b, &l);
	else
		text_wheels(&b, &l);
	sl_dist_file_list_release(&l);
	return print_buf(&b);
}

int cmd_metadata(int argc, char **argv, struct sl_cli *cli)
{
	static const struct option opts[] = {
	    {"scan", required_argument, NULL, 's'},
	    {"wheels", required_argument, NULL, 'w'},
	    {NULL, 0, NULL, 0},
	};
	const char *scan_dir = NULL, *wheel_dir = NULL;
	int c;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 's': scan_dir = optarg; break;
		case 'w': wheel_dir = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if ((scan_dir != NULL) + (wheel_dir != NULL) + (optind < argc) != 1 || argc - optind > 1)
		return cli_usage(cli, "give one PATH, or --scan DIR, or --wheels DIR");
	if (scan_dir)
		return scan(scan_dir, cli);
	if (wheel_dir)
		return wheels(wheel_dir, cli);
	return show_path(argv[optind], cli);
}
