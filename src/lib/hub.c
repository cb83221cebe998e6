/* hub.c: the Hub's Space endpoints on top of http.c.  JSON is read with
 * cJSON; logs are streamed line by line into files so memory stays flat. */
#include "spacelock/hub.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "hub_private.h"

#define INFO_MAX (16u << 20)
#define FILE_MAX (8u << 20)

int sl_hub_new(struct sl_http *http, const struct sl_hub_opts *opts, const struct sl_token *token,
	       struct sl_hub **out, struct sl_err *err)
{
	struct sl_hub *h = sl_xcalloc(1, sizeof(*h));
	const char *ep = opts && opts->endpoint ? opts->endpoint : getenv("HF_ENDPOINT");
	size_t len;

	if (opts)
		h->o = *opts;
	if (!ep || !*ep)
		ep = "https://huggingface.co";
	len = strlen(ep);
	while (len && ep[len - 1] == '/')
		len--;
	h->endpoint = sl_xstrndup(ep, len);
	h->http = http;
	h->has_token = token && token->value;
	h->token_source = sl_xstrdup(token && token->source ? token->source : "no token");
	h->o.endpoint = NULL;
	if (!h->o.log_idle_ms)
		h->o.log_idle_ms = 5000;
	if (!h->o.log_total_ms)
		h->o.log_total_ms = 120000;
	if (!h->o.log_max)
		h->o.log_max = (size_t)256 << 20;
	if (sl_http_set_token(http, h->has_token ? token->value : NULL, h->endpoint, err) < 0 ||
	    (strncmp(h->endpoint, "http://", 7) != 0 && strncmp(h->endpoint, "https://", 8) != 0)) {
		sl_hub_free(h);
		return sl_error(err, SL_EINVAL, "hub endpoint '%s' is not an http(s) URL", ep);
	}
	*out = h;
	return 0;
}

void sl_hub_free(struct sl_hub *hub)
{
	if (!hub)
		return;
	free(hub->endpoint);
	free(hub->token_source);
	free(hub);
}

const char *sl_hub_endpoint(const struct sl_hub *hub)
{
	return hub->endpoint;
}

/* Adds which token was used to an auth failure, never the token. */
static int annotate(const struct sl_hub *hub, int rc, struct sl_err *err)
{
	char msg[SL_ERR_MSG_MAX];

	if (rc != SL_EAUTH || !err)
		return rc;
	snprintf(msg, sizeof(msg), "%s", err->msg);
	if (hub->has_token)
		return sl_error(err, rc,
				"%s (token from %s was refused; is the Space private or gated?)",
				msg, hub->token_source);
	return sl_error(err, rc, "%s (no token: set HF_TOKEN or pass --token-file)", msg);
}

static char *dupstr(const cJSON *j)
{
	return cJSON_IsString(j) && j->valuestring ? sl_xstrdup(j->valuestring) : NULL;
}

static bool is_sha(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n != 40)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

int sl_hub_parse_info(const char *url, const char *body, size_t len, struct sl_hub_space *out,
		      struct sl_err *err)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	const cJSON *rt, *hw;
	char *u = sl_xstrndup(url, strcspn(url, "?"));
	int rc = 0;

	if (!cJSON_IsObject(root)) {
		rc = sl_error(err, SL_ENET, "%s: response is not valid JSON", u);
		goto out;
	}
	out->sha = dupstr(cJSON_GetObjectItemCaseSensitive(root, "sha"));
	if (!is_sha(out->sha)) {
		rc = sl_error(err, SL_ENET, "%s: response has no 40-hex 'sha'", u);
		goto out;
	}
	out->sdk = dupstr(cJSON_GetObjectItemCaseSensitive(root, "sdk"));
	rt = cJSON_GetObjectItemCaseSensitive(root, "runtime");
	out->stage = dupstr(cJSON_GetObjectItemCaseSensitive(rt, "stage"));
	hw = cJSON_GetObjectItemCaseSensitive(rt, "hardware");
	out->hardware = dupstr(cJSON_GetObjectItemCaseSensitive(hw, "current"));
	if (!out->hardware)
		out->hardware = dupstr(cJSON_GetObjectItemCaseSensitive(hw, "requested"));
	out->hardware_requested = dupstr(cJSON_GetObjectItemCaseSensitive(hw, "requested"));
	out->hardware_current = dupstr(cJSON_GetObjectItemCaseSensitive(hw, "current"));
	out->error_message = dupstr(cJSON_GetObjectItemCaseSensitive(rt, "errorMessage"));
out:
	free(u);
	cJSON_Delete(root);
	return rc;
}

int sl_hub_space_info(const struct sl_hub *hub, const char *space_id, const char *revision,
		      struct sl_hub_space *out, struct sl_err *err)
{
	struct sl_http_req req;
	char *url, *rev = revision ? sl_http_escape(revision) : NULL;
	int rc;

