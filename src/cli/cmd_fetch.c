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
#include "spacelock/jsonw.h"

const char cmd_fetch_summary[] = "download a Space's card, requirements and logs (plumbing)";

const char cmd_fetch_usage[] =
    "usage: spacelock fetch [--revision REV] [--token-file FILE] OWNER/NAME DIR\n\n"
    "Downloads what `spacelock snapshot OWNER/NAME` reads from the Hub into DIR:\n"
    "README.md, requirements.txt, pre-requirements.txt, packages.txt at the exact\n"
    "revision, and the build and run logs (build.log, run.log, as server-sent\n"
    "events, Hub tokens redacted).  Prints the Space id, the full revision sha,\n"
    "sdk, hardware and the names (never values) of secrets and variables the\n"
    "token may read.  Token: HF_TOKEN, HUGGING_FACE_HUB_TOKEN, then the token file\n"
    "(docs/hub.md); --token-file overrides.  The Space may also be named\n"
    "OWNER/NAME@REV, spaces/OWNER/NAME or by its URL (https://huggingface.co/\n"
    "spaces/OWNER/NAME[/tree/REV]); a revision there and --revision must agree.\n";

static void print_json(const struct sl_hub_space *sp)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;

	sl_jsonw_init(&w, &b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_bool(&w, "fetched", true);
	sl_jsonw_field_string(&w, "space", sp->id);
	sl_jsonw_field_string(&w, "revision", sp->sha);
	sl_jsonw_field_string(&w, "sdk", sp->sdk);
	sl_jsonw_field_string(&w, "hardware", sp->hardware);
	sl_jsonw_field_string(&w, "stage", sp->stage);
	sl_jsonw_field_string(&w, "log_commit", sp->log_commit);
	sl_jsonw_field_strv(&w, "secrets", sp->secret_names);
	sl_jsonw_field_strv(&w, "variables", sp->variable_names);
	sl_jsonw_object_end(&w);
	sl_buf_addch(&b, '\n');
	cli_print(b.buf, b.len);
	sl_buf_release(&b);
}

static void print_names(const char *key, char **v)
{
	fputs(key, stdout);
	for (size_t i = 0; v && v[i]; i++)
		printf(" %s", v[i]);
	putchar('\n');
}

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

static void print_text(const struct sl_hub_space *sp)
{
	printf("space %s\nrevision %s\nsdk %s\nhardware %s\nstage %s\nlog_commit %s\n",
	       or_dash(sp->id), or_dash(sp->sha), or_dash(sp->sdk), or_dash(sp->hardware),
	       or_dash(sp->stage), or_dash(sp->log_commit));
	print_names("secrets", sp->secret_names);
	print_names("variables", sp->variable_names);
}

int cmd_fetch(int argc, char **argv, struct sl_cli *cli)
{
	static const struct option opts[] = {
	    {"revision", required_argument, NULL, 'r'},
	    {"token-file", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0},
	};
	const char *rev = NULL, *token_file = NULL;
	struct sl_hubdir f;
	int c, rc;

	while ((c = cli_getopt(cli, argc, argv, "r:t:", opts)) != -1) {
		switch (c) {
		case 'r': rev = optarg; break;
		case 't': token_file = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cli_usage(cli, "fetch takes a Space id (owner/name) and a directory");
	rc = cli_hub_fetch(cli, argv[optind], rev, token_file, argv[optind + 1], &f);
	if (rc)
		return rc;
	if (cli->json)
		print_json(&f.space);
	else
		print_text(&f.space);
	sl_hubdir_release(&f);
	return 0;
}
