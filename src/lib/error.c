/* error.c: the error buffer behind every library call. */
#include "spacelock/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "spacelock/redact.h"

void sl_err_clear(struct sl_err *err)
{
	if (!err)
		return;
	err->code = 0;
	err->msg[0] = '\0';
}

/* Messages are one line: a newline or other control byte from echoed input
 * would let a hostile file forge extra output lines. */
static void flatten(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

static void finish(struct sl_err *err)
{
	flatten(err->msg);
	sl_redact_tokens(err->msg);
}

int sl_error(struct sl_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	finish(err);
	return code;
}

void sl_err_prefix(struct sl_err *err, const char *fmt, ...)
{
	char prefix[SL_ERR_MSG_MAX];
	char old[SL_ERR_MSG_MAX];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	/* a prefix plus message longer than the buffer is cut, never overrun */
	size_t n = strlen(prefix);
	if (n > sizeof(err->msg) - 3)
		n = sizeof(err->msg) - 3;
	memcpy(err->msg, prefix, n);
	memcpy(err->msg + n, ": ", 2);
	size_t rest = sizeof(err->msg) - n - 3;
	size_t olen = strnlen(old, rest);
	memcpy(err->msg + n + 2, old, olen);
	err->msg[n + 2 + olen] = '\0';
	finish(err);
}

const char *sl_strerror(int code)
{
	switch (code) {
	case SL_OK: return "success";
	case SL_EINVAL: return "invalid argument";
	case SL_EPARSE: return "parse error";
	case SL_EIO: return "input/output error";
	case SL_ELIMIT: return "input too large";
	case SL_ENET: return "network error";
	case SL_EAUTH: return "authentication error";
	case SL_ENOTFOUND: return "not found";
	case SL_ESOLVER: return "solver error";
	case SL_EWRITE: return "write error";
	case SL_ECONFLICT: return "conflict";
	}
	return "unknown error";
}
