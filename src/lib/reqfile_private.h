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

/* A shell word of a line's options part: its unquoted value and where it
 * was in the logical line. */
struct reqfile_word {
	char *val;
	size_t start, end;
	bool verbatim; /* no quotes or escapes: val is the text itself */
};

struct reqfile_words {
	struct reqfile_word *v;
	size_t n, cap;
};

struct reqfile_optdef; /* one of pip's requirements-file options (reqfile_opts.c) */

/* One logical line being read (reqfile_line.c, reqfile_opts.c). */
struct reqfile_line {
	struct sl_reqfile_entry *e;
	const struct reqfile_joined *j;
	size_t ls, le; /* the stripped logical line in j */
	struct reqfile_words w;
	size_t nargs_ignored;		       /* positional words pip ignores */
	const struct reqfile_optdef *editable; /* -e given */
	size_t edit_word;		       /* the word holding the -e value */
	int nedit;
};

/* Sets e's warning to msg (a copy) / to owned (taken over) unless it has
 * one already: the first reason is the one reported. */
void reqfile_warn(struct sl_reqfile_entry *e, const char *msg);
void reqfile_warnf(struct sl_reqfile_entry *e, char *owned);

/* shlex.split(s[0..len)) in POSIX mode, words appended to out with
 * positions offset by base.  Returns shlex's complaint or NULL. */
const char *reqfile_shlex(const char *s, size_t len, size_t base, struct reqfile_words *out);

/* optparse over l->w with pip's options: fills l->e->opts and the -e
 * bookkeeping of l.  Returns an error message (caller frees) or NULL. */
char *reqfile_parse_options(struct reqfile_line *l);

/* Warns about options pip accepts but ignores on this kind of line. */
void reqfile_option_warnings(struct reqfile_line *l);

void reqfile_words_release(struct reqfile_words *w);

/* REQUIREMENT, URL or EDITABLE. */
bool reqfile_is_req_kind(enum sl_reqline_kind k);

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
