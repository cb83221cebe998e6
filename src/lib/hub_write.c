/* hub_write.c: the Hub endpoints that change a Space, and the runtime
 * stage that tells how the change builds (hub_write.h).  Requests go
 * through http.c, which never sends a POST twice unless it provably did
 * not arrive and never sends the token to another origin. */
#include "spacelock/hub_write.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub_private.h"
#include "spacelock/json.h"
#include "spacelock/jsonw.h"
#include "spacelock/mem.h"

#define REASON_MAX 300

static char *dupstr(const cJSON *j)
{
	return cJSON_IsString(j) && j->valuestring ? sl_xstrdup(j->valuestring) : NULL;
}

static void wipe(struct sl_buf *b)
{
	if (b->alloc)
		memset(b->buf, 0, b->alloc);
	sl_buf_release(b);
}

/* The Hub's own words for a refusal: {"error": "..."} or the first line
 * of a text body, bounded.  Empty when there are none. */
static void hub_reason(const struct sl_buf *body, char *out, size_t n)
{
	cJSON *root = sl_json_parse(body->buf, body->len, "the Hub's answer", NULL);
	const char *msg = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "error"));
	size_t len;

	if (!msg && !root)
		msg = body->buf;
	len = msg ? strcspn(msg, "\r\n") : 0;
	if (len > REASON_MAX)
		len = REASON_MAX;
	snprintf(out, n, "%.*s", (int)len, msg ? msg : "");
	cJSON_Delete(root);
}

/* An auth refusal of a write: which token source, what it lacks. */
static int write_auth(const struct sl_hub *hub, const char *what, struct sl_err *err)
{
	char msg[SL_ERR_MSG_MAX];

	snprintf(msg, sizeof(msg), "%s", err->msg);
	if (!hub->has_token)
		return sl_error(err, SL_EAUTH,
				"%s (no token: %s needs a token with write access; set HF_TOKEN "
				"or pass --token-file)",
				msg, what);
	return sl_error(err, SL_EAUTH,
			"%s (the token from %s may not %s: it needs the write role, or a "
			"fine-grained token with write access to that Space)",
			msg, hub->token_source, what);
}

/* Runs one POST; on failure err has the URL, the status and the Hub's
 * reason.  The caller reads req->status and releases req. */
static int post(const struct sl_hub *hub, struct sl_http_req *req, const char *ctype,
		const char *body, size_t len, struct sl_err *err)
{
	char reason[REASON_MAX + 1];
	int rc;

	req->method = "POST";
	req->content_type = ctype;
	req->send = body;
	req->send_len = len;
	req->accept = "application/json";
	rc = sl_http_run(hub->http, req, 1, err);
	if (rc < 0 && req->status >= 400) {
		hub_reason(&req->body, reason, sizeof(reason));
		if (*reason)
			sl_error(err, rc, "%s (Hub: %s)", req->err.msg, reason);
	}
	return rc;
}

static char *space_url(const struct sl_hub *hub, const char *id, const char *tail)
{
	return sl_xasprintf("%s/api/spaces/%s%s", hub->endpoint, id, tail);
}

static int bad_id(const char *id, struct sl_err *err)
{
	return sl_error(err, SL_EINVAL, "'%s' is not a Space id (owner/name)", id ? id : "");
}

/* ---- reading before a write ---- */

int sl_hub_read_files(const struct sl_hub *hub, const char *space_id, const char *sha,
		      const char *const *names, size_t n, struct sl_hub_blob *out,
		      struct sl_err *err)
{
	struct sl_http_req *reqs = sl_xcalloc(n ? n : 1, sizeof(*reqs));
	char **urls = sl_xcalloc(n ? n : 1, sizeof(*urls));
	int rc = 0;

