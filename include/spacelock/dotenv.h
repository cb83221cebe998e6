/* dotenv.h: a secrets file in the dotenv format, for `duplicate
 * --secrets-file`.  One KEY=VALUE a line; blank lines and lines starting
 * with '#' are skipped; "export KEY=VALUE" is accepted; KEY is
 * [A-Za-z_][A-Za-z0-9_]*; a VALUE in single quotes is taken as written, in
 * double quotes \n, \t, \" and \\ are unescaped; an unquoted VALUE ends at
 * " #" (a comment) and its surrounding spaces are dropped.  The values are
 * secrets: no message ever holds one (an error names the file, the line
 * and what is wrong, never the line's text). */
#ifndef SPACELOCK_DOTENV_H
#define SPACELOCK_DOTENV_H

#include <stddef.h>

#include "error.h"

struct sl_dotenv_entry {
	char *key;
	char *value;
	unsigned long line;
};

struct sl_dotenv {
	struct sl_dotenv_entry *v; /* in file order; a later KEY overrides an earlier one */
	size_t n;
};

/* Parses text[0..len) (path labels messages).  SL_EPARSE "path:line:
 * ..." for a line that is not KEY=VALUE, a bad key or an unterminated
 * quote; out is then empty.  Release with sl_dotenv_release (it wipes the
 * values). */
int sl_dotenv_parse(const char *path, const char *text, size_t len, struct sl_dotenv *out,
		    struct sl_err *err);

/* The value of key (the last one in the file), or NULL.  Borrowed. */
const char *sl_dotenv_get(const struct sl_dotenv *env, const char *key);

void sl_dotenv_release(struct sl_dotenv *env);

#endif
