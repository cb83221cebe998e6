/* reqfile_private.h: what reqfile.c (splitting, rendering), reqfile_line.c
 * (what one logical line means) and reqfile_edit.c share. */
#ifndef SPACELOCK_REQFILE_PRIVATE_H
#define SPACELOCK_REQFILE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spacelock/reqfile.h"

/* A logical line as pip builds it: the physical lines joined, each byte
 * remembering where in the entry's raw text it came from (map), so spans
 * found in the logical line can be edited in the raw bytes. */
struct reqfile_joined {
	char *s;
	size_t len;
	size_t *map; /* map[i]: offset in raw of s[i] */
};

struct reqfile_entries {
	struct sl_reqfile_entry *v;
	size_t n, cap;
};

/* Splits text[0..len) into logical-line entries appended to out, the first
 * one starting at physical line first_line. */
void reqfile_split(const char *text, size_t len, unsigned long first_line,
		   struct reqfile_entries *out);

/* Fills the meaning of e (kind, requirement, options, ...) from its joined
 * logical line. */
void reqfile_analyse(struct sl_reqfile_entry *e, const struct reqfile_joined *j);

/* Frees what e owns (not e itself). */
void reqfile_entry_release(struct sl_reqfile_entry *e);

/* Renumbers lines and recomputes the warnings and the line-ending facts
 * after parsing or an edit. */
void reqfile_refresh(struct sl_reqfile *rf);

/* Length of the line break at s[i] (Python's str.splitlines set: LF, CR,
 * CRLF, VT, FF, FS, GS, RS, NEL, LS, PS), 0 when there is none. */
size_t reqfile_eol_at(const char *s, size_t len, size_t i);

/* One character of s (at most len bytes): its length, and its code point
 * in *cp, or 0xFFFFFFFF for a byte that starts no valid UTF-8 sequence. */
size_t reqfile_char(const char *s, size_t len, uint32_t *cp);

/* Makes room for element n of an array that holds n elements of size
 * elem and grows by doubling (the capacity is implied by n). */
void *reqfile_grow(void *p, size_t n, size_t elem);

/* Python's str.isspace(), which is also what re's \s and strip() use. */
bool reqfile_pyspace(uint32_t cp);

#endif
