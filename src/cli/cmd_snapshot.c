/* cmd_snapshot.c: `spacelock snapshot`: lock what a Space really ran from
 * its files, logs, freezes or installed environment. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "hubfetch.h"
#include "net.h"
#include "spacelock/buf.h"
#include "spacelock/hub.h"
#include "spacelock/hub_history.h"
#include "spacelock/jsonw.h"
#include "spacelock/lock.h"
#include "spacelock/lockfile.h"
#include "spacelock/mem.h"
#include "spacelock/reconstruct.h"
#include "spacelock/snapshot.h"
#include "spacelock/token.h"

const char cmd_snapshot_summary[] =
    "lock what a Space really ran from its files, logs or environment";

const char cmd_snapshot_usage[] =
    "usage: spacelock snapshot [--dir DIR] [--build-log FILE]... [--run-log FILE]...\n"
    "                          [--freeze FILE]... [--site-packages DIR] [-o FILE]\n"
    "       spacelock snapshot [--revision REV] [--token-file FILE] [-o FILE] OWNER/NAME\n"
    "       spacelock snapshot [options] DIR\n"
    "       ... [--reconstruct[=auto|DATE]] [--since DATE] [--until DATE]\n"
    "           [--index-url URL] [--cache-dir DIR]\n\n"
    "Locks what a Space really ran: reads the evidence you can get without a shell\n"
    "inside the Space and writes every package version it proves, with the proof,\n"
    "and what stays unknown (docs/commands/snapshot.md, docs/lockfile.md).  With\n"
    "no input, inside a checkout of a Space, it reads the checkout (--dir .).\n\n"
    "  --dir DIR            a checkout of the Space: README.md (card), requirements.txt,\n"
    "                       pre-requirements.txt, packages.txt\n"
    "  --build-log FILE     a build log (copied from the Space page or saved as SSE)\n"
    "  --run-log FILE       a container log (an app may print pip freeze in it)\n"
    "  --freeze FILE        pip freeze, pip list (--format=json) or pip install --report\n"
    "  --site-packages DIR  an installed environment (dist-info, egg-info)\n"
    "  -o, --output FILE    the lockfile (default spacelock.json; '-' is stdout)\n"
    "  -q, --quiet          no summary on stderr\n"
    "  OWNER/NAME           fetch the Space from the Hub (card, requirements, build and\n"
    "                       run logs) and lock it with its id, revision and hardware;\n"
    "                       also OWNER/NAME@REV, spaces/OWNER/NAME or the Space's URL\n"
    "                       (https://huggingface.co/spaces/OWNER/NAME[/tree/REV])\n"
    "  --revision REV       a branch, tag or commit (default: the main branch)\n"
    "  --token-file FILE    the Hub token (default: HF_TOKEN, then the token file;\n"
    "                       docs/hub.md)\n"
    "  --reconstruct[=auto|DATE]\n"
    "                       infer what a CACHED pip step hides: resolve the requests as\n"
    "                       pip would have on the day the layer was built, with the\n"
    "                       proven versions fixed (docs/reconstruct.md).  DATE is the\n"
    "                       window's start (the last change of the requirements files),\n"
    "                       as --since; its end is the build log's date or --until\n"
    "  --since DATE         the layer cannot predate DATE (YYYY-MM-DD[THH:MM:SS], UTC);\n"
    "                       implies --reconstruct\n"
    "  --until DATE         the layer cannot postdate DATE (default: the build log's\n"
    "                       date); implies --reconstruct\n"
    "  --index-url URL      the index with upload times, its simple API's root as pip\n"
    "                       reads it (default $PIP_INDEX_URL, else the requirements'\n"
    "                       --index-url, else https://pypi.org/simple); the global\n"
    "                       --offline reads its cache only\n"
    "  --cache-dir DIR      the index cache (default $XDG_CACHE_HOME/spacelock)\n"
    "  DIR                  a local directory: the same as --dir DIR.  A name that\n"
    "                       is both (owner/name, and ./owner/name exists) is the\n"
    "                       directory when it holds README.md with front matter or\n"
    "                       requirements.txt and no --revision or --token-file is\n"
    "                       given, else the Space; stderr says which\n\n"
    "Exit 0 when the lock is complete, 1 when something stays unknown (its\n"
    "\"incomplete\" list says what and why), 3 for unreadable or malformed input,\n"
    "4 when the lockfile cannot be written, 5 network, 6 auth (401/403), 7 no such\n"
    "Space or revision.  A failed run leaves no file.\n";

struct files {
	struct sl_snapshot_file *v;
	size_t n, cap;
};

static void files_add(struct files *f, const char *path)
{
	sl_xgrow((void **)&f->v, &f->cap, f->n + 1, sizeof(*f->v));
	f->v[f->n].path = path;
	f->v[f->n].label = NULL;
	f->n++;
}

struct opts {
	struct sl_snapshot_inputs in;
	struct files build, run, freeze;
	const char *output;
	const char *space, *revision, *token_file; /* snapshot owner/space (hubdir.h) */
	bool reconstruct;
	char since_hub[20]; /* the window's start from the Hub's history */
	struct sl_reconstruct_opts ro;
	struct sl_index_opts io;
};

