/* cmd_version.c: `spacelock version compare|normalize|match`, the PEP 440
 * plumbing (docs/commands/version.md).  Arguments on the command line, or
 * with --stdin one case a line (fields separated by TAB), one result a
 * line, "error: <message>" for a bad case. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "cli.h"
#include "commands.h"
#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/jsonw.h"
#include "spacelock/specifier.h"
#include "spacelock/version.h"

const char cmd_version_summary[] = "compare, normalize and match PEP 440 versions (plumbing)";

const char cmd_version_usage[] =
    "usage: spacelock version compare A B\n"
    "       spacelock version normalize V\n"
    "       spacelock version match SPEC V [--prereleases MODE]\n"
    "       spacelock version (compare|normalize|match) --stdin\n\n"
    "PEP 440 plumbing, as the latest pypa/packaging decides (docs/commands/version.md).\n"
    "compare prints <, = or >; normalize the normal form; match true or false.\n\n"
    "  --prereleases MODE  default, true or false (packaging's contains(prereleases=\n"
    "                      None, True, False)); only false rejects pre-releases\n"
    "  --stdin             one case a line, fields separated by TAB (match: SPEC, V\n"
    "                      and an optional MODE); one result a line, 'error: MSG'\n"
    "                      for a bad case; exit 0 once all input was read\n\n"
    "Invalid input on the command line exits 3.  'spacelock --version' prints\n"
    "spacelock's own version.\n";

enum sub { SUB_COMPARE, SUB_NORMALIZE, SUB_MATCH };

struct version_opts {
	enum sub sub;
	bool from_stdin;
	enum sl_prerelease_mode mode;
};

/* One case: fields in, one result line (without newline) into out.
 * Returns 0 or an SL_E* code with err filled. */
static int run_compare(char **f, struct sl_buf *out, struct sl_err *err)
{
	int r;
	int rc = sl_version_compare_str(f[0], f[1], &r, err);

	if (rc == 0)
		sl_buf_addstr(out, r < 0 ? "<" : r > 0 ? ">" : "=");
	return rc;
}

static int run_normalize(char **f, struct sl_buf *out, struct sl_err *err)
{
	struct sl_version *v;
	int rc = sl_version_parse(f[0], &v, err);

	if (rc == 0) {
		char *s = sl_version_normalize(v);
		sl_buf_addstr(out, s);
		free(s);
		sl_version_free(v);
	}
	return rc;
}

static int run_match(char **f, int n, enum sl_prerelease_mode mode, struct sl_buf *out,
		     struct sl_err *err)
{
	struct sl_specset *set;
	bool yes = false;
	int rc;

	if (n > 2 && (rc = sl_prerelease_mode_parse(f[2], &mode, err)) != 0)
		return SL_EPARSE;
	if ((rc = sl_specset_parse(f[0], &set, err)) != 0)
		return rc;
	rc = sl_specset_contains_str(set, f[1], mode, &yes, err);
	sl_specset_free(set);
	if (rc == 0)
		sl_buf_addstr(out, yes ? "true" : "false");
	return rc;
}

static int run_case(const struct version_opts *o, char **f, int n, struct sl_buf *out,
		    struct sl_err *err)
{
	switch (o->sub) {
	case SUB_COMPARE: return run_compare(f, out, err);
	case SUB_NORMALIZE: return run_normalize(f, out, err);
	default: return run_match(f, n, o->mode, out, err);
	}
}

static const char *result_key(enum sub sub)
{
	return sub == SUB_COMPARE ? "result" : sub == SUB_NORMALIZE ? "version" : "match";
}

/* Prints one result line (text or JSON). */
static void print_result(const struct sl_cli *cli, enum sub sub, const char *res)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;

	if (!cli->json) {
		puts(res);
		return;
	}
	sl_jsonw_init(&w, &b);
	sl_jsonw_object_begin(&w);
	if (sub == SUB_MATCH)
		sl_jsonw_field_bool(&w, result_key(sub), strcmp(res, "true") == 0);
	else
		sl_jsonw_field_string(&w, result_key(sub), res);
	sl_jsonw_object_end(&w);
	puts(b.buf);
	sl_buf_release(&b);
}

static const char *fields_hint(enum sub sub)
{
	if (sub == SUB_COMPARE)
		return "expected two TAB-separated fields: A, B";
	if (sub == SUB_NORMALIZE)
		return "expected one field: V";
	return "expected two or three TAB-separated fields: SPEC, V[, MODE]";
}

