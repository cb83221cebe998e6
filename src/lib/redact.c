/* redact.c: token and URL password redaction shared by errors, logs and
 * lockfiles. */
#include "spacelock/redact.h"

#include <stdbool.h>
#include <string.h>

#define TOKEN_MIN_BODY 30

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where a URL's authority ends in free text: a path, query or fragment,
 * or what a URL is never written with (space, '"' that ends a JSON
 * string, '\\' that starts its escape, <>`).  A quote "'" may be in a
 * password (RFC 3986 userinfo) and does not end it. */
static bool ends_authority(unsigned char c)
{
	return c <= 0x20 || c == 0x7f || strchr("/?#\"<>\\`", c) != NULL;
}

/* A password that is a ${VAR} reference (pip expands it from the
 * environment when it reads the file) is no secret. */
static bool is_reference(const char *p, size_t n)
{
	return n > 3 && p[0] == '$' && p[1] == '{' && p[n - 1] == '}';
}

size_t sl_redact_url_passwords_n(char *s, size_t len)
{
	size_t found = 0;
	const char *end = s + len;

	for (char *p = s; (p = memmem(p, (size_t)(end - p), "://", 3)) != NULL;) {
		char *auth = p + 3, *a = auth, *at = NULL, *colon;

		while (a < end && !ends_authority((unsigned char)*a)) {
			if (*a == '@')
				at = a; /* the last '@' ends the userinfo */
			a++;
		}
		p = a;
		if (!at || !(colon = memchr(auth, ':', (size_t)(at - auth))) ||
		    is_reference(colon + 1, (size_t)(at - colon - 1)))
			continue;
		bool hidden = true; /* already all '*': redacted before */
		for (char *c = colon + 1; c < at; c++) {
			hidden = hidden && *c == '*';
			*c = '*';
		}
		found += !hidden && colon + 1 < at;
	}
	return found;
}

static size_t redact_hub_tokens(char *s, size_t len)
{
	size_t found = 0;

	for (size_t i = 0; i + 3 <= len; i++) {
		/* memchr skips to each '_' (rarer than 'h') without per-byte work */
		const char *us = memchr(s + i + 2, '_', len - i - 2);
		if (!us)
			break;
		i = (size_t)(us - s) - 2;
		/* Whatever comes before "hf_" does not matter: in a log a token
		 * follows the letter that ends an escape ("\thf_...", an ANSI
		 * colour "\x1b[33mhf_...") or a word it was pasted onto. */
		if (s[i] != 'h' || s[i + 1] != 'f')
			continue;
		size_t j = i + 3;
		while (j < len && is_alnum((unsigned char)s[j]))
			j++;
		if (j - (i + 3) < TOKEN_MIN_BODY)
			continue;
		memset(s + i + 3, '*', j - (i + 3));
		found++;
		i = j;
	}
	return found;
}

size_t sl_redact_tokens_n(char *s, size_t len)
{
	return redact_hub_tokens(s, len) + sl_redact_url_passwords_n(s, len);
}

size_t sl_redact_tokens(char *s)
{
	return sl_redact_tokens_n(s, strlen(s));
}
