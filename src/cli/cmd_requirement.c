/* cmd_requirement.c: `spacelock requirement parse`, the PEP 508 plumbing
 * (docs/commands/plumbing-pep508.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cases.h"
#include "commands.h"
#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/requirement.h"

const char cmd_requirement_summary[] = "parse a PEP 508 requirement into JSON (plumbing)";

const char cmd_requirement_usage[] =
    "usage: spacelock requirement parse REQ\n"
    "       spacelock requirement parse --stdin\n\n"
    "Parses a PEP 508 requirement as the latest pypa/packaging does and prints\n"
    "one line of JSON: {\"name\", \"extras\", \"specifier\", \"url\", \"marker\"}; name as\n"
    "written, extras sorted, specifier clauses sorted and comma-joined (\"\" when\n"
    "none), url and marker null when absent, marker in normal form\n"
    "(docs/commands/plumbing-pep508.md).  An invalid requirement exits 3.\n\n"
    "  --stdin  one requirement a line (the whole line); one result a line,\n"
    "           'error: MSG' for a bad one; exit 0 once all input was read\n";

/* One case: the requirement's JSON line. */
static int parse_case(char *line, void *ctx, struct sl_buf *out, struct sl_err *err)
{
	struct sl_requirement *r;
	char *json;
	int rc = sl_requirement_parse(line, &r, err);

	(void)ctx;
	if (rc < 0)
		return rc;
	json = sl_requirement_to_json(r);
	sl_requirement_free(r);
	if (!json)
		return sl_error(err, SL_EPARSE,
				"marker of '%s' has a value with both quote characters and no "
				"written form",
				line);
	sl_buf_addstr(out, json);
	free(json);
	return 0;
}

int cmd_requirement(int argc, char **argv, struct sl_cli *cli)
{
	bool from_stdin = false;
	int rc;

	if ((rc = pep508_parse_common(argc, argv, cli, "parse", &from_stdin)) != 0)
		return rc;
	if (from_stdin)
		return pep508_stdin_loop(cli, parse_case, NULL);
	return pep508_run_one(cli, parse_case, argv[optind + 1], NULL);
}
