/* jsonw.c: the JSON writer and string helper of jsonw.h. */
#include "spacelock/jsonw.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/redact.h"
#include "spacelock/textenc.h"

static void add_escaped(struct sl_buf *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	if (c == '"' || c == '\\') {
		char e[2] = {'\\', (char)c};
		sl_buf_add(out, e, 2);
	} else if (c == '\n') {
		sl_buf_add(out, "\\n", 2);
	} else if (c == '\t') {
		sl_buf_add(out, "\\t", 2);
	} else if (c == '\r') {
		sl_buf_add(out, "\\r", 2);
	} else {
		char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
		sl_buf_add(out, u, 6);
	}
}

void sl_json_add_string(struct sl_buf *out, const char *s, size_t len)
{
	size_t i = 0, plain = 0; /* s[plain..i) is copied as it is */

	sl_buf_addch(out, '"');
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n = 1;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80 && (n = sl_utf8_next(s + i, len - i, &cp)) != 0) {
			i += n;
			continue;
		}
		sl_buf_add(out, s + plain, i - plain);
		if (c >= 0x80)
			sl_buf_add(out, "\xef\xbf\xbd", 3); /* not UTF-8: U+FFFD */
		else
			add_escaped(out, c);
		plain = ++i;
	}
	sl_buf_add(out, s + plain, i - plain);
	sl_buf_addch(out, '"');
}

void sl_jsonw_init(struct sl_jsonw *w, struct sl_buf *out)
{
	w->out = out;
	w->need_comma = false;
	w->space = NULL;
	w->pretty = false;
	w->after_key = false;
	w->depth = 0;
	w->keep_secrets = false;
}

void sl_jsonw_init_pretty(struct sl_jsonw *w, struct sl_buf *out)
{
	sl_jsonw_init(w, out);
	w->pretty = true;
}

/* pretty: a new line indented for depth levels */
static void newline(struct sl_jsonw *w, int depth)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)depth * 2;

	sl_buf_addch(w->out, '\n');
	for (; n > sizeof(spaces) - 1; n -= sizeof(spaces) - 1)
		sl_buf_add(w->out, spaces, sizeof(spaces) - 1);
	sl_buf_add(w->out, spaces, n);
}

void sl_jsonw_space(struct sl_jsonw *w, const char *ws)
{
	w->space = ws;
}

static void flush_space(struct sl_jsonw *w)
{
	if (w->space)
		sl_buf_addstr(w->out, w->space);
	w->space = NULL;
}

/* Before a key, a value or an opening bracket. */
static void member(struct sl_jsonw *w)
{
	if (w->after_key) { /* pretty: the value stays on its key's line */
		w->after_key = false;
		return;
	}
	if (w->need_comma)
		sl_buf_addch(w->out, ',');
	flush_space(w);
	if (w->pretty && w->depth > 0)
		newline(w, w->depth);
}

static void open_with(struct sl_jsonw *w, char bracket)
{
	member(w);
	sl_buf_addch(w->out, bracket);
	w->need_comma = false;
	w->depth++;
}

static void close_with(struct sl_jsonw *w, char bracket)
{
	w->depth--;
	flush_space(w);
	if (w->pretty && w->need_comma) /* not empty: the bracket on a line of its own */
		newline(w, w->depth);
	sl_buf_addch(w->out, bracket);
	w->need_comma = true;
}

void sl_jsonw_object_begin(struct sl_jsonw *w)
{
	open_with(w, '{');
}

void sl_jsonw_object_end(struct sl_jsonw *w)
{
	close_with(w, '}');
}

void sl_jsonw_array_begin(struct sl_jsonw *w)
{
	open_with(w, '[');
}

void sl_jsonw_array_end(struct sl_jsonw *w)
{
	close_with(w, ']');
}

void sl_jsonw_key(struct sl_jsonw *w, const char *key)
{
	member(w);
	sl_json_add_string(w->out, key, strlen(key));
	if (w->pretty)
		sl_buf_add(w->out, ": ", 2);
	else
		sl_buf_addch(w->out, ':');
	w->need_comma = false;
	w->after_key = w->pretty;
}

static void value_done(struct sl_jsonw *w)
{
	w->need_comma = true;
}

/* s with Hub tokens and URL passwords masked (redact.h): what is printed
 * or stored never holds one, whichever input it was copied from. */
static void add_redacted(struct sl_buf *out, const char *s, size_t len)
{
	char *t;

	if (!memmem(s, len, "://", 3) && !memmem(s, len, "hf_", 3)) {
		sl_json_add_string(out, s, len);
		return;
	}
	t = sl_xstrdup(s);
	sl_redact_tokens_n(t, len);
	sl_json_add_string(out, t, len);
	free(t);
}

void sl_jsonw_string(struct sl_jsonw *w, const char *s)
{
	member(w);
	if (s && w->keep_secrets)
		sl_json_add_string(w->out, s, strlen(s));
	else if (s)
		add_redacted(w->out, s, strlen(s));
	else
		sl_buf_addstr(w->out, "null");
	value_done(w);
}

void sl_jsonw_int(struct sl_jsonw *w, long long v)
{
	member(w);
	sl_buf_addf(w->out, "%lld", v);
	value_done(w);
}

void sl_jsonw_bool(struct sl_jsonw *w, bool v)
{
	member(w);
	sl_buf_addstr(w->out, v ? "true" : "false");
	value_done(w);
}

void sl_jsonw_null(struct sl_jsonw *w)
{
	member(w);
	sl_buf_addstr(w->out, "null");
	value_done(w);
}

void sl_jsonw_field_string(struct sl_jsonw *w, const char *key, const char *s)
{
	sl_jsonw_key(w, key);
	sl_jsonw_string(w, s);
}

void sl_jsonw_field_int(struct sl_jsonw *w, const char *key, long long v)
{
	sl_jsonw_key(w, key);
	sl_jsonw_int(w, v);
}

void sl_jsonw_field_bool(struct sl_jsonw *w, const char *key, bool v)
{
	sl_jsonw_key(w, key);
	sl_jsonw_bool(w, v);
}

void sl_jsonw_field_strings(struct sl_jsonw *w, const char *key, char *const *v, size_t n)
{
	sl_jsonw_key(w, key);
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < n; i++)
		sl_jsonw_string(w, v[i]);
	sl_jsonw_array_end(w);
}

void sl_jsonw_field_strv(struct sl_jsonw *w, const char *key, char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	sl_jsonw_field_strings(w, key, v, n);
}
