/* error.h: error codes and the error buffer every library call fills.
 *
 * Library functions return 0 on success or a negative SL_E* code; the
 * human-readable detail goes into a caller-owned struct sl_err (libsolv's
 * pool_error idea).  The library never prints and never exits: the CLI
 * turns codes into exit statuses (docs/exit-codes.md) and prints msg once. */
#ifndef SPACELOCK_ERROR_H
#define SPACELOCK_ERROR_H

#include <stddef.h>

enum sl_errcode {
	SL_OK = 0,
	SL_EINVAL = -1,	    /* caller misuse or invalid argument value */
	SL_EPARSE = -2,	    /* malformed input; msg has file:line[:col] */
	SL_EIO = -3,	    /* reading a file failed */
	SL_ELIMIT = -4,	    /* input over a size or time bound */
	SL_ENET = -5,	    /* network: connect, timeout, 5xx/429 after retries */
	SL_EAUTH = -6,	    /* 401/403 from the Hub */
	SL_ENOTFOUND = -7,  /* 404: no such Space, revision, package or file */
	SL_ESOLVER = -8,    /* libsolv could not be set up */
	SL_EWRITE = -9,	    /* an output could not be written; msg says why */
	SL_ECONFLICT = -10, /* the Hub's state is not what the write assumed: the
			       branch moved past parentCommit, the target exists */
};

#define SL_ERR_MSG_MAX 1024

struct sl_err {
	int code;		  /* last SL_E* code, 0 when none */
	char msg[SL_ERR_MSG_MAX]; /* one line, no trailing newline */
};

/* Clears an error buffer; err may be NULL. */
void sl_err_clear(struct sl_err *err);

/* Records code and a printf-style message in err (which may be NULL) and
 * returns code, so callers can write `return sl_error(err, SL_EPARSE, ...)`.
 * Control characters in the result are replaced so the message stays one
 * line; strings that look like Hub tokens (hf_...) are redacted. */
int sl_error(struct sl_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes an existing message with "prefix: " (e.g. a file name). */
void sl_err_prefix(struct sl_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A short static name for a code ("parse error", "network error", ...). */
const char *sl_strerror(int code);

#endif
