/* hub_history.c: the Hub's tree listing with commit details, read for the
 * date each file last changed (hub_history.h). */
#include "spacelock/hub_history.h"

#include <cJSON.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/json.h"

#define TREE_MAX (8u << 20)

/* "2024-03-10T08:00:00.000Z" -> "2024-03-10T08:00:00" (the Hub writes ISO
 * 8601 in UTC). */
static bool iso_date(const char *s, char out[20])
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";

	if (strlen(s) < 19)
		return false;
	for (size_t i = 0; i < 19; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return false;
	memcpy(out, s, 19);
	out[19] = '\0';
	return true;
}

static bool wanted(const char *path, const char *const *paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(path, paths[i]) == 0)
			return true;
	return false;
}

int sl_hub_last_change_parse(const char *url, const char *body, size_t len,
			     const char *const *paths, size_t n, char out[20], struct sl_err *err)
{
	cJSON *root = sl_json_parse(body, len, url, NULL);
	const cJSON *e;

	out[0] = '\0';
	if (!cJSON_IsArray(root)) {
		cJSON_Delete(root);
		return sl_error(err, SL_ENET, "%s: response is not a tree listing", url);
	}
	cJSON_ArrayForEach(e, root)
	{
		const char *path =
		    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "path"));
		const cJSON *lc = cJSON_GetObjectItemCaseSensitive(e, "lastCommit");
		const char *date =
		    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(lc, "date"));
		char d[20];
		if (!path || !wanted(path, paths, n))
			continue;
		if (!date || !iso_date(date, d)) {
			/* the message first: path lives in the tree */
			int rc =
			    sl_error(err, SL_ENET, "%s: '%s' has no lastCommit date", url, path);
			cJSON_Delete(root);
			return rc;
		}
		if (strcmp(d, out) > 0)
			memcpy(out, d, sizeof(d));
	}
	cJSON_Delete(root);
	return 0;
}

int sl_hub_last_change(struct sl_http *http, const char *endpoint, const char *space_id,
		       const char *revision, const char *const *paths, size_t n, char out[20],
		       struct sl_err *err)
{
	char *rev = sl_http_escape(revision ? revision : "main");
	char *url = sl_xasprintf("%s/api/spaces/%s/tree/%s?expand=true", endpoint, space_id, rev);
	struct sl_http_req req;
	int rc;

	free(rev);
	sl_http_req_init(&req, url);
	req.accept = "application/json";
	rc = sl_http_get(http, &req, err);
	if (rc == 0 && req.body.len > TREE_MAX)
		rc = sl_error(err, SL_ELIMIT, "%s: tree listing over %u bytes", url, TREE_MAX);
	if (rc == 0)
		rc = sl_hub_last_change_parse(url, req.body.buf, req.body.len, paths, n, out, err);
	sl_http_req_release(&req);
	free(url);
	return rc;
}