/* The operand: a Space on the Hub, or a local directory read as --dir.  A
 * name that is both (owner/name, and ./owner/name exists) is the
 * directory only when it holds a Space checkout and no Hub option was
 * given; the choice is said on stderr. */
static void read_operand(const char *arg, struct sl_cli *cli, struct opts *o)
{
	struct sl_hub_space_ref ref;
	struct sl_err err = {0};
	struct stat st;
	bool space_form, checkout;

	if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
		o->space = arg;
		return;
	}
	space_form = sl_hub_space_ref_parse(arg, NULL, &ref, &err) == 0;
	if (!space_form) {
		o->in.dir = arg;
		return;
	}
	sl_hub_space_ref_release(&ref);
	checkout = sl_snapshot_is_checkout(arg);
	if (checkout && !o->revision && !o->token_file)
		o->in.dir = arg;
	else
		o->space = arg;
	if (cli->quiet)
		return;
	if (o->in.dir)
		fprintf(stderr,
			"snapshot: '%s' is a local Space checkout: reading it (--dir %s); for the "
			"Space on the Hub, name it https://huggingface.co/spaces/%s\n",
			arg, arg, arg);
	else
		fprintf(stderr,
			"snapshot: '%s' is also a local directory: %s; fetching the Space "
			"from the Hub (for the directory, use --dir %s)\n",
			arg,
			checkout ? "--revision or --token-file names the Hub"
				 : "it holds no README.md with front matter nor requirements.txt",
			arg);
}

