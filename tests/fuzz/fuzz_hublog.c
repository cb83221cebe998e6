/* fuzz_hublog.c: the Hub log stream filter (sl_hub_log_*) on arbitrary
 * bytes, fed in two chunks split where the first byte says: no crash, no
 * leak, bounded output. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "spacelock/hub.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_hub_space sp;
	struct sl_hub_log *log;
	struct sl_err err;
	size_t cut = size ? data[0] % (size + 1) : 0;

	memset(&sp, 0, sizeof(sp));
	if (sl_hub_log_open("/dev/null", 1 << 20, &sp, &log, &err) != 0)
		return 0;
	if (sl_hub_log_feed(log, (const char *)data, cut, &err) == 0)
		sl_hub_log_feed(log, (const char *)data + cut, size - cut, &err);
	sl_hub_log_close(log, &err);
	if (sp.steps_cached > sp.steps_pip)
		__builtin_trap();
	sl_hub_space_release(&sp);
	return 0;
}
