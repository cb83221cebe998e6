/* cmd_log.c: `spacelock log`, a plumbing verb that prints what a build or
 * run log (or, with --freeze, a pip freeze / list / report file) proves:
 * the header, the base image and Python, the sdk, each step's outcome, the
 * failures and every package observation.  --json gives the same as JSON;
 * the golden tests read the log readers through it. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "spacelock/buf.h"
#include "spacelock/buildlog.h"
#include "spacelock/evidence.h"
#include "spacelock/freeze.h"
#include "spacelock/jsonw.h"
#include "spacelock/name.h"

const char cmd_log_summary[] = "show what a build or run log (or a pip freeze) proves (plumbing)";

const char cmd_log_usage[] =
    "usage: spacelock log [--run] [--json] FILE\n"
    "       spacelock log --freeze [--json] FILE\n\n"
    "Prints what a Space's build log proves (header time and commit, base image\n"
    "and Python, sdk, each step's outcome, failures, every package observation);\n"
    "plain logs and SSE streams are told apart automatically (docs/logs.md).\n\n"
    "  --run     read FILE as a run (container) log\n"
    "  --freeze  read FILE as pip freeze, pip list or pip install --report output\n"
    "  --json    the result as JSON\n";

/* ---- JSON ---- */

/* A member on a new line whose value is an array of one element a line. */
static void lines_begin(struct sl_jsonw *w, const char *key)
{
	sl_jsonw_space(w, "\n");
	sl_jsonw_key(w, key);
	sl_jsonw_array_begin(w);
}

static void lines_end(struct sl_jsonw *w, size_t n)
{
	if (n)
		sl_jsonw_space(w, "\n");
	sl_jsonw_array_end(w);
}

static void json_obs(struct sl_jsonw *w, const struct sl_obs *o)
{
	char *canon = o->name ? sl_name_canonical(o->name) : NULL;

	sl_jsonw_object_begin(w);
	sl_jsonw_field_int(w, "line", (long long)o->line);
	sl_jsonw_field_string(w, "name", o->name);
	sl_jsonw_field_string(w, "canonical", canon);
	sl_jsonw_field_string(w, "version", o->version);
	sl_jsonw_field_string(w, "strength", sl_strength_name(o->strength));
	sl_jsonw_field_string(w, "origin", sl_origin_name(o->origin));
	sl_jsonw_field_string(w, "requirement", o->requirement);
	sl_jsonw_field_string(w, "required_by", o->required_by);
	sl_jsonw_field_string(w, "vcs_url", o->vcs_url);
	sl_jsonw_field_string(w, "vcs_commit", o->vcs_commit);
	sl_jsonw_field_string(w, "text", o->text);
	sl_jsonw_object_end(w);
	free(canon);
}

static void json_obs_list(struct sl_jsonw *w, const struct sl_obs_list *obs)
{
	lines_begin(w, "observations");
	for (size_t i = 0; i < obs->n; i++) {
		sl_jsonw_space(w, "\n  ");
		json_obs(w, &obs->v[i]);
	}
	lines_end(w, obs->n);
}

static void json_flags(struct sl_jsonw *w, unsigned flags)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
	    {SL_STEP_FROM, "from"},
	    {SL_STEP_PIP, "pip"},
	    {SL_STEP_PLATFORM, "platform"},
	    {SL_STEP_SDK, "sdk"},
	    {SL_STEP_REQUIREMENTS, "requirements"},
	    {SL_STEP_PRE_REQUIREMENTS, "pre-requirements"},
	    {SL_STEP_PSEUDO, "pseudo"},
	};

	sl_jsonw_key(w, "roles");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit)
			sl_jsonw_string(w, names[i].name);
	sl_jsonw_array_end(w);
}

