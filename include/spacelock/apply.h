/* apply.h: what `spacelock apply` changes, computed as data.
 *
 * Given the lock of a Space that works and the files of a duplicate (its
 * README.md card, requirements.txt and pre-requirements.txt, as bytes),
 * sl_apply_compute returns the new bytes of each file and the list of
 * changes with their reasons; nothing is written.  Writing is a separate
 * step (sl_apply_write: every file atomically, none when one fails), so a
 * caller that sends the files elsewhere (`repin` commits them to the Hub)
 * uses the same result.  Every byte that need not change stays: card
 * values are spliced at libyaml's marks (card_edit.h), requirement lines
 * are edited in place (reqfile.h).  docs/commands/apply.md has the rules;
 * in short:
 *  - card: sdk, sdk_version and python_version from the lock (python: what
 *    really ran, runtime.python, unless opts->python), versions always
 *    quoted; suggested_hardware with opts->hardware;
 *  - requirements: every package of the lock pinned (SL_APPLY_PIN_ALL) or
 *    only those the files name (SL_APPLY_PIN_DIRECT); an existing line
 *    changes only its specifier; new pins in one marked block at the end;
 *    a package installed from pre-requirements.txt pinned there;
 *  - the sdk package (gradio, streamlit) is the builder's: a line naming it
 *    is aligned to sdk_version (or removed when it cannot be), never added;
 *    `spaces` stays unpinned unless the lock proves its version; pip,
 *    setuptools and wheel are the builder's tools and are not pinned;
 *  - VCS requirements are pinned to the recorded commit; without one they
 *    are reported, not guessed;
 *  - what the lock does not know is listed with its remedy and makes the
 *    result partial (the CLI's exit 1).
 * Stable API: `repin` (cmd_repin.c) builds on it. */
#ifndef SPACELOCK_APPLY_H
#define SPACELOCK_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

struct sl_lock;
struct sl_index;

/* The files apply reads and rewrites, by index into the arrays below. */
enum sl_apply_file_id {
	SL_APPLY_README = 0,	   /* README.md: the card */
	SL_APPLY_REQUIREMENTS,	   /* requirements.txt */
	SL_APPLY_PRE_REQUIREMENTS, /* pre-requirements.txt */
	SL_APPLY_NFILES
};

/* The file name of each id ("README.md", ...). */
const char *sl_apply_file_name(enum sl_apply_file_id id);

enum sl_apply_pin {
	SL_APPLY_PIN_ALL = 0, /* every package of the lock */
	SL_APPLY_PIN_DIRECT,  /* only the packages the files already name */
};

struct sl_apply_options {
	enum sl_apply_pin pin;
	const char *python;	/* python_version to write instead of the lock's, or NULL */
	bool hardware;		/* also set suggested_hardware from the lock's hardware */
	const char *lock_label; /* how the marked block names the lock ("lockfiles/x.json") */
	/* Metadata for checking the result besides the lock's own (check.h):
	 * a folder of wheels / sdists, and an index asked for its cache only
	 * (apply never goes to the network for it); either may be NULL. */
	const char *wheels;
	struct sl_index *index;
};

/* One file: its bytes before (as read) and after.  A file that did not
 * exist has exists false; it is created only when new_data is set. */
struct sl_apply_file {
	bool exists;	/* it existed before */
	char *old_data; /* owned; NULL when it did not exist */
	size_t old_len;
	char *new_data; /* owned; the bytes to write, NULL when unchanged or untouched */
	size_t new_len;
	unsigned mode; /* permission bits to keep (0: the default for a new file) */
};

enum sl_apply_change_kind {
	SL_APPLY_CARD_SET = 0, /* a card key's value replaced */
	SL_APPLY_CARD_ADD,     /* a card key added (or the whole front matter) */
	SL_APPLY_PIN,	       /* an existing line's specifier (or VCS ref) replaced */
	SL_APPLY_ADD,	       /* a pin appended in the marked block */
	SL_APPLY_REMOVE,       /* a line removed */
	SL_APPLY_KEEP,	       /* a line deliberately left as it is (said why) */
	SL_APPLY_UNKNOWN,      /* the lock does not know it: listed with the remedy */
};

struct sl_apply_change {
	enum sl_apply_change_kind kind;
	enum sl_apply_file_id file;
	unsigned long line; /* 1-based line in the old file, 0 for an added line */
	char *what;	    /* the card key or the canonical package name */
	char *old_text;	    /* what was written before, or NULL */
	char *new_text;	    /* what is written now, or NULL */
	char *reason;	    /* why, one line (an unknown's ends "; remedy: ...") */
	char *remedy;	    /* an unknown: what would make the lock know it, or NULL */
};

struct sl_apply_result {
	struct sl_apply_file files[SL_APPLY_NFILES];
	struct sl_apply_change *changes; /* in file order, then line order */
	size_t n_changes, cap_changes;
	bool partial; /* something of the lock is unknown: pins are incomplete */
	/* The check of the result: packages whose requirements were verified,
	 * and those without metadata at hand (their requirements unchecked). */
	size_t n_checked, n_unchecked;
};

/* Reads the three files of dir (a missing one is not an error: exists
 * false) into r->files, with their permission bits.  SL_EIO when one
 * exists but cannot be read, SL_ELIMIT when one is too large. */
int sl_apply_read_dir(const char *dir, struct sl_apply_result *r, struct sl_err *err);

/* Sets file id's old bytes from memory (a copy), for callers that fetched
 * the files elsewhere; data NULL: the file does not exist. */
void sl_apply_set_file(struct sl_apply_result *r, enum sl_apply_file_id id, const char *data,
		       size_t len, unsigned mode);

/* Computes the new bytes of each file and the changes, from r->files' old
 * bytes.  Then verifies the result: the new files parse, their pins equal
 * the lock's, and check.h finds no conflict between the lock's versions,
 * the result's requirement lines, the builder's own pip step
 * (gradio[oauth]==sdk_version, spaces) and the card's Python, with the
 * metadata at hand (the lock's, opts->wheels, opts->index's cache).
 * Errors: SL_EPARSE when a file cannot be parsed (the card's message has
 * file:line:column); SL_EINVAL when opts is invalid; SL_ECONFLICT naming
 * the first conflict (pip would fail with ResolutionImpossible); SL_EIO
 * for an unreadable opts->wheels; r's new bytes are then all NULL, so
 * nothing can be written.  Running it again on its own output changes
 * nothing (idempotent). */
int sl_apply_compute(const struct sl_lock *lock, const struct sl_apply_options *opts,
		     struct sl_apply_result *r, struct sl_err *err);

/* True when some file's bytes change. */
bool sl_apply_changed(const struct sl_apply_result *r);

/* Writes every changed file into dir, each atomically (fileio.h) with its
 * old permission bits.  All new files are computed before the first write,
 * so a parse failure writes none; a write failure (SL_EWRITE) leaves that
 * file as it was. */
int sl_apply_write(const char *dir, const struct sl_apply_result *r, struct sl_err *err);

/* Appends a unified diff (`diff -u` format, labels a/NAME and b/NAME) of
 * every changed file to out.  UTF-16 files are shown decoded to UTF-8. */
void sl_apply_diff(const struct sl_apply_result *r, struct sl_buf *out);

/* "set", "add", "pin", "add", "remove", "keep", "unknown". */
const char *sl_apply_change_kind_name(enum sl_apply_change_kind kind);

/* Frees what r owns and zeroes it. */
void sl_apply_result_release(struct sl_apply_result *r);

#endif
