/* card.c: the README front matter, read with libyaml (the only file that
 * includes yaml.h).  libyaml reports positions as (line, column) in
 * characters; spans are turned into byte offsets by walking the UTF-8 text
 * so that a rewrite can splice the original bytes. */
#include "spacelock/card.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "spacelock/buf.h"
#include "spacelock/mem.h"

/* libyaml's scanner walks its whole stack of open collections for every
 * token, so nesting costs O(depth^2): 100,000 '[' take minutes.  Events
 * come with a bounded lookahead, so counting them stops such a card early.
 * A real card nests a few levels; aliases (never expanded here) are rare. */
#define CARD_MAX_DEPTH 64
#define CARD_MAX_ALIASES 256

/* Parsing state: the README bytes, the front-matter region, and a cursor
 * that maps libyaml's character index to a byte offset. */
struct ctx {
	const char *path;
	const char *data;
	size_t len;
	size_t fm_start, fm_end;
	unsigned long fm_line;	    /* README line (1-based) of the first front-matter line */
	size_t cur_index, cur_byte; /* char index cur_index is at byte fm_start + cur_byte */
	struct sl_card *card;
	yaml_parser_t parser;
	unsigned depth, aliases; /* open collections, aliases so far */
	struct sl_err *err;
};

static size_t utf8_width(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	if ((c & 0xf8) == 0xf0)
		return 4;
	return 1;
}

/* Byte offset in the README of libyaml's character index.  Marks come in
 * almost increasing order, so the walk restarts only when one goes back. */
static size_t byte_at(struct ctx *c, size_t index)
{
	size_t region = c->fm_end - c->fm_start;
	const unsigned char *p = (const unsigned char *)c->data + c->fm_start;

	if (index < c->cur_index) {
		c->cur_index = 0;
		c->cur_byte = 0;
	}
	while (c->cur_index < index && c->cur_byte < region) {
		size_t w = utf8_width(p[c->cur_byte]);
		c->cur_byte += w;
		c->cur_index++;
	}
	if (c->cur_byte > region)
		c->cur_byte = region;
	return c->fm_start + c->cur_byte;
}

static void add_warning(struct sl_card *card, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void add_warning(struct sl_card *card, const char *fmt, ...)
{
	struct sl_buf b = SL_BUF_INIT;
	va_list ap;
	size_t cap = card->nwarnings;

	va_start(ap, fmt);
	sl_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	sl_xgrow((void **)&card->warnings, &cap, card->nwarnings + 1, sizeof(char *));
	card->warnings[card->nwarnings++] = sl_buf_detach(&b, NULL);
}

/* ---- front matter delimiters ---- */

static bool is_delim_line(const char *p, size_t n)
{
	if (n < 3 || memcmp(p, "---", 3) != 0)
		return false;
	for (size_t i = 3; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return false;
	return true;
}

static int find_front_matter(struct ctx *c)
{
	size_t pos = 0, bom = 0;
	const char *nl;

	if (c->len >= 3 && memcmp(c->data, "\xef\xbb\xbf", 3) == 0)
		bom = 3;
	nl = memchr(c->data + bom, '\n', c->len - bom);
	if (!nl || !is_delim_line(c->data + bom, (size_t)(nl - c->data) - bom))
		return sl_error(c->err, SL_EPARSE,
				"%s:1: no front matter: a Space card starts with a '---' line",
				c->path);
	c->fm_start = pos = (size_t)(nl - c->data) + 1;
	c->fm_line = 2;
	while (pos < c->len) {
		const char *e = memchr(c->data + pos, '\n', c->len - pos);
		size_t n = e ? (size_t)(e - (c->data + pos)) : c->len - pos;
		if (is_delim_line(c->data + pos, n)) {
			c->fm_end = pos;
			return 0;
		}
		pos += n + 1;
	}
	return sl_error(c->err, SL_EPARSE,
			"%s:1: front matter not closed: no '---' line after the opening one",
			c->path);
}

/* ---- libyaml errors ---- */

static unsigned long line_of_byte(const struct ctx *c, size_t off)
{
	unsigned long line = c->fm_line;

	for (size_t i = c->fm_start; i < off && i < c->len; i++)
		if (c->data[i] == '\n')
			line++;
	return line;
}

static int yaml_fail(struct ctx *c)
{
	const yaml_parser_t *p = &c->parser;
	const char *problem = p->problem ? p->problem : "unknown error";

	if (p->error == YAML_READER_ERROR)
		return sl_error(c->err, SL_EPARSE, "%s:%lu: invalid front matter: %s", c->path,
				line_of_byte(c, c->fm_start + p->problem_offset), problem);
	if (p->context)
		return sl_error(c->err, SL_EPARSE,
				"%s:%lu:%lu: invalid YAML in front matter: %s (%s that starts at "
				"line %lu, column %lu)",
				c->path, c->fm_line + (unsigned long)p->problem_mark.line,
				(unsigned long)p->problem_mark.column + 1, problem, p->context,
				c->fm_line + (unsigned long)p->context_mark.line,
				(unsigned long)p->context_mark.column + 1);
	return sl_error(c->err, SL_EPARSE, "%s:%lu:%lu: invalid YAML in front matter: %s", c->path,
			c->fm_line + (unsigned long)p->problem_mark.line,
			(unsigned long)p->problem_mark.column + 1, problem);
}

/* Counts nesting and aliases; past a bound the event is dropped and the
 * card refused, naming where. */
static int bound_event(struct ctx *c, yaml_event_t *ev)
{
	bool deep = false, aliased = false;
	unsigned long line = c->fm_line + (unsigned long)ev->start_mark.line;
	unsigned long col = (unsigned long)ev->start_mark.column + 1;

	switch (ev->type) {
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: deep = ++c->depth > CARD_MAX_DEPTH; break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: c->depth--; break;
	case YAML_ALIAS_EVENT: aliased = ++c->aliases > CARD_MAX_ALIASES; break;
	default: break;
	}
	if (!deep && !aliased)
		return 0;
	yaml_event_delete(ev);
	if (deep)
		return sl_error(c->err, SL_ELIMIT,
				"%s:%lu:%lu: front matter nested deeper than %d levels", c->path,
				line, col, CARD_MAX_DEPTH);
	return sl_error(c->err, SL_ELIMIT, "%s:%lu:%lu: front matter has more than %d aliases",
			c->path, line, col, CARD_MAX_ALIASES);
}

static int next_event(struct ctx *c, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&c->parser, ev))
		return yaml_fail(c);
	return bound_event(c, ev);
}

