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
#include "spacelock/metadata.h"
#include "spacelock/name.h"
#include "spacelock/textenc.h"

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

static void json_strv(struct sl_buf *b, const char *key, char **v, size_t n)
{
	sl_buf_addf(b, ",\"%s\":[", key);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sl_buf_addch(b, ',');
		sl_utf8_add_json_or_null(b, v[i]);
	}
	sl_buf_addch(b, ']');
}

/* The metadata fields as one JSON object body (no braces). */
static void json_meta(struct sl_buf *b, const struct sl_metadata *m, const char *source)
{
	char *canonical = sl_name_canonical(m->name);

	sl_buf_addstr(b, "\"name\":");
	sl_utf8_add_json_or_null(b, m->name);
	sl_buf_addstr(b, ",\"canonical\":");
	sl_utf8_add_json_or_null(b, canonical);
	sl_buf_addstr(b, ",\"version\":");
	sl_utf8_add_json_or_null(b, m->version);
	sl_buf_addstr(b, ",\"metadata_version\":");
	sl_utf8_add_json_or_null(b, m->metadata_version);
	sl_buf_addstr(b, ",\"requires_python\":");
	sl_utf8_add_json_or_null(b, m->requires_python);
	json_strv(b, "requires_dist", m->requires_dist, m->n_requires_dist);
	json_strv(b, "provides_extra", m->provides_extra, m->n_provides_extra);
	json_strv(b, "provides_dist", m->provides_dist, m->n_provides_dist);
	sl_buf_addstr(b, ",\"source\":");
	sl_utf8_add_json_or_null(b, source);
	sl_buf_addf(b, ",\"version_line\":%lu,\"requires_dist_unknown\":%s", m->version_line,
		    m->requires_dist_unknown ? "true" : "false");
	free(canonical);
}

static const char *kind_name(enum sl_dist_kind k)
{
	return k == SL_DIST_DIST_INFO	   ? "dist-info"
	       : k == SL_DIST_EGG_INFO_DIR ? "egg-info"
					   : "egg-info-file";
}

static void json_dist(struct sl_buf *b, const struct sl_dist *d)
{
	sl_buf_addch(b, '{');
	json_meta(b, &d->meta, d->metadata_path);
	sl_buf_addf(b, ",\"kind\":\"%s\",\"requested\":%s,\"direct_url\":", kind_name(d->kind),
		    d->requested ? "true" : "false");
	if (!d->has_direct_url) {
		sl_buf_addstr(b, "null}");
		return;
	}
	sl_buf_addstr(b, "{\"url\":");
	sl_utf8_add_json_or_null(b, d->direct.url);
	sl_buf_addstr(b, ",\"vcs\":");
	sl_utf8_add_json_or_null(b, d->direct.vcs);
	sl_buf_addstr(b, ",\"commit_id\":");
	sl_utf8_add_json_or_null(b, d->direct.commit_id);
	sl_buf_addstr(b, ",\"requested_revision\":");
	sl_utf8_add_json_or_null(b, d->direct.requested_revision);
	sl_buf_addf(b, ",\"editable\":%s}}", d->direct.editable ? "true" : "false");
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
	if (m->requires_dist_unknown)
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

static int print_buf(struct sl_buf *b)
{
	int rc =
	    fwrite(b->buf, 1, b->len, stdout) == b->len && fflush(stdout) == 0 ? 0 : EXIT_WRITE;
	sl_buf_release(b);
	return rc;
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
		return cli_fail(cli, &err);
	if (cli->json) {
		json_dist(&b, &d);
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
		return cli_fail(cli, &err);
	if (cli->json) {
		sl_buf_addch(&b, '{');
		json_meta(&b, &m, path);
		sl_buf_addstr(&b, "}\n");
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
		return cli_fail(cli, &err);
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
		return cli_fail(cli, &err);
	for (size_t i = 0; i < l.n_warnings; i++)
		cli_warn(cli, "%s", l.warnings[i]);
	if (cli->json) {
		sl_buf_addstr(&b, "{\"distributions\":[");
		for (size_t i = 0; i < l.n; i++) {
			if (i)
				sl_buf_addch(&b, ',');
			json_dist(&b, &l.v[i]);
		}
		sl_buf_addch(&b, ']');
		json_strv(&b, "warnings", l.warnings, l.n_warnings);
		sl_buf_addstr(&b, "}\n");
	} else {
		for (size_t i = 0; i < l.n; i++)
			text_freeze_line(&b, &l.v[i]);
	}
	sl_dist_list_release(&l);
	return print_buf(&b);
}

static int wheels(const char *dir, struct sl_cli *cli)
{
	struct sl_dist_file_list l = SL_DIST_FILE_LIST_INIT;
	struct sl_err err = {0};
	struct sl_buf b = SL_BUF_INIT;

	if (sl_archive_index_dir(dir, &l, &err) < 0)
		return cli_fail(cli, &err);
	if (cli->json)
		sl_buf_addstr(&b, "{\"files\":[");
	for (size_t i = 0; i < l.n; i++) {
		const struct sl_dist_file *f = &l.v[i];
		const char *kind = f->kind == SL_ARCHIVE_WHEEL ? "wheel" : "sdist";
		if (!cli->json) {
			sl_buf_addf(&b, "%s %s %s %s\n", f->canonical, f->version, kind,
				    f->filename);
			continue;
		}
		sl_buf_addstr(&b, i ? ",{\"canonical\":" : "{\"canonical\":");
		sl_utf8_add_json_or_null(&b, f->canonical);
		sl_buf_addstr(&b, ",\"version\":");
		sl_utf8_add_json_or_null(&b, f->version);
		sl_buf_addf(&b, ",\"kind\":\"%s\",\"filename\":", kind);
		sl_utf8_add_json_or_null(&b, f->filename);
		sl_buf_addch(&b, '}');
	}
	if (cli->json)
		sl_buf_addstr(&b, "]}\n");
	sl_dist_file_list_release(&l);
	return print_buf(&b);
}

int cmd_metadata(int argc, char **argv, struct sl_cli *cli)
{
	static const struct option opts[] = {
	    {"json", no_argument, NULL, 'j'},
	    {"scan", required_argument, NULL, 's'},
	    {"wheels", required_argument, NULL, 'w'},
	    {NULL, 0, NULL, 0},
	};
	const char *scan_dir = NULL, *wheel_dir = NULL;
	int c;

	if (cli_wants_help(argc, argv, cli))
		return 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j': cli->json = true; break;
		case 's': scan_dir = optarg; break;
		case 'w': wheel_dir = optarg; break;
		default: return cli_bad_option(cli, argc, argv);
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
