/* cmd_check.c: `spacelock check`: is a lock (or an installed environment)
 * consistent for its Python, and what is the smallest change that fixes
 * it?  The work is in src/lib/check.c; this file words the report. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "spacelock/buf.h"
#include "net.h"
#include "spacelock/check.h"
#include "spacelock/index.h"
#include "spacelock/jsonw.h"
#include "spacelock/lockfile.h"
#include "spacelock/mem.h"
#include "spacelock/requirement.h"

const char cmd_check_summary[] =
    "prove a lock or an installed environment consistent; propose fixes";

const char cmd_check_usage[] =
    "usage: spacelock check [LOCKFILE] [--python X.Y[.Z]] [--wheels DIR] [--index-url URL]\n"
    "                       [--update-lock]\n"
    "       spacelock check --site-packages DIR [--python X.Y[.Z]] [--wheels DIR]\n\n"
    "Proves with libsolv that every package's requirements (Requires-Dist whose\n"
    "marker holds, with the extras requested; Requires-Python) are satisfied by\n"
    "the versions of the set, for CPython on linux x86_64.  LOCKFILE defaults to\n"
    "spacelock.json; --site-packages alone checks an installed environment, as\n"
    "pip check does.  Exit 0 when consistent, 1 with the problems grouped by\n"
    "root cause and, when other versions are known, re-verified fixes\n"
    "(docs/commands/check.md).\n\n"
    "  --python X.Y[.Z]     the target (default: the lock's runtime.python, else the\n"
    "                       card's python_version; for a site-packages, its path)\n"
    "  --site-packages DIR  metadata from installed dist-info (or the set itself)\n"
    "  --wheels DIR         metadata from wheels/sdists; other versions there are\n"
    "                       the candidates for fixes\n"
    "  --index-url URL      the package index asked last (default $PIP_INDEX_URL, else\n"
    "                       https://pypi.org; only its cache with --offline)\n"
    "  --update-lock        store the metadata used in LOCKFILE\n"
    "  --json               the report as JSON on stdout\n";

struct check_args {
	const char *lockfile;
	struct sl_check_options o;
	struct sl_index_opts io;
	bool update_lock;
};

static int parse_args(int argc, char **argv, struct sl_cli *cli, struct check_args *a)
{
	static const struct option opts[] = {
	    {"site-packages", required_argument, NULL, 's'},
	    {"python", required_argument, NULL, 'p'},
	    {"wheels", required_argument, NULL, 'w'},
	    {"update-lock", no_argument, NULL, 'u'},
	    {"index-url", required_argument, NULL, 'i'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	while ((ch = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (ch) {
		case 's': a->o.site_packages = optarg; break;
		case 'p': a->o.python = optarg; break;
		case 'w': a->o.wheels = optarg; break;
		case 'u': a->update_lock = true; break;
		case 'i': a->io.index_url = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind > 1)
		return cli_usage(cli, "one lockfile at most, got %d", argc - optind);
	a->lockfile = optind < argc ? argv[optind] : NULL;
	if (!a->lockfile && !a->o.site_packages) {
		a->lockfile = "spacelock.json";
		if (access(a->lockfile, F_OK) != 0 && errno == ENOENT)
			return cli_error(
			    cli, "usage", EXIT_USAGE,
			    "no spacelock.json here: make one with 'spacelock snapshot' "
			    "in a Space checkout (or 'spacelock snapshot OWNER/NAME'), or "
			    "name a LOCKFILE");
	}
	if (a->update_lock && !a->lockfile)
		return cli_usage(cli, "--update-lock needs a lockfile");
	a->o.offline = a->io.offline = cli->offline;
	return 0;
}

/* "gradio" or "gradio[oauth]" */
static void who(struct sl_buf *b, const struct sl_check_problem *p)
{
	sl_buf_addstr(b, p->package);
	if (p->extra)
		sl_buf_addf(b, "[%s]", p->extra);
	sl_buf_addf(b, " %s", p->version);
	if (p->inferred)
		sl_buf_addf(b, " (%s)", p->inferred);
}

/* ", but fastapi 0.115.2 (inferred as of ...) is locked" */
static void but_installed(struct sl_buf *b, const struct sl_check_problem *p, const char *state)
{
	sl_buf_addf(b, ", but %s %s", p->target, p->installed);
	if (p->installed_inferred)
		sl_buf_addf(b, " (%s)", p->installed_inferred);
	sl_buf_addf(b, " is %s", state);
}

/* "the platform requests fastapi<0.113.0 for sdk_version 4.31.0, but
 * fastapi 0.115.2 is locked"; "requirements.txt:2 asks for gradio>=4.40.0,
 * but gradio 4.31.0 is locked (gradio[oauth]==4.31.0 is installed by the
 * platform for sdk_version 4.31.0)" */