	memset(out, 0, n * sizeof(*out));
	if (!sl_hub_valid_id(space_id))
		rc = bad_id(space_id, err);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		char *name = sl_http_escape(names[i]);
		urls[i] =
		    sl_xasprintf("%s/spaces/%s/resolve/%s/%s", hub->endpoint, space_id, sha, name);
		free(name);
		sl_http_req_init(&reqs[i], urls[i]);
	}
	if (rc == 0)
		sl_http_run(hub->http, reqs, n, NULL);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (reqs[i].result == 0) {
			out[i].exists = true;
			out[i].len = reqs[i].body.len;
			out[i].data = sl_buf_detach(&reqs[i].body, NULL);
		} else if (reqs[i].result != SL_ENOTFOUND) {
			*err = reqs[i].err;
			rc = reqs[i].result;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (urls[i])
			sl_http_req_release(&reqs[i]);
		free(urls[i]);
	}
	free(reqs);
	free(urls);
	if (rc < 0)
		sl_hub_blob_release(out, n);
	return rc;
}

void sl_hub_blob_release(struct sl_hub_blob *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(b[i].data);
		memset(&b[i], 0, sizeof(b[i]));
	}
}

/* ---- commit ---- */

static void parse_commit(const struct sl_buf *body, struct sl_hub_commit_result *out)
{
	cJSON *root = sl_json_parse(body->buf, body->len, "the Hub's answer", NULL);

	out->commit_oid = dupstr(cJSON_GetObjectItemCaseSensitive(root, "commitOid"));
	out->commit_url = dupstr(cJSON_GetObjectItemCaseSensitive(root, "commitUrl"));
	out->pr_url = dupstr(cJSON_GetObjectItemCaseSensitive(root, "pullRequestUrl"));
	cJSON_Delete(root);
}

int sl_hub_commit(const struct sl_hub *hub, const char *space_id, const char *revision,
		  const struct sl_hub_commit *c, struct sl_hub_commit_result *out,
		  struct sl_err *err)
{
	struct sl_buf body = SL_BUF_INIT;
	struct sl_http_req req;
	char *rev, *url;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!sl_hub_valid_id(space_id))
		return bad_id(space_id, err);
	rc = sl_hub_commit_ndjson(c, &body, err);
	if (rc < 0)
		return rc;
	rev = sl_http_escape(revision ? revision : "main");
	url = sl_xasprintf("%s/api/spaces/%s/commit/%s%s", hub->endpoint, space_id, rev,
			   c->create_pr ? "?create_pr=1" : "");
	sl_http_req_init(&req, url);
	rc = post(hub, &req, "application/x-ndjson", body.buf, body.len, err);
	if (rc == 0) {
		parse_commit(&req.body, out);
		if (!out->commit_oid && !out->pr_url)
			rc = sl_error(err, SL_ENET, "%s: the Hub's answer names no commit", url);
	} else if (req.status == 412) {
		char why[SL_ERR_MSG_MAX];
		snprintf(why, sizeof(why), "%s", err->msg);
		rc = sl_error(err, SL_ECONFLICT,
			      "%s: '%s' of %s moved past %.12s since it was read; nothing was "
			      "committed (%s)",
			      url, revision ? revision : "main", space_id,
			      c->parent_commit ? c->parent_commit : "its head", why);
	} else if (rc == SL_EAUTH) {
		rc = write_auth(hub, "commit to this Space", err);
	}
	sl_http_req_release(&req);
	sl_buf_release(&body);
	free(url);
	free(rev);
	return rc;
}

void sl_hub_commit_result_release(struct sl_hub_commit_result *r)
{
	free(r->commit_oid);
	free(r->commit_url);
	free(r->pr_url);
	memset(r, 0, sizeof(*r));
}

/* ---- validate-yaml ---- */

