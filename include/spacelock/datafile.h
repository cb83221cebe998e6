/* datafile.h: the data files spacelock is built with, and their reader.
 *
 * Facts that change (high-impact packages, standard-library removals, ...)
 * live in data/NAME.txt in the source tree, each with its source.  The build
 * turns every one into a string inside the library (scripts/embed-data.sh),
 * so an installed spacelock needs no data directory and the text it reads
 * is exactly the file that was reviewed (docs/architecture.md, "Data files").
 *
 * Their format is paragraphs of "key: value" lines:
 *
 *     # a comment line
 *     package: numpy
 *     why: numpy 2 changed its C ABI
 *      and this line continues the value above (joined with one space)
 *     source: https://numpy.org/...
 *
 *     package: pydantic          <- a blank line starts the next stanza
 *
 * Keys are lowercase letters, digits and '-'; a key may repeat. */
#ifndef SPACELOCK_DATAFILE_H
#define SPACELOCK_DATAFILE_H

#include <stddef.h>

#include "error.h"

/* One embedded file. */
struct sl_datafile {
	const char *name; /* "high-impact.txt" */
	const char *text; /* its bytes, NUL-terminated */
	size_t len;
};

/* Every embedded file, ending with an entry whose name is NULL. */
extern const struct sl_datafile sl_datafiles[];

/* The embedded file called name, or NULL.  Borrowed, static. */
const struct sl_datafile *sl_datafile_find(const char *name);

/* Largest text sl_stanzas_parse accepts. */
#define SL_DATAFILE_MAX_BYTES (1024u * 1024)

struct sl_stanza_field {
	char *key;
	char *value; /* continuation lines joined with one space, trimmed */
	unsigned long line;
};

struct sl_stanza {
	struct sl_stanza_field *fields; /* in file order */
	size_t n;
	unsigned long line; /* of the first field */
};

struct sl_stanzas {
	struct sl_stanza *v;
	size_t n;
};

/* Parses text[0..len) (name labels messages).  A line that is neither a
 * comment, blank, "key: value" nor a continuation, an empty value, a NUL
 * byte, or text over SL_DATAFILE_MAX_BYTES is SL_EPARSE / SL_ELIMIT
 * "name:line: ...".  On success *out holds the stanzas (release with
 * sl_stanzas_release); on failure it is left empty. */
int sl_stanzas_parse(const char *name, const char *text, size_t len, struct sl_stanzas *out,
		     struct sl_err *err);
void sl_stanzas_release(struct sl_stanzas *s);

/* The first value of key in the stanza, or NULL.  Borrowed. */
const char *sl_stanza_get(const struct sl_stanza *st, const char *key);

/* Checks that every key of st is one of known (NULL-terminated) and that
 * each of required (NULL-terminated) is present: SL_EPARSE
 * "name:line: unknown key 'x'" / "name:line: missing 'source'". */
int sl_stanza_check(const char *name, const struct sl_stanza *st, const char *const *known,
		    const char *const *required, struct sl_err *err);

#endif
