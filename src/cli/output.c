/* output.c: the only place diagnostics are formatted. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "spacelock/buf.h"
#include "spacelock/jsonw.h"
#include "spacelock/redact.h"

int cli_exit_for(int code)
{
	switch (code) {
	case SL_OK: return 0;
	case SL_EINVAL: return EXIT_USAGE;
	case SL_EPARSE:
	case SL_ELIMIT: return EXIT_INPUT;
	case SL_EIO: return EXIT_INPUT;
	case SL_ENET: return EXIT_NETWORK;
	case SL_EAUTH: return EXIT_AUTH;
	case SL_ENOTFOUND: return EXIT_NOTFOUND;
	}
	return EXIT_INTERNAL;
}

int cli_fail(struct sl_cli *cli, const struct sl_err *err)
{
	const char *msg = err->msg[0] ? err->msg : sl_strerror(err->code);

	if (cli->json) {
		struct sl_buf b = SL_BUF_INIT;
		struct sl_jsonw w;
		sl_jsonw_init(&w, &b);
		sl_jsonw_object_begin(&w);
		sl_jsonw_field_string(&w, "error", msg);
		sl_jsonw_field_string(&w, "kind", sl_strerror(err->code));
		sl_jsonw_field_int(&w, "exit", cli_exit_for(err->code));
		sl_jsonw_object_end(&w);
		sl_buf_addch(&b, '\n');
		fputs(b.buf, stdout);
		sl_buf_release(&b);
	}
	fprintf(stderr, "spacelock: error: %s\n", msg);
	return cli_exit_for(err->code);
}

int cli_usage(struct sl_cli *cli, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sl_redact_tokens(msg);
	if (cli->verb && strcmp(cli->verb, "help") != 0)
		fprintf(stderr, "spacelock %s: %s\nsee 'spacelock %s --help'\n", cli->verb, msg,
			cli->verb);
	else
		fprintf(stderr, "spacelock: %s\nsee 'spacelock --help'\n", msg);
	return EXIT_USAGE;
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
