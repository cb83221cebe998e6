/* hub_history.h: when a Space's files last changed, from the Hub's tree
 * listing with commit details (GET {endpoint}/api/spaces/{id}/tree/{rev}
 * ?expand=true: each entry's lastCommit.date).  snapshot --reconstruct
 * takes the window's start from it: a layer that installs requirements.txt
 * cannot predate the last change of requirements.txt. */
#ifndef SPACELOCK_HUB_HISTORY_H
#define SPACELOCK_HUB_HISTORY_H

#include <stddef.h>

#include "error.h"
#include "http.h"

/* The latest lastCommit date of the n paths (top-level files) at
 * revision, normalised to "YYYY-MM-DDTHH:MM:SS" in out; "" when none of
 * them exists.  http must carry the token for endpoint's origin (as
 * sl_hub_new sets it).  SL_ENET (body not a tree listing, network),
 * SL_EAUTH, SL_ENOTFOUND as http.h says. */
int sl_hub_last_change(struct sl_http *http, const char *endpoint, const char *space_id,
		       const char *revision, const char *const *paths, size_t n, char out[20],
		       struct sl_err *err);

/* The same on a body already fetched (url names it in messages). */
int sl_hub_last_change_parse(const char *url, const char *body, size_t len,
			     const char *const *paths, size_t n, char out[20], struct sl_err *err);

#endif