static void json_step(struct sl_jsonw *w, const struct sl_build_step *s)
{
	sl_jsonw_object_begin(w);
	sl_jsonw_field_int(w, "line", (long long)s->line);
	sl_jsonw_field_string(w, "outcome", sl_step_outcome_name(s->outcome));
	sl_jsonw_field_string(w, "duration", s->duration);
	sl_jsonw_key(w, "exit_code");
	if (s->exit_code >= 0)
		sl_jsonw_int(w, s->exit_code);
	else
		sl_jsonw_null(w);
	sl_jsonw_field_string(w, "stage", s->stage);
	json_flags(w, s->flags);
	sl_jsonw_field_int(w, "observations", (long long)s->nobs);
	sl_jsonw_field_string(w, "instruction", s->instruction);
	sl_jsonw_object_end(w);
}

static void json_steps(struct sl_jsonw *w, const struct sl_buildlog *log)
{
	lines_begin(w, "steps");
	for (size_t i = 0; i < log->nsteps; i++) {
		sl_jsonw_space(w, "\n  ");
		json_step(w, &log->steps[i]);
	}
	lines_end(w, log->nsteps);
}

static void json_failures(struct sl_jsonw *w, const struct sl_buildlog *log)
{
	lines_begin(w, "failures");
	for (size_t i = 0; i < log->nfailures; i++) {
		const struct sl_build_failure *f = &log->failures[i];
		sl_jsonw_space(w, "\n  ");
		sl_jsonw_object_begin(w);
		sl_jsonw_field_int(w, "line", (long long)f->line);
		sl_jsonw_field_string(w, "kind", sl_failure_kind_name(f->kind));
		sl_jsonw_field_string(w, "section", sl_log_kind_name(f->section));
		sl_jsonw_field_string(w, "subject", f->subject);
		sl_jsonw_field_string(w, "text", f->text);
		sl_jsonw_field_string(w, "rule", f->rule);
		sl_jsonw_field_string(w, "bucket", f->bucket);
		sl_jsonw_object_end(w);
	}
	lines_end(w, log->nfailures);
}

static void json_summary(struct sl_jsonw *w, const struct sl_buildlog *log)
{
	sl_jsonw_space(w, "\n");
	sl_jsonw_key(w, "summary");
	sl_jsonw_object_begin(w);
	sl_jsonw_field_bool(w, "present", log->has_summary);
	sl_jsonw_field_string(w, "cache_stats", log->cache_stats);
	sl_jsonw_field_string(w, "logs_unavailable", log->logs_unavailable);
	sl_jsonw_key(w, "cache_misses");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < log->nmisses; i++) {
		sl_jsonw_space(w, "\n  ");
		sl_jsonw_object_begin(w);
		sl_jsonw_field_int(w, "line", (long long)log->misses[i].line);
		sl_jsonw_field_string(w, "stage", log->misses[i].stage);
		sl_jsonw_field_string(w, "instruction", log->misses[i].instruction);
		sl_jsonw_object_end(w);
	}
	lines_end(w, log->nmisses);
	sl_jsonw_object_end(w);
}

static void json_strv(struct sl_jsonw *w, const char *key, char **v, size_t n)
{
	lines_begin(w, key);
	for (size_t i = 0; i < n; i++) {
		sl_jsonw_space(w, "\n  ");
		sl_jsonw_string(w, v[i]);
	}
	lines_end(w, n);
}

