/* cmd_fetch.c: `spacelock fetch owner/space DIR`: what `snapshot
 * owner/space` reads from the Hub, saved into DIR (README.md, requirement
 * files, build.log and run.log as server-sent events), so the same data
 * can be inspected or snapshot from files. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "hubfetch.h"
#include "spacelock/buf.h"

const char cmd_fetch_summary[] = "download a Space's card, requirements and logs (plumbing)";

const char cmd_fetch_usage[] =
    "usage: spacelock fetch [--revision REV] [--token-file FILE] OWNER/NAME DIR\n\n"
    "Downloads what `spacelock snapshot OWNER/NAME` reads from the Hub into DIR:\n"
    "README.md, requirements.txt, pre-requirements.txt, packages.txt at the exact\n"
    "revision, and the build and run logs (build.log, run.log, as server-sent\n"
    "events, Hub tokens redacted).  Prints the Space id, the full revision sha,\n"
    "sdk, hardware and the names (never values) of secrets and variables the\n"
    "token may read.  Token: HF_TOKEN, HUGGING_FACE_HUB_TOKEN, then the token file\n"
    "(docs/hub.md); --token-file overrides.\n";

static void add_names(struct sl_buf *b, const char *key, char **v, bool json)
{
	if (json) {
		sl_buf_addf(b, ",\"%s\":[", key);
		for (size_t i = 0; v && v[i]; i++) {
			if (i)
				sl_buf_addch(b, ',');
			sl_buf_add_json_string(b, v[i], strlen(v[i]));
		}
		sl_buf_addch(b, ']');
		return;
	}
	sl_buf_addf(b, "%s", key);
	for (size_t i = 0; v && v[i]; i++)
		sl_buf_addf(b, " %s", v[i]);
	sl_buf_addch(b, '\n');
}

static void add_field(struct sl_buf *b, const char *key, const char *v, bool json)
{
	if (!json) {
		sl_buf_addf(b, "%s %s\n", key, v ? v : "-");
		return;
	}
	sl_buf_addf(b, ",\"%s\":", key);
	if (v)
		sl_buf_add_json_string(b, v, strlen(v));
	else
		sl_buf_addstr(b, "null");
}

static void print_space(const struct cli_hub_fetch *f, bool json)
{
	const struct sl_hub_space *sp = &f->space;
	struct sl_buf b = SL_BUF_INIT;

	if (json)
		sl_buf_addstr(&b, "{\"fetched\":true");
	add_field(&b, "space", sp->id, json);
	add_field(&b, "revision", sp->sha, json);
	add_field(&b, "sdk", sp->sdk, json);
	add_field(&b, "hardware", sp->hardware, json);
	add_field(&b, "stage", sp->stage, json);
	add_field(&b, "log_commit", sp->log_commit, json);
	add_names(&b, "secrets", sp->secret_names, json);
	add_names(&b, "variables", sp->variable_names, json);
	if (json)
		sl_buf_addstr(&b, "}\n");
	fputs(b.buf, stdout);
	sl_buf_release(&b);
}

int cmd_fetch(int argc, char **argv, struct sl_cli *cli)
{
	static const struct option opts[] = {
	    {"revision", required_argument, NULL, 'r'},
	    {"token-file", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0},
	};
	const char *rev = NULL, *token_file = NULL;
	struct cli_hub_fetch f;
	int c, rc;

	if (cli_wants_help(argc, argv, cli))
		return 0;
	while ((c = getopt_long(argc, argv, "r:t:", opts, NULL)) != -1) {
		switch (c) {
		case 'r': rev = optarg; break;
		case 't': token_file = optarg; break;
		default: return cli_bad_option(cli, argc, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage(cli, "fetch takes a Space id (owner/name) and a directory");
	rc = cli_hub_fetch(cli, argv[optind], rev, token_file, argv[optind + 1], &f);
	if (rc)
		return rc;
	print_space(&f, cli->json);
	cli_hub_fetch_release(&f);
	return 0;
}