	if (!sl_hub_valid_id(space_id))
		return sl_error(err, SL_EINVAL, "'%s' is not a Space id (owner/name)", space_id);
	url = rev ? sl_xasprintf("%s/api/spaces/%s/revision/%s", hub->endpoint, space_id, rev)
		  : sl_xasprintf("%s/api/spaces/%s", hub->endpoint, space_id);
	sl_http_req_init(&req, url);
	req.accept = "application/json";
	rc = sl_http_get(hub->http, &req, err);
	if (rc == 0)
		rc = sl_hub_parse_info(url, req.body.buf, req.body.len, out, err);
	if (rc == 0)
		out->id = sl_xstrdup(space_id);
	else
		sl_hub_space_release(out);
	sl_http_req_release(&req);
	free(url);
	free(rev);
	return annotate(hub, rc, err);
}

/* ---- logs ---- */

/* The http callback: the stream goes to its file (hub_log.c); keep-alives
 * arrive forever while the Space runs, so idle means no news. */
struct logstream {
	struct sl_hub_log *log;
	long idle_ms;
};

static int on_log_data(void *ctx, const char *data, size_t len, struct sl_err *err)
{
	struct logstream *ls = ctx;
	int rc = sl_hub_log_feed(ls->log, data, len, err);

	if (rc < 0)
		return rc;
	return sl_hub_log_quiet_ms(ls->log) > ls->idle_ms ? 1 : 0;
}

/* ---- names ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keys of {"KEY": {...}} or "key" fields of [{"key": ...}]; values are
 * never copied. */
char **sl_hub_parse_names(const char *body, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(body, len);
	bool read = cJSON_IsObject(root) || cJSON_IsArray(root);
	const cJSON *it;
	char **v = NULL;
	size_t n = 0, cap = 0;

	cJSON_ArrayForEach(it, root)
	{
		const char *k =
		    cJSON_IsObject(root)
			? it->string
			: cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "key"));
		if (!k)
			continue;
		sl_xgrow((void **)&v, &cap, n + 2, sizeof(*v));
		v[n++] = sl_xstrdup(k);
		v[n] = NULL;
	}
	cJSON_Delete(root);
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	else if (read)
		v = sl_xcalloc(1, sizeof(*v)); /* read, and there are none */
	return v;
}

static void add_note(struct sl_hub_space *sp, const char *what, const struct sl_err *e)
{
	size_t n = 0, cap;

	while (sp->notes && sp->notes[n])
		n++;
	cap = n + 2;
	sp->notes = sl_xrealloc(sp->notes, cap * sizeof(*sp->notes));
	sp->notes[n] = sl_xasprintf("%s: %s", what, e->msg);
	sp->notes[n + 1] = NULL;
}

/* ---- the whole Space ---- */

enum { R_README, R_REQ, R_PREREQ, R_PACKAGES, R_SECRETS, R_VARS, R_BUILD, R_RUN, R_N };

static const char *const file_names[] = {"README.md", "requirements.txt", "pre-requirements.txt",
					 "packages.txt"};

static char **file_slot(struct sl_hub_space *sp, int i)
{
	char **slots[] = {&sp->readme, &sp->requirements, &sp->pre_requirements, &sp->packages};
	return slots[i];
}

static int keep_file(struct sl_http_req *r, int i, const char *dest, struct sl_hub_space *sp,
		     struct sl_err *err)
{
	char *path;
	int rc;

	if (r->result == SL_ENOTFOUND && i != R_README)
		return 0;
	if (r->result < 0) {
		*err = r->err;
		return r->result;
	}
	path = sl_xasprintf("%s/%s", dest, file_names[i]);
	rc = sl_file_write_atomic(path, r->body.buf, r->body.len, err);
	if (rc == 0)
		*file_slot(sp, i) = path;
	else
		free(path);
	return rc;
}

/* A log the token may not read is a note; a failing stream is an error. */
static int keep_log(struct sl_http_req *r, const char *what, char *path, char **slot,
		    struct sl_hub_space *sp, struct sl_err *err)
{
	if (r->result == SL_EAUTH || r->result == SL_ENOTFOUND) {
		add_note(sp, what, &r->err);
		remove(path);
		free(path);
		return 0;
	}
	if (r->result < 0) {
		*err = r->err;
		if (r->result == SL_ELIMIT) /* what the user knows: the URL, not our file */
			sl_error(err, SL_ELIMIT, "%s: %s", r->url, r->err.msg);
		free(path);
		return r->result;
	}
	*slot = path;
	return 0;
}

