/* cmd_index.c: `spacelock index fetch`, a plumbing verb that runs the
 * package-index client alone: per-version metadata for NAME==VERSION
 * pairs, many at once, through the on-disk cache. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "net.h"
#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/index.h"
#include "spacelock/jsonw.h"
#include "spacelock/mem.h"

const char cmd_index_summary[] = "fetch package metadata from the index (plumbing)";

const char cmd_index_usage[] =
    "usage: spacelock index [--index-url URL] [--cache-dir DIR] [-j N] [--from FILE]\n"
    "                       fetch NAME==VERSION...\n\n"
    "Fetches per-version metadata (requires_dist, requires_python, files with\n"
    "sha256 and yanked) from a PyPI-compatible JSON API, many at once, through\n"
    "the on-disk cache (docs/hub.md).  With the global --offline only the cache.\n\n"
    "  --index-url URL  the index (default $PIP_INDEX_URL, else https://pypi.org)\n"
    "  --cache-dir DIR  the cache (default $XDG_CACHE_HOME/spacelock)\n"
    "  -j, --jobs N     transfers at once (default 32)\n"
    "  --from FILE      read NAME==VERSION lines from FILE\n";

struct index_args {
	struct sl_index_opts o;
	int jobs;
	const char *from;
};

static int add_pair(const char *spec, struct sl_index_release **v, size_t *n, size_t *cap)
{
	const char *eq = strstr(spec, "==");

	if (!eq || eq == spec || !eq[2] || strchr(eq + 2, '=') || strpbrk(spec, " \t;"))
		return -1;
	sl_xgrow((void **)v, cap, *n + 1, sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].name = sl_xstrndup(spec, (size_t)(eq - spec));
	(*v)[*n].version = sl_xstrdup(eq + 2);
	(*n)++;
	return 0;
}

static int read_pairs(struct sl_cli *cli, const char *path, struct sl_index_release **v, size_t *n,
		      size_t *cap)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_err err = {0};
	char *line, *save = NULL;
	int rc = sl_file_read(path, 16u << 20, &b, &err);

	if (rc < 0) {
		sl_buf_release(&b);
		return cli_fail_input(cli, &err);
	}
	for (line = strtok_r(b.buf, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		if (*line == '#' || !*line)
			continue;
		if (add_pair(line, v, n, cap) < 0) {
			rc = cli_usage(cli, "'%s' in '%s' is not NAME==VERSION", line, path);
			break;
		}
	}
	sl_buf_release(&b);
	return rc;
}

static void json_release(struct sl_jsonw *w, const struct sl_index_release *r)
{
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "name", r->name);
	sl_jsonw_field_string(w, "version", r->version);
	sl_jsonw_field_string(w, "requires_python", r->requires_python);
	sl_jsonw_field_strv(w, "requires_dist", r->requires_dist);
	sl_jsonw_key(w, "files");
	sl_jsonw_array_begin(w);
	for (size_t k = 0; k < r->nfiles; k++) {
		const struct sl_index_file *f = &r->files[k];
		sl_jsonw_object_begin(w);
		sl_jsonw_field_string(w, "filename", f->filename);
		sl_jsonw_field_string(w, "sha256", f->sha256);
		sl_jsonw_field_string(w, "url", f->url);
		sl_jsonw_field_string(w, "upload_time", f->upload_time);
		sl_jsonw_field_bool(w, "yanked", f->yanked);
		sl_jsonw_object_end(w);
	}
	sl_jsonw_array_end(w);
	sl_jsonw_object_end(w);
}

/* One release a line. */
static void print_json(const struct sl_index_release *v, size_t n)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;

	sl_jsonw_init(&w, &b);
	sl_jsonw_array_begin(&w);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sl_jsonw_space(&w, "\n");
		json_release(&w, &v[i]);
	}
	sl_jsonw_array_end(&w);
	sl_buf_addch(&b, '\n');
	cli_print(b.buf, b.len);
	sl_buf_release(&b);
}

static void print_text(const struct sl_index_release *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t nreq = 0;
		while (v[i].requires_dist && v[i].requires_dist[nreq])
			nreq++;
		printf("%s %s: requires_python %s, %zu requirements, %zu files\n", v[i].name,
		       v[i].version, v[i].requires_python ? v[i].requires_python : "(any)", nreq,
		       v[i].nfiles);
	}
}

static int parse_args(int argc, char **argv, struct sl_cli *cli, struct index_args *a)
{
	static const struct option opts[] = {
	    {"index-url", required_argument, NULL, 'i'},
	    {"cache-dir", required_argument, NULL, 'c'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"from", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	char *end;

	while ((c = cli_getopt(cli, argc, argv, "i:c:j:f:", opts)) != -1) {
		switch (c) {
		case 'i': a->o.index_url = optarg; break;
		case 'c': a->o.cache_dir = optarg; break;
		case 'f': a->from = optarg; break;
		case 'j':
			a->jobs = (int)strtol(optarg, &end, 10);
			if (*end || a->jobs < 1 || a->jobs > 256)
				return cli_usage(cli, "--jobs wants a number from 1 to 256");
			break;
		default: return EXIT_USAGE;
		}
	}
	if (optind >= argc || strcmp(argv[optind], "fetch") != 0)
		return cli_usage(cli, "the only subcommand is 'fetch'");
	optind++;
	return 0;
}

static int run_fetch(struct sl_cli *cli, struct index_args *a, struct sl_index_release *v, size_t n)
{
	struct sl_err err = {0};
	struct sl_http *http = NULL;
	struct sl_index *idx = NULL;
	int rc;

	a->o.offline = cli->offline;
	rc = cli_net_open(cli, a->jobs, &http, &err);
	if (rc == 0)
		rc = sl_index_new(http, &a->o, &idx, &err);
	if (rc == 0)
		rc = sl_index_fetch(idx, v, n, &err);
	cli_net_done();
	if (rc == 0 && cli->json)
		print_json(v, n);
	else if (rc == 0)
		print_text(v, n);
	sl_index_free(idx);
	sl_http_free(http);
	return rc < 0 ? cli_fail(cli, &err) : 0;
}

int cmd_index(int argc, char **argv, struct sl_cli *cli)
{
	struct index_args a;
	struct sl_index_release *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	memset(&a, 0, sizeof(a));
	rc = parse_args(argc, argv, cli, &a);
	for (int i = optind; rc == 0 && i < argc; i++)
		if (add_pair(argv[i], &v, &n, &cap) < 0)
			rc = cli_usage(cli, "'%s' is not NAME==VERSION", argv[i]);
	if (rc == 0 && a.from)
		rc = read_pairs(cli, a.from, &v, &n, &cap);
	if (rc == 0 && n == 0)
		rc = cli_usage(cli, "name at least one NAME==VERSION");
	if (rc == 0)
		rc = run_fetch(cli, &a, v, n);
	for (size_t i = 0; i < n; i++)
		sl_index_clear(&v[i]);
	free(v);
	return rc;
}