int sl_hub_validate_card(const struct sl_hub *hub, const char *card, size_t len, struct sl_err *err)
{
	struct sl_buf body = SL_BUF_INIT;
	struct sl_jsonw w;
	struct sl_http_req req;
	char *url = sl_xasprintf("%s/api/validate-yaml", hub->endpoint);
	char *text = sl_xstrndup(card, len); /* a card holding a NUL is cut there */
	char reason[REASON_MAX + 1];
	int rc;

	sl_jsonw_init(&w, &body);
	w.keep_secrets = true; /* the card as it is, to the Hub only */
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_string(&w, "repoType", "space");
	sl_jsonw_field_string(&w, "content", text);
	sl_jsonw_object_end(&w);
	free(text);
	sl_http_req_init(&req, url);
	rc = post(hub, &req, "application/json", body.buf, body.len, err);
	if (rc < 0 && (req.status == 400 || req.status == 422)) {
		hub_reason(&req.body, reason, sizeof(reason));
		rc = sl_error(err, SL_EPARSE, "README.md: the Hub rejects this card: %s",
			      *reason ? reason : "no reason given");
	} else if (rc == SL_EAUTH) {
		rc = write_auth(hub, "validate a card", err);
	}
	sl_http_req_release(&req);
	sl_buf_release(&body);
	free(url);
	return rc;
}

/* ---- variables and duplicate ---- */

static int cmp_kv(const void *a, const void *b)
{
	return strcmp(((const struct sl_hub_kv *)a)->key, ((const struct sl_hub_kv *)b)->key);
}

void sl_hub_kv_free(struct sl_hub_kv *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].key);
		if (v[i].value) {
			memset(v[i].value, 0, strlen(v[i].value));
			free(v[i].value);
		}
	}
	free(v);
}

static size_t parse_variables(const struct sl_buf *body, struct sl_hub_kv **out)
{
	cJSON *root = sl_json_parse(body->buf, body->len, "the Hub's answer", NULL);
	const cJSON *it;
	size_t n = 0;

	*out = sl_xcalloc((size_t)cJSON_GetArraySize(root) + 1, sizeof(**out));
	cJSON_ArrayForEach(it, root)
	{
		const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "value"));
		if (!it->string || !v)
			continue;
		(*out)[n].key = sl_xstrdup(it->string);
		(*out)[n++].value = sl_xstrdup(v);
	}
	cJSON_Delete(root);
	qsort(*out, n, sizeof(**out), cmp_kv);
	return n;
}

int sl_hub_variables(const struct sl_hub *hub, const char *space_id, struct sl_hub_kv **out,
		     size_t *n_out, struct sl_err *err)
{
	struct sl_http_req req;
	char *url;
	int rc;

	*out = NULL;
	*n_out = 0;
	if (!sl_hub_valid_id(space_id))
		return bad_id(space_id, err);
	url = space_url(hub, space_id, "/variables");
	sl_http_req_init(&req, url);
	req.accept = "application/json";
	rc = sl_http_get(hub->http, &req, err);
	if (rc == 0)
		*n_out = parse_variables(&req.body, out);
	wipe(&req.body);
	sl_http_req_release(&req);
	free(url);
	return rc;
}

static void kv_array(struct sl_jsonw *w, const char *key, const struct sl_hub_kv *v, size_t n)
{
	if (!n)
		return;
	sl_jsonw_key(w, key);
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < n; i++) {
		sl_jsonw_object_begin(w);
		sl_jsonw_field_string(w, "key", v[i].key);
		sl_jsonw_field_string(w, "value", v[i].value);
		sl_jsonw_object_end(w);
	}
	sl_jsonw_array_end(w);
}

void sl_hub_duplicate_json(const struct sl_hub_duplicate *d, struct sl_buf *out)
{
	struct sl_jsonw w;

	sl_jsonw_init(&w, out);
	w.keep_secrets = true; /* the secrets' values, to the Hub only */
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_string(&w, "repository", d->target);
	sl_jsonw_field_string(&w, "visibility", d->private_ ? "private" : "public");
	if (d->hardware)
		sl_jsonw_field_string(&w, "hardware", d->hardware);
	kv_array(&w, "secrets", d->secrets, d->n_secrets);
	kv_array(&w, "variables", d->variables, d->n_variables);
	sl_jsonw_object_end(&w);
}

