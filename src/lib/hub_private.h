/* hub_private.h: the Hub client's state, shared by the files that speak
 * to the Hub (hub.c reads, hub_write.c writes). */
#ifndef SPACELOCK_HUB_PRIVATE_H
#define SPACELOCK_HUB_PRIVATE_H

#include <stdbool.h>

#include "spacelock/hub.h"

struct sl_hub {
	struct sl_http *http;
	char *endpoint;
	char *token_source; /* where the token came from, for messages; never the token */
	bool has_token;
	struct sl_hub_opts o;
};

#endif
