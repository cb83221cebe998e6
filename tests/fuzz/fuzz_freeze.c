/* fuzz_freeze.c: pip freeze / list lines (strict and loose), pip list JSON
 * in a line and whole JSON documents (list or report).  Asserted: an entry
 * line appends exactly one observation with a name, anything else appends
 * none, and a JSON document that fails appends nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/freeze.h"

static void lines(const char *text, bool strict)
{
	struct sl_freeze_lines fl;
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	const char *p = text;
	unsigned long n = 0;

	sl_freeze_lines_init(&fl, "fuzz", strict);
	while (*p) {
		size_t len = strcspn(p, "\n");
		char *line = strndup(p, len);
		size_t before = obs.n;
		int rc = sl_freeze_lines_feed(&fl, line, ++n, &obs);
		if (obs.n != before + (rc == 1) || (rc == 1 && !obs.v[before].name))
			abort();
		before = obs.n;
		rc = sl_freeze_json_line(line, len, "fuzz", n, &obs);
		if ((rc < 0 && obs.n != before) || (rc >= 0 && obs.n != before + (size_t)rc))
			abort();
		free(line);
		p += len + (p[len] == '\n');
	}
	sl_obs_list_release(&obs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct sl_obs_list obs = SL_OBS_LIST_INIT;
	struct sl_err err;

	memcpy(text, data, size);
	text[size] = '\0';
	lines(text, true);
	lines(text, false);
	if (sl_freeze_parse_json((const char *)data, size, "fuzz", &obs, &err) < 0 && obs.n != 0)
		abort();
	for (size_t i = 0; i < obs.n; i++)
		if (!obs.v[i].name || !obs.v[i].version)
			abort();
	sl_obs_list_release(&obs);
	free(text);
	return 0;
}
