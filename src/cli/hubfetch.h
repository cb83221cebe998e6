/* hubfetch.h: the command line side of reading a Space from the Hub
 * (`fetch` and `snapshot owner/space`): the Space as the user named it,
 * the client set up from the environment and the token, the warnings
 * printed.  The work itself is the library's (hubdir.h). */
#ifndef SPACELOCK_CLI_HUBFETCH_H
#define SPACELOCK_CLI_HUBFETCH_H

#include "cli.h"
#include "spacelock/hubdir.h"

/* Fetches the Space named by space (any form sl_hub_space_ref_parse
 * reads) at revision (NULL: the one space names, else the default branch;
 * both given must agree) with sl_hubdir_fetch, into dir or (NULL) a
 * temporary directory.  token_file (may be NULL) overrides the token
 * lookup.  Prints the warnings; on failure prints the error and returns
 * the exit code (0 on success).  Release out with sl_hubdir_release. */
int cli_hub_fetch(struct sl_cli *cli, const char *space, const char *revision,
		  const char *token_file, const char *dir, struct sl_hubdir *out);

struct sl_snapshot_inputs;
struct sl_lock;

/* What a fetched Space gives a snapshot besides its logs: the directory
 * (named by its Hub address), id, full revision sha, hardware, and the
 * names of its secrets and variables.  Borrowed from hf. */
void cli_hub_fetch_inputs(const struct sl_hubdir *hf, struct sl_snapshot_inputs *in);

/* `snapshot SPACE` without a file: fetches the Space (named as
 * cli_hub_fetch takes it; warnings printed) and locks it into *out (free
 * with sl_lock_free).  Returns 0 or the exit code after printing the
 * error. */
int cli_hub_snapshot(struct sl_cli *cli, const char *space, const char *revision,
		     const char *token_file, struct sl_lock **out);

struct sl_buf;

/* A LOCK operand as `diff`, `apply`, `export` and `repin` take it: a path
 * that exists, or a name ending in .json, is a lockfile; anything else the
 * Hub client reads as a Space (owner/name[@rev], its URL) is fetched and
 * snapshotted (cli_hub_snapshot).  bytes (may be NULL) receives the lock's
 * JSON: the file as read, or the snapshot as dumped.  A lockfile that
 * cannot be read or parsed is bad input (exit 3).  Returns 0, or the exit
 * code after printing the error; free *out with sl_lock_free. */
int cli_load_lock(struct sl_cli *cli, const char *arg, const char *token_file, struct sl_lock **out,
		  struct sl_buf *bytes);

#endif
