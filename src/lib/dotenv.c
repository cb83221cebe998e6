/* dotenv.c: the dotenv format (dotenv.h).  Line by line; a value may not
 * span lines.  Messages never quote the input: it holds secrets. */
#include "spacelock/dotenv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/mem.h"

static void wipe_free(char *s)
{
	if (s) {
		memset(s, 0, strlen(s));
		free(s);
	}
}

static bool key_char(char c, bool first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

static const char *skip_spaces(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* A double-quoted value from p (after the quote); *ok false when the
 * closing quote is missing. */
static char *double_quoted(const char *p, const char *end, const char **after, bool *ok)
{
	struct sl_buf b = SL_BUF_INIT;

	for (; p < end && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			sl_buf_addch(&b, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
		} else {
			sl_buf_addch(&b, *p);
		}
	}
	*ok = p < end;
	*after = p < end ? p + 1 : p;
	return sl_buf_detach(&b, NULL);
}

static char *value_of(const char *p, const char *end, bool *ok)
{
	const char *after = end, *q;
	char *v;

	*ok = true;
	if (p < end && *p == '\'') {
		q = memchr(p + 1, '\'', (size_t)(end - p - 1));
		*ok = q != NULL;
		v = sl_xstrndup(p + 1, q ? (size_t)(q - p - 1) : 0);
		after = q ? q + 1 : end;
	} else if (p < end && *p == '"') {
		v = double_quoted(p + 1, end, &after, ok);
	} else {
		for (q = p; q < end && !(*q == '#' && (q == p || q[-1] == ' ' || q[-1] == '\t'));)
			q++;
		while (q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
			q--;
		return sl_xstrndup(p, (size_t)(q - p));
	}
	after = skip_spaces(after, end);
	if (*ok && after < end && *after != '#' && *after != '\r')
		*ok = false; /* text after the closing quote */
	if (!*ok) {
		wipe_free(v);
		return NULL;
	}
	return v;
}

static int parse_line(const char *path, unsigned long n, const char *p, const char *end,
		      struct sl_dotenv *out, struct sl_err *err)
{
	const char *k;
	bool ok;
	char *v;

	p = skip_spaces(p, end);
	if (p == end || *p == '#' || *p == '\r')
		return 0;
	if (end - p > 7 && memcmp(p, "export ", 7) == 0)
		p = skip_spaces(p + 7, end);
	for (k = p; p < end && key_char(*p, p == k);)
		p++;
	if (p == k)
		return sl_error(err, SL_EPARSE,
				"%s:%lu: expected KEY=VALUE (a name of letters, "
				"digits and _)",
				path, n);
	const char *key_end = p;
	p = skip_spaces(p, end);
	if (p == end || *p != '=')
		return sl_error(err, SL_EPARSE, "%s:%lu: expected '=' after the name", path, n);
	v = value_of(skip_spaces(p + 1, end), end, &ok);
	if (!ok)
		return sl_error(err, SL_EPARSE,
				"%s:%lu: a quoted value must end on its line with "
				"its quote",
				path, n);
	out->v = sl_xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	out->v[out->n].key = sl_xstrndup(k, (size_t)(key_end - k));
	out->v[out->n].value = v;
	out->v[out->n++].line = n;
	return 0;
}

int sl_dotenv_parse(const char *path, const char *text, size_t len, struct sl_dotenv *out,
		    struct sl_err *err)
{
	const char *p = text, *end = text + len;
	unsigned long n = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	while (p < end && rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		n++;
		if (memchr(p, '\0', (size_t)(stop - p)))
			rc = sl_error(err, SL_EPARSE, "%s:%lu: a NUL byte: not a text file", path,
				      n);
		else
			rc = parse_line(path, n, p, stop, out, err);
		p = nl ? nl + 1 : end;
	}
	if (rc < 0)
		sl_dotenv_release(out);
	return rc;
}

const char *sl_dotenv_get(const struct sl_dotenv *env, const char *key)
{
	for (size_t i = env->n; i-- > 0;)
		if (strcmp(env->v[i].key, key) == 0)
			return env->v[i].value;
	return NULL;
}

void sl_dotenv_release(struct sl_dotenv *env)
{
	for (size_t i = 0; i < env->n; i++) {
		free(env->v[i].key);
		wipe_free(env->v[i].value);
	}
	free(env->v);
	memset(env, 0, sizeof(*env));
}