static int parse_opts(int argc, char **argv, struct sl_cli *cli, struct opts *o)
{
	static const struct option longopts[] = {
	    {"dir", required_argument, NULL, 'd'},
	    {"build-log", required_argument, NULL, 'b'},
	    {"run-log", required_argument, NULL, 'r'},
	    {"freeze", required_argument, NULL, 'f'},
	    {"site-packages", required_argument, NULL, 's'},
	    {"output", required_argument, NULL, 'o'},
	    {"revision", required_argument, NULL, 'R'},
	    {"token-file", required_argument, NULL, 'T'},
	    {"reconstruct", optional_argument, NULL, 'X'},
	    {"since", required_argument, NULL, 'S'},
	    {"until", required_argument, NULL, 'U'},
	    {"index-url", required_argument, NULL, 'i'},
	    {"cache-dir", required_argument, NULL, 'c'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	o->output = "spacelock.json";
	while ((c = cli_getopt(cli, argc, argv, "d:o:", longopts)) != -1) {
		switch (c) {
		case 'd': o->in.dir = optarg; break;
		case 'b': files_add(&o->build, optarg); break;
		case 'r': files_add(&o->run, optarg); break;
		case 'f': files_add(&o->freeze, optarg); break;
		case 's': o->in.site_packages = optarg; break;
		case 'o': o->output = optarg; break;
		case 'R': o->revision = optarg; break;
		case 'T': o->token_file = optarg; break;
		case 'X':
			o->reconstruct = true;
			if (optarg && strcmp(optarg, "auto") != 0)
				o->ro.since = optarg;
			break;
		case 'S': o->ro.since = optarg; break;
		case 'U': o->ro.until = optarg; break;
		case 'i': o->io.index_url = optarg; break;
		case 'c': o->io.cache_dir = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind < argc && !o->in.dir)
		read_operand(argv[optind++], cli, o);
	if (optind < argc)
		return cli_usage(cli, "unexpected argument '%s'", argv[optind]);
	if (!o->space && (o->revision || o->token_file))
		return cli_usage(cli,
				 "--revision and --token-file go with a Space id (owner/name)");
	/* the --since/--until pair asks for a reconstruction by itself */
	o->reconstruct |= o->ro.since || o->ro.until;
	if (!o->reconstruct && (o->io.index_url || o->io.cache_dir))
		return cli_usage(cli, "--index-url and --cache-dir go with --reconstruct");
	o->io.offline = cli->offline;
	o->in.build_logs = o->build.v;
	o->in.n_build_logs = o->build.n;
	o->in.run_logs = o->run.v;
	o->in.n_run_logs = o->run.n;
	o->in.freezes = o->freeze.v;
	o->in.n_freezes = o->freeze.n;
	if (o->space || o->in.dir || o->build.n || o->run.n || o->freeze.n || o->in.site_packages)
		return 0;
	/* no input: a Space checkout here is what the user means (git's way of
	 * working on the current directory) */
	if (!sl_snapshot_is_checkout("."))
		return cli_usage(cli, "nothing to snapshot: give a Space id (owner/name), --dir, "
				      "--build-log, --run-log, --freeze or --site-packages");
	o->in.dir = ".";
	if (!cli->quiet)
		fputs("snapshot: no input given: reading the Space checkout in this directory "
		      "(--dir .)\n",
		      stderr);
	return 0;
}

/* snapshot owner/space: the Space is fetched into a temporary directory
 * (hubdir.h) and read as --dir plus its two logs, named in the lock by
 * their Hub address; the lock records the id, full sha and hardware. */
static int from_hub(struct sl_cli *cli, struct opts *o, struct sl_hubdir *hf)
{
	int rc = cli_hub_fetch(cli, o->space, o->revision, o->token_file, NULL, hf);

	if (rc)
		return rc;
	if (hf->space.build_log) {
		files_add(&o->build, hf->space.build_log);
		o->build.v[o->build.n - 1].label = hf->build_label;
	}
	if (hf->space.run_log) {
		files_add(&o->run, hf->space.run_log);
		o->run.v[o->run.n - 1].label = hf->run_label;
	}
	o->in.build_logs = o->build.v;
	o->in.n_build_logs = o->build.n;
	o->in.run_logs = o->run.v;
	o->in.n_run_logs = o->run.n;
	cli_hub_fetch_inputs(hf, &o->in);
	return 0;
}

static const char *or_unknown(const char *s)
{
	return s ? s : "unknown";
}

/* snapshot OWNER/NAME --reconstruct without a start: the Hub's history
 * says when requirements.txt or pre-requirements.txt last changed; a layer
 * that installs them cannot predate that. */
static int window_from_hub(struct sl_cli *cli, struct opts *o, const struct sl_hubdir *hf,
			   struct sl_err *err)
{
	static const char *const files[] = {"requirements.txt", "pre-requirements.txt"};
	struct sl_token tok = {NULL, NULL};
	struct sl_http *http = NULL;
	struct sl_hub *hub = NULL;
	struct sl_hub_opts ho;
	int rc;

	memset(&ho, 0, sizeof(ho));
	cli_net_hub_opts(&ho);
	rc = sl_token_find(o->token_file, &tok, err);
	if (rc == 0)
		rc = cli_net_open(cli, 0, &http, err);
	if (rc == 0)
		rc = sl_hub_new(http, &ho, &tok, &hub, err);
	sl_token_release(&tok);
	if (rc == 0)
		rc = sl_hub_last_change(http, sl_hub_endpoint(hub), hf->space.id, hf->space.sha,
					files, 2, o->since_hub, err);
	cli_net_done();
	sl_hub_free(hub);
	sl_http_free(http);
	if (rc == 0 && *o->since_hub) {
		o->ro.since = o->since_hub;
		if (!cli->quiet)
			fprintf(
			    stderr,
			    "snapshot: the requirements files last changed at %s (Hub history): "
			    "the window starts there\n",
			    o->since_hub);
	}
	return rc;
}

/* --reconstruct: the dated resolution fills in what no input proves. */
static int reconstruct(struct sl_cli *cli, struct opts *o, struct sl_lock *lock, struct sl_err *err)
{
	struct sl_http *http = NULL;
	struct sl_index *idx = NULL;
	struct sl_reconstruct_report rep;
	int rc = cli_net_open(cli, 0, &http, err);
	const char *env = getenv("PIP_INDEX_URL");

	/* the requirements' --index-url is the index pip read, unless the
	 * command line or pip's environment names one; not when pip read more
	 * than one (an --extra-index-url: often PyPI beside a PyTorch index)
	 * nor when it names an environment variable pip expanded */
	if (!o->io.index_url && (!env || !*env) && lock->index.index_url &&
	    !lock->index.n_extra_index_urls && !strstr(lock->index.index_url, "${"))
		o->io.index_url = lock->index.index_url;
	if (rc == 0)
		rc = sl_index_new(http, &o->io, &idx, err);
	o->ro.index = idx;
	if (rc == 0)
		rc = sl_reconstruct(lock, &o->ro, &rep, err);
	cli_net_done();
	if (rc == 0 && !cli->quiet)
		fprintf(stderr,
			"snapshot: reconstructed from %s: window %s to %s, %zu resolution%s\n",
			sl_index_url(idx), *rep.start ? rep.start : "(start unknown)", rep.end,
			rep.resolutions, rep.resolutions == 1 ? "" : "s");
	sl_index_free(idx);
	sl_http_free(http);
	return rc;
}

/* "build-log" -> "build log" for the summary. */
static const char *source_name(const char *s)
{
	if (strcmp(s, "build-log") == 0)
		return "build log";
	if (strcmp(s, "run-log") == 0)
		return "run log";
	return s;
}

/* The summary on stderr: counts, Python, sdk, then each unknown. */
static void summary(const struct sl_lock *lock, const char *output, struct sl_cli *cli)
{
	const struct sl_lock_runtime *r = &lock->runtime;
	const struct sl_lock_space *sp = &lock->space;

	if (cli->quiet)
		return;
	for (size_t i = 0; i < lock->n_warnings; i++)
		cli_warn(cli, "%s", lock->warnings[i]);
	size_t amb = 0, inferred = sl_lock_count_inferred(lock, &amb);
	size_t proven = lock->n_packages - inferred;

	fprintf(stderr, "snapshot: %zu package%s locked, %zu unknown\n", proven,
		proven == 1 ? "" : "s", lock->n_incomplete);
	if (inferred)
		fprintf(stderr, "snapshot: %zu inferred (%zu exact, %zu ambiguous), not proven\n",
			inferred, inferred - amb, amb);
	fprintf(stderr, "snapshot: python %s%s%s%s, sdk %s%s%s\n", or_unknown(r->python),
		r->python_source ? " (from the " : "",
		r->python_source ? source_name(r->python_source) : "", r->python_source ? ")" : "",
		or_unknown(sp->sdk), sp->sdk_version ? " " : "",
		sp->sdk_version ? sp->sdk_version : "");
	if (r->build_status)
		fprintf(stderr, "snapshot: build %s\n", r->build_status);
	for (size_t i = 0; i < lock->n_incomplete; i++)
		fprintf(stderr, "snapshot: unknown: %s\n", lock->incomplete[i].what);
	if (lock->n_warnings)
		fprintf(stderr, "snapshot: %zu warning%s\n", lock->n_warnings,
			lock->n_warnings == 1 ? "" : "s");
	if (strcmp(output, "-") != 0)
		fprintf(stderr, "snapshot: wrote %s%s\n", output,
			lock->n_incomplete ? " (incomplete: see its \"incomplete\" list)" : "");
}

/* --json (when the lock itself does not go to stdout): the summary as one
 * JSON object on stdout. */
static void summary_json(const struct sl_lock *lock, const char *output)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;

	sl_jsonw_init(&w, &b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_string(&w, "output", output);
	size_t amb = 0, inferred = sl_lock_count_inferred(lock, &amb);

	sl_jsonw_field_int(&w, "packages", (long long)(lock->n_packages - inferred));
	if (inferred) {
		sl_jsonw_field_int(&w, "inferred", (long long)inferred);
		sl_jsonw_field_int(&w, "ambiguous", (long long)amb);
	}
	sl_jsonw_field_int(&w, "incomplete", (long long)lock->n_incomplete);
	sl_jsonw_field_int(&w, "warnings", (long long)lock->n_warnings);
	sl_jsonw_field_bool(&w, "complete", lock->n_incomplete == 0);
	sl_jsonw_object_end(&w);
	sl_buf_addch(&b, '\n');
	cli_print(b.buf, b.len);
	sl_buf_release(&b);
}

int cmd_snapshot(int argc, char **argv, struct sl_cli *cli)
{
	struct opts o = {0};
	struct sl_hubdir hf = {0};
	struct sl_lock *lock = NULL;
	struct sl_err err = {0};
	int rc;

	if ((rc = parse_opts(argc, argv, cli, &o)) != 0)
		goto out;
	if (o.space && (rc = from_hub(cli, &o, &hf)) != 0)
		goto out;
	if (o.space && o.reconstruct && !o.ro.since && window_from_hub(cli, &o, &hf, &err) != 0) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (sl_snapshot_run(&o.in, &lock, &err) != 0) {
		rc = cli_fail_input(cli, &err);
		goto out;
	}
	if (o.reconstruct && reconstruct(cli, &o, lock, &err) != 0) {
		/* requests no set satisfies at the window's end: a finding, not a bug */
		rc = err.code == SL_ESOLVER ? cli_fail_exit(cli, &err, EXIT_FINDING)
					    : cli_fail(cli, &err);
		goto out;
	}
	if (sl_lockfile_write(lock, o.output, &err) != 0) {
		rc = cli_fail_exit(cli, &err, EXIT_WRITE);
		goto out;
	}
	summary(lock, o.output, cli);
	if (cli->json && strcmp(o.output, "-") != 0)
		summary_json(lock, o.output);
	rc = sl_lock_is_complete(lock) ? EXIT_OK_ : EXIT_FINDING;
out:
	sl_lock_free(lock);
	sl_hubdir_release(&hf);
	free(o.build.v);
	free(o.run.v);
	free(o.freeze.v);
	return rc;
}
