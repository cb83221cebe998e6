/* evidence.h: observations, the common currency between the readers
 * (build and run logs, freeze files, installed metadata, requirement
 * files) and the snapshot that merges them into a lock.
 *
 * An observation says "this input, at this line, shows package NAME (at
 * VERSION, when known)".  Readers only observe; snapshot decides. */
#ifndef SPACELOCK_EVIDENCE_H
#define SPACELOCK_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

/* How strongly an observation proves the installed version.  When inputs
 * disagree the stronger one wins (the order): installed metadata
 * and freeze output, then pip's own install lines, then exact pins. */
enum sl_strength {
	SL_EV_MENTION = 0, /* named, no version proven ("Collecting x", a "from" chain) */
	SL_EV_PIN = 1,	   /* an exact '==' requirement pin (requested, not proven) */
	SL_EV_PIP =
	    2, /* pip's own lines: Downloading file, already satisfied, Successfully installed */
	SL_EV_INSTALLED = 3, /* installed metadata, pip freeze / list / report */
};

/* Why the package is in the environment, as far as the input tells. */
enum sl_origin {
	SL_ORIGIN_UNKNOWN = 0,
	SL_ORIGIN_DIRECT,     /* requested by the Space's requirements */
	SL_ORIGIN_PLATFORM,   /* injected by the Spaces builder (gradio[oauth], spaces, ...) */
	SL_ORIGIN_TRANSITIVE, /* pulled in by another package (required_by says which) */
};

struct sl_obs {
	char *name;    /* as written in the input */
	char *version; /* exact version as written, or NULL */
	enum sl_strength strength;
	enum sl_origin origin;
	char *requirement;  /* the requirement text that asked for it, or NULL */
	char *required_by;  /* the parent named by pip's "(from X)", or NULL */
	char *vcs_url;	    /* VCS or direct URL install, or NULL */
	char *vcs_commit;   /* resolved commit for VCS installs, or NULL */
	char *source;	    /* the input it came from (a path or label) */
	unsigned long line; /* 1-based line in source, 0 when not line-based */
	char *text;	    /* the evidence line itself, sanitised and bounded */
};

struct sl_obs_list {
	struct sl_obs *v;
	size_t n;
	size_t cap;
};

#define SL_OBS_LIST_INIT                                                                           \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* Appends a deep copy of *o (every non-NULL string is duplicated; text is
 * cut to SL_OBS_TEXT_MAX bytes and stripped of control characters and Hub
 * tokens).  Returns the stored element, owned by the list. */
#define SL_OBS_TEXT_MAX 240
struct sl_obs *sl_obs_list_add(struct sl_obs_list *l, const struct sl_obs *o);

/* Moves every element of from to the end of to (no copy: the strings
 * change owner); from is empty afterwards. */
void sl_obs_list_move(struct sl_obs_list *to, struct sl_obs_list *from);

/* Frees the strings of one element (they become NULL); the list keeps
 * the element and its other fields. */
void sl_obs_release(struct sl_obs *o);

/* Frees every element and the array; the list is empty afterwards. */
void sl_obs_list_release(struct sl_obs_list *l);

/* Human name of a strength / origin for lockfiles and messages:
 * "mention", "pin", "pip", "installed"; "unknown", "direct", "platform",
 * "transitive". */
const char *sl_strength_name(enum sl_strength s);
const char *sl_origin_name(enum sl_origin o);

#endif
