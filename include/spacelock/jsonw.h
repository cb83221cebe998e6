/* jsonw.h: the one JSON writer for what spacelock prints (the CLI's
 * --json output, error objects, plumbing results).
 *
 * The writer appends to a caller's sl_buf and places the commas itself:
 * a member or element gets one when something came before it at its
 * level.  Layout is the caller's: sl_jsonw_space() sets the whitespace
 * written before the next member (after its comma) or before the closing
 * bracket, so one-line objects and one-element-a-line arrays both come out
 * byte for byte as wanted.  Strings are written by sl_json_add_string:
 * bytes that are not well-formed UTF-8 become U+FFFD, so the output is
 * valid JSON whatever a hostile input held.  Hub tokens and URL passwords
 * in a string are masked (redact.h), so nothing printed or stored holds a
 * secret; keep_secrets, set after init, writes them as given, for a body
 * sent to the Hub (a secret's value, a file's content).  The writer checks no
 * structure: a key outside an object is the caller's bug.
 *
 * sl_jsonw_init_pretty gives the layout of the lockfile instead: each
 * member and element on a line of its own, indented two spaces a level,
 * ": " after a key, "{}" and "[]" when empty.  The caller writes members in
 * the order wanted (the lockfile writer: byte order of the keys) and may
 * take the text out of the buffer between values (lockfile_write.c streams
 * it to the file), since the writer only appends. */
#ifndef SPACELOCK_JSONW_H
#define SPACELOCK_JSONW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct sl_jsonw {
	struct sl_buf *out; /* borrowed */
	bool need_comma;    /* something was written at the current level */
	const char *space;  /* pending layout, or NULL */
	bool pretty;	    /* sl_jsonw_init_pretty */
	bool after_key;	    /* pretty: a key was written, its value comes next */
	int depth;	    /* pretty: open objects and arrays */
	bool keep_secrets;  /* strings as given: only for what is sent to the Hub */
};

/* Appends s[0..len) as a JSON string literal with quotes: '"', '\' and
 * control bytes escaped (\n, \t, \r, else \u00XX), each byte that is not
 * part of well-formed UTF-8 written as U+FFFD. */
void sl_json_add_string(struct sl_buf *out, const char *s, size_t len);

/* Starts writing JSON at the end of out. */
void sl_jsonw_init(struct sl_jsonw *w, struct sl_buf *out);

/* The same, with the lockfile's layout (above). */
void sl_jsonw_init_pretty(struct sl_jsonw *w, struct sl_buf *out);

/* Whitespace (borrowed until used) to write before the next member or
 * element, after its comma, or before the next closing bracket. */
void sl_jsonw_space(struct sl_jsonw *w, const char *ws);

void sl_jsonw_object_begin(struct sl_jsonw *w);
void sl_jsonw_object_end(struct sl_jsonw *w);
void sl_jsonw_array_begin(struct sl_jsonw *w);
void sl_jsonw_array_end(struct sl_jsonw *w);

/* The key of the next member of an object; the value follows. */
void sl_jsonw_key(struct sl_jsonw *w, const char *key);

/* Values.  sl_jsonw_string writes null for NULL. */
void sl_jsonw_string(struct sl_jsonw *w, const char *s);
void sl_jsonw_int(struct sl_jsonw *w, long long v);
void sl_jsonw_bool(struct sl_jsonw *w, bool v);
void sl_jsonw_null(struct sl_jsonw *w);

/* A key and its value in one call. */
void sl_jsonw_field_string(struct sl_jsonw *w, const char *key, const char *s);
void sl_jsonw_field_int(struct sl_jsonw *w, const char *key, long long v);
void sl_jsonw_field_bool(struct sl_jsonw *w, const char *key, bool v);

/* A member whose value is an array of strings (n of them; NULL entries
 * are null). */
void sl_jsonw_field_strings(struct sl_jsonw *w, const char *key, char *const *v, size_t n);

/* The same for a NULL-terminated array; v NULL is an empty array. */
void sl_jsonw_field_strv(struct sl_jsonw *w, const char *key, char *const *v);

#endif