/* ---- values ---- */

static enum sl_card_style scalar_style(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: return SL_CARD_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return SL_CARD_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE: return SL_CARD_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE: return SL_CARD_FOLDED;
	default: return SL_CARD_PLAIN;
	}
}

/* Fills the span and position of v from two libyaml marks.  Lists,
 * mappings and block scalars end where the next token starts, so trailing
 * blanks and line breaks are not part of the value. */
static void set_span(struct ctx *c, struct sl_card_value *v, yaml_mark_t start, yaml_mark_t end)
{
	size_t s = byte_at(c, start.index);
	size_t e = byte_at(c, end.index);

	if (v->style != SL_CARD_SINGLE && v->style != SL_CARD_DOUBLE)
		while (e > s && strchr(" \t\r\n", c->data[e - 1]))
			e--;
	v->start = s;
	v->end = e;
	v->raw = sl_xstrndup(c->data + s, e - s);
	v->line = c->fm_line + (unsigned long)start.line;
	v->col = (unsigned long)start.column + 1;
}

/* Skips a nested list or mapping whose start event was just read; *end
 * receives the mark of its end. */
static int skip_node(struct ctx *c, yaml_mark_t *end)
{
	int depth = 1, rc = 0;
	yaml_event_t ev;

	while (depth > 0 && !rc) {
		if ((rc = next_event(c, &ev)) != 0)
			break;
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		else if (ev.type == YAML_STREAM_END_EVENT)
			rc = sl_error(c->err, SL_EPARSE, "%s: front matter ends inside a value",
				      c->path);
		*end = ev.end_mark;
		yaml_event_delete(&ev);
	}
	return rc;
}

static int read_sequence(struct ctx *c, struct sl_card_value *v, yaml_mark_t start)
{
	size_t cap = 0;
	yaml_event_t ev;
	yaml_mark_t end = start;
	int rc;

	for (;;) {
		if ((rc = next_event(c, &ev)) != 0)
			return rc;
		end = ev.end_mark;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		sl_xgrow((void **)&v->items, &cap, v->nitems + 1, sizeof(char *));
		v->items[v->nitems] = NULL;
		if (ev.type == YAML_SCALAR_EVENT)
			v->items[v->nitems] =
			    sl_xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
		v->nitems++;
		if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
			rc = skip_node(c, &end);
		yaml_event_delete(&ev);
		if (rc)
			return rc;
	}
	set_span(c, v, start, end);
	return 0;
}

