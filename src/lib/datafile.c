/* datafile.c: the embedded data files (generated from data/NAME.txt by
 * scripts/embed-data.sh) and the reader of their "key: value" paragraphs. */
#include "spacelock/datafile.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"

const struct sl_datafile *sl_datafile_find(const char *name)
{
	for (const struct sl_datafile *f = sl_datafiles; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

struct reader {
	const char *name;
	struct sl_stanzas *out;
	bool open; /* the last stanza takes more fields */
	struct sl_err *err;
};

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static bool is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* s[0..n) without surrounding spaces and tabs, as a new string. */
static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return sl_xstrndup(s, n);
}

static struct sl_stanza_field *last_field(struct reader *r)
{
	struct sl_stanza *st;

	if (!r->open)
		return NULL;
	st = &r->out->v[r->out->n - 1];
	return &st->fields[st->n - 1];
}

static int continuation(struct reader *r, const char *s, size_t n, unsigned long line)
{
	struct sl_stanza_field *f = last_field(r);
	char *more = trimmed(s, n);
	char *joined;

	if (!f) {
		free(more);
		return sl_error(r->err, SL_EPARSE,
				"%s:%lu: a continuation line with no field above", r->name, line);
	}
	joined = sl_xasprintf("%s %s", f->value, more);
	free(f->value);
	free(more);
	f->value = joined;
	return 0;
}

static void add_field(struct reader *r, char *key, char *value, unsigned long line)
{
	struct sl_stanzas *o = r->out;
	struct sl_stanza *st;

	if (!r->open) {
		o->v = sl_xrealloc(o->v, (o->n + 1) * sizeof(*o->v));
		memset(&o->v[o->n], 0, sizeof(o->v[0]));
		o->v[o->n++].line = line;
		r->open = true;
	}
	st = &o->v[o->n - 1];
	st->fields = sl_xrealloc(st->fields, (st->n + 1) * sizeof(*st->fields));
	st->fields[st->n++] = (struct sl_stanza_field){key, value, line};
}

static int field(struct reader *r, const char *s, size_t n, unsigned long line)
{
	size_t k = 0;
	char *value;

	while (k < n && is_key_char(s[k]))
		k++;
	if (k == 0 || k >= n || s[k] != ':')
		return sl_error(r->err, SL_EPARSE, "%s:%lu: expected 'key: value'", r->name, line);
	value = trimmed(s + k + 1, n - k - 1);
	if (!*value) {
		free(value);
		return sl_error(r->err, SL_EPARSE, "%s:%lu: '%.*s' has no value", r->name, line,
				(int)k, s);
	}
	add_field(r, sl_xstrndup(s, k), value, line);
	return 0;
}

static int one_line(struct reader *r, const char *s, size_t n, unsigned long line)
{
	if (n && s[n - 1] == '\r')
		n--;
	if (memchr(s, '\0', n))
		return sl_error(r->err, SL_EPARSE, "%s:%lu: a NUL byte", r->name, line);
	if (is_blank(s, n)) {
		r->open = false;
		return 0;
	}
	if (s[0] == '#')
		return 0;
	if (s[0] == ' ' || s[0] == '\t')
		return continuation(r, s, n, line);
	return field(r, s, n, line);
}

int sl_stanzas_parse(const char *name, const char *text, size_t len, struct sl_stanzas *out,
		     struct sl_err *err)
{
	struct reader r = {name, out, false, err};
	unsigned long line = 0;
	size_t i = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (len > SL_DATAFILE_MAX_BYTES)
		return sl_error(err, SL_ELIMIT, "%s: over %u bytes", name, SL_DATAFILE_MAX_BYTES);
	while (rc == 0 && i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		rc = one_line(&r, text + i, n, ++line);
		i += n + 1;
	}
	if (rc)
		sl_stanzas_release(out);
	return rc;
}

void sl_stanzas_release(struct sl_stanzas *s)
{
	for (size_t i = 0; i < s->n; i++) {
		for (size_t j = 0; j < s->v[i].n; j++) {
			free(s->v[i].fields[j].key);
			free(s->v[i].fields[j].value);
		}
		free(s->v[i].fields);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

const char *sl_stanza_get(const struct sl_stanza *st, const char *key)
{
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->fields[i].key, key) == 0)
			return st->fields[i].value;
	return NULL;
}

static bool listed(const char *const *names, const char *s)
{
	for (size_t i = 0; names && names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return true;
	return false;
}

int sl_stanza_check(const char *name, const struct sl_stanza *st, const char *const *known,
		    const char *const *required, struct sl_err *err)
{
	for (size_t i = 0; i < st->n; i++)
		if (!listed(known, st->fields[i].key))
			return sl_error(err, SL_EPARSE, "%s:%lu: unknown key '%s'", name,
					st->fields[i].line, st->fields[i].key);
	for (size_t i = 0; required && required[i]; i++)
		if (!sl_stanza_get(st, required[i]))
			return sl_error(err, SL_EPARSE, "%s:%lu: missing '%s'", name, st->line,
					required[i]);
	return 0;
}
