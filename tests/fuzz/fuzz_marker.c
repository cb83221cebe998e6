/* fuzz_marker.c: the PEP 508 marker parser and evaluator on arbitrary
 * bytes.  A marker that parses must evaluate (or fail cleanly) against the
 * Space target and against one with extras defined; its normal form, when
 * it is plain (no backslash or line break, which escapes may introduce),
 * must parse back to the same normal form and the same verdict. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/marker.h"

static int verdict(const struct sl_marker *m, const struct sl_env *env)
{
	struct sl_err err;
	bool out = false;

	if (sl_marker_eval(m, env, NULL, &out, &err) != 0)
		return err.msg[0] ? -1 : (abort(), -1); /* an error always says why */
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const extras[] = {"test", "Dev_Tools"};
	char *s = malloc(size + 1);
	struct sl_marker *m = NULL, *again = NULL;
	struct sl_env *space = sl_env_new(), *other = sl_env_new();
	struct sl_err err;
	char *norm, *norm2;

	memcpy(s, data, size);
	s[size] = '\0';
	sl_env_set_list(other, "extras", extras, 2, &err);
	sl_env_set_list(other, "dependency_groups", extras, 1, &err);
	sl_env_set_python(other, "3.13.0rc1", &err);
	if (sl_marker_parse(s, &m, &err) != 0) {
		if (!err.msg[0])
			abort();
		goto out;
	}
	norm = sl_marker_to_string(m);
	if (norm && !strpbrk(norm, "\\\r\n")) {
		if (sl_marker_parse(norm, &again, &err) != 0)
			abort();
		norm2 = sl_marker_to_string(again);
		if (!norm2 || strcmp(norm, norm2) != 0 ||
		    verdict(m, space) != verdict(again, space) ||
		    verdict(m, other) != verdict(again, other))
			abort();
		free(norm2);
		sl_marker_free(again);
	} else {
		verdict(m, space);
		verdict(m, other);
	}
	(void)sl_marker_eval(m, space, "Test", &(bool){false}, &err);
	free(norm);
	sl_marker_free(m);
out:
	sl_env_free(space);
	sl_env_free(other);
	free(s);
	return 0;
}
