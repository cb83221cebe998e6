/* card.h: the Space card, the YAML front matter of a Space's README.md.
 *
 * The card is the block between the first two "---" lines.  Every
 * top-level key is kept, known or not, with the value's exact spelling,
 * its YAML style and its byte span in the README, so that a later rewrite
 * (apply) can replace one value and leave every other byte alone.  libyaml
 * does not resolve types, so the reader sees `3.10` where most YAML
 * loaders see the float 3.1; such values are flagged in the warnings. */
#ifndef SPACELOCK_CARD_H
#define SPACELOCK_CARD_H

#include <stddef.h>

#include "error.h"

/* The YAML style of a top-level value. */
enum sl_card_style {
	SL_CARD_PLAIN = 0, /* unquoted scalar: 3.10, gradio */
	SL_CARD_SINGLE,	   /* 'single quoted' */
	SL_CARD_DOUBLE,	   /* "double quoted" */
	SL_CARD_LITERAL,   /* | block */
	SL_CARD_FOLDED,	   /* > block */
	SL_CARD_SEQUENCE,  /* a list (block or [flow]) */
	SL_CARD_MAPPING,   /* a nested mapping (block or {flow}) */
};

struct sl_card_value {
	char *key;   /* the top-level key as written */
	char *value; /* scalar text after YAML unquoting; NULL for lists and mappings */
	char *raw;   /* the exact bytes of the value in the README */
	enum sl_card_style style;
	size_t start, end;  /* byte span [start, end) of raw in the whole README */
	unsigned long line; /* 1-based line of the value in the README */
	unsigned long col;  /* 1-based column (in characters) of the value */
	char **items;	    /* SL_CARD_SEQUENCE: the scalar items (unquoted); others NULL */
	size_t nitems;	    /* nested lists or mappings inside a list count but are NULL */
};

struct sl_card {
	char *path;		 /* the name used in messages */
	struct sl_card_value *v; /* top-level keys in file order */
	size_t n;
	size_t fm_start, fm_end; /* byte span of the YAML text between the two "---" lines */
	char **warnings;	 /* "README.md:8:17: ..." messages, in file order */
	size_t nwarnings;
};

/* Parses the front matter of a README held in data[0..len).  path names
 * the file in messages.  On success *out is a new card the caller frees
 * with sl_card_free.  Errors (SL_EPARSE, message with path:line[:col]):
 * a NUL byte (binary file), no front matter, front matter not closed,
 * invalid YAML, front matter that is not a mapping. */
int sl_card_parse(const char *path, const char *data, size_t len, struct sl_card **out,
		  struct sl_err *err);

/* The largest card a reader takes (sl_file_read's bound for README.md). */
#define SL_CARD_MAX_BYTES (4u * 1024 * 1024)

/* Frees a card; NULL is allowed. */
void sl_card_free(struct sl_card *card);

/* The value of a top-level key, or NULL when the card has no such key.
 * Borrowed from the card.  Keys compare exactly. */
const struct sl_card_value *sl_card_get(const struct sl_card *card, const char *key);

/* The scalar text of a key (after unquoting), or NULL when the key is
 * missing, is a list or mapping, or is YAML null (~, null, empty). */
const char *sl_card_string(const struct sl_card *card, const char *key);

/* Name of a style for messages: "plain", "single-quoted", "double-quoted",
 * "literal", "folded", "sequence", "mapping". */
const char *sl_card_style_name(enum sl_card_style style);

#endif