static void request_line(struct sl_buf *b, const struct sl_check_problem *p, const char *state,
			 bool alone)
{
	bool platform = strcmp(p->requested_by, "platform") == 0;

	if (platform)
		sl_buf_addstr(b, "the platform requests ");
	else if (p->requested_at)
		sl_buf_addf(b, "%s asks for ", p->requested_at);
	else
		sl_buf_addstr(b, "the Space's requirements request ");
	sl_requirement_add_unmarked(b, p->requirement);
	if (platform && p->why)
		sl_buf_addf(b, " %s", p->why);
	if (alone && p->kind == SL_CHECK_MISMATCH)
		but_installed(b, p, state);
	else if (alone)
		sl_buf_addf(b, ", but %s is not %s", p->target, state);
	if (!platform && p->why)
		sl_buf_addf(b, " (%s)", p->why);
	sl_buf_addch(b, '\n');
}

static void problem_line(struct sl_buf *b, const struct sl_check_report *r,
			 const struct sl_check_problem *p, bool alone)
{
	const char *state = r->site ? "installed" : "locked";

	if (p->requested_by) {
		request_line(b, p, state, alone);
		return;
	}
	who(b, p);
	switch (p->kind) {
	case SL_CHECK_MISMATCH:
		sl_buf_addstr(b, " requires ");
		sl_requirement_add_unmarked(b, p->requirement);
		if (alone)
			but_installed(b, p, state);
		break;
	case SL_CHECK_MISSING:
		sl_buf_addstr(b, " requires ");
		sl_requirement_add_unmarked(b, p->requirement);
		if (alone)
			sl_buf_addf(b, ", but %s is not %s", p->target, state);
		break;
	case SL_CHECK_PYTHON:
		sl_buf_addf(b, " requires Python %s", p->requirement);
		if (alone)
			sl_buf_addf(b, ", but the target is Python %s", p->installed);
		break;
	case SL_CHECK_UNVERIFIABLE:
		if (p->reason)
			sl_buf_addf(b,
				    ": its requirements are unknown (%s), they cannot be checked",
				    p->reason);
		else
			sl_buf_addstr(b, ": no metadata found, its requirements cannot be checked");
		break;
	}
	if (p->why)
		sl_buf_addf(b, " (%s)", p->why);
	sl_buf_addch(b, '\n');
}

static void group_header(struct sl_buf *b, const struct sl_check_report *r,
			 const struct sl_check_group *g)
{
	const char *state = r->site ? "installed" : "locked";

	switch (g->kind) {
	case SL_CHECK_MISMATCH:
		sl_buf_addf(b, "%s %s%s%s%s is %s, but %zu requirements refuse it:\n", g->name,
			    g->version, g->inferred ? " (" : "", g->inferred ? g->inferred : "",
			    g->inferred ? ")" : "", state, g->count);
		break;
	case SL_CHECK_MISSING:
		sl_buf_addf(b, "%s is not %s, but %zu requirements need it:\n", g->name, state,
			    g->count);
		break;
	case SL_CHECK_PYTHON:
		sl_buf_addf(b, "the target is Python %s, but %zu packages refuse it:\n", g->version,
			    g->count);
		break;
	case SL_CHECK_UNVERIFIABLE: break;
	}
}

static void action_text(struct sl_buf *b, const struct sl_check_action *a)
{
	switch (a->step) {
	case SL_CHECK_PIN: sl_buf_addf(b, "pin %s==%s", a->name, a->to); break;
	case SL_CHECK_ADD: sl_buf_addf(b, "add %s==%s", a->name, a->to); break;
	case SL_CHECK_REMOVE: sl_buf_addf(b, "remove %s %s", a->name, a->from); break;
	default:
		sl_buf_addf(b, "%s %s %s \xe2\x86\x92 %s", sl_check_step_name(a->step), a->name,
			    a->from, a->to);
	}
}

static void solution_text(struct sl_buf *b, const struct sl_check_solution *s)
{
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			sl_buf_addstr(b, "; ");
		action_text(b, &s->actions[i]);
	}
}

static bool unknown_meta(const struct sl_check_problem *p, bool with_reason)
{
	return p->kind == SL_CHECK_UNVERIFIABLE && (p->reason != NULL) == with_reason;
}

/* Packages whose metadata leaves the requirements unknown: one line each,
 * with the reason. */
