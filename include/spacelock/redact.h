/* redact.h: keeping Hub tokens and URL passwords out of every output.
 *
 * A Hugging Face user access token is "hf_" followed by 30 or more ASCII
 * letters and digits.  Anything that matches is replaced in place by
 * "hf_***" padded so the string never grows, wherever it starts: right
 * after a letter too, since an escape (JSON "\t", an ANSI colour
 * "\x1b[33m") or a pasted word puts one before a real token.  Text that
 * holds escapes (JSON) must be redacted again once decoded: an escaped
 * letter ("\u0068f_") hides a token from the raw text.
 *
 * The password of a URL's userinfo ("https://user:pw@host/",
 * "git+https://__token__:pw@host/") is replaced by as many '*' the same
 * way: the username, host and path stay, so a message still says which
 * index or file it is about.  A ${VAR} password, which pip expands from
 * the environment, is no secret and is kept. */
#ifndef SPACELOCK_REDACT_H
#define SPACELOCK_REDACT_H

#include <stddef.h>

/* Redacts tokens and URL passwords in the NUL-terminated string s in
 * place; returns how many were found. */
size_t sl_redact_tokens(char *s);

/* Same for a byte range that may hold NULs. */
size_t sl_redact_tokens_n(char *s, size_t len);

/* Only the URL passwords of s[0..len), in place; returns how many. */
size_t sl_redact_url_passwords_n(char *s, size_t len);

#endif
