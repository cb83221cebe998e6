/* cmd_marker.c: `spacelock marker eval|normalize`, PEP 508 environment
 * markers against the target environment (docs/commands/plumbing-pep508.md). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cases.h"
#include "commands.h"
#include "spacelock/buf.h"
#include "spacelock/json.h"
#include "spacelock/jsonw.h"
#include "spacelock/marker.h"

const char cmd_marker_summary[] = "evaluate PEP 508 markers against the target (plumbing)";

const char cmd_marker_usage[] =
    "usage: spacelock marker eval MARKER [--python VER] [--env JSON] [--extra NAME]\n"
    "       spacelock marker normalize MARKER\n"
    "       spacelock marker (eval|normalize) --stdin\n\n"
    "Evaluates a PEP 508 environment marker against the target environment\n"
    "(the Space, not this machine), as the latest pypa/packaging does, and\n"
    "prints true or false; normalize prints its normal form.  Default target:\n"
    "CPython 3.10.12 on linux x86_64 (docs/commands/plumbing-pep508.md).\n\n"
    "  --python VER  3.12 or 3.11.4: python_version, python_full_version and\n"
    "                implementation_version (X.Y means X.Y.0)\n"
    "  --env JSON    an object of overrides, e.g. '{\"sys_platform\":\"win32\"}';\n"
    "                extras and dependency_groups take arrays of names\n"
    "  --extra NAME  the value of `extra`\n"
    "  --stdin       one case a line: MARKER, optionally TAB and ENV_JSON; one\n"
    "                result a line, 'error: MSG' for a bad case; exit 0 at the end\n\n"
    "An invalid marker or an undefined comparison on the command line exits 3.\n";

struct marker_opts {
	bool eval; /* else normalize */
	bool from_stdin;
	bool eval_options; /* --python, --env or --extra given */
	const struct sl_cli *cli;
	struct sl_env *env; /* the default target with --python/--env applied */
	const char *extra;  /* --extra, or NULL */
};

/* Splits "MARKER<TAB>ENV_JSON": the JSON is the text after the last TAB
 * that is followed by '{' (a marker may itself contain TABs). */
static char *split_env(char *line)
{
	char *json = NULL;

	for (char *p = strchr(line, '\t'); p; p = strchr(p + 1, '\t')) {
		const char *q = p + strspn(p, " \t");
		if (*q == '{')
			json = p;
	}
	if (!json)
		return NULL;
	*json = '\0';
	return json + 1;
}

static void put_result(const struct marker_opts *o, bool yes, struct sl_buf *out)
{
	struct sl_jsonw w;

	if (!o->cli->json) {
		sl_buf_addstr(out, yes ? "true" : "false");
		return;
	}
	sl_jsonw_init(&w, out);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_bool(&w, "result", yes);
	sl_jsonw_object_end(&w);
}

static int eval_case(char *line, void *ctx, struct sl_buf *out, struct sl_err *err)
{
	const struct marker_opts *o = ctx;
	char *json = o->from_stdin ? split_env(line) : NULL;
	struct sl_env *env = o->env;
	struct sl_marker *m;
	bool yes;
	int rc;

	if (json) {
		/* placed in standard input: "<stdin>:LINE:COL" */
		const struct sl_json_origin at = {"<stdin>", o->cli->case_line,
						  (unsigned long)(json - line) + 1};
		env = sl_env_copy(o->env);
		if ((rc = sl_env_set_json_in(env, json, &at, err)) < 0) {
			sl_env_free(env);
			return rc;
		}
	}
	if ((rc = sl_marker_parse(line, &m, err)) == 0) {
		rc = sl_marker_eval(m, env, o->extra, &yes, err);
		sl_marker_free(m);
	}
	if (rc == 0)
		put_result(o, yes, out);
	if (env != o->env)
		sl_env_free(env);
	return rc;
}

static int normalize_case(char *line, void *ctx, struct sl_buf *out, struct sl_err *err)
{
	const struct marker_opts *o = ctx;
	struct sl_marker *m;
	char *s;
	int rc = sl_marker_parse(line, &m, err);

	if (rc < 0)
		return rc;
	s = sl_marker_to_string(m);
	sl_marker_free(m);
	if (!s)
		return sl_error(
		    err, SL_EPARSE,
		    "marker '%s' has a value with both quote characters and no written form", line);
	if (o->cli->json) {
		struct sl_jsonw w;
		sl_jsonw_init(&w, out);
		sl_jsonw_object_begin(&w);
		sl_jsonw_field_string(&w, "marker", s);
		sl_jsonw_object_end(&w);
	} else {
		sl_buf_addstr(out, s);
	}
	free(s);
	return 0;
}

static int apply_opt(struct marker_opts *o, int c, struct sl_cli *cli)
{
	struct sl_err err;

	if (c != 's')
		o->eval_options = true;
	switch (c) {
	case 's': o->from_stdin = true; return 0;
	case 'x': o->extra = optarg; return 0;
	case 'p':
		if (sl_env_set_python(o->env, optarg, &err) < 0)
			return cli_usage(cli, "%s", err.msg);
		return 0;
	case 'e':
		if (sl_env_set_json(o->env, optarg, &err) < 0)
			return cli_usage(cli, "%s", err.msg); /* "--env:1:COL: ..." */
		return 0;
	}
	return EXIT_USAGE; /* cli_getopt said which option */
}

static int parse_opts(int argc, char **argv, struct marker_opts *o, struct sl_cli *cli)
{
	static const struct option opts[] = {
	    {"stdin", no_argument, NULL, 's'},
	    {"env", required_argument, NULL, 'e'},
	    {"python", required_argument, NULL, 'p'},
	    {"extra", required_argument, NULL, 'x'},
	    {NULL, 0, NULL, 0},
	};
	int c, rc, n;

	/* options are applied in the order given (--env, then --python, or the
	 * other way round), before the subcommand is known */
	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1)
		if ((rc = apply_opt(o, c, cli)) != 0)
			return rc;
	n = argc - optind;
	if (n < 1 || (strcmp(argv[optind], "eval") != 0 && strcmp(argv[optind], "normalize") != 0))
		return cli_usage(cli, "expected 'eval' or 'normalize'");
	o->eval = strcmp(argv[optind], "eval") == 0;
	if (!o->eval && o->eval_options)
		return cli_usage(cli, "normalize takes only --stdin");
	if (o->from_stdin && n != 1)
		return cli_usage(cli, "--stdin takes no arguments");
	if (!o->from_stdin && n != 2)
		return cli_usage(cli, "expected one MARKER argument");
	return 0;
}

int cmd_marker(int argc, char **argv, struct sl_cli *cli)
{
	struct marker_opts o = {.cli = cli};
	cli_case_fn fn;
	int rc;

	o.env = sl_env_new();
	rc = parse_opts(argc, argv, &o, cli);
	fn = o.eval ? eval_case : normalize_case;
	if (rc == 0)
		rc = o.from_stdin ? cli_cases_stdin(cli, fn, &o)
				  : cli_cases_one(cli, fn, argv[optind + 1], &o);
	sl_env_free(o.env);
	return rc;
}
