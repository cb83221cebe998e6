/* reqfile.h: pip requirements files, read losslessly and edited in place.
 *
 * A file is read into a list of entries, one per logical line as pip sees
 * it (physical lines joined by a trailing backslash).  Each entry keeps its
 * exact original text including line endings, so sl_reqfile_render of an
 * unmodified file returns the input byte for byte, and an edit changes only
 * the bytes it must.  The reading rules follow pip's req_file.py (latest
 * pip): splitlines() line breaks, backslash joining (not after a comment
 * line), comments at line start or after whitespace, `${VAR}` references,
 * "args then options" splitting, shlex + optparse option syntax with long
 * option abbreviations.  Details and the edit guarantees:
 * docs/requirements-files.md.
 *
 * Text is handled as UTF-8: a UTF-8 file's entries hold its own bytes (the
 * BOM, when present, is kept aside); a UTF-16 file is decoded to UTF-8
 * (textenc.h) and encoded back by render.  Lines pip would reject are kept
 * verbatim as SL_REQLINE_UNKNOWN with a warning; parsing never fails for
 * UTF-8 input. */
#ifndef SPACELOCK_REQFILE_H
#define SPACELOCK_REQFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "textenc.h"

struct sl_requirement;

enum sl_reqline_kind {
	SL_REQLINE_BLANK = 0,	/* nothing but whitespace */
	SL_REQLINE_COMMENT,	/* only a comment (and whitespace) */
	SL_REQLINE_REQUIREMENT, /* a PEP 508 requirement, `name @ url` included */
	SL_REQLINE_EDITABLE,	/* -e / --editable PATH-OR-URL */
	SL_REQLINE_URL,		/* a bare URL, VCS URL or local path/archive */
	SL_REQLINE_OPTION,	/* global options: --index-url, --pre, ... */
	SL_REQLINE_INCLUDE,	/* -r / -c FILE */
	SL_REQLINE_UNKNOWN,	/* pip would reject it; kept verbatim, warning set */
};

enum sl_eol {
	SL_EOL_NONE = 0, /* the file has no line break at all */
	SL_EOL_LF,
	SL_EOL_CRLF,
	SL_EOL_CR,
};

/* One option on a line, in the order written. */
struct sl_reqfile_opt {
	const char *name; /* canonical long spelling ("--hash" for --hash, "--index-url" for
			     -i, --pypi-url or --ind); a static string */
	char *value;	  /* the shell-unquoted value, NULL for flags like --pre */
};

struct sl_reqfile_entry {
	enum sl_reqline_kind kind;
	unsigned long line;   /* first physical line, 1-based (pip's line number) */
	unsigned long nlines; /* physical lines, continuations and terminators included */
	char *raw;	      /* exact text with its line ending(s), UTF-8; may hold NULs */
	size_t raw_len;
	char *text;		    /* the logical line pip parses: joined, comment removed,
				       stripped, ${VAR} not expanded ("" for blank/comment;
				       cut at a NUL byte, which makes the line UNKNOWN) */
	char *req_text;		    /* REQUIREMENT/URL: the requirement part (marker included);
				       EDITABLE: the -e value; else NULL */
	struct sl_requirement *req; /* parsed requirement (for URL/EDITABLE lines with a known
				       name: "name @ url"), or NULL; NULL too for a line
				       that only parses once ${VAR}s are expanded */
	char *name;	 /* canonical (PEP 503) project name when known, from the requirement,
			    an #egg= fragment or a wheel file name; else NULL */
	char *url;	 /* URL/EDITABLE: the URL or path (marker and, for paths, [extras]
			    removed); REQUIREMENT: the `@ url`, when any; else NULL */
	char *include;	 /* INCLUDE: the file named by -r/-c */
	bool constraint; /* INCLUDE: it was -c / --constraint */
	struct sl_reqfile_opt *opts; /* options on the line (--hash values etc.) */
	size_t nopts;
	char *comment; /* the comment from its '#', or NULL */
	char **env;    /* names of ${VAR} references, in order, each once (at most
			  SL_REQFILE_MAX_ENV) */
	size_t nenv;
	char *warning; /* why the line is odd or rejected (no file:line), or NULL;
			  an UNKNOWN entry may still have req_text and url set */
	/* private: where sl_reqfile_replace writes (offsets into raw) */
	size_t span_off, span_len, span_full_len;
	bool has_span;
};

struct sl_reqfile {
	char *label; /* the name used in warnings */
	struct sl_textenc_info enc;
	enum sl_eol eol;    /* the dominant line ending (ties: the first seen) */
	bool mixed_eol;	    /* more than one kind of line ending occurs */
	bool final_newline; /* the last line ends with a line break (false when empty) */
	struct sl_reqfile_entry *entries;
	size_t nentries;
	char **warnings; /* "label:line: message", in line order; rebuilt after every edit */
	size_t nwarnings;
};

/* More distinct ${VAR} names than this on one line are not listed. */
#define SL_REQFILE_MAX_ENV 64

/* Files larger than this are refused by sl_reqfile_load. */
#define SL_REQFILE_MAX_BYTES (32u << 20)

