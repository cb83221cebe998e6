/* fuzz_archive.c: bytes read as a distribution archive through libarchive
 * (archive_read_open_memory).  The first byte picks the kind: even = wheel
 * (zip, <name>.dist-info/METADATA), odd = sdist (tar/gz/bz2/xz/zip,
 * <top>/PKG-INFO);
 * the rest is the archive.  No crash, no leak, and an error leaves nothing
 * behind. */
#include <stdint.h>
#include <stdlib.h>

#include "spacelock/archive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_metadata m;
	struct sl_err err;
	enum sl_archive_kind kind;
	int rc;

	if (size < 1)
		return 0;
	kind = data[0] % 2 ? SL_ARCHIVE_SDIST : SL_ARCHIVE_WHEEL;
	sl_metadata_init(&m);
	rc = sl_archive_read_metadata_mem(data + 1, size - 1, kind, "fuzz", &m, &err);
	if (rc < 0 && (m.name || m.version))
		abort();
	if (rc == 0 && (!m.name || !m.version))
		abort();
	sl_metadata_release(&m);
	return 0;
}
