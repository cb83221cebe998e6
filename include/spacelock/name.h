/* name.h: project names (PEP 503 canonical form, PEP 508 validity) and
 * extra names (PEP 685).
 *
 * Canonical form is packaging.utils.canonicalize_name: lower case, every
 * run of '-', '_' and '.' becomes one '-'.  Case folding is ASCII only;
 * valid names are ASCII, other bytes are copied unchanged. */
#ifndef SPACELOCK_NAME_H
#define SPACELOCK_NAME_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Returns the canonical form of name as a new heap string (caller frees).
 * Never fails; it does not check validity (see sl_name_is_valid). */
char *sl_name_canonical(const char *name);

/* Appends the canonical form of the first len bytes of name to out. */
void sl_name_canonical_buf(const char *name, size_t len, struct sl_buf *out);

/* True when the first len bytes of name are a valid project name (PEP 508,
 * core metadata): ASCII letters and digits at both ends, letters, digits,
 * '.', '_' and '-' between; case-insensitive; not empty. */
bool sl_name_is_valid(const char *name, size_t len);

/* True when name already is in canonical form and valid
 * (packaging.utils.is_normalized_name). */
bool sl_name_is_canonical(const char *name);

/* True when a and b name the same project (equal canonical forms). */
bool sl_name_eq(const char *a, const char *b);

/* Returns the PEP 685 normal form of an extra name (the same rule as
 * project names) as a new heap string (caller frees). */
char *sl_extra_normalize(const char *extra);

#endif
