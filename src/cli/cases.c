/* cases.c: the one-case-a-line loop of the plumbing verbs (version, name,
 * marker, requirement). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "spacelock/fileio.h"
#include "spacelock/jsonw.h"

void cli_print_case_error(const struct sl_cli *cli, const char *msg)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;

	if (!cli->json) {
		printf("error: %s\n", msg);
		return;
	}
	sl_jsonw_init(&w, &b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_string(&w, "error", msg);
	sl_jsonw_object_end(&w);
	puts(b.buf);
	sl_buf_release(&b);
}

int cli_cases_stdin(struct sl_cli *cli, cli_case_fn fn, void *ctx)
{
	struct sl_linereader r;
	struct sl_buf out = SL_BUF_INIT;
	struct sl_err err;
	int rc;

	sl_linereader_init(&r, stdin, 1 << 20);
	while ((rc = sl_linereader_next(&r, &err)) == 1) {
		sl_buf_reset(&out);
		sl_err_clear(&err);
		cli->case_line = r.lineno;
		if (r.truncated || r.saw_nul)
			cli_print_case_error(cli, "line too long or contains a NUL byte");
		else if (fn(r.line.buf, ctx, &out, &err) != 0)
			cli_print_case_error(cli, err.msg);
		else
			puts(out.buf);
	}
	sl_linereader_release(&r);
	sl_buf_release(&out);
	if (rc < 0)
		return cli_fail(cli, &err);
	return 0; /* a failed write to stdout: main reports it */
}

int cli_cases_one(struct sl_cli *cli, cli_case_fn fn, char *arg, void *ctx)
{
	struct sl_buf out = SL_BUF_INIT;
	struct sl_err err;

	sl_err_clear(&err);
	if (fn(arg, ctx, &out, &err) != 0) {
		sl_buf_release(&out);
		if (err.code == SL_EINVAL)
			err.code = SL_EPARSE; /* bad input, not bad usage: exit 3 */
		return cli_fail(cli, &err);
	}
	puts(out.buf);
	sl_buf_release(&out);
	return 0; /* a failed write to stdout: main reports it */
}

int cli_cases_parse(int argc, char **argv, struct sl_cli *cli, const char *sub, bool *from_stdin)
{
	static const struct option opts[] = {
	    {"stdin", no_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	int c, n;

	while ((c = cli_getopt(cli, argc, argv, "", opts)) != -1) {
		if (c != 's')
			return EXIT_USAGE;
		*from_stdin = true;
	}
	n = argc - optind;
	if (n < 1)
		return cli_usage(cli, "expected '%s'", sub);
	if (strcmp(argv[optind], sub) != 0)
		return cli_usage(cli, "unknown subcommand '%s'; expected '%s'", argv[optind], sub);
	if (*from_stdin && n != 1)
		return cli_usage(cli, "--stdin takes no arguments");
	if (!*from_stdin && n != 2)
		return cli_usage(cli, "%s takes one argument", sub);
	return 0;
}
