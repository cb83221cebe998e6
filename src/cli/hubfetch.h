/* hubfetch.h: a Space from the Hub into a directory, with the warnings a
 * user should see (the build log is of another commit, every step was
 * CACHED, a log the token may not read).  Shared by `fetch` and by
 * `snapshot owner/space`. */
#ifndef SPACELOCK_CLI_HUBFETCH_H
#define SPACELOCK_CLI_HUBFETCH_H

#include <stdbool.h>

#include "cli.h"
#include "spacelock/hub.h"

struct cli_hub_fetch {
	char *dir;	/* where the files are */
	bool temporary; /* dir was made by us: cli_hub_fetch_release removes it */
	struct sl_hub_space space;
	/* names for the lock instead of temporary paths: "hf://spaces/ID@SHA"
	 * for the directory, "hf://spaces/ID/logs/build" and ".../logs/run" */
	char *dir_label, *build_label, *run_label;
};

/* Fetches the Space named by space (any form sl_hub_space_ref_parse
 * reads) at revision (NULL: the one space names, else the default branch;
 * both given must agree) into dir (created if needed; files arrive there
 * only when everything succeeded), or into a new temporary directory when
 * dir is NULL.  token_file (may be NULL) overrides the token lookup.
 * Prints warnings; on failure prints the error and returns the exit code
 * (0 on success). */
int cli_hub_fetch(struct sl_cli *cli, const char *space, const char *revision,
		  const char *token_file, const char *dir, struct cli_hub_fetch *out);

struct sl_snapshot_inputs;
struct sl_lock;

/* What a fetched Space gives a snapshot besides its logs: the directory
 * (named by its Hub address), id, full revision sha, hardware, and the
 * names of its secrets and variables.  Borrowed from hf. */
void cli_hub_fetch_inputs(const struct cli_hub_fetch *hf, struct sl_snapshot_inputs *in);

/* `snapshot SPACE` without a file: fetches the Space (named as
 * cli_hub_fetch takes it; warnings printed) and locks it into *out (free
 * with sl_lock_free).  Returns 0 or the exit code after printing the
 * error. */
int cli_hub_snapshot(struct sl_cli *cli, const char *space, const char *revision,
		     const char *token_file, struct sl_lock **out);

/* Frees out and removes a temporary directory with what was fetched. */
void cli_hub_fetch_release(struct cli_hub_fetch *out);

#endif
