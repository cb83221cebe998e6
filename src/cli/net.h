/* net.h: what the network verbs (snapshot owner/space, index) share: an
 * http client configured from the environment, with progress on stderr
 * when it is a terminal (and not -q) and a request trace with -v. */
#ifndef SPACELOCK_CLI_NET_H
#define SPACELOCK_CLI_NET_H

#include "cli.h"
#include "spacelock/http.h"
#include "spacelock/hub.h"

/* Opens an http client.  concurrency 0 keeps the default.  Knobs (seconds,
 * fractions allowed): SPACELOCK_CONNECT_TIMEOUT, SPACELOCK_TIMEOUT (read),
 * SPACELOCK_RETRIES (count), SPACELOCK_RETRY_WAIT_MAX (docs/hub.md). */
int cli_net_open(struct sl_cli *cli, int concurrency, struct sl_http **out, struct sl_err *err);

/* Fills the log bounds of hub options from SPACELOCK_LOG_IDLE and
 * SPACELOCK_LOG_MAX_TIME (seconds) and SPACELOCK_LOG_MAX_BYTES. */
void cli_net_hub_opts(struct sl_hub_opts *o);

/* Ends a progress line on stderr if one was drawn. */
void cli_net_done(void);

#endif
