/* json.h: the one way the library reads JSON (a lock, a pip list, Hub and
 * index bodies, direct_url.json, SSE events, --env).
 *
 * cJSON builds the tree; this wrapper refuses what cJSON lets through
 * silently, each a place where two readers of the same text would disagree:
 * a key given twice in one object (cJSON keeps the first, Python and jq the
 * last), anything but whitespace after the document, and a NUL inside a
 * string, escaped (\u0000) or raw (a C string would end there).  Callers
 * walk the tree with cJSON's accessors and free it with cJSON_Delete. */
#ifndef SPACELOCK_JSON_H
#define SPACELOCK_JSON_H

#include <stddef.h>

#include "error.h"

struct cJSON;

/* Parses data[0..len) as one JSON document.  what names the input in
 * messages (a file name or a URL).  Returns the tree, or NULL with
 * SL_EPARSE in err (which may be NULL):
 *   "WHAT:LINE:COL: invalid JSON"
 *   "WHAT:LINE:COL: text after the end of the JSON document"
 *   "WHAT:LINE:COL: \u0000 (a NUL character) in a string"
 *   "WHAT:LINE:COL: NUL byte"
 *   "WHAT: key 'K' appears twice in PATH" (PATH like packages[3], or "the
 *   top-level object") */
struct cJSON *sl_json_parse(const char *data, size_t len, const char *what, struct sl_err *err);

/* The 1-based line and column of byte off in data. */
void sl_json_position(const char *data, size_t off, unsigned long *line, unsigned long *col);

/* Where a JSON text sits in its input, so that a message says
 * "WHAT:LINE:COL" of the input, not of the text: a JSON object after a TAB
 * on line 7 of standard input is {"<stdin>", 7, 24}. */
struct sl_json_origin {
	const char *what;	 /* the input's name */
	unsigned long line, col; /* of the text's first byte, 1-based */
};

/* sl_json_parse with positions counted from at (sl_json_parse is
 * {what, 1, 1}). */
struct cJSON *sl_json_parse_in(const char *data, size_t len, const struct sl_json_origin *at,
			       struct sl_err *err);

/* Sets err to "WHAT:LINE:COL: why" for byte off of data, placed by at;
 * returns code. */
int sl_json_error_at(struct sl_err *err, int code, const struct sl_json_origin *at,
		     const char *data, size_t off, const char *why);

/* The offset of the name of key among the members of the top-level object
 * in data (the first such member), or len when there is none. */
size_t sl_json_key_offset(const char *data, size_t len, const char *key);

#endif
