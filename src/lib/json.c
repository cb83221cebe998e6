/* json.c: reading JSON with cJSON, refusing what cJSON would let through
 * (json.h says why each matters).  The only file that calls cJSON's parser. */
#include "spacelock/json.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/mem.h"

void sl_json_position(const char *data, size_t off, unsigned long *line, unsigned long *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

int sl_json_error_at(struct sl_err *err, int code, const struct sl_json_origin *at,
		     const char *data, size_t off, const char *why)
{
	unsigned long line, col;

	sl_json_position(data, off, &line, &col);
	if (line == 1)
		col += at->col - 1;
	return sl_error(err, code, "%s:%lu:%lu: %s", at->what, at->line + line - 1, col, why);
}

static struct cJSON *fail_at(const char *data, size_t off, const struct sl_json_origin *at,
			     const char *why, struct sl_err *err)
{
	sl_json_error_at(err, SL_EPARSE, at, data, off, why);
	return NULL;
}

/* After a string that starts at s[i] ('"'): the index past its closing
 * quote, or len. */
static size_t skip_string(const char *s, size_t len, size_t i)
{
	for (i++; i < len && s[i] != '"'; i++)
		if (s[i] == '\\')
			i++;
	return i < len ? i + 1 : len;
}

size_t sl_json_key_offset(const char *data, size_t len, const char *key)
{
	size_t klen = strlen(key);
	int depth = 0;

	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		} else if (c == '"') {
			size_t end = skip_string(data, len, i), j = end;
			while (j < len && strchr(" \t\r\n", data[j]))
				j++;
			if (depth == 1 && j < len && data[j] == ':' && end - i == klen + 2 &&
			    memcmp(data + i + 1, key, klen) == 0)
				return i;
			i = end - 1;
		}
	}
	return len;
}

/* The offset of the first NUL in the text, raw or as a \u0000 escape inside
 * a string, or len.  One pass that only tracks "inside a string". */
static size_t first_nul(const char *s, size_t len, bool *escaped)
{
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\0') {
			*escaped = false;
			return i;
		}
		if (!in_string) {
			in_string = s[i] == '"';
			continue;
		}
		if (s[i] == '"') {
			in_string = false;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && i + 6 <= len && memcmp(s + i + 2, "0000", 4) == 0) {
				*escaped = true;
				return i;
			}
			i++; /* the escaped character cannot end the string */
		}
	}
	return len;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

/* A key that appears twice among o's members, or NULL.  Sorting keeps a
 * hostile object with many keys linear-logarithmic, not quadratic. */
static const char *twice_in(const cJSON *o)
{
	const cJSON *c;
	const cJSON **v;
	const char *dup = NULL;
	size_t n = 0, i = 0;

	cJSON_ArrayForEach(c, o) n++;
	if (n < 2)
		return NULL;
	v = sl_xmalloc(n * sizeof(*v));
	cJSON_ArrayForEach(c, o) v[i++] = c;
	qsort(v, n, sizeof(*v), cmp_name);
	for (i = 1; i < n && !dup; i++)
		if (strcmp(v[i - 1]->string, v[i]->string) == 0)
			dup = v[i]->string;
	free(v);
	return dup;
}

/* Depth-first over the tree, path holding the JSON path of j; returns false
 * (message in err) at the first object with a key twice. */
static bool keys_once(const cJSON *j, struct sl_buf *path, const char *what, struct sl_err *err)
{
	const cJSON *c;
	const char *dup;
	size_t at = path->len;
	int i = 0;

	if (cJSON_IsObject(j) && (dup = twice_in(j)) != NULL) {
		sl_error(err, SL_EPARSE, "%s: key '%s' appears twice in %s", what, dup,
			 path->len ? path->buf : "the top-level object");
		return false;
	}
	cJSON_ArrayForEach(c, j)
	{
		if (!cJSON_IsObject(c) && !cJSON_IsArray(c)) {
			i++;
			continue;
		}
		if (cJSON_IsObject(j))
			sl_buf_addf(path, "%s%s", path->len ? "." : "", c->string);
		else
			sl_buf_addf(path, "[%d]", i);
		i++;
		if (!keys_once(c, path, what, err))
			return false;
		path->len = at;
		if (path->alloc)
			path->buf[at] = '\0';
	}
	return true;
}

struct cJSON *sl_json_parse(const char *data, size_t len, const char *what, struct sl_err *err)
{
	const struct sl_json_origin at = {what, 1, 1};

	return sl_json_parse_in(data, len, &at, err);
}

struct cJSON *sl_json_parse_in(const char *data, size_t len, const struct sl_json_origin *at,
			       struct sl_err *err)
{
	const char *what = at->what;
	const char *end = NULL;
	bool escaped = false;
	size_t nul = first_nul(data, len, &escaped);
	struct sl_buf path = SL_BUF_INIT;
	cJSON *root;

	if (nul < len)
		return fail_at(data, nul, at,
			       escaped ? "\\u0000 (a NUL character) in a string" : "NUL byte", err);
	root = cJSON_ParseWithLengthOpts(data, len, &end, false);
	if (!root) {
		size_t off = end && end >= data && end <= data + len ? (size_t)(end - data) : 0;
		return fail_at(data, off, at, "invalid JSON", err);
	}
	size_t off = end && end >= data && end <= data + len ? (size_t)(end - data) : len;
	while (off < len && strchr(" \t\r\n", data[off]))
		off++;
	if (off < len) {
		cJSON_Delete(root);
		return fail_at(data, off, at, "text after the end of the JSON document", err);
	}
	if (!keys_once(root, &path, what, err)) {
		cJSON_Delete(root);
		root = NULL;
	}
	sl_buf_release(&path);
	return root;
}
