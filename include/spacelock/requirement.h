/* requirement.h: PEP 508 dependency specifiers ("name[extras] specifier ;
 * marker" or "name[extras] @ url ; marker"), parsed as the latest
 * pypa/packaging's Requirement() does. */
#ifndef SPACELOCK_REQUIREMENT_H
#define SPACELOCK_REQUIREMENT_H

#include <stddef.h>

#include "error.h"

struct sl_specset;
struct sl_marker;
struct sl_buf;

struct sl_requirement {
	char *name;    /* as written */
	char **extras; /* as written, sorted (byte order), deduplicated */
	size_t nextras;
	struct sl_specset *spec;  /* never NULL (the empty set when none) */
	char *url;		  /* the direct reference after '@', or NULL */
	struct sl_marker *marker; /* or NULL */
};

/* Parses one requirement; the whole string must be one (trailing spaces
 * and tabs are fine, a trailing newline is not).  On error returns
 * SL_EPARSE with what was expected and at which column (1-based) and
 * leaves *out untouched.  The caller frees *out with
 * sl_requirement_free. */
int sl_requirement_parse(const char *s, struct sl_requirement **out, struct sl_err *err);

/* Frees r; NULL is fine. */
void sl_requirement_free(struct sl_requirement *r);

/* Returns the one-line JSON of `spacelock requirement parse` as a new heap
 * string, without a newline:
 * {"name":...,"extras":[...],"specifier":"...","url":...|null,"marker":...|null}
 * specifier is the clauses sorted and comma-joined ("" when none), marker
 * the normal form of sl_marker_to_string.  NULL only when the marker has
 * no written form (see sl_marker_to_string). */
char *sl_requirement_to_json(const struct sl_requirement *r);

/* Returns the requirement in packaging's str(Requirement) form as a new
 * heap string: name[extras]specifier, " @ url", "; marker".  NULL in the
 * same case as sl_requirement_to_json. */
char *sl_requirement_to_string(const struct sl_requirement *r);

/* Appends requirement text req to b without its marker (what precedes the
 * ';', trailing spaces dropped), for messages: "fastapi<0.113.0" of
 * "fastapi<0.113.0 ; python_version >= '3.8'".  req is not parsed. */
void sl_requirement_add_unmarked(struct sl_buf *b, const char *req);

#endif
