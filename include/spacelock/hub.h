/* hub.h: what spacelock reads from the Hugging Face Hub about a Space.
 *
 * Space info (/api/spaces/{id}[/revision/{rev}]), the card and requirement
 * files at that exact commit (/spaces/{id}/resolve/{sha}/{path}), the build
 * and run logs (/api/spaces/{id}/logs/build and /logs/run, server-sent
 * events read until idle), and the NAMES of secrets and variables where
 * the token may read them.  Secret values are never requested; variable
 * values are dropped on arrival.  Hub tokens found in logs are redacted
 * before anything is written. */
#ifndef SPACELOCK_HUB_H
#define SPACELOCK_HUB_H

#include <stddef.h>

#include "error.h"
#include "http.h"
#include "token.h"

struct sl_hub;

struct sl_hub_opts {
	const char *endpoint; /* NULL: $HF_ENDPOINT, else https://huggingface.co */
	long log_idle_ms;     /* a log stream with no new line for this long is
				 complete (keep-alives do not count); 0 = 5 s */
	long log_total_ms;    /* a log stream still sending after this fails; 0 = 120 s */
	size_t log_max;	      /* bytes kept per log; 0 = 256 MiB */
};

struct sl_hub_space {
	char *id;	/* "owner/name" */
	char *sha;	/* full commit sha of the revision */
	char *sdk;	/* "gradio", "docker", ... or NULL */
	char *hardware; /* runtime.hardware.current, else .requested, or NULL */
	char *stage;	/* runtime.stage or NULL */

	/* runtime.errorMessage (why a stage is an error), runtime.hardware's
	 * requested and current flavors; each NULL when the Hub gives none */
	char *error_message, *hardware_requested, *hardware_current;
	/* Files written into dest_dir (full paths), NULL when the Space has none */
	char *readme, *requirements, *pre_requirements, *packages;
	/* Logs as received (SSE, keep-alives dropped, tokens redacted), NULL
	 * when the token may not read them */
	char *build_log, *run_log;
	char *log_commit; /* the build log's "Commit SHA: ..." (often 7 hex), or NULL */
	size_t steps_pip, steps_cached; /* `pip install` steps of the build log's last build
					   (buildlog.h), and how many of them were CACHED */
	char **secret_names;		/* sorted, NULL-terminated (empty when there are
					   none); NULL when the token may not read them */
	char **variable_names;		/* the same, names only */
	char **notes; /* why something optional is missing; NULL-terminated or NULL */
};

/* Creates a client on http (borrowed) for opts->endpoint; the token (may
 * be NULL or without value) is given to http for that endpoint's origin
 * only, and its source is kept for messages.  SL_EINVAL for a bad
 * endpoint.  Free with sl_hub_free. */
int sl_hub_new(struct sl_http *http, const struct sl_hub_opts *opts, const struct sl_token *token,
	       struct sl_hub **out, struct sl_err *err);
void sl_hub_free(struct sl_hub *hub);

/* The endpoint in use, without trailing "/". Borrowed. */
const char *sl_hub_endpoint(const struct sl_hub *hub);

/* Whether id looks like "owner/name" as the Hub allows. */
int sl_hub_valid_id(const char *id);

/* A Space as a user names it. */
struct sl_hub_space_ref {
	char *id;	/* "owner/name" */
	char *revision; /* a branch, tag or commit the text named, or NULL */
};

/* Reads the ways users copy a Space: "owner/name", "owner/name@REV",
 * "spaces/owner/name", "hf://spaces/owner/name[@REV]", and its page's URL
 * "[https://]huggingface.co/spaces/owner/name" (also hf.co, or the host
 * of endpoint, NULL: $HF_ENDPOINT) with any trailing page; "/tree/REV",
 * "/blob/REV/...", "/resolve/REV/...", "/raw/REV/...", "/commit/REV" give
 * the revision (percent-decoded: "refs%2Fpr%2F1").  Fills out (release
 * it); SL_EINVAL with a message naming the accepted forms, out empty. */
int sl_hub_space_ref_parse(const char *text, const char *endpoint, struct sl_hub_space_ref *out,
			   struct sl_err *err);
void sl_hub_space_ref_release(struct sl_hub_space_ref *ref);

/* Reads the Space's info at revision (NULL: the default branch) into out
 * (id, sha, sdk, hardware, stage).  Errors: SL_EINVAL bad id, SL_EAUTH
 * (the message names the token source), SL_ENOTFOUND, SL_ENET (also for
 * a response that is not the expected JSON). */
int sl_hub_space_info(const struct sl_hub *hub, const char *space_id, const char *revision,
		      struct sl_hub_space *out, struct sl_err *err);

/* The parsers behind the two calls (public for the fuzz targets): a
 * Space-info body into out (sha, sdk, hardware, stage; url, its query
 * string dropped, names the source in messages; SL_ENET when it is not
 * JSON with a 40-hex sha), and the names of a secrets or variables body
 * ({"NAME": {...}} or [{"key": "NAME", ...}]; values never copied):
 * sorted and NULL-terminated, empty when there are none, NULL when the
 * body is neither. */
int sl_hub_parse_info(const char *url, const char *body, size_t len, struct sl_hub_space *out,
		      struct sl_err *err);
char **sl_hub_parse_names(const char *body, size_t len);

/* Everything above plus the files and logs: README.md (required),
 * requirements.txt, pre-requirements.txt, packages.txt into dest_dir (an
 * existing directory), logs into dest_dir/build.log and dest_dir/run.log.
 * Logs and names the token may not read become notes, not errors.  A log
 * over opts->log_max is SL_ELIMIT naming its URL; a file that cannot be
 * written SL_EWRITE.  On error out is left empty (release it anyway); the
 * files already written stay in dest_dir for the caller to remove. */
int sl_hub_fetch_space(const struct sl_hub *hub, const char *space_id, const char *revision,
		       const char *dest_dir, struct sl_hub_space *out, struct sl_err *err);

/* A log stream stored as sl_hub_fetch_space stores it: SSE keep-alives
 * (empty "data:") and ":" comments dropped, Hub tokens redacted, every
 * other line kept with its event structure.  Opens path for writing; at
 * most max bytes (0: 256 MiB) are written, more is SL_ELIMIT.  When sp is
 * not NULL the bytes stored are also fed, as they arrive, to the log
 * reader (buildlog.h), and on close its build facts go into sp: the last
 * build's log_commit, steps_pip and steps_cached.  SL_EWRITE, with the
 * cause, when path cannot be created. */
struct sl_hub_log;
int sl_hub_log_open(const char *path, size_t max, struct sl_hub_space *sp, struct sl_hub_log **out,
		    struct sl_err *err);

/* Feeds len bytes of the stream, split anywhere.  0, SL_EWRITE (with the
 * cause) or SL_ELIMIT. */
int sl_hub_log_feed(struct sl_hub_log *log, const char *data, size_t len, struct sl_err *err);

/* Milliseconds since the last line that was not a keep-alive or comment
 * (or since open). */
long sl_hub_log_quiet_ms(const struct sl_hub_log *log);

/* Writes a last unterminated line, closes the file and frees log (NULL is
 * fine).  0 or SL_EWRITE; err may be NULL. */
int sl_hub_log_close(struct sl_hub_log *log, struct sl_err *err);

/* Frees every field; the struct may then be reused. */
void sl_hub_space_release(struct sl_hub_space *sp);

#endif
