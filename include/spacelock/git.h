/* git.h: running git on a local clone, as a subprocess with an argument
 * vector (never through a shell, so no path or message is ever parsed as
 * shell syntax).  `repin --git DIR` commits with it. */
#ifndef SPACELOCK_GIT_H
#define SPACELOCK_GIT_H

#include "buf.h"
#include "error.h"

/* Runs `git -C dir ARGS...` (args NULL-terminated, without "git"), input
 * (may be NULL) on its standard input, its standard output appended to out
 * (may be NULL: discarded; at most 1 MiB kept).  0 when git exits 0;
 * SL_EIO when git cannot be started (not installed); SL_EWRITE when it
 * fails, the message naming the git command and git's first error line. */
int sl_git_run(const char *dir, const char *const *args, const char *input, struct sl_buf *out,
	       struct sl_err *err);

#endif