/* A binary file (an image, an archive, a compiled file saved under the
 * wrong name) is no requirements file: pip fails on it, and reading it line
 * by line would lock noise.  Returns SL_EPARSE when the text (decoded as
 * sl_reqfile_parse does) holds a NUL byte ("LABEL:LINE: binary file (a NUL
 * byte), not a requirements file"), or when at least 8 bytes, and more than
 * a quarter of them, are control bytes or not UTF-8 (a Latin-1 comment here
 * and there stays below); else 0.  sl_reqfile_parse itself keeps every byte,
 * for exact round trips of the files apply edits. */
int sl_reqfile_refuse_binary(const void *data, size_t len, const char *label, struct sl_err *err);

/* Reads a requirements file from memory.  label names it in warnings
 * ("requirements.txt").  On success *out is a new file the caller frees
 * with sl_reqfile_free.  Fails (SL_EPARSE) only when the bytes cannot be
 * decoded: UTF-32, or UTF-16 with an odd byte count. */
int sl_reqfile_parse(const void *data, size_t len, const char *label, struct sl_reqfile **out,
		     struct sl_err *err);

/* sl_reqfile_parse of the file at path (label = path); SL_EIO when it
 * cannot be read, SL_ELIMIT above SL_REQFILE_MAX_BYTES. */
int sl_reqfile_load(const char *path, struct sl_reqfile **out, struct sl_err *err);

/* Frees rf and everything it owns; NULL is allowed. */
void sl_reqfile_free(struct sl_reqfile *rf);

/* Appends the file's bytes in its original encoding (BOM included) to out.
 * Unmodified, this is exactly the input of sl_reqfile_parse. */
void sl_reqfile_render(const struct sl_reqfile *rf, struct sl_buf *out);

/* Renders rf and writes it to path atomically (fileio.h). */
int sl_reqfile_write(const struct sl_reqfile *rf, const char *path, struct sl_err *err);

/* Index of the first entry at or after from whose project name is name
 * (any spelling; compared in PEP 503 form), or -1. */
long sl_reqfile_find(const struct sl_reqfile *rf, const char *name, size_t from);

/* Replaces the requirement of entry idx (REQUIREMENT, URL or EDITABLE) with
 * text, e.g. "torch==2.1.0+cpu".  Everything else on the line stays as it
 * was: leading whitespace, the marker, options such as --hash, the inline
 * comment, continuation lines and the line ending.  When text contains ';'
 * it carries its own marker and replaces the old one too.  text must be one
 * line of valid UTF-8 without a comment, option or trailing backslash;
 * otherwise, or when the result would not be a requirement, SL_EINVAL and
 * rf is unchanged. */
int sl_reqfile_replace(struct sl_reqfile *rf, size_t idx, const char *text, struct sl_err *err);

/* Removes entry idx (all its physical lines).  SL_EINVAL when out of range. */
int sl_reqfile_remove(struct sl_reqfile *rf, size_t idx, struct sl_err *err);

/* Appends text (a requirement, same rules as sl_reqfile_replace) as a new
 * last line ended by the file's own line ending (LF for a file without
 * one).  A missing final newline is added to the old last line first, and
 * a blank line is inserted when that line ends with a continuation
 * backslash, so no other line changes meaning. */
int sl_reqfile_append(struct sl_reqfile *rf, const char *text, struct sl_err *err);

/* sl_reqfile_append with an inline comment: "text  # comment" (comment
 * one line of UTF-8; NULL: none). */
int sl_reqfile_append_commented(struct sl_reqfile *rf, const char *text, const char *comment,
				struct sl_err *err);

/* Pins entry idx (a REQUIREMENT without a URL) to exactly version: the
 * name and extras keep their bytes, the specifier becomes "==version", and
 * everything else on the line stays as sl_reqfile_replace keeps it (the
 * marker included).  SL_EINVAL for another kind of line. */
int sl_reqfile_set_version(struct sl_reqfile *rf, size_t idx, const char *version,
			   struct sl_err *err);

/* Marks entry idx (a requirement line) with "  # mark" at the end of its
 * last physical line, after any comment of its own; a mark that starts
 * with prefix and ends the line already (an earlier run's) is replaced,
 * and removed when mark is NULL.  mark must start with prefix and be one
 * line of UTF-8 without '#'.  The requirement keeps its meaning (SL_EINVAL
 * and rf unchanged when it would not); no change when the mark is there. */
int sl_reqfile_set_mark(struct sl_reqfile *rf, size_t idx, const char *prefix, const char *mark,
			struct sl_err *err);

/* Appends the comment line "# text" (one line of UTF-8) with the same care
 * as sl_reqfile_append. */
int sl_reqfile_append_comment(struct sl_reqfile *rf, const char *text, struct sl_err *err);

/* Removes the line break that ends the last line, so that a file that had
 * no final newline keeps that form after lines were appended.  SL_EINVAL
 * (rf unchanged) when the last line would then mean something else. */
int sl_reqfile_drop_final_newline(struct sl_reqfile *rf, struct sl_err *err);

/* "blank", "comment", "requirement", "editable", "url", "option",
 * "include", "unknown". */
const char *sl_reqline_kind_name(enum sl_reqline_kind kind);

#endif
