/* fuzz_dotenv.c: the dotenv reader (dotenv.h) on arbitrary bytes: it
 * accepts or refuses cleanly; every key it returns is a valid name, every
 * line inside the input, and a refusal names the file and line (its
 * wording never quotes the input: t_dotenv checks that). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/dotenv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_dotenv env;
	struct sl_err err = {0};
	unsigned long lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (sl_dotenv_parse("fuzz.env", (const char *)data, size, &env, &err) != 0) {
		if (env.n || strncmp(err.msg, "fuzz.env:", 9) != 0)
			abort();
		return 0;
	}
	for (size_t i = 0; i < env.n; i++) {
		const char *k = env.v[i].key;
		if (!*k ||
		    strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") !=
			strlen(k) ||
		    (*k >= '0' && *k <= '9') || env.v[i].line == 0 || env.v[i].line > lines)
			abort();
		if (sl_dotenv_get(&env, k) == NULL)
			abort();
	}
	sl_dotenv_release(&env);
	return 0;
}