/* Reads the value node after a key into v. */
static int read_value(struct ctx *c, struct sl_card_value *v)
{
	yaml_event_t ev;
	yaml_mark_t end;
	int rc = next_event(c, &ev);

	if (rc)
		return rc;
	switch (ev.type) {
	case YAML_SCALAR_EVENT:
		v->style = scalar_style(ev.data.scalar.style);
		v->value = sl_xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
		set_span(c, v, ev.start_mark, ev.end_mark);
		break;
	case YAML_ALIAS_EVENT: set_span(c, v, ev.start_mark, ev.end_mark); break;
	case YAML_SEQUENCE_START_EVENT:
		v->style = SL_CARD_SEQUENCE;
		rc = read_sequence(c, v, ev.start_mark);
		break;
	case YAML_MAPPING_START_EVENT:
		v->style = SL_CARD_MAPPING;
		end = ev.end_mark;
		rc = skip_node(c, &end);
		if (!rc)
			set_span(c, v, ev.start_mark, end);
		break;
	default:
		rc = sl_error(c->err, SL_EPARSE, "%s:%lu: unexpected YAML event in front matter",
			      c->path, c->fm_line + (unsigned long)ev.start_mark.line);
	}
	yaml_event_delete(&ev);
	return rc;
}

/* ---- flags ---- */

/* A plain scalar that YAML's core schema resolves to a number. */
static bool looks_numeric(const char *s)
{
	size_t digits = 0, dots = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && dots == 0)
			dots++;
		else if ((*s == 'e' || *s == 'E') && digits)
			return s[1] != '\0';
		else
			return false;
	}
	return digits > 0;
}

/* The number a loader prints for a plain float: trailing zeros after the
 * point go ("3.10" -> "3.1"), one digit stays ("5.0"). */
static char *as_number(const char *s)
{
	char *t = sl_xstrdup(s);
	char *dot = strchr(t, '.');
	size_t n = strlen(t);

	if (dot && !strpbrk(t, "eE")) {
		while (n > (size_t)(dot - t) + 2 && t[n - 1] == '0')
			t[--n] = '\0';
	}
	return t;
}

static bool is_version_key(const char *key)
{
	return strcmp(key, "python_version") == 0 || strcmp(key, "sdk_version") == 0;
}

static void flag_value(struct sl_card *card, const struct sl_card_value *v)
{
	char *num;

	if (!is_version_key(v->key) || v->style != SL_CARD_PLAIN || !v->value ||
	    !looks_numeric(v->value))
		return;
	num = as_number(v->value);
	if (strcmp(num, v->value) != 0)
		add_warning(card,
			    "%s:%lu:%lu: '%s: %s' is unquoted: YAML reads it as the number %s, not "
			    "the string \"%s\"; write %s: \"%s\"",
			    card->path, v->line, v->col, v->key, v->value, num, v->value, v->key,
			    v->value);
	else
		add_warning(card,
			    "%s:%lu:%lu: '%s: %s' is unquoted: YAML reads it as a number, not a "
			    "string; write %s: \"%s\"",
			    card->path, v->line, v->col, v->key, v->value, v->key, v->value);
	free(num);
}

/* ---- the top-level mapping ---- */

static struct sl_card_value *new_value(struct sl_card *card, const yaml_event_t *key)
{
	size_t cap = card->n;
	struct sl_card_value *v;

	sl_xgrow((void **)&card->v, &cap, card->n + 1, sizeof(*card->v));
	v = &card->v[card->n++];
	memset(v, 0, sizeof(*v));
	v->key = sl_xstrndup((const char *)key->data.scalar.value, key->data.scalar.length);
	return v;
}

static int read_mapping(struct ctx *c)
{
	yaml_event_t ev;
	int rc;

	for (;;) {
		if ((rc = next_event(c, &ev)) != 0)
			return rc;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			return 0;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			rc = sl_error(c->err, SL_EPARSE,
				      "%s:%lu:%lu: front matter key is not a string", c->path,
				      c->fm_line + (unsigned long)ev.start_mark.line,
				      (unsigned long)ev.start_mark.column + 1);
			yaml_event_delete(&ev);
			return rc;
		}
		if (sl_card_get(c->card, (const char *)ev.data.scalar.value))
			add_warning(c->card, "%s:%lu:%lu: duplicate key '%s'; the last one counts",
				    c->path, c->fm_line + (unsigned long)ev.start_mark.line,
				    (unsigned long)ev.start_mark.column + 1,
				    (const char *)ev.data.scalar.value);
		struct sl_card_value *v = new_value(c->card, &ev);
		yaml_event_delete(&ev);
		if ((rc = read_value(c, v)) != 0)
			return rc;
		flag_value(c->card, v);
	}
}

