/* fuzz_marker_env.c: the JSON of `marker --env` on arbitrary bytes.  A
 * refused document leaves the environment as it was; an accepted one is
 * usable by the marker evaluator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/marker.h"
#include "spacelock/mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *json = sl_xstrndup((const char *)data, size);
	struct sl_env *env = sl_env_new();
	struct sl_env *before = sl_env_copy(env);
	struct sl_marker *m = NULL;
	struct sl_err err = {0};
	static const char *const keys[] = {"python_version", "python_full_version", "sys_platform",
					   "platform_machine", "implementation_name"};

	if (sl_env_set_json(env, json, &err) != 0) {
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			const char *a = sl_env_get(env, keys[i]), *b = sl_env_get(before, keys[i]);
			if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
				abort(); /* "env is then unchanged" */
		}
	} else if (sl_marker_parse("python_version >= '3.8' and sys_platform == 'linux' or "
				   "extra == 'x'",
				   &m, &err) == 0) {
		bool r;
		sl_marker_eval(m, env, NULL, &r, &err);
		sl_marker_free(m);
	}
	sl_env_free(before);
	sl_env_free(env);
	free(json);
	return 0;
}
