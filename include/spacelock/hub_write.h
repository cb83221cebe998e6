/* hub_write.h: what spacelock changes on the Hugging Face Hub.
 *
 * One commit of whole files through the commit API
 * (POST /api/spaces/{id}/commit/{revision}, application/x-ndjson: a header
 * line with summary, description and parentCommit, then one base64 "file"
 * line per file, as the official clients send it), the Hub's own check of
 * a card (POST /api/validate-yaml), a Space's duplication
 * (POST /api/spaces/{source}/duplicate), its restart (factory rebuild
 * too) and its runtime stage, which says how a rebuild goes.
 *
 * Every call here is a POST the Hub acts on or a read that steers one: a
 * POST is never sent twice unless it provably never reached the server
 * (http.h).  The token goes to the Hub's origin only; secret values given
 * to sl_hub_duplicate live in the request body while it is sent, then
 * are wiped; no message ever holds one. */
#ifndef SPACELOCK_HUB_WRITE_H
#define SPACELOCK_HUB_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "hub.h"

/* One file of a commit: its path in the repository and its new bytes. */
struct sl_hub_file {
	const char *path; /* "README.md", "requirements.txt": relative, no ".." */
	const char *data;
	size_t len;
};

struct sl_hub_commit {
	const char *summary;	   /* one line, not empty */
	const char *description;   /* the body, may be NULL or empty */
	const char *parent_commit; /* the head the files were read at (40 hex), or
				      NULL; the Hub refuses the commit when the branch
				      moved past it */
	const struct sl_hub_file *files;
	size_t n_files;
	bool create_pr; /* open a pull request instead of committing to the branch */
};

/* The commit's NDJSON body, appended to out: the header line
 * {"key":"header","value":{"summary","description","parentCommit"}}, then
 * per file {"key":"file","value":{"content":<base64>,"path","encoding":
 * "base64"}}, each line ended by "\n".  SL_EINVAL for an empty or
 * multi-line summary, no file, or a path that is absolute, empty, has a
 * ".." part or a control character. */
int sl_hub_commit_ndjson(const struct sl_hub_commit *c, struct sl_buf *out, struct sl_err *err);

/* Base64 (RFC 4648, padded) of data[0..len) appended to out. */
void sl_base64_add(struct sl_buf *out, const void *data, size_t len);

struct sl_hub_commit_result {
	char *commit_oid; /* the new commit, or NULL */
	char *commit_url;
	char *pr_url; /* with create_pr: the pull request's page, or NULL */
};

/* A file of a Space as read before a write. */
struct sl_hub_blob {
	bool exists; /* false: the Space has no such file (404) */
	char *data;  /* owned, NUL-terminated; NULL when !exists */
	size_t len;
};

/* Reads names[0..n) of the Space at commit sha (all at once) into out[i];
 * a file the Space lacks is exists false, not an error.  Errors as
 * sl_hub_space_info; on error every out[i] is empty. */
int sl_hub_read_files(const struct sl_hub *hub, const char *space_id, const char *sha,
		      const char *const *names, size_t n, struct sl_hub_blob *out,
		      struct sl_err *err);
void sl_hub_blob_release(struct sl_hub_blob *b, size_t n);

/* Commits c to the Space's revision (NULL: "main").  Errors: SL_ECONFLICT
 * when the Hub refuses parentCommit (412: the branch moved; nothing was
 * written), SL_EAUTH naming the token source and the write access it lacks,
 * SL_ENOTFOUND, SL_ENET (with the Hub's reason for any other refusal).
 * Release out with sl_hub_commit_result_release. */
int sl_hub_commit(const struct sl_hub *hub, const char *space_id, const char *revision,
		  const struct sl_hub_commit *c, struct sl_hub_commit_result *out,
		  struct sl_err *err);
void sl_hub_commit_result_release(struct sl_hub_commit_result *r);

/* Asks the Hub whether card (a whole README.md) is a valid Space card.
 * 0 when it is; SL_EPARSE with the Hub's reason ("README.md: the Hub
 * rejects this card: ...") when not; SL_ENET/SL_EAUTH otherwise. */
int sl_hub_validate_card(const struct sl_hub *hub, const char *card, size_t len,
			 struct sl_err *err);

/* A name and a value: a Space variable or secret. */
struct sl_hub_kv {
	char *key;
	char *value;
};

/* Frees n pairs, wiping each value first. */
void sl_hub_kv_free(struct sl_hub_kv *v, size_t n);

/* The Space's public variables with their values, sorted by key (the Hub
 * shows them to whoever may read the Space's settings).  SL_EAUTH when the
 * token may not read them. */
int sl_hub_variables(const struct sl_hub *hub, const char *space_id, struct sl_hub_kv **out,
		     size_t *n_out, struct sl_err *err);

struct sl_hub_duplicate {
	const char *target;   /* "owner/name" of the new Space */
	bool private_;	      /* false only when asked for a public duplicate */
	const char *hardware; /* flavor ("zero-a10g", "cpu-basic"), or NULL: the Hub's default */
	const struct sl_hub_kv *variables;
	size_t n_variables;
	const struct sl_hub_kv *secrets;
	size_t n_secrets;
};

/* The duplicate request's JSON body appended to out, keys in the order
 * the official client writes them (docs/hub.md): {"repository",
 * "visibility": "private"|"public", "hardware"?, "secrets"?:
 * [{"key","value"}], "variables"?: [{"key","value"}]}.  It holds secret
 * values: wipe it. */
void sl_hub_duplicate_json(const struct sl_hub_duplicate *d, struct sl_buf *out);

/* Duplicates source_id as d->target.  *url_out (may be NULL) gets the new
 * Space's URL.  SL_ECONFLICT when the target exists already (409), else as
 * sl_hub_commit. */
int sl_hub_duplicate_space(const struct sl_hub *hub, const char *source_id,
			   const struct sl_hub_duplicate *d, char **url_out, struct sl_err *err);

/* A Space's runtime as GET /api/spaces/{id}/runtime says it. */
struct sl_hub_runtime {
	char *stage;	     /* "BUILDING", "RUNNING", "BUILD_ERROR", ... or NULL */
	char *hardware;	     /* current, else requested, or NULL */
	char *error_message; /* the Hub's errorMessage, or NULL */
};

int sl_hub_runtime(const struct sl_hub *hub, const char *space_id, struct sl_hub_runtime *out,
		   struct sl_err *err);
void sl_hub_runtime_release(struct sl_hub_runtime *rt);

/* Whether a stage is on the way somewhere (BUILDING, RUNNING_BUILDING,
 * APP_STARTING, RUNNING_APP_STARTING), so a waiter keeps polling. */
bool sl_hub_stage_pending(const char *stage);

/* Restarts the Space; factory requests a rebuild without cached layers
 * (POST /api/spaces/{id}/restart?factory=true).  Errors as sl_hub_commit. */
int sl_hub_restart(const struct sl_hub *hub, const char *space_id, bool factory,
		   struct sl_err *err);

#endif
