/* redact.c: token redaction shared by errors, logs and lockfiles. */
#include "spacelock/redact.h"

#include <string.h>

#define TOKEN_MIN_BODY 30

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t sl_redact_tokens_n(char *s, size_t len)
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

size_t sl_redact_tokens(char *s)
{
	return sl_redact_tokens_n(s, strlen(s));
}