/* The header facts, a few to a line. */
static void json_head(struct sl_jsonw *w, const struct sl_buildlog *log)
{
	sl_jsonw_field_string(w, "source", log->source);
	sl_jsonw_field_string(w, "kind", sl_log_kind_name(log->kind));
	sl_jsonw_field_string(w, "format", log->sse ? "sse" : "plain");
	sl_jsonw_field_int(w, "lines", (long long)log->lines);
	sl_jsonw_field_int(w, "builds", log->builds);
	sl_jsonw_field_int(w, "runs", log->runs);
	sl_jsonw_space(w, "\n");
	sl_jsonw_field_bool(w, "has_build", log->has_build);
	sl_jsonw_field_bool(w, "has_run", log->has_run);
	sl_jsonw_field_int(w, "unread", (long long)log->unread);
	sl_jsonw_field_int(w, "mixed", (long long)log->mixed);
	sl_jsonw_space(w, "\n");
	sl_jsonw_field_string(w, "queued_at", log->queued_at);
	sl_jsonw_field_string(w, "commit", log->commit);
	sl_jsonw_field_string(w, "started_at", log->started_at);
	sl_jsonw_space(w, "\n");
	sl_jsonw_field_string(w, "base_image", log->base_image);
	sl_jsonw_field_string(w, "base_digest", log->base_digest);
	sl_jsonw_space(w, "\n");
	sl_jsonw_field_string(w, "python", log->python);
	sl_jsonw_field_string(w, "site_python", log->site_python);
	sl_jsonw_field_string(w, "pip_version", log->pip_version);
	sl_jsonw_space(w, "\n");
	sl_jsonw_field_string(w, "sdk", log->sdk);
	sl_jsonw_field_string(w, "sdk_version", log->sdk_version);
}

static void json_log(struct sl_buf *b, const struct sl_buildlog *log)
{
	struct sl_jsonw w;

	sl_jsonw_init(&w, b);
	sl_jsonw_object_begin(&w);
	json_head(&w, log);
	json_strv(&w, "platform_requirements", log->platform_reqs, log->nplatform_reqs);
	sl_jsonw_space(&w, "\n");
	sl_jsonw_field_bool(&w, "build_failed", log->build_failed);
	sl_jsonw_field_bool(&w, "runtime_error", log->runtime_error);
	json_summary(&w, log);
	json_steps(&w, log);
	json_failures(&w, log);
	json_obs_list(&w, &log->obs);
	json_strv(&w, "warnings", log->warnings, log->nwarnings);
	sl_jsonw_space(&w, "\n");
	sl_jsonw_field_int(&w, "warnings_dropped", (long long)log->warnings_dropped);
	sl_jsonw_object_end(&w);
	sl_buf_addch(b, '\n');
}

/* ---- text ---- */

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

/* s, then spaces up to width, and one more space (printf's "%-Ns "). */
static void add_padded(struct sl_buf *b, const char *s, size_t len, size_t width)
{
	static const char spaces[] = "           "; /* the widest column, 10, and one */

	sl_buf_add(b, s, len);
	sl_buf_add(b, spaces, len < width ? width - len + 1 : 1);
}

/* "  %-6lu %-9s %-10s %s %s" and the optional parts, without a formatted
 * print: a one-build log prints tens of thousands of these, and vsnprintf
 * was an eighth of reading a 10 MB log. */
static void text_obs(struct sl_buf *b, const struct sl_obs *o)
{
	char num[24];
	size_t n = sizeof(num);
	unsigned long line = o->line;
	const char *s;

	do
		num[--n] = (char)('0' + line % 10);
	while ((line /= 10) != 0);
	sl_buf_add(b, "  ", 2);
	add_padded(b, num + n, sizeof(num) - n, 6);
	s = sl_strength_name(o->strength);
	add_padded(b, s, strlen(s), 9);
	s = sl_origin_name(o->origin);
	add_padded(b, s, strlen(s), 10);
	sl_buf_addstr(b, or_dash(o->name));
	sl_buf_addch(b, ' ');
	sl_buf_addstr(b, or_dash(o->version));
	if (o->required_by) {
		sl_buf_addstr(b, " (from ");
		sl_buf_addstr(b, o->required_by);
		sl_buf_addch(b, ')');
	}
	if (o->vcs_commit) {
		sl_buf_addstr(b, " @");
		sl_buf_addstr(b, o->vcs_commit);
	}
	sl_buf_addch(b, '\n');
}