static void print_unknown(struct sl_buf *b, const struct sl_check_report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_problems; i++)
		if (unknown_meta(&r->problems[i], true))
			problem_line(b, r, &r->problems[i], true), n++;
	if (n)
		sl_buf_addstr(b, "  (the metadata of a wheel built from it has the requirements: "
				 "pass --wheels DIR with that wheel)\n");
}

/* Packages without metadata: one line each when few, else one list. */
static void print_unverifiable(struct sl_buf *b, const struct sl_check_report *r)
{
	size_t col = 0, n = 0;

	print_unknown(b, r);
	for (size_t i = 0; i < r->n_problems; i++)
		n += unknown_meta(&r->problems[i], false);
	if (n == 0)
		return;
	if (n <= 2) {
		for (size_t i = 0; i < r->n_problems; i++)
			if (unknown_meta(&r->problems[i], false))
				problem_line(b, r, &r->problems[i], true);
	} else {
		sl_buf_addf(
		    b, "no metadata found for %zu packages, their requirements are unchecked:\n",
		    n);
		for (size_t i = 0; i < r->n_problems; i++) {
			const struct sl_check_problem *p = &r->problems[i];
			size_t w = strlen(p->package) + strlen(p->version) + 3;
			if (!unknown_meta(p, false))
				continue;
			if (col && col + w > 78) {
				sl_buf_addstr(b, ",\n");
				col = 0;
			} else if (col) {
				sl_buf_addstr(b, ", ");
			}
			if (!col)
				sl_buf_addstr(b, "  "), col = 2;
			sl_buf_addf(b, "%s %s", p->package, p->version);
			col += w;
		}
		sl_buf_addch(b, '\n');
	}
	sl_buf_addstr(b, "  (pass --site-packages DIR or --wheels DIR where the metadata is; "
			 "--update-lock keeps it in the lock)\n");
}

/* The problems' positions grouped by group, each group's in report order
 * (a counting sort): start[g]..start[g + 1] in the result.  Printing group
 * by group is then linear in the problems, not problems x groups. */
static size_t *by_group(const struct sl_check_report *r, size_t **start)
{
	size_t *at = sl_xcalloc(r->n_groups + 2, sizeof(*at));
	size_t *order = sl_xcalloc(r->n_problems + 1, sizeof(*order));

	for (size_t i = 0; i < r->n_problems; i++)
		at[r->problems[i].group + 1]++;
	for (size_t g = 0; g < r->n_groups; g++)
		at[g + 1] += at[g];
	for (size_t i = 0; i < r->n_problems; i++)
		order[at[r->problems[i].group]++] = i;
	for (size_t g = r->n_groups; g > 0; g--) /* back to the starts */
		at[g] = at[g - 1];
	at[0] = 0;
	*start = at;
	return order;
}

static void print_text(const struct sl_check_report *r)
{
	struct sl_buf b = SL_BUF_INIT;
	size_t *start, *order = by_group(r, &start);

	for (size_t g = 0; g < r->n_groups; g++) {
		bool alone = r->groups[g].count == 1;
		if (r->groups[g].kind == SL_CHECK_UNVERIFIABLE)
			continue;
		if (!alone)
			group_header(&b, r, &r->groups[g]);
		for (size_t k = start[g]; k < start[g + 1]; k++) {
			if (!alone)
				sl_buf_addstr(&b, "  ");
			problem_line(&b, r, &r->problems[order[k]], alone);
		}
	}
	free(start);
	free(order);
	print_unverifiable(&b, r);
	if (r->n_solutions)
		sl_buf_addstr(&b, "\nfixes (each re-verified):\n");
	for (size_t i = 0; i < r->n_solutions; i++) {
		sl_buf_addf(&b, "  %zu. ", i + 1);
		solution_text(&b, &r->solutions[i]);
		sl_buf_addch(&b, '\n');
	}
	cli_print(b.buf, b.len);
	sl_buf_release(&b);
}

static void json_problem(struct sl_jsonw *w, const struct sl_check_problem *p, bool with_inferred)
{
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "package", p->package);
	sl_jsonw_field_string(w, "version", p->version);
	sl_jsonw_field_string(w, "requirement", p->requirement);
	sl_jsonw_field_string(w, "kind", sl_check_kind_name(p->kind));
	sl_jsonw_field_string(w, "installed", p->installed);
	sl_jsonw_field_string(w, "target", p->target);
	sl_jsonw_field_string(w, "extra", p->extra);
	sl_jsonw_field_string(w, "why", p->why);
	sl_jsonw_field_string(w, "requested_by", p->requested_by);
	sl_jsonw_field_string(w, "requested_at", p->requested_at);
	sl_jsonw_field_string(w, "reason", p->reason);
	sl_jsonw_field_int(w, "group", (long long)p->group);
	if (with_inferred) {
		sl_jsonw_field_string(w, "inferred", p->inferred);
		sl_jsonw_field_string(w, "installed_inferred", p->installed_inferred);
	}
	sl_jsonw_object_end(w);
}

