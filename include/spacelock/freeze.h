/* freeze.h: readers for what pip says is installed: `pip freeze` output,
 * `pip list` (columns or --format=json) and pip's installation report
 * (`pip install --report`).  Every package becomes one SL_EV_INSTALLED
 * observation (evidence.h); an entry whose version the input does not give
 * (`name @ url`, `-e git+...#egg=name`) is observed without a version. */
#ifndef SPACELOCK_FREEZE_H
#define SPACELOCK_FREEZE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "evidence.h"

/* Largest JSON document (list or report) read into memory. */
#define SL_FREEZE_JSON_MAX (64u * 1024 * 1024)

enum sl_freeze_format {
	SL_FREEZE_UNKNOWN = 0,
	SL_FREEZE_TEXT,	  /* pip freeze / pip list --format=freeze */
	SL_FREEZE_LIST,	  /* pip list (columns) */
	SL_FREEZE_JSON,	  /* pip list --format=json */
	SL_FREEZE_REPORT, /* pip install --report (JSON) */
};

/* Reads path ("-" is stdin), detecting the format, and appends one
 * observation per package to obs (source = path).  Returns the detected
 * enum sl_freeze_format (> 0) on success; SL_EIO (unreadable), SL_ELIMIT
 * (JSON over SL_FREEZE_JSON_MAX), SL_EPARSE (binary, malformed JSON, or a
 * text line that is neither a freeze nor a list line: file:line in err).
 * Nothing is appended on error. */
int sl_freeze_read_file(const char *path, struct sl_obs_list *obs, struct sl_err *err);

/* Parses a whole JSON document (pip list --format=json or a report) held
 * in memory; source labels the observations.  Returns the format or
 * SL_EPARSE.  Nothing is appended on error. */
int sl_freeze_parse_json(const char *data, size_t len, const char *source, struct sl_obs_list *obs,
			 struct sl_err *err);

/* Line-level reader for freeze and `pip list` text, also used on run logs
 * where an app prints them among other output.  Feed lines in order; each
 * line that is a package entry appends one observation and returns 1,
 * a line that is part of the syntax (comment, list header, ruler, blank)
 * returns 0, anything else returns -1 (nothing appended).  strict (run
 * logs): only accept entries whose version is a valid PEP 440 version and
 * `@`/`-e` entries with a URL scheme, so that ordinary app output is not
 * mistaken for a package. */
struct sl_freeze_lines {
	bool strict;
	bool in_list;	 /* after a "Package Version" header and its ruler */
	bool saw_header; /* the previous line was the header */
	const char *source;
};

void sl_freeze_lines_init(struct sl_freeze_lines *fl, const char *source, bool strict);
int sl_freeze_lines_feed(struct sl_freeze_lines *fl, const char *line, unsigned long lineno,
			 struct sl_obs_list *obs);

/* Parses one `pip list --format=json` array held in a single line (as an
 * app might print it): returns the number of packages appended, or -1 when
 * line is not such an array (nothing appended). */
int sl_freeze_json_line(const char *line, size_t len, const char *source, unsigned long lineno,
			struct sl_obs_list *obs);

/* The hex commit after the last '@' of a "git+" URL's path (7 to 40
 * digits), and the "#egg=" name of a URL: new strings, or NULL. */
char *sl_freeze_vcs_commit(const char *url);
char *sl_freeze_egg_name(const char *url);
/* True when s[0..len) is a valid PEP 440 version (as pip output shows one). */
bool sl_freeze_version_ok(const char *s, size_t len);

/* Name of a format: "freeze", "list", "list-json", "report", "unknown". */
const char *sl_freeze_format_name(enum sl_freeze_format f);

#endif