/* The first failure of a kind, or NULL. */
static const struct sl_build_failure *first_failure(const struct sl_buildlog *log, bool runtime)
{
	for (size_t i = 0; i < log->nfailures; i++)
		if ((log->failures[i].kind == SL_FAIL_RUNTIME) == runtime)
			return &log->failures[i];
	return NULL;
}

/* One result line per section read, with the failure that decides it, so
 * that the result and the failures below never disagree. */
static void text_result(struct sl_buf *b, const struct sl_buildlog *log)
{
	const struct sl_build_failure *f;

	if (log->has_build || !log->has_run) {
		f = first_failure(log, false);
		if (log->build_failed)
			sl_buf_addf(b, "result       build failed%s%s\n", f ? ": " : "",
				    f ? f->text : "");
		else
			sl_buf_addstr(b, "result       no build failure seen\n");
	}
	if (log->has_run || log->runtime_error) {
		f = first_failure(log, true);
		if (log->runtime_error)
			sl_buf_addf(b, "result       runtime error%s%s\n", f ? ": " : "",
				    f ? f->text : "");
		else
			sl_buf_addstr(b, "result       no runtime error seen\n");
	}
}

/* "build log", "run log", "build and run log": the sections read. */
static const char *sections_name(const struct sl_buildlog *log)
{
	if (log->has_build && log->has_run)
		return "build and run";
	return log->has_run ? "run" : log->has_build ? "build" : sl_log_kind_name(log->kind);
}

static void text_head(struct sl_buf *b, const struct sl_buildlog *log)
{
	sl_buf_addf(b, "%s: %s log, %lu lines (%s)\n", log->source, sections_name(log), log->lines,
		    log->sse ? "server-sent events" : "plain text");
	if (log->queued_at)
		sl_buf_addf(b, "queued       %s, commit %s\n", log->queued_at,
			    or_dash(log->commit));
	if (log->started_at)
		sl_buf_addf(b, "started      %s\n", log->started_at);
	if (log->base_image)
		sl_buf_addf(b, "base image   %s%s%s\n", log->base_image,
			    log->base_digest ? "@" : "", log->base_digest ? log->base_digest : "");
	sl_buf_addf(b, "python       %s", or_dash(log->python));
	if (log->site_python)
		sl_buf_addf(b, " (site-packages: python%s)", log->site_python);
	sl_buf_addch(b, '\n');
	if (log->sdk)
		sl_buf_addf(b, "sdk          %s %s\n", log->sdk, or_dash(log->sdk_version));
	if (log->nplatform_reqs) {
		sl_buf_addstr(b, "platform    ");
		for (size_t i = 0; i < log->nplatform_reqs; i++)
			sl_buf_addf(b, " %s", log->platform_reqs[i]);
		sl_buf_addch(b, '\n');
	}
	if (log->pip_version)
		sl_buf_addf(b, "pip          %s\n", log->pip_version);
	text_result(b, log);
	if (log->has_summary)
		sl_buf_addf(b, "summary      %zu cache misses%s%s\n", log->nmisses,
			    log->logs_unavailable ? "; logs unavailable: " : "",
			    log->logs_unavailable ? log->logs_unavailable : "");
}

/* At most max bytes of s with each run of blanks as one space. */
static void add_squeezed(struct sl_buf *b, const char *s, size_t max)
{
	size_t n = 0;

	for (; *s && n < max; s++) {
		if (*s == ' ' || *s == '\t') {
			if (s[1] == ' ' || s[1] == '\t')
				continue;
			sl_buf_addch(b, ' ');
		} else {
			sl_buf_addch(b, *s);
		}
		n++;
	}
}

