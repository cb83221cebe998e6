/* cmd_name.c: `spacelock name normalize N`, PEP 503 canonical project names
 * (docs/commands/plumbing-pep508.md). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cases.h"
#include "commands.h"
#include "spacelock/buf.h"
#include "spacelock/jsonw.h"
#include "spacelock/name.h"

const char cmd_name_summary[] = "canonical form of a project name (plumbing)";

const char cmd_name_usage[] =
    "usage: spacelock name normalize N\n"
    "       spacelock name normalize --stdin\n\n"
    "Prints the PEP 503 canonical form of a project name (lower case, runs of\n"
    "'-', '_' and '.' as one '-'), as packaging's canonicalize_name.  A name that\n"
    "is not a valid PEP 508 name exits 3 (docs/commands/plumbing-pep508.md).\n\n"
    "  --stdin  one name a line; one result a line, 'error: MSG' for a bad one\n";

/* One case: the canonical name of a valid project name. */
static int normalize_case(char *line, void *ctx, struct sl_buf *out, struct sl_err *err)
{
	const struct sl_cli *cli = ctx;
	struct sl_buf b = SL_BUF_INIT;

	if (!sl_name_is_valid(line, strlen(line)))
		return sl_error(err, SL_EPARSE,
				"invalid project name '%s': letters, digits, '.', '_' and '-', "
				"starting and ending with a letter or digit",
				line);
	sl_name_canonical_buf(line, strlen(line), &b);
	if (cli->json) {
		struct sl_jsonw w;
		sl_jsonw_init(&w, out);
		sl_jsonw_object_begin(&w);
		sl_jsonw_field_string(&w, "name", b.buf);
		sl_jsonw_object_end(&w);
	} else {
		sl_buf_add(out, b.buf, b.len);
	}
	sl_buf_release(&b);
	return 0;
}

int cmd_name(int argc, char **argv, struct sl_cli *cli)
{
	bool from_stdin = false;
	int rc;

	if ((rc = pep508_parse_common(argc, argv, cli, "normalize", &from_stdin)) != 0)
		return rc;
	if (from_stdin)
		return pep508_stdin_loop(cli, normalize_case, cli);
	return pep508_run_one(cli, normalize_case, argv[optind + 1], cli);
}
