/* card_edit.h: lossless edits of a Space card (README.md front matter).
 *
 * An edit replaces only the bytes of one value, located by the libyaml
 * marks card.c records (struct sl_card_value's span), or inserts one new
 * line for a missing key beside its siblings, indented and ended as the
 * card's own lines are.  Comments, key order, the quoting of every other
 * value, the line endings and the Markdown body keep their bytes. */
#ifndef SPACELOCK_CARD_EDIT_H
#define SPACELOCK_CARD_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

/* Always write the value quoted (versions: a bare 3.10 is the float 3.1
 * to most YAML readers, the Hub's included).  A single-quoted value stays
 * single-quoted; anything else becomes double-quoted. */
#define SL_CARD_EDIT_QUOTE 1u

/* What one edit did. */
enum sl_card_edit_done {
	SL_CARD_EDIT_SAME = 0, /* the value already was exactly that: no byte changed */
	SL_CARD_EDIT_REPLACED, /* the value's bytes were replaced */
	SL_CARD_EDIT_ADDED,    /* the key was missing and a line was added */
};

struct sl_card_edit_info {
	enum sl_card_edit_done done;
	char *old_raw;	    /* the value's bytes before (owned), NULL when added */
	char *new_raw;	    /* the value's bytes now (owned) */
	unsigned long line; /* 1-based README line of the value (before the edit), or of
			       the added line (after it) */
};

/* Sets top-level key to value in the README held in doc (edited in place;
 * path names it in messages).  A missing key is inserted after the last
 * key of after[] (NULL-terminated, may be NULL) the card has, else at the
 * end of the front matter.  Fails, leaving doc as it was, with SL_EPARSE
 * (path:line:col) when the front matter cannot be read, and SL_EINVAL when
 * the key's value is a list, a mapping or a block scalar, or the card is a
 * flow mapping.  info (may be NULL) says what happened; release it with
 * sl_card_edit_info_release. */
int sl_card_edit_set(struct sl_buf *doc, const char *path, const char *key, const char *value,
		     unsigned flags, const char *const *after, struct sl_card_edit_info *info,
		     struct sl_err *err);

void sl_card_edit_info_release(struct sl_card_edit_info *info);

/* True when data starts (after a UTF-8 BOM) with a "---" line: the README
 * has front matter, parsable or not. */
bool sl_card_has_front_matter(const char *data, size_t len);

/* Gives a README without front matter one holding key: value, in the
 * line ending of the README's first line (LF when it has none), after a
 * UTF-8 BOM if there is one.  Add further keys with sl_card_edit_set. */
void sl_card_edit_create(struct sl_buf *doc, const char *key, const char *value, unsigned flags);

#endif
