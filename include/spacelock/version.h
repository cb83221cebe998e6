/* version.h: PEP 440 versions, exactly as the latest pypa/packaging reads,
 * prints and orders them (packaging.version.Version).
 *
 * Accepted: surrounding whitespace (Python's str.isspace set, UTF-8), a
 * leading v, epochs (N!), any number of release components, a/alpha, b/beta,
 * c/rc/pre/preview pre-releases, post/rev/r and implicit (1.0-1) post
 * releases, dev releases, the separators . _ - between segments, any case,
 * and +local labels.  Numbers may have any number of digits: they are kept
 * as digit strings and compared exactly (packaging's ints), never converted
 * to machine integers. */
#ifndef SPACELOCK_VERSION_H
#define SPACELOCK_VERSION_H

#include <stdbool.h>

#include "spacelock/error.h"

struct sl_version; /* opaque; immutable once parsed */

/* Parses s into a new version (*out, free with sl_version_free).  Returns 0,
 * or SL_EPARSE with err saying what is wrong and at which column (1-based
 * byte offset into s), e.g. "invalid version '1.0+': expected a letter or
 * digit after '+' at column 5".  *out is written only on success. */
int sl_version_parse(const char *s, struct sl_version **out, struct sl_err *err);

/* Frees a version; NULL is fine. */
void sl_version_free(struct sl_version *v);

/* PEP 440 order, local labels included: <0, 0 or >0.  1.0 == 1.0.0,
 * 1.0rc1 == 1.0c1, 1.0+abc.1 == 1.0+ABC-1. */
int sl_version_cmp(const struct sl_version *a, const struct sl_version *b);

/* As sl_version_cmp, but a's local label is ignored (compares a's public
 * version with b). */
int sl_version_cmp_public(const struct sl_version *a, const struct sl_version *b);

/* The normal form, packaging's str(Version): "1!2.0rc1.post3.dev4+ubuntu.1".
 * Heap string; the caller frees it. */
char *sl_version_normalize(const struct sl_version *v);

/* The normal form without the +local label (packaging's .public).  Heap. */
char *sl_version_public(const struct sl_version *v);

/* Epoch and release only (packaging's .base_version), e.g. "1!2.0".  Heap. */
char *sl_version_base(const struct sl_version *v);

/* packaging's is_prerelease: a pre-release or a dev release. */
bool sl_version_is_prerelease(const struct sl_version *v);
/* packaging's is_postrelease: has a post segment (explicit or implicit). */
bool sl_version_is_postrelease(const struct sl_version *v);
/* packaging's is_devrelease: has a dev segment. */
bool sl_version_is_devrelease(const struct sl_version *v);
/* Whether the version has a +local label. */
bool sl_version_has_local(const struct sl_version *v);

/* The libsolv EVR key (docs/solver.md, "The version key"): a string
 * whose order under libsolv's rpm comparison (DISTTYPE_RPM,
 * pool_evrcmp_str with EVRCMP_COMPARE) equals PEP 440 order, local labels
 * included; equal versions give identical keys.  Heap; the caller frees it.
 * Layout: [E:]R (trailing zero components dropped) then ~aN/~bN/~rcN,
 * .postN, ~devN (~~devN for a dev release of a final release) and -LOCAL
 * with segments joined by '.'; in non-numeric local segments digits are
 * written as letters A-J so that rpm compares the segment as one string. */
char *sl_version_evr_key(const struct sl_version *v);

/* The most significant part in which two versions differ, for saying what
 * kind of change an upgrade is.  Release numbers are compared as PEP 440
 * does (missing components are zeros, so 2.0 and 2.0.0 do not differ);
 * the first differing release number is MAJOR, the second MINOR, any later
 * one PATCH. */
enum sl_version_part {
	SL_VPART_NONE = 0, /* equal, local labels included */
	SL_VPART_EPOCH,
	SL_VPART_MAJOR,
	SL_VPART_MINOR,
	SL_VPART_PATCH,
	SL_VPART_PRE,	/* a, b, rc: kind or number */
	SL_VPART_POST,	/* .postN */
	SL_VPART_DEV,	/* .devN */
	SL_VPART_LOCAL, /* only the +local label ("+cpu" -> "+cu121") */
};
enum sl_version_part sl_version_diff_part(const struct sl_version *a, const struct sl_version *b);

/* "epoch", "major", "minor", "patch", "pre-release", "post", "dev",
 * "local"; NULL for SL_VPART_NONE. */
const char *sl_version_part_name(enum sl_version_part part);

/* Parses a and b and compares them: *out is <0, 0 or >0.  Returns 0 or
 * SL_EPARSE (the message names the bad one).  *out written on success. */
int sl_version_compare_str(const char *a, const char *b, int *out, struct sl_err *err);

#endif