static void init_reqs(const struct sl_hub *hub, struct sl_http_req *reqs, char **urls,
		      const char *id, const char *sha)
{
	const char *ep = hub->endpoint;

	for (int i = 0; i < 4; i++)
		urls[i] = sl_xasprintf("%s/spaces/%s/resolve/%s/%s", ep, id, sha, file_names[i]);
	urls[R_SECRETS] = sl_xasprintf("%s/api/spaces/%s/secrets", ep, id);
	urls[R_VARS] = sl_xasprintf("%s/api/spaces/%s/variables", ep, id);
	urls[R_BUILD] = sl_xasprintf("%s/api/spaces/%s/logs/build", ep, id);
	urls[R_RUN] = sl_xasprintf("%s/api/spaces/%s/logs/run", ep, id);
	for (int i = 0; i < R_N; i++) {
		sl_http_req_init(&reqs[i], urls[i]);
		if (i >= R_BUILD) {
			reqs[i].accept = "text/event-stream";
			reqs[i].stream_idle_ms = hub->o.log_idle_ms;
			reqs[i].stream_total_ms = hub->o.log_total_ms;
			reqs[i].on_data = on_log_data;
		}
	}
}

static int collect(struct sl_http_req *reqs, char **log_paths, const char *dest,
		   struct sl_hub_space *sp, struct sl_err *err)
{
	int rc = 0;

	for (int i = 0; i < 4 && rc == 0; i++)
		rc = keep_file(&reqs[i], i, dest, sp, err);
	if (rc == 0 && reqs[R_SECRETS].result == 0)
		sp->secret_names =
		    sl_hub_parse_names(reqs[R_SECRETS].body.buf, reqs[R_SECRETS].body.len);
	if (rc == 0 && reqs[R_VARS].result == 0)
		sp->variable_names =
		    sl_hub_parse_names(reqs[R_VARS].body.buf, reqs[R_VARS].body.len);
	/* a variable's value was in the body: wipe it */
	if (reqs[R_VARS].body.alloc)
		memset(reqs[R_VARS].body.buf, 0, reqs[R_VARS].body.alloc);
	if (rc == 0)
		rc = keep_log(&reqs[R_BUILD], "build log", sl_xstrdup(log_paths[0]), &sp->build_log,
			      sp, err);
	if (rc == 0)
		rc = keep_log(&reqs[R_RUN], "run log", sl_xstrdup(log_paths[1]), &sp->run_log, sp,
			      err);
	return rc;
}

static int fetch_rest(const struct sl_hub *hub, const char *dest, struct sl_hub_space *sp,
		      struct sl_err *err)
{
	struct sl_http_req reqs[R_N];
	char *urls[R_N];
	struct logstream ls[2] = {{NULL, hub->o.log_idle_ms}, {NULL, hub->o.log_idle_ms}};
	char *paths[2] = {sl_xasprintf("%s/build.log", dest), sl_xasprintf("%s/run.log", dest)};
	int rc;

	init_reqs(hub, reqs, urls, sp->id, sp->sha);
	rc = sl_hub_log_open(paths[0], hub->o.log_max, sp, &ls[0].log, err);
	if (rc == 0)
		rc = sl_hub_log_open(paths[1], hub->o.log_max, NULL, &ls[1].log, err);
	if (rc == 0) {
		reqs[R_BUILD].data_ctx = &ls[0];
		reqs[R_RUN].data_ctx = &ls[1];
		sl_http_run(hub->http, reqs, R_N, NULL);
	}
	int c0 = sl_hub_log_close(ls[0].log, rc ? NULL : err);
	int c1 = sl_hub_log_close(ls[1].log, rc || c0 ? NULL : err);
	rc = rc ? rc : c0 ? c0 : c1;
	if (rc == 0)
		rc = collect(reqs, paths, dest, sp, err);
	for (int i = 0; i < R_N; i++) {
		sl_http_req_release(&reqs[i]);
		free(urls[i]);
	}
	free(paths[0]);
	free(paths[1]);
	return rc;
}

int sl_hub_fetch_space(const struct sl_hub *hub, const char *space_id, const char *revision,
		       const char *dest_dir, struct sl_hub_space *out, struct sl_err *err)
{
	struct sl_hub_space sp;
	int rc;

	memset(&sp, 0, sizeof(sp));
	memset(out, 0, sizeof(*out));
	rc = sl_hub_space_info(hub, space_id, revision, &sp, err);
	if (rc == 0)
		rc = annotate(hub, fetch_rest(hub, dest_dir, &sp, err), err);
	if (rc < 0) {
		sl_hub_space_release(&sp);
		return rc;
	}
	*out = sp;
	return 0;
}

static void free_list(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

void sl_hub_space_release(struct sl_hub_space *sp)
{
	char **fields[] = {&sp->id,	  &sp->sha,	  &sp->sdk,	     &sp->hardware,
			   &sp->stage,	  &sp->readme,	  &sp->requirements, &sp->pre_requirements,
			   &sp->packages, &sp->build_log, &sp->run_log,	     &sp->log_commit};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
	free(sp->error_message);
	free(sp->hardware_requested);
	free(sp->hardware_current);
	sp->error_message = sp->hardware_requested = sp->hardware_current = NULL;
	free_list(sp->secret_names);
	free_list(sp->variable_names);
	free_list(sp->notes);
	sp->secret_names = sp->variable_names = sp->notes = NULL;
	sp->steps_cached = sp->steps_pip = 0;
}
