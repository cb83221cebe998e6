/* fuzz_wheelname.c: distribution file names (wheels, sdists, PEP 658
 * .metadata files) on arbitrary bytes.  An accepted name has a name and a
 * version that the file name holds; a wheel has all three tags. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/wheelname.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = sl_xstrndup((const char *)data, size);
	struct sl_wheelname w;
	struct sl_err err = {0};
	char *name = NULL, *version = NULL;

	memset(&w, 0, sizeof(w));
	if (sl_wheelname_parse(s, &w, &err) == 0) {
		if (!w.name || !w.version || !*w.name || !*w.version || !strstr(s, w.version))
			abort();
		if (w.wheel && (!w.python_tag || !w.abi_tag || !w.platform_tag))
			abort();
		sl_wheelname_release(&w);
	} else if (err.msg[0] == '\0') {
		abort(); /* a refusal says why */
	}
	if (sl_wheelname_split_name_version(s, strlen(s), &name, &version, &err) == 0) {
		if (!name || !version || !strstr(s, version))
			abort();
		free(name);
		free(version);
	}
	free(s);
	return 0;
}