/* "inferred": the versions the lock infers (only when there are: a lock
 * of proven versions keeps the report's usual shape) */
static void json_inferred(struct sl_jsonw *w, const struct sl_check_report *r)
{
	sl_jsonw_key(w, "inferred");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < r->n_inferred; i++) {
		const struct sl_check_inferred *f = &r->inferred[i];
		sl_jsonw_space(w, "\n  ");
		sl_jsonw_object_begin(w);
		sl_jsonw_field_string(w, "package", f->name);
		sl_jsonw_field_string(w, "version", f->version);
		sl_jsonw_field_string(w, "as_of", f->as_of);
		sl_jsonw_field_string(w, "confidence", f->ambiguous ? "ambiguous" : "exact");
		sl_jsonw_field_string(w, "note", f->mark);
		sl_jsonw_object_end(w);
	}
	sl_jsonw_array_end(w);
}

static void json_solution(struct sl_jsonw *w, const struct sl_check_solution *s)
{
	struct sl_buf t = SL_BUF_INIT;

	solution_text(&t, s);
	sl_jsonw_object_begin(w);
	sl_jsonw_key(w, "actions");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < s->n; i++) {
		const struct sl_check_action *a = &s->actions[i];
		sl_jsonw_object_begin(w);
		sl_jsonw_field_string(w, "action", sl_check_step_name(a->step));
		sl_jsonw_field_string(w, "package", a->name);
		sl_jsonw_field_string(w, "from", a->from);
		sl_jsonw_field_string(w, "to", a->to);
		sl_jsonw_object_end(w);
	}
	sl_jsonw_array_end(w);
	sl_jsonw_field_string(w, "text", t.buf);
	sl_jsonw_object_end(w);
	sl_buf_release(&t);
}

/* One problem and one solution a line. */
static void print_json(const struct sl_check_report *r)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;

	sl_jsonw_init(&w, &b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_bool(&w, "consistent", r->consistent);
	sl_jsonw_field_string(&w, "python", r->python);
	sl_jsonw_field_int(&w, "packages", (long long)r->n_packages);
	sl_jsonw_field_int(&w, "solver_problems", (long long)r->solver_problems);
	sl_jsonw_key(&w, "problems");
	sl_jsonw_array_begin(&w);
	for (size_t i = 0; i < r->n_problems; i++) {
		sl_jsonw_space(&w, "\n  ");
		json_problem(&w, &r->problems[i], r->n_inferred > 0);
	}
	sl_jsonw_array_end(&w);
	sl_jsonw_key(&w, "solutions");
	sl_jsonw_array_begin(&w);
	for (size_t i = 0; i < r->n_solutions; i++) {
		sl_jsonw_space(&w, "\n  ");
		json_solution(&w, &r->solutions[i]);
	}
	sl_jsonw_array_end(&w);
	sl_jsonw_field_strings(&w, "warnings", r->warnings, r->n_warnings);
	if (r->n_inferred)
		json_inferred(&w, r);
	if (r->n_unreached) { /* only then: the usual report keeps its shape */
		sl_jsonw_key(&w, "index_unreachable");
		sl_jsonw_object_begin(&w);
		sl_jsonw_field_int(&w, "packages", (long long)r->n_unreached);
		sl_jsonw_field_string(&w, "error", r->unreached);
		sl_jsonw_object_end(&w);
	}
	sl_jsonw_object_end(&w);
	sl_buf_addch(&b, '\n');
	cli_print(b.buf, b.len);
	sl_buf_release(&b);
}

static void summary(struct sl_cli *cli, const struct sl_check_report *r)
{
	if (cli->verbose)
		for (size_t i = 0; i < r->n_warnings; i++)
			cli_warn(cli, "%s", r->warnings[i]);
	if (cli->quiet || r->n_unreached) /* then the error line is the summary */
		return;
	if (r->consistent)
		fprintf(stderr, "spacelock: %zu package%s consistent for Python %s", r->n_packages,
			r->n_packages == 1 ? "" : "s", r->python);
	else
		fprintf(stderr, "spacelock: %zu problem%s among %zu package%s for Python %s",
			r->n_problems, r->n_problems == 1 ? "" : "s", r->n_packages,
			r->n_packages == 1 ? "" : "s", r->python);
	if (r->n_warnings && !cli->verbose)
		fprintf(stderr, " (%zu warning%s; -v shows them)", r->n_warnings,
			r->n_warnings == 1 ? "" : "s");
	fputc('\n', stderr);
	if (r->n_inferred)
		fprintf(
		    stderr,
		    "spacelock: %zu of %zu versions inferred (%zu ambiguous), " SL_LOCK_INFERRED_WHY
		    "\n",
		    r->n_inferred, r->n_packages, r->n_ambiguous);
	if (!r->consistent && !r->alternatives && !cli->json && r->solver_problems)
		fputs("spacelock: no other versions known; --wheels DIR with candidates gives "
		      "fixes\n",
		      stderr);
}

