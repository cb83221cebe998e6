/* fuzz_metadata.c: METADATA / PKG-INFO header bytes, and the same bytes as
 * an egg-info requires.txt.  Checks the parser's promises: on success Name
 * and Version are set and NUL-free, the Version line is within the input;
 * on failure nothing is left in the result. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/metadata.h"

static void check_result(int rc, const struct sl_metadata *m, size_t size)
{
	if (rc < 0) {
		if (m->name || m->version || m->n_requires_dist)
			abort();
		return;
	}
	if (!m->name || !*m->name || !m->version || !*m->version)
		abort();
	if (m->version_line == 0 || m->version_line > size)
		abort();
	for (size_t i = 0; i < m->n_requires_dist; i++)
		if (!m->requires_dist[i])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_metadata m;
	struct sl_err err;
	int rc;

	sl_metadata_init(&m);
	rc = sl_metadata_parse((const char *)data, size, "fuzz", &m, &err);
	check_result(rc, &m, size);
	sl_metadata_add_requires_txt(&m, (const char *)data, size, "fuzz", &err);
	sl_metadata_release(&m);
	(void)sl_metadata_header_complete((const char *)data, size, size / 2);
	return 0;
}
