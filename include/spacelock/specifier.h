/* specifier.h: PEP 440 version specifier sets (">=1.0,!=1.3.*,<2"), with
 * the semantics of the latest pypa/packaging SpecifierSet.contains.
 *
 * Operators: == != <= >= < > ~= ===, ==X.* and !=X.*.  A version matches a
 * set when it matches every clause (an empty set matches everything).
 * Pre-releases: packaging 26 accepts a pre-release for a single version in
 * its default mode (PEP 440: "accept pre-releases when nothing else
 * satisfies"), so SL_PRE_DEFAULT and SL_PRE_INCLUDE answer alike and only
 * SL_PRE_EXCLUDE rejects pre-releases (and dev releases). */
#ifndef SPACELOCK_SPECIFIER_H
#define SPACELOCK_SPECIFIER_H

#include <stdbool.h>
#include <stddef.h>

#include "spacelock/error.h"
#include "spacelock/version.h"

struct sl_specset; /* opaque; a comma-joined set, possibly empty */

/* packaging's contains(prereleases=None|True|False). */
enum sl_prerelease_mode { SL_PRE_DEFAULT = 0, SL_PRE_INCLUDE, SL_PRE_EXCLUDE };

/* Parses a comma-separated set ("" and " , " give the empty set; spaces
 * around clauses and between operator and version are allowed).  Clauses
 * are kept sorted as packaging's str(SpecifierSet) and deduplicated as its
 * canonical form (==1.0 and ==1.0.0 are one clause).  Returns 0 or
 * SL_EPARSE naming the bad clause and the column in s, e.g.
 * "invalid specifier '~=1': '~=' needs at least two release numbers at
 * column 3".  *out (free with sl_specset_free) written only on success. */
int sl_specset_parse(const char *s, struct sl_specset **out, struct sl_err *err);

/* Frees a set; NULL is fine. */
void sl_specset_free(struct sl_specset *s);

/* Whether v satisfies every clause.  A '===' clause compares v's normal
 * form (packaging's str(Version)) case-insensitively. */
bool sl_specset_contains(const struct sl_specset *s, const struct sl_version *v,
			 enum sl_prerelease_mode mode);

/* Whether the version string satisfies the set; *out written on success.
 * '===' clauses compare the string as given (ASCII case-insensitively), so
 * "===1.01" matches "1.01" but not "1.1", and "===foobar" matches "foobar".
 * A string that is not a PEP 440 version is an error (SL_EPARSE) unless the
 * set has a '===' clause; packaging answers False there (True for an empty
 * set), spacelock says what is wrong with it instead. */
int sl_specset_contains_str(const struct sl_specset *s, const char *version,
			    enum sl_prerelease_mode mode, bool *out, struct sl_err *err);

/* The set as packaging's str(SpecifierSet): clauses sorted, comma-joined,
 * no spaces, versions as written ("==V1.0RC1" stays as is).  Heap. */
char *sl_specset_to_string(const struct sl_specset *s);

/* Number of clauses (after deduplication). */
size_t sl_specset_count(const struct sl_specset *s);

/* Operator of clause i ("==", "~=", "===", ...); borrowed. */
const char *sl_specset_op(const struct sl_specset *s, size_t i);

/* Version of clause i as written, e.g. "2.1.*"; borrowed. */
const char *sl_specset_version(const struct sl_specset *s, size_t i);

/* The version of the one '==X' (no wildcard) or '===X' clause when the set
 * has exactly one such clause (">=1,==1.2" gives "1.2"), else NULL;
 * borrowed. */
const char *sl_specset_exact_pin(const struct sl_specset *s);

/* Parses a pre-release mode name: "default", "true" or "false"
 * (packaging's prereleases=None/True/False).  Returns 0 or SL_EINVAL. */
int sl_prerelease_mode_parse(const char *s, enum sl_prerelease_mode *out, struct sl_err *err);

#endif
