/* fuzz_index.c: the package-index JSON readers (sl_index_parse, and the
 * project release lists, sl_index_parse_project and the simple API's JSON
 * sl_index_parse_simple, on the same bytes) on
 * arbitrary bytes: no crash, no leak, and what they return is consistent. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "spacelock/index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_index_release r;
	struct sl_err err;

	memset(&r, 0, sizeof(r));
	if (sl_index_parse("fuzz", (const char *)data, size, &r, &err) == 0) {
		for (size_t i = 0; i < r.nfiles; i++)
			if (!r.files[i].filename)
				__builtin_trap();
		for (size_t i = 0; r.requires_dist && r.requires_dist[i]; i++)
			(void)strlen(r.requires_dist[i]);
	}
	sl_index_clear(&r);

	struct sl_index_project p;
	memset(&p, 0, sizeof(p));
	if (sl_index_parse_project("fuzz", (const char *)data, size, &p, &err) == 0) {
		for (size_t i = 0; i < p.nversions; i++) {
			if (!p.versions[i].version)
				__builtin_trap();
			for (size_t j = 0; j < p.versions[i].nfiles; j++)
				if (!p.versions[i].files[j].filename)
					__builtin_trap();
		}
	}
	sl_index_project_clear(&p);

	memset(&p, 0, sizeof(p));
	if (sl_index_parse_simple("fuzz", (const char *)data, size, &p, &err) == 0) {
		for (size_t i = 0; i < p.nversions; i++) {
			if (!p.versions[i].version || !p.versions[i].nfiles)
				__builtin_trap();
			for (size_t j = 0; j < p.versions[i].nfiles; j++)
				if (!p.versions[i].files[j].filename ||
				    !p.versions[i].files[j].upload_time)
					__builtin_trap();
		}
	}
	sl_index_project_clear(&p);
	return 0;
}