static const char *args_hint(enum sub sub)
{
	if (sub == SUB_COMPARE)
		return "compare takes two versions";
	if (sub == SUB_NORMALIZE)
		return "normalize takes one version";
	return "match takes a specifier and a version";
}

static int fields_wanted(enum sub sub, int *max)
{
	*max = sub == SUB_COMPARE ? 2 : sub == SUB_NORMALIZE ? 1 : 3;
	return sub == SUB_NORMALIZE ? 1 : 2;
}

/* Splits line at TABs into at most 3 fields; returns the count (4 = too
 * many). */
static int split_tabs(char *line, char **f)
{
	int n = 0;

	f[n++] = line;
	for (char *p = line; *p; p++) {
		if (*p != '\t')
			continue;
		*p = '\0';
		if (n == 3)
			return 4;
		f[n++] = p + 1;
	}
	return n;
}

static int stdin_loop(const struct version_opts *o, struct sl_cli *cli)
{
	struct sl_linereader r;
	struct sl_buf out = SL_BUF_INIT;
	struct sl_err err;
	int min, max, rc;

	min = fields_wanted(o->sub, &max);
	sl_linereader_init(&r, stdin, 1 << 20);
	while ((rc = sl_linereader_next(&r, &err)) == 1) {
		char *f[4];
		int n = split_tabs(r.line.buf, f);
		sl_buf_reset(&out);
		sl_err_clear(&err);
		if (r.truncated || r.saw_nul)
			cli_print_case_error(cli, "line too long or contains a NUL byte");
		else if (n < min || n > max)
			cli_print_case_error(cli, fields_hint(o->sub));
		else if (run_case(o, f, n, &out, &err) != 0)
			cli_print_case_error(cli, err.msg);
		else
			print_result(cli, o->sub, out.buf);
	}
	sl_linereader_release(&r);
	sl_buf_release(&out);
	if (rc < 0)
		return cli_fail(cli, &err);
	return fflush(stdout) == 0 ? 0 : EXIT_WRITE;
}

static int parse_sub(const char *s, enum sub *sub)
{
	static const char *const names[] = {"compare", "normalize", "match"};

	for (int i = 0; i < 3; i++) {
		if (strcmp(s, names[i]) == 0) {
			*sub = (enum sub)i;
			return 0;
		}
	}
	return -1;
}

/* The options, then the subcommand: the first operand. */
static int parse_opts(int argc, char **argv, struct version_opts *o, struct sl_cli *cli)
{
	static const struct option opts[] = {
	    {"stdin", no_argument, NULL, 's'},
	    {"prereleases", required_argument, NULL, 'p'},
	    {NULL, 0, NULL, 0},
	};
	const char *mode = NULL;
	struct sl_err err;
	int c;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 's': o->from_stdin = true; break;
		case 'p': mode = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind == argc)
		return cli_usage(cli, "expected compare, normalize or match");
	if (parse_sub(argv[optind], &o->sub) != 0)
		return cli_usage(cli,
				 "unknown subcommand '%s'; expected compare, normalize or match",
				 argv[optind]);
	optind++;
	if (mode && o->sub != SUB_MATCH)
		return cli_usage(cli, "--prereleases only applies to 'match'");
	if (mode && sl_prerelease_mode_parse(mode, &o->mode, &err) != 0)
		return cli_usage(cli, "%s", err.msg);
	return 0;
}

int cmd_version(int argc, char **argv, struct sl_cli *cli)
{
	struct version_opts o = {SUB_COMPARE, false, SL_PRE_DEFAULT};
	struct sl_buf out = SL_BUF_INIT;
	struct sl_err err;
	int min, max, rc;

	if ((rc = parse_opts(argc, argv, &o, cli)) != 0)
		return rc;
	argc -= optind;
	argv += optind;
	min = fields_wanted(o.sub, &max);
	if (o.sub == SUB_MATCH)
		max = 2; /* the mode is --prereleases on the command line */
	if (o.from_stdin)
		return argc ? cli_usage(cli, "--stdin takes no arguments") : stdin_loop(&o, cli);
	if (argc < min || argc > max)
		return cli_usage(cli, "%s", args_hint(o.sub));
	sl_err_clear(&err);
	if ((rc = run_case(&o, argv, argc, &out, &err)) != 0) {
		sl_buf_release(&out);
		return cli_fail(cli, &err);
	}
	print_result(cli, o.sub, out.buf);
	sl_buf_release(&out);
	return fflush(stdout) == 0 ? 0 : EXIT_WRITE;
}