/* Stream start, document start, then one mapping (or nothing at all). */
static int read_document(struct ctx *c)
{
	yaml_event_t ev;
	int rc;

	for (;;) {
		if ((rc = next_event(c, &ev)) != 0)
			return rc;
		yaml_event_type_t t = ev.type;
		yaml_mark_t m = ev.start_mark;
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_START_EVENT)
			continue;
		if (t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT)
			return 0;
		if (t == YAML_MAPPING_START_EVENT)
			return read_mapping(c);
		if (t == YAML_SCALAR_EVENT && m.index == 0 && c->fm_end == c->fm_start)
			return 0;
		return sl_error(c->err, SL_EPARSE,
				"%s:%lu:%lu: front matter is not a mapping of keys", c->path,
				c->fm_line + (unsigned long)m.line, (unsigned long)m.column + 1);
	}
}

static unsigned long count_lines(const char *p, size_t n)
{
	unsigned long line = 1;

	for (size_t i = 0; i < n; i++)
		if (p[i] == '\n')
			line++;
	return line;
}

int sl_card_parse(const char *path, const char *data, size_t len, struct sl_card **out,
		  struct sl_err *err)
{
	struct ctx c = {.path = path, .data = data, .len = len, .err = err};
	const char *nul = memchr(data, '\0', len);
	int rc;

	if (nul)
		return sl_error(err, SL_EPARSE, "%s:%lu: binary file: NUL byte", path,
				count_lines(data, (size_t)(nul - data)));
	if ((rc = find_front_matter(&c)) != 0)
		return rc;
	c.card = sl_xcalloc(1, sizeof(*c.card));
	c.card->path = sl_xstrdup(path);
	c.card->fm_start = c.fm_start;
	c.card->fm_end = c.fm_end;
	yaml_parser_initialize(&c.parser);
	yaml_parser_set_encoding(&c.parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&c.parser, (const unsigned char *)data + c.fm_start,
				     c.fm_end - c.fm_start);
	rc = read_document(&c);
	yaml_parser_delete(&c.parser);
	if (rc) {
		sl_card_free(c.card);
		return rc;
	}
	*out = c.card;
	return 0;
}

void sl_card_free(struct sl_card *card)
{
	if (!card)
		return;
	for (size_t i = 0; i < card->n; i++) {
		struct sl_card_value *v = &card->v[i];
		free(v->key);
		free(v->value);
		free(v->raw);
		for (size_t j = 0; j < v->nitems; j++)
			free(v->items[j]);
		free(v->items);
	}
	for (size_t i = 0; i < card->nwarnings; i++)
		free(card->warnings[i]);
	free(card->warnings);
	free(card->v);
	free(card->path);
	free(card);
}

const struct sl_card_value *sl_card_get(const struct sl_card *card, const char *key)
{
	for (size_t i = card->n; i-- > 0;)
		if (strcmp(card->v[i].key, key) == 0)
			return &card->v[i];
	return NULL;
}

static bool is_yaml_null(const struct sl_card_value *v)
{
	if (v->style != SL_CARD_PLAIN)
		return false;
	return !v->value || !*v->value || strcmp(v->value, "~") == 0 ||
	       strcmp(v->value, "null") == 0 || strcmp(v->value, "Null") == 0 ||
	       strcmp(v->value, "NULL") == 0;
}

const char *sl_card_string(const struct sl_card *card, const char *key)
{
	const struct sl_card_value *v = sl_card_get(card, key);

	if (!v || !v->value || v->style == SL_CARD_SEQUENCE || v->style == SL_CARD_MAPPING ||
	    is_yaml_null(v))
		return NULL;
	return v->value;
}

const char *sl_card_style_name(enum sl_card_style style)
{
	switch (style) {
	case SL_CARD_PLAIN: return "plain";
	case SL_CARD_SINGLE: return "single-quoted";
	case SL_CARD_DOUBLE: return "double-quoted";
	case SL_CARD_LITERAL: return "literal";
	case SL_CARD_FOLDED: return "folded";
	case SL_CARD_SEQUENCE: return "sequence";
	case SL_CARD_MAPPING: return "mapping";
	}
	return "plain";
}
