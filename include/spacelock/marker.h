/* marker.h: PEP 508 environment markers, parsed and evaluated against a
 * target environment (the Space), never the machine spacelock runs on.
 *
 * Semantics follow the latest pypa/packaging (markers.py): and binds
 * tighter than or; python_version, python_full_version,
 * implementation_version and platform_release compare as PEP 440 versions
 * (pre-releases included) when the right-hand side makes a valid
 * specifier, otherwise as strings, where only ==, !=, in and not in
 * mean something (<, > are false, <=, >= are ==; ~= and === are errors);
 * `extra` values are compared PEP 685-normalised; `extras` and
 * `dependency_groups` (PEP 751) are sets, usable only as `"x" in extras`.
 * A variable the environment does not define is an error. */
#ifndef SPACELOCK_MARKER_H
#define SPACELOCK_MARKER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct sl_json_origin;

/* A target environment: every marker variable with a string value, plus
 * the set-valued extras and dependency_groups (undefined until set). */
struct sl_env;

/* Returns the default Space target (caller frees with sl_env_free):
 * python_version 3.10, python_full_version 3.10.12, sys_platform linux,
 * platform_system Linux, platform_machine x86_64, os_name posix,
 * implementation_name cpython, platform_python_implementation CPython,
 * implementation_version 3.10.12, platform_release "", platform_version "",
 * extra "".  extras and dependency_groups are undefined. */
struct sl_env *sl_env_new(void);

/* Returns an independent copy of env (caller frees). */
struct sl_env *sl_env_copy(const struct sl_env *env);

/* Frees env; NULL is fine. */
void sl_env_free(struct sl_env *env);

/* Sets one string variable by name (the PEP 508 names; "os.name",
 * "sys.platform", "platform.version", "platform.machine",
 * "platform.python_implementation" and "python_implementation" are accepted
 * as aliases).  SL_EINVAL for an unknown key or a set-valued one. */
int sl_env_set(struct sl_env *env, const char *key, const char *value, struct sl_err *err);

/* Returns the value of a string variable (borrowed), or NULL when key is
 * unknown or set-valued. */
const char *sl_env_get(const struct sl_env *env, const char *key);

/* Defines the set-valued variable key ("extras" or "dependency_groups")
 * as the n given names (copied; NULL with n 0 makes it the empty set).
 * SL_EINVAL for another key. */
int sl_env_set_list(struct sl_env *env, const char *key, const char *const *names, size_t n,
		    struct sl_err *err);

/* Sets the Python version: "3.13" gives python_version 3.13 and
 * python_full_version and implementation_version 3.13.0; "3.8.9" (or
 * "3.13.0rc1") gives python_version 3.8 and the full string for the other
 * two.  SL_EINVAL unless it is X.Y or X.Y.Z with an optional a/b/rc
 * suffix. */
int sl_env_set_python(struct sl_env *env, const char *version, struct sl_err *err);

/* Applies a JSON object of overrides: string values for string variables,
 * arrays of strings for extras and dependency_groups, and "python" as a
 * shorthand for sl_env_set_python.  SL_EPARSE for malformed JSON, an
 * unknown key or a value of the wrong type; env is then unchanged. */
int sl_env_set_json(struct sl_env *env, const char *json, struct sl_err *err);

/* sl_env_set_json with messages placed in the input the JSON came from
 * ("<stdin>:7:24: environment key 'os_name' needs a string"); the plain
 * one names it "--env". */
int sl_env_set_json_in(struct sl_env *env, const char *json, const struct sl_json_origin *at,
		       struct sl_err *err);

/* A parsed marker expression. */
struct sl_marker;

/* Parses s (the whole string must be a marker).  On error returns
 * SL_EPARSE with a message saying what was expected and at which column
 * (1-based), *out untouched.  The caller frees *out. */
int sl_marker_parse(const char *s, struct sl_marker **out, struct sl_err *err);

/* Frees m; NULL is fine. */
void sl_marker_free(struct sl_marker *m);

/* Evaluates m against env.  extra is the value of the `extra` variable for
 * this evaluation (it overrides the env's); NULL keeps the env's value
 * (empty by default).  Both are PEP 685-normalised.  Every comparison is
 * evaluated (as packaging does), so an error anywhere is reported:
 * SL_EINVAL for an undefined variable, an undefined comparison (~= or
 * === on strings) or a set-valued variable on the left of an operator. */
int sl_marker_eval(const struct sl_marker *m, const struct sl_env *env, const char *extra,
		   bool *out, struct sl_err *err);

/* Returns the normal form of m as a new heap string (packaging's
 * str(Marker)): single spaces, values in double quotes (single quotes when
 * the value contains a double quote), redundant outer parentheses dropped,
 * extra names normalised.  Returns NULL only when a value, through
 * escapes, contains both quote characters (packaging raises ValueError) or
 * a NUL character, and so has no written form. */
char *sl_marker_to_string(const struct sl_marker *m);

/* True when m mentions the variable `extra` anywhere. */
bool sl_marker_uses_extra(const struct sl_marker *m);

#endif