/* Whether every package of the lock embeds its metadata: then the index
 * has nothing to answer, and libcurl is not even loaded. */
static bool all_embedded(const struct sl_lock *lock)
{
	for (size_t i = 0; i < lock->n_packages; i++)
		if (!sl_lock_package_metadata(&lock->packages[i]))
			return false;
	return true;
}

/* A lock's packages without metadata are looked up in the index last
 * (only its cache with --offline). */
static int load(struct sl_cli *cli, struct sl_check *c, struct check_args *a, struct sl_lock **lock,
		struct sl_err *err)
{
	struct sl_http *http = NULL;
	struct sl_index *idx = NULL;
	int rc = 0;

	if (!a->lockfile)
		return sl_check_load_site(c, &a->o, err);
	if (sl_lockfile_read(a->lockfile, lock, err) != 0)
		return err->code;
	if (!all_embedded(*lock))
		rc = cli_net_open(cli, 0, &http, err);
	if (rc == 0 && http)
		rc = sl_index_new(http, &a->io, &idx, err);
	a->o.index = idx;
	if (rc == 0)
		rc = sl_check_load_lock(c, *lock, &a->o, err);
	cli_net_done();
	sl_index_free(idx);
	sl_http_free(http);
	a->o.index = NULL;
	return rc;
}

/* --update-lock: the metadata used, stored in the lock; how many
 * packages, or -1 with err when the lock could not be written. */
static long update_lock(const struct sl_check *c, struct sl_lock *lock, const char *path,
			struct sl_err *err)
{
	size_t n = sl_check_store_metadata(c, lock);

	if (n && sl_lockfile_write(lock, path, err) != 0)
		return -1;
	return (long)n;
}

/* The report, then what --update-lock did.  With --json a lock that could
 * not be written is the one error object, without the report. */
static int report(struct sl_cli *cli, const struct check_args *a, const struct sl_check_report *r,
		  long stored, const struct sl_err *err)
{
	if (stored < 0 && cli->json)
		return cli_fail_exit(cli, err, EXIT_WRITE);
	if (cli->json)
		print_json(r);
	else if (!r->consistent)
		print_text(r);
	summary(cli, r);
	if (stored < 0)
		return cli_fail_exit(cli, err, EXIT_WRITE);
	if (a->update_lock && !cli->quiet)
		fprintf(stderr, "spacelock: stored the metadata of %ld package%s in %s\n", stored,
			stored == 1 ? "" : "s", a->lockfile);
	/* a network failure is not a finding: CI must tell the two apart */
	if (r->n_unreached) {
		fprintf(stderr,
			"spacelock: error: the index could not be reached, %zu of %zu packages not "
			"checked (%zu problem%s among the rest): %s\n",
			r->n_unreached, r->n_packages, r->n_problems, r->n_problems == 1 ? "" : "s",
			r->unreached);
		return EXIT_NETWORK;
	}
	return r->consistent ? 0 : EXIT_FINDING;
}

int cmd_check(int argc, char **argv, struct sl_cli *cli)
{
	struct check_args a = {0};
	struct sl_err err = {0};
	struct sl_check *c;
	struct sl_lock *lock = NULL;
	struct sl_check_report r;
	int rc;

	if ((rc = parse_args(argc, argv, cli, &a)) != 0)
		return rc;
	c = sl_check_new();
	rc = load(cli, c, &a, &lock, &err);
	if (rc == 0 && !a.update_lock) {
		/* the check holds copies of all it needs: keep the peak low */
		sl_lock_free(lock);
		lock = NULL;
	}
	if (rc != 0 || sl_check_run(c, &r, &err) != 0) {
		rc = cli_fail_input(cli, &err); /* the lock and folders are local */
		sl_check_free(c);
		sl_lock_free(lock);
		return rc;
	}
	rc = report(cli, &a, &r, a.update_lock ? update_lock(c, lock, a.lockfile, &err) : 0, &err);
	sl_check_report_release(&r);
	sl_check_free(c);
	sl_lock_free(lock);
	return rc;
}
