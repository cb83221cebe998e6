/* output.c: the only place diagnostics are formatted.  Every failure is
 * reported once: its human line on stderr and, with --json, one object
 * {"error":{"message":...,"kind":...,"exit":N}} on stdout
 * (docs/exit-codes.md). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "spacelock/buf.h"
#include "spacelock/jsonw.h"
#include "spacelock/mem.h"
#include "spacelock/redact.h"

int cli_exit_for(int code)
{
	switch (code) {
	case SL_OK: return 0;
	case SL_EINVAL: return EXIT_USAGE;
	case SL_EPARSE:
	case SL_ELIMIT: return EXIT_INPUT;
	case SL_EIO: return EXIT_INPUT;
	case SL_EWRITE: return EXIT_WRITE;
	case SL_ENET: return EXIT_NETWORK;
	case SL_EAUTH: return EXIT_AUTH;
	case SL_ENOTFOUND: return EXIT_NOTFOUND;
	case SL_ECONFLICT: return EXIT_CONFLICT;
	}
	return EXIT_INTERNAL;
}

/* The "kind" of a library error in JSON: a word a script can branch on. */
static const char *kind_of(int code)
{
	switch (code) {
	case SL_EINVAL: return "usage";
	case SL_EPARSE: return "parse";
	case SL_EIO:
	case SL_EWRITE: return "io";
	case SL_ELIMIT: return "limit";
	case SL_ENET: return "network";
	case SL_EAUTH: return "auth";
	case SL_ENOTFOUND: return "not_found";
	case SL_ECONFLICT: return "conflict";
	}
	return "internal";
}

static void json_error(const char *msg, const char *kind, int exit_code)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;

	sl_jsonw_init(&w, &b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_key(&w, "error");
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_string(&w, "message", msg);
	sl_jsonw_field_string(&w, "kind", kind);
	sl_jsonw_field_int(&w, "exit", exit_code);
	sl_jsonw_object_end(&w);
	sl_jsonw_object_end(&w);
	sl_buf_addch(&b, '\n');
	fputs(b.buf, stdout);
	fflush(stdout);
	sl_buf_release(&b);
}

static bool wants_json(const struct sl_cli *cli)
{
	return cli->json || cli->json_errors;
}

int cli_fail_exit(struct sl_cli *cli, const struct sl_err *err, int exit_code)
{
	const char *msg = err->msg[0] ? err->msg : sl_strerror(err->code);

	if (wants_json(cli))
		json_error(msg, kind_of(err->code), exit_code);
	fprintf(stderr, "spacelock: error: %s\n", msg);
	return exit_code;
}

int cli_fail(struct sl_cli *cli, const struct sl_err *err)
{
	return cli_fail_exit(cli, err, cli_exit_for(err->code));
}

int cli_fail_input(struct sl_cli *cli, const struct sl_err *err)
{
	return cli_fail_exit(cli, err,
			     err->code == SL_ENOTFOUND ? EXIT_INPUT : cli_exit_for(err->code));
}

/* Formats a message about the command line (one line, tokens masked) into
 * msg and prints it as JSON when asked; the caller prints the human line. */
static void format_error(struct sl_cli *cli, const char *kind, int exit_code, char *msg,
			 size_t size, const char *fmt, va_list ap)
{
	vsnprintf(msg, size, fmt, ap);
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	sl_redact_tokens(msg);
	if (wants_json(cli))
		json_error(msg, kind, exit_code);
}

int cli_usage(struct sl_cli *cli, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	format_error(cli, "usage", EXIT_USAGE, msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cli->verb && strcmp(cli->verb, "help") != 0)
		fprintf(stderr, "spacelock %s: %s\nsee 'spacelock %s --help'\n", cli->verb, msg,
			cli->verb);
	else
		fprintf(stderr, "spacelock: %s\nsee 'spacelock --help'\n", msg);
	return EXIT_USAGE;
}

int cli_error(struct sl_cli *cli, const char *kind, int exit_code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	format_error(cli, kind, exit_code, msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "spacelock: %s\n", msg);
	return exit_code;
}

void cli_warn(struct sl_cli *cli, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (cli->quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sl_redact_tokens(msg);
	fprintf(stderr, "spacelock: warning: %s\n", msg);
}

void cli_print(const char *s, size_t n)
{
	char *t;

	if (!n)
		return;
	t = sl_xmalloc(n);
	memcpy(t, s, n);
	sl_redact_tokens_n(t, n);
	fwrite(t, 1, n, stdout);
	free(t);
}