int sl_hub_duplicate_space(const struct sl_hub *hub, const char *source_id,
			   const struct sl_hub_duplicate *d, char **url_out, struct sl_err *err)
{
	struct sl_buf body = SL_BUF_INIT;
	struct sl_http_req req;
	char *url;
	int rc;

	if (url_out)
		*url_out = NULL;
	if (!sl_hub_valid_id(source_id))
		return bad_id(source_id, err);
	if (!sl_hub_valid_id(d->target))
		return bad_id(d->target, err);
	url = space_url(hub, source_id, "/duplicate");
	sl_hub_duplicate_json(d, &body);
	sl_http_req_init(&req, url);
	rc = post(hub, &req, "application/json", body.buf, body.len, err);
	wipe(&body); /* it held the secret values */
	if (rc == 0 && url_out) {
		cJSON *root = sl_json_parse(req.body.buf, req.body.len, "the Hub's answer", NULL);
		*url_out = dupstr(cJSON_GetObjectItemCaseSensitive(root, "url"));
		cJSON_Delete(root);
	} else if (req.status == 409) {
		char why[SL_ERR_MSG_MAX];
		snprintf(why, sizeof(why), "%s", err->msg);
		rc = sl_error(err, SL_ECONFLICT, "%s: the Space %s exists already (%s)", url,
			      d->target, why);
	} else if (rc == SL_EAUTH) {
		rc = write_auth(hub, "duplicate this Space", err);
	}
	sl_http_req_release(&req);
	free(url);
	return rc;
}

/* ---- runtime and restart ---- */

int sl_hub_runtime(const struct sl_hub *hub, const char *space_id, struct sl_hub_runtime *out,
		   struct sl_err *err)
{
	struct sl_http_req req;
	cJSON *root = NULL;
	const cJSON *hw;
	char *url;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!sl_hub_valid_id(space_id))
		return bad_id(space_id, err);
	url = space_url(hub, space_id, "/runtime");
	sl_http_req_init(&req, url);
	req.accept = "application/json";
	rc = sl_http_get(hub->http, &req, err);
	if (rc == 0) {
		root = sl_json_parse(req.body.buf, req.body.len, "the Hub's answer", NULL);
		out->stage = dupstr(cJSON_GetObjectItemCaseSensitive(root, "stage"));
		if (!out->stage)
			rc = sl_error(err, SL_ENET, "%s: the answer has no 'stage'", url);
	}
	hw = cJSON_GetObjectItemCaseSensitive(root, "hardware");
	out->hardware = dupstr(cJSON_GetObjectItemCaseSensitive(hw, "current"));
	if (!out->hardware)
		out->hardware = dupstr(cJSON_GetObjectItemCaseSensitive(hw, "requested"));
	out->error_message = dupstr(cJSON_GetObjectItemCaseSensitive(root, "errorMessage"));
	if (rc < 0)
		sl_hub_runtime_release(out);
	cJSON_Delete(root);
	sl_http_req_release(&req);
	free(url);
	return rc;
}

void sl_hub_runtime_release(struct sl_hub_runtime *rt)
{
	free(rt->stage);
	free(rt->hardware);
	free(rt->error_message);
	memset(rt, 0, sizeof(*rt));
}

bool sl_hub_stage_pending(const char *stage)
{
	static const char *const pending[] = {"BUILDING", "RUNNING_BUILDING", "APP_STARTING",
					      "RUNNING_APP_STARTING"};

	for (size_t i = 0; stage && i < sizeof(pending) / sizeof(pending[0]); i++)
		if (strcmp(stage, pending[i]) == 0)
			return true;
	return false;
}

int sl_hub_restart(const struct sl_hub *hub, const char *space_id, bool factory, struct sl_err *err)
{
	struct sl_http_req req;
	char *url;
	int rc;

	if (!sl_hub_valid_id(space_id))
		return bad_id(space_id, err);
	url = space_url(hub, space_id, factory ? "/restart?factory=true" : "/restart");
	sl_http_req_init(&req, url);
	rc = post(hub, &req, NULL, NULL, 0, err);
	if (rc == SL_EAUTH)
		rc = write_auth(hub, "restart this Space", err);
	sl_http_req_release(&req);
	free(url);
	return rc;
}
