/* token.h: finding the Hugging Face token the user already has, in the
 * official clients' order: HF_TOKEN, HUGGING_FACE_HUB_TOKEN, then the
 * token file ($HF_TOKEN_PATH, else $HF_HOME/token, HF_HOME defaulting to
 * $XDG_CACHE_HOME/huggingface or ~/.cache/huggingface).  An explicit
 * token file (--token-file) overrides all of them.  The value is cleaned
 * (CR/LF and surrounding spaces removed); empty means no token. */
#ifndef SPACELOCK_TOKEN_H
#define SPACELOCK_TOKEN_H

#include "error.h"

struct sl_token {
	char *value;  /* the secret, or NULL when none was found */
	char *source; /* where it came from, for messages: "HF_TOKEN",
			 "token file '/home/u/.cache/huggingface/token'", or
			 "no token" -- never the value itself */
};

/* Finds the token; token_file (may be NULL) overrides the lookup.  Returns
 * 0 with out filled (out->value NULL when there is no token), or SL_EIO
 * when a token file cannot be used, the message saying why: no such file
 * (an explicit token_file only: a missing default token file means no
 * token), a directory, not a regular file, larger than 4096 bytes, or the
 * system's reason.  Release with sl_token_release. */
int sl_token_find(const char *token_file, struct sl_token *out, struct sl_err *err);

/* Wipes and frees the value and the source. */
void sl_token_release(struct sl_token *tok);

#endif
