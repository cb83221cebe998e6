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
		/* memmem skips the text between candidates without per-byte work */
		const char *hit = memmem(s + i, len - i, "hf_", 3);
		if (!hit)
			break;
		i = (size_t)(hit - s);
		/* "xhf_..." is part of a longer word, not a token */
		if (i > 0 && is_alnum((unsigned char)s[i - 1]))
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