static void text_log(struct sl_buf *b, const struct sl_buildlog *log)
{
	text_head(b, log);
	if (log->nsteps)
		sl_buf_addstr(b, "steps\n");
	for (size_t i = 0; i < log->nsteps; i++) {
		const struct sl_build_step *s = &log->steps[i];
		sl_buf_addf(b, "  %-6lu %-7s ", s->line, sl_step_outcome_name(s->outcome));
		add_squeezed(b, s->instruction, 100);
		sl_buf_addch(b, '\n');
	}
	if (log->nfailures)
		sl_buf_addstr(b, "failures\n");
	for (size_t i = 0; i < log->nfailures; i++) {
		sl_buf_addf(b, "  %-6lu %-15s %s", log->failures[i].line,
			    sl_failure_kind_name(log->failures[i].kind),
			    or_dash(log->failures[i].subject));
		if (log->failures[i].bucket)
			sl_buf_addf(b, " [%s]", log->failures[i].bucket);
		sl_buf_addch(b, '\n');
		/* the message itself, when the subject is not all of it */
		if (!log->failures[i].subject ||
		    strcmp(log->failures[i].subject, log->failures[i].text) != 0) {
			sl_buf_addstr(b, "         ");
			add_squeezed(b, log->failures[i].text, 200);
			sl_buf_addch(b, '\n');
		}
	}
	if (log->obs.n)
		sl_buf_addstr(b, "observations\n");
	for (size_t i = 0; i < log->obs.n; i++)
		text_obs(b, &log->obs.v[i]);
}

/* ---- the verb ---- */

static int print_warnings(struct sl_cli *cli, const struct sl_buildlog *log)
{
	for (size_t i = 0; i < log->nwarnings; i++)
		cli_warn(cli, "%s", log->warnings[i]);
	if (log->warnings_dropped)
		cli_warn(cli, "%s: %zu more warnings", log->source, log->warnings_dropped);
	return 0;
}

static int run_freeze(const char *path, struct sl_cli *cli)
{
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	struct sl_err err = {0};
	struct sl_buf b = SL_BUF_INIT;
	int rc = sl_freeze_read_file(path, &obs, &err);

	if (rc < 0)
		return cli_fail_input(cli, &err);
	if (cli->json) {
		struct sl_jsonw w;
		sl_jsonw_init(&w, &b);
		sl_jsonw_object_begin(&w);
		sl_jsonw_field_string(&w, "source", path);
		sl_jsonw_field_string(&w, "format",
				      sl_freeze_format_name((enum sl_freeze_format)rc));
		json_obs_list(&w, &obs);
		sl_jsonw_object_end(&w);
		sl_buf_addch(&b, '\n');
	} else {
		sl_buf_addf(&b, "%s: %s, %zu packages\n", path,
			    sl_freeze_format_name((enum sl_freeze_format)rc), obs.n);
		for (size_t i = 0; i < obs.n; i++)
			text_obs(&b, &obs.v[i]);
	}
	cli_print(b.buf, b.len);
	sl_buf_release(&b);
	sl_obs_list_release(&obs);
	return EXIT_OK_;
}

int cmd_log(int argc, char **argv, struct sl_cli *cli)
{
	static const struct option opts[] = {
	    {"run", no_argument, NULL, 'r'},
	    {"freeze", no_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	enum sl_log_kind kind = SL_LOG_BUILD;
	bool freeze = false;
	struct sl_buildlog *log = NULL;
	struct sl_err err = {0};
	struct sl_buf b = SL_BUF_INIT;
	int c;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 'r': kind = SL_LOG_RUN; break;
		case 'f': freeze = true; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return cli_usage(cli, "log takes one FILE");
	if (freeze)
		return run_freeze(argv[optind], cli);
	if (sl_buildlog_read_file(argv[optind], NULL, kind, &log, &err) < 0)
		return cli_fail_input(cli, &err);
	if (cli->json)
		json_log(&b, log);
	else
		text_log(&b, log);
	cli_print(b.buf, b.len);
	print_warnings(cli, log);
	sl_buf_release(&b);
	sl_buildlog_free(log);
	return EXIT_OK_;
}
