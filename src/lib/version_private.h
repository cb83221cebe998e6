/* version_private.h: the parsed form of a PEP 440 version, shared by
 * version.c and specifier.c only (the public type stays opaque). */
#ifndef SPACELOCK_VERSION_PRIVATE_H
#define SPACELOCK_VERSION_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "spacelock/buf.h"
#include "spacelock/version.h"

/* A non-negative integer as its digits without leading zeros ("0" for
 * zero), pointing into the version's own text. */
struct sl_num {
	const char *p;
	size_t n;
};

/* One local label segment: a number, or a lowercase string. */
struct sl_lseg {
	const char *p;
	size_t n;
	bool num;
};

enum sl_pre_kind { SL_PRE_NONE = 0, SL_PRE_A = 1, SL_PRE_B = 2, SL_PRE_RC = 3 };

struct sl_version {
	struct sl_num epoch;
	struct sl_num *rel; /* nrel components as written (trailing zeros kept) */
	size_t nrel;
	size_t ntrim; /* components left after dropping trailing zeros (may be 0) */
	int pre;      /* enum sl_pre_kind */
	struct sl_num pre_n;
	bool has_post, has_dev;
	struct sl_num post_n, dev_n;
	struct sl_lseg *local;
	size_t nlocal;
	char text[]; /* the input, ASCII-lowercased; numbers point into it */
};

/* Why a version did not parse (see sl_version_scan). */
enum sl_version_why {
	SL_VWHY_EMPTY = 1, /* nothing but whitespace */
	SL_VWHY_DIGIT,	   /* a release number was expected */
	SL_VWHY_EPOCH,	   /* '!' not followed by a number */
	SL_VWHY_LOCAL,	   /* '+' not followed by a letter or digit */
	SL_VWHY_JUNK,	   /* something after a complete version */
};

/* Parses the first len bytes of s (surrounding whitespace allowed).
 * Returns the version, or NULL with *why and *col (0-based byte offset of
 * the problem in s) set. */
struct sl_version *sl_version_scan(const char *s, size_t len, int *why, size_t *col);

/* As sl_version_scan, for a string whose first NUL is s[len], placing the
 * version in room when it fits in cap bytes (then it must not be freed)
 * and on the heap otherwise. */
struct sl_version *sl_version_scan_in(void *room, size_t cap, const char *s, size_t len, int *why,
				      size_t *col);

/* Stack room for one version of ordinary length, for callers that parse,
 * use and drop a version (sl_version_compare_str): no allocation. */
union sl_version_room {
	max_align_t align;
	unsigned char bytes[1024];
};

/* Parses s into room when it fits (else onto the heap), with
 * sl_version_parse's error message; release with sl_version_room_release. */
int sl_version_parse_in(union sl_version_room *room, const char *s, struct sl_version **out,
			struct sl_err *err);

/* Compares the version strings a and b when both are in the normal form
 * (version_quick.c), setting *out as sl_version_cmp would; false, with
 * *out untouched, when the full parse must decide (or report an error). */
bool sl_version_quick_cmp(const char *a, const char *b, int *out);

/* Frees v unless it lives in room; NULL is fine. */
void sl_version_room_release(union sl_version_room *room, struct sl_version *v);

/* Appends to b the description of a scan failure, e.g. "expected a digit
 * at column 3" or "unexpected '#' at column 4"; col_base is added to the
 * column so callers can point into a larger string. */
void sl_version_describe(struct sl_buf *b, const char *s, size_t len, int why, size_t col,
			 size_t col_base);

/* Bytes of Python whitespace (str.isspace, UTF-8) at p, or 0. */
size_t sl_version_space_len(const char *p);

/* The epoch, trimmed release and pre-release of a and b are the same. */
bool sl_version_same_base_pre(const struct sl_version *a, const struct sl_version *b);

/* Compares a number with another. */
int sl_num_cmp(const struct sl_num *a, const struct sl_num *b);

/* Appends the normal form of v to b (without the local label if !local). */
void sl_version_format(struct sl_buf *b, const struct sl_version *v, bool local);

/* Appends packaging's canonicalize_version(v) (strip_trailing_zero):
 * the normal form with trailing zero release components dropped, at least
 * one kept ("1.0.0+x" gives "1+x"). */
void sl_version_format_trimmed(struct sl_buf *b, const struct sl_version *v);

/* Appends a derived version to b: v's epoch, its first nrel release
 * components (the last one plus one if bump_last), its pre-release if
 * keep_pre, its post-release if keep_post (plus one if bump_post) and a dev
 * release: none (dev < 0), 0 (dev == 0) or v's dev plus one (dev > 0). */
void sl_version_format_derived(struct sl_buf *b, const struct sl_version *v, size_t nrel,
			       bool bump_last, bool keep_pre, bool keep_post, bool bump_post,
			       int dev);

#endif
