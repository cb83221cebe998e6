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

/* Objects up to this many keys are checked pair by pair: cheaper than
 * an allocation and a sort, and a lock has thousands of small objects. */
#define SMALL_OBJECT 8

/* A key that appears twice among o's members, or NULL.  Sorting keeps a
 * hostile object with many keys linear-logarithmic, not quadratic. */
static const char *twice_in(const cJSON *o)
{
	const cJSON *c, *d;
	const cJSON **v;
	const char *dup = NULL;
	size_t n = 0, i = 0;

	cJSON_ArrayForEach(c, o) n++;
	if (n < 2)
		return NULL;
	if (n <= SMALL_OBJECT) {
		for (c = o->child; c; c = c->next)
			for (d = c->next; d; d = d->next)
				if (strcmp(c->string, d->string) == 0)
					return d->string;
		return NULL;
	}
	v = sl_xmalloc(n * sizeof(*v));
	cJSON_ArrayForEach(c, o) v[i++] = c;
	qsort(v, n, sizeof(*v), cmp_name);
	for (i = 1; i < n && !dup; i++)
		if (strcmp(v[i - 1]->string, v[i]->string) == 0)
			dup = v[i]->string;
	free(v);
	return dup;
}

/* The way from the root to a node: its parent's trail, and the node as a
 * member name or an array index.  Kept on the stack and written out only
 * for an error message. */
struct trail {
	const struct trail *up;
	const char *key; /* NULL for an array element */
	int index;
};

static void add_trail(struct sl_buf *b, const struct trail *t)
{
	if (!t)
		return;
	add_trail(b, t->up);
	if (t->key)
		sl_buf_addf(b, "%s%s", b->len ? "." : "", t->key);
	else
		sl_buf_addf(b, "[%d]", t->index);
}

/* ---- where a member is in the text, for the message of a key twice.
 * The text is JSON cJSON accepted, so the scan can be lax. ---- */

/* The text being read, and where it came from. */
struct text {
	const char *s;
	size_t len;
	const struct sl_json_origin *at;
};

static size_t skip_ws(const struct text *x, size_t i)
{
	while (i < x->len && strchr(" \t\r\n", x->s[i]))
		i++;
	return i;
}

/* Past the value that starts at i. */
static size_t skip_value(const struct text *x, size_t i)
{
	int depth = 0;

	if (x->s[i] == '"')
		return skip_string(x->s, x->len, i);
	if (x->s[i] != '{' && x->s[i] != '[') {
		while (i < x->len && !strchr(" \t\r\n,}]", x->s[i]))
			i++;
		return i;
	}
	for (; i < x->len; i++) {
		if (x->s[i] == '"')
			i = skip_string(x->s, x->len, i) - 1;
		else if (x->s[i] == '{' || x->s[i] == '[')
			depth++;
		else if ((x->s[i] == '}' || x->s[i] == ']') && --depth == 0)
			return i + 1;
	}
	return x->len;
}

/* The string token at i (with its quotes) decoded equals key: keys may be
 * written with escapes. */
static bool key_is(const struct text *x, size_t i, size_t end, const char *key)
{
	cJSON *k = cJSON_ParseWithLength(x->s + i, end - i);
	bool same = cJSON_IsString(k) && strcmp(k->valuestring, key) == 0;

	cJSON_Delete(k);
	return same;
}

/* In the object or array at i: the start of member key's nth occurrence
 * (want_key: of its name, else of its value), or of element index (key
 * NULL); len when absent. */
static size_t member_at(const struct text *x, size_t i, const char *key, int nth, int index,
			bool want_key)
{
	for (i = skip_ws(x, i + 1); i < x->len && x->s[i] != '}' && x->s[i] != ']';) {
		size_t k = i, v = i;
		if (key) {
			size_t end = skip_string(x->s, x->len, i);
			v = skip_ws(x, skip_ws(x, end) + 1);
			if (key_is(x, k, end, key) && --nth == 0)
				return want_key ? k : v;
		} else if (index-- == 0) {
			return v;
		}
		i = skip_ws(x, skip_value(x, v));
		i = i < x->len && x->s[i] == ',' ? skip_ws(x, i + 1) : i;
	}
	return x->len;
}

/* The start of the value t leads to. */
static size_t locate(const struct text *x, const struct trail *t)
{
	size_t at = t ? locate(x, t->up) : skip_ws(x, 0);

	if (!t || at >= x->len)
		return at;
	return member_at(x, at, t->key, 1, t->index, false);
}

/* "in.json:3:5: key 'a' appears twice in runtime", at the second 'a'. */
static void key_twice(const struct text *x, const struct trail *t, const char *dup,
		      struct sl_err *err)
{
	struct sl_buf path = SL_BUF_INIT;
	size_t obj = locate(x, t);
	size_t off = obj < x->len ? member_at(x, obj, dup, 2, 0, true) : x->len;
	char *why;

	add_trail(&path, t);
	why = sl_xasprintf("key '%s' appears twice in %s", dup,
			   path.len ? path.buf : "the top-level object");
	sl_json_error_at(err, SL_EPARSE, x->at, x->s, off < x->len ? off : 0, why);
	free(why);
	sl_buf_release(&path);
}

/* Depth-first over the tree (t leads to j); returns false (message in err)
 * at the first object with a key twice. */
static bool keys_once(const cJSON *j, const struct trail *t, const struct text *x,
		      struct sl_err *err)
{
	const cJSON *c;
	const char *dup;
	int i = 0;

	if (cJSON_IsObject(j) && (dup = twice_in(j)) != NULL) {
		key_twice(x, t, dup, err);
		return false;
	}
	cJSON_ArrayForEach(c, j)
	{
		struct trail here = {t, cJSON_IsObject(j) ? c->string : NULL, i++};
		if ((cJSON_IsObject(c) || cJSON_IsArray(c)) && !keys_once(c, &here, x, err))
			return false;
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
	const char *end = NULL;
	bool escaped = false;
	size_t nul = first_nul(data, len, &escaped);
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
	if (!keys_once(root, NULL, &(struct text){data, len, at}, err)) {
		cJSON_Delete(root);
		root = NULL;
	}
	return root;
}
