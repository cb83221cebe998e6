/* fileio.h: whole-file reads with a size bound, atomic writes, and a
 * bounded line reader for streaming large logs. */
#ifndef SPACELOCK_FILEIO_H
#define SPACELOCK_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "error.h"

/* Reads path into out (appending). Fails with SL_ELIMIT when the file is
 * larger than max bytes, SL_EIO when it cannot be read. */
int sl_file_read(const char *path, size_t max, struct sl_buf *out, struct sl_err *err);

/* Opens path for reading when it is a regular file, never waiting: a
 * FIFO would block the open until someone writes (for ever, for a planted
 * one) and a device may never end, so anything else is SL_EIO "cannot
 * read 'LABEL': a FIFO, not a regular file" (label: path when NULL).
 * Returns the descriptor (blocking again; the caller closes it), or -1. */
int sl_file_open_regular(const char *path, const char *label, struct sl_err *err);

/* Writes data to path atomically: a temporary file in the same directory
 * (tempfile.h: removed on a signal, or by a later run if this one is
 * killed), fsync, rename, then fsync of the directory.  On failure the
 * target is untouched and no temporary file is left behind: SL_EWRITE with
 * the cause ("No space left on device").  path "-" writes stdout. */
int sl_file_write_atomic(const char *path, const void *data, size_t len, struct sl_err *err);

/* sl_file_write_atomic with the file's permission bits set to mode (0:
 * 0644), so that a rewritten file keeps the mode it had. */
int sl_file_write_atomic_mode(const char *path, const void *data, size_t len, unsigned mode,
			      struct sl_err *err);

/* A line reader over a FILE that never holds more than max_line bytes of a
 * line: longer lines are returned truncated with *truncated set, and the
 * rest of that line is skipped.  line excludes the "\n" (and a "\r"
 * before it). */
struct sl_linereader {
	FILE *fp;
	size_t max_line;
	unsigned long lineno; /* 1-based number of the line last returned */
	struct sl_buf line;
	bool truncated;
	bool saw_nul; /* the last line contained a NUL byte */
	/* private read-ahead */
	char chunk[65536];
	size_t pos, end;
};

void sl_linereader_init(struct sl_linereader *r, FILE *fp, size_t max_line);
/* Returns 1 with r->line filled, 0 at end of file, SL_EIO on read error. */
int sl_linereader_next(struct sl_linereader *r, struct sl_err *err);
void sl_linereader_release(struct sl_linereader *r);

#endif
