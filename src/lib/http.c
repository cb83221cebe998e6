/* http.c: every libcurl call of the program.  Requests run through one
 * multi handle as small state machines: waiting (maybe for a backoff),
 * running, done.  Redirects are followed here, not by libcurl, so the
 * Authorization header can be dropped when the host changes. */
#include "spacelock/http.h"

/* calls go through the table below (libcurl is loaded on first use), so
 * curl's own type-checking macros, which name the functions, stay off */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dynload.h"
#include "spacelock/mem.h"
#include "spacelock/version_info.h"

/* libcurl, loaded on first use (dynload.h says why): one typed pointer per
 * function used, and each name below made a call through its pointer. */
#define CURL_FUNCTIONS(X)                                                                          \
	X(curl_global_init)                                                                        \
	X(curl_easy_init)                                                                          \
	X(curl_easy_setopt)                                                                        \
	X(curl_easy_getinfo)                                                                       \
	X(curl_easy_cleanup)                                                                       \
	X(curl_easy_strerror)                                                                      \
	X(curl_multi_init)                                                                         \
	X(curl_multi_setopt)                                                                       \
	X(curl_multi_add_handle)                                                                   \
	X(curl_multi_remove_handle)                                                                \
	X(curl_multi_perform)                                                                      \
	X(curl_multi_poll)                                                                         \
	X(curl_multi_info_read)                                                                    \
	X(curl_multi_cleanup)                                                                      \
	X(curl_slist_append)                                                                       \
	X(curl_slist_free_all)                                                                     \
	X(curl_url)                                                                                \
	X(curl_url_set)                                                                            \
	X(curl_url_get)                                                                            \
	X(curl_url_cleanup)                                                                        \
	X(curl_free)                                                                               \
	X(curl_getdate)

#define CURL_SLOT(f) __typeof__(f) *f;
static struct {
	CURL_FUNCTIONS(CURL_SLOT)
} lc;
static int lc_loaded;

static int load_curl(struct sl_err *err)
{
#define CURL_SYM(f) {#f, (void **)&lc.f},
	static const struct sl_dynsym syms[] = {CURL_FUNCTIONS(CURL_SYM)};

	return sl_dynload("libcurl.so.4", "libcurl4", syms, sizeof(syms) / sizeof(syms[0]),
			  &lc_loaded, err);
}

/* curl.h makes these three function-like macros of themselves */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt
#define curl_global_init (*lc.curl_global_init)
#define curl_easy_init (*lc.curl_easy_init)
#define curl_easy_setopt (*lc.curl_easy_setopt)
#define curl_easy_getinfo (*lc.curl_easy_getinfo)
#define curl_easy_cleanup (*lc.curl_easy_cleanup)
#define curl_easy_strerror (*lc.curl_easy_strerror)
#define curl_multi_init (*lc.curl_multi_init)
#define curl_multi_setopt (*lc.curl_multi_setopt)
#define curl_multi_add_handle (*lc.curl_multi_add_handle)
#define curl_multi_remove_handle (*lc.curl_multi_remove_handle)
#define curl_multi_perform (*lc.curl_multi_perform)
#define curl_multi_poll (*lc.curl_multi_poll)
#define curl_multi_info_read (*lc.curl_multi_info_read)
#define curl_multi_cleanup (*lc.curl_multi_cleanup)
#define curl_slist_append (*lc.curl_slist_append)
#define curl_slist_free_all (*lc.curl_slist_free_all)
#define curl_url (*lc.curl_url)
#define curl_url_set (*lc.curl_url_set)
#define curl_url_get (*lc.curl_url_get)
#define curl_url_cleanup (*lc.curl_url_cleanup)
#define curl_free (*lc.curl_free)
#define curl_getdate (*lc.curl_getdate)

#define MAX_REDIRECTS 5

struct sl_http {
	struct sl_http_opts o;
	CURLM *multi;
	char *token;
	char *origin;	     /* "scheme://host:port" the token belongs to */
	size_t bytes;	     /* received so far, for progress */
	int64_t deadline_at; /* now_ms() past which nothing runs or retries */
};

enum xstate { X_WAIT, X_RUN, X_DONE };

struct xfer {
	struct sl_http *http;
	struct sl_http_req *req;
	enum xstate state;
	char *url;
	int attempt;
	int redirects;
	CURL *easy;
	struct curl_slist *hdrs;
	int64_t not_before, started, last_byte;
	struct sl_http_head head; /* Location, Retry-After, ETag of the last response */
	bool over_limit, stopped;
	bool delivered; /* streaming: the callback has seen data, so no retry */
	bool unsent;	/* the request provably never reached a server */
	int cb_code;
	char errbuf[CURL_ERROR_SIZE];
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long pick(long v, long dflt)
{
	return v > 0 ? v : dflt;
}

static bool global_ready;

int sl_http_new(const struct sl_http_opts *opts, struct sl_http **out, struct sl_err *err)
{
	struct sl_http *h;
	int rc = load_curl(err);

	if (rc < 0)
		return rc;
	if (!global_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return sl_error(err, SL_EINVAL, "cannot initialise libcurl");
		global_ready = true;
	}
	h = sl_xcalloc(1, sizeof(*h));
	if (opts)
		h->o = *opts;
	h->o.connect_timeout_ms = pick(h->o.connect_timeout_ms, 10000);
	h->o.read_timeout_ms = pick(h->o.read_timeout_ms, 30000);
	h->o.total_timeout_ms = pick(h->o.total_timeout_ms, 300000);
	h->o.max_body = h->o.max_body ? h->o.max_body : (size_t)64 << 20;
	h->o.max_retries = h->o.max_retries < 0 ? 0 : h->o.max_retries ? h->o.max_retries : 4;
	h->o.retry_base_ms = pick(h->o.retry_base_ms, 500);
	h->o.max_retry_wait_ms = pick(h->o.max_retry_wait_ms, 30000);
	h->o.max_concurrency = h->o.max_concurrency > 0 ? h->o.max_concurrency : 32;
	h->o.deadline_ms = pick(h->o.deadline_ms, 180000);
	h->o.low_speed_bps = pick(h->o.low_speed_bps, 1024);
	h->o.low_speed_time_ms = pick(h->o.low_speed_time_ms, 30000);
	h->deadline_at = now_ms() + h->o.deadline_ms;
	h->multi = curl_multi_init();
	if (!h->multi) {
		free(h);
		return sl_error(err, SL_EINVAL, "cannot create a libcurl multi handle");
	}
	curl_multi_setopt(h->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)h->o.max_concurrency);
	curl_multi_setopt(h->multi, CURLMOPT_MAXCONNECTS, (long)h->o.max_concurrency);
	*out = h;
	return 0;
}

static void wipe_free(char *s)
{
	if (!s)
		return;
	for (volatile char *p = s; *p; p++)
		*p = 0;
	free(s);
}

void sl_http_free(struct sl_http *http)
{
	if (!http)
		return;
	curl_multi_cleanup(http->multi);
	wipe_free(http->token);
	free(http->origin);
	free(http);
}

/* "scheme://host:port" of url (host lowercased, default port filled in),
 * or NULL when url is not an absolute http(s) URL. */
static char *origin_of(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *res = NULL;

	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
	    (strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0)) {
		for (char *p = host; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		res = sl_xasprintf("%s://%s:%s", scheme, host, port);
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return res;
}

int sl_http_set_token(struct sl_http *http, const char *token, const char *origin_url,
		      struct sl_err *err)
{
	char *origin = NULL;

	if (token) {
		origin = origin_of(origin_url);
		if (!origin)
			return sl_error(err, SL_EINVAL, "'%s' is not an http(s) URL", origin_url);
	}
	wipe_free(http->token);
	free(http->origin);
	http->token = token ? sl_xstrdup(token) : NULL;
	http->origin = origin;
	return 0;
}

void sl_http_req_init(struct sl_http_req *req, const char *url)
{
	memset(req, 0, sizeof(*req));
	req->url = url;
	sl_buf_init(&req->body);
}

void sl_http_req_release(struct sl_http_req *req)
{
	sl_buf_release(&req->body);
	free(req->etag);
	free(req->final_url);
	req->etag = req->final_url = NULL;
}

static long status_of(struct xfer *x)
{
	long status = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	struct sl_http_req *r = x->req;
	size_t len = size * nmemb;
	long status = status_of(x);

	x->last_byte = now_ms();
	x->http->bytes += len;
	if (status >= 300 && status < 400)
		return len; /* a redirect's body is not wanted */
	if (r->on_data && status >= 200 && status < 300) {
		int rc = r->on_data(r->data_ctx, data, len, &r->err);
		x->delivered = true;
		if (rc == 0)
			return len;
		if (rc > 0)
			x->stopped = true;
		else
			x->cb_code = rc;
		return 0;
	}
	if (r->body.len + len > x->http->o.max_body) {
		x->over_limit = true;
		return 0;
	}
	sl_buf_add(&r->body, data, len);
	return len;
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;

	x->last_byte = now_ms();
	sl_http_head_line(&x->head, data, size * nmemb);
	return size * nmemb;
}

static void add_header(struct xfer *x, const char *name, const char *value)
{
	char *line = sl_xasprintf("%s: %s", name, value);

	x->hdrs = curl_slist_append(x->hdrs, line);
	wipe_free(line);
}

static bool token_allowed(struct xfer *x)
{
	char *origin;
	bool same;

	if (!x->http->token)
		return false;
	origin = origin_of(x->url);
	same = origin && strcmp(origin, x->http->origin) == 0;
	free(origin);
	return same;
}

static void setup_easy(struct xfer *x)
{
	struct sl_http_opts *o = &x->http->o;
	CURL *e = curl_easy_init();

	x->easy = e;
	x->hdrs = NULL;
	if (token_allowed(x)) {
		char *bearer = sl_xasprintf("Bearer %s", x->http->token);
		add_header(x, "Authorization", bearer);
		wipe_free(bearer);
	}
	if (x->req->if_none_match)
		add_header(x, "If-None-Match", x->req->if_none_match);
	if (x->req->accept)
		add_header(x, "Accept", x->req->accept);
	if (x->req->method) {
		if (x->req->content_type)
			add_header(x, "Content-Type", x->req->content_type);
		x->hdrs = curl_slist_append(x->hdrs, "Expect:"); /* no 100-continue wait */
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->req->send ? x->req->send : "");
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->req->send_len);
	}
	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_UNRESTRICTED_AUTH, 0L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "spacelock/" SL_VERSION_STRING);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, strncasecmp(x->url, "https:", 6) == 0 ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	if (!x->req->on_data) {
		/* a server dripping a byte a second never trips the read
		 * timeout; libcurl's low-speed limit cuts it (whole seconds) */
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->total_timeout_ms);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, o->low_speed_bps);
		curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, (o->low_speed_time_ms + 999) / 1000);
	}
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(e, CURLOPT_NOPROGRESS, 1L);
	curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	x->errbuf[0] = '\0';
}

static void start(struct xfer *x)
{
	sl_buf_reset(&x->req->body);
	x->over_limit = x->stopped = x->unsent = false;
	x->cb_code = 0;
	setup_easy(x);
	x->started = x->last_byte = now_ms();
	x->state = X_RUN;
	curl_multi_add_handle(x->http->multi, x->easy);
}

static void stop_easy(struct xfer *x)
{
	if (!x->easy)
		return;
	curl_multi_remove_handle(x->http->multi, x->easy);
	curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->hdrs);
	x->easy = NULL;
	x->hdrs = NULL;
}

static void trace(struct xfer *x, const char *what)
{
	char u[512], *line;

	if (!x->http->o.trace)
		return;
	sl_http_show_url(x->url, u, sizeof(u));
	line = sl_xasprintf("%s %s -> %s", x->req->method ? x->req->method : "GET", u, what);
	x->http->o.trace(x->http->o.cb_ctx, line);
	free(line);
}

static void finish(struct xfer *x, int code, const char *detail)
{
	struct sl_http_req *r = x->req;
	char u[512];

	x->state = X_DONE;
	r->result = code;
	free(r->final_url);
	r->final_url = sl_xstrdup(x->url);
	if (code == 0) {
		free(r->etag);
		r->etag = x->head.etag;
		x->head.etag = NULL;
		return;
	}
	if (code == x->cb_code && code < 0)
		return; /* the data callback filled r->err */
	sl_http_show_url(x->url, u, sizeof(u));
	sl_error(&r->err, code, "%s: %s", u, detail);
}

/* Fails x because the client's deadline came; detail is what happened
 * last (NULL: it was still running or waiting). */
static void fail_deadline(struct xfer *x, int code, const char *detail)
{
	char msg[CURL_ERROR_SIZE + 128];
	double secs = (double)x->http->o.deadline_ms / 1000.0;

	stop_easy(x);
	trace(x, "deadline");
	if (detail)
		snprintf(msg, sizeof(msg), "%s; no time left to retry within the deadline of %g s",
			 detail, secs);
	else
		snprintf(msg, sizeof(msg), "not done within the deadline of %g s", secs);
	finish(x, detail ? code : SL_ENET, msg);
}

/* Schedules another attempt after wait_ms, or fails when the retries are
 * used up, the wait is over the bound or would end past the deadline. */
static void retry_or_fail(struct xfer *x, long wait_ms, int code, const char *detail)
{
	struct sl_http_opts *o = &x->http->o;

	/* a stream cannot be replayed: its data already went to the callback;
	 * a POST the server may have acted on is never sent twice */
	if (x->attempt >= o->max_retries || wait_ms > o->max_retry_wait_ms || x->delivered ||
	    (x->req->method && !x->unsent)) {
		finish(x, code, detail);
		return;
	}
	if (now_ms() + wait_ms >= x->http->deadline_at) {
		fail_deadline(x, code, detail);
		return;
	}
	x->attempt++;
	x->state = X_WAIT;
	x->not_before = now_ms() + wait_ms;
}

static long backoff_ms(struct xfer *x)
{
	long w = x->http->o.retry_base_ms;

	for (int i = 0; i < x->attempt && w < x->http->o.max_retry_wait_ms; i++)
		w *= 2;
	return w < x->http->o.max_retry_wait_ms ? w : x->http->o.max_retry_wait_ms;
}

long sl_http_retry_after_ms(const char *value, long fallback_ms)
{
	char *end;
	long secs;

	if (!value || load_curl(NULL) < 0)
		return fallback_ms;
	secs = strtol(value, &end, 10);
	if (end != value && *end == '\0' && secs >= 0)
		return secs > 86400 ? 86400000L : secs * 1000;
	time_t when = curl_getdate(value, NULL);
	time_t now = time(NULL);
	if (when > now)
		return when - now > 86400 ? 86400000L : (long)(when - now) * 1000;
	return fallback_ms;
}

char *sl_http_redirect_url(const char *base, const char *location)
{
	CURLU *u;
	char *next = NULL, *res = NULL;

	if (load_curl(NULL) < 0 || !(u = curl_url()))
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, location, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &next, 0) == CURLUE_OK)
		res = sl_xstrdup(next);
	curl_free(next);
	curl_url_cleanup(u);
	return res;
}

static void follow(struct xfer *x)
{
	char *next = sl_http_redirect_url(x->url, x->head.location);

	if (next) {
		free(x->url);
		x->url = next;
		x->redirects++;
		x->state = X_WAIT;
		x->not_before = 0;
	} else {
		finish(x, SL_ENET, "redirect to an invalid URL");
	}
}

static void on_status(struct xfer *x, long status)
{
	char what[96];

	x->req->status = status;
	snprintf(what, sizeof(what), "%ld", status);
	trace(x, what);
	if ((status >= 200 && status < 300) || status == 304) {
		finish(x, 0, NULL);
	} else if (status >= 300 && status < 400 && x->head.location) {
		if (x->req->method)
			finish(x, SL_ENET, "redirected; a POST is not sent again elsewhere");
		else if (x->redirects >= MAX_REDIRECTS)
			finish(x, SL_ENET, "too many redirects");
		else
			follow(x);
	} else if (status == 404 || status == 410) {
		snprintf(what, sizeof(what), "%ld not found", status);
		finish(x, SL_ENOTFOUND, what);
	} else if (status == 401 || status == 403) {
		snprintf(what, sizeof(what), "%ld %s", status,
			 status == 401 ? "unauthorized" : "forbidden");
		finish(x, SL_EAUTH, what);
	} else if (status == 429) {
		long w = sl_http_retry_after_ms(x->head.retry_after, backoff_ms(x));
		snprintf(what, sizeof(what), "429 too many requests (retry after %ld s)",
			 (w + 999) / 1000);
		retry_or_fail(x, w, SL_ENET, what);
	} else if (status >= 500) {
		snprintf(what, sizeof(what), "%ld server error", status);
		retry_or_fail(x, backoff_ms(x), SL_ENET, what);
	} else {
		snprintf(what, sizeof(what), "unexpected status %ld", status);
		finish(x, SL_ENET, what);
	}
}

/* A transfer libcurl reports as finished. */
static void done(struct xfer *x, CURLcode rc)
{
	long status = status_of(x);

	stop_easy(x);
	x->unsent = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
		    rc == CURLE_COULDNT_RESOLVE_PROXY;
	if (x->stopped) {
		x->req->status = status;
		trace(x, "stream idle, done");
		finish(x, 0, NULL);
	} else if (x->cb_code < 0) {
		finish(x, x->cb_code, NULL);
	} else if (x->over_limit) {
		char lim[64];
		snprintf(lim, sizeof(lim), "response larger than %zu bytes", x->http->o.max_body);
		finish(x, SL_ELIMIT, lim);
	} else if (rc == CURLE_PARTIAL_FILE) {
		trace(x, "truncated");
		retry_or_fail(x, backoff_ms(x), SL_ENET,
			      "truncated response (connection closed early)");
	} else if (rc == CURLE_OPERATION_TIMEDOUT) {
		/* libcurl words this differently by phase and version; say it
		 * one stable way and keep its detail in parentheses */
		char msg[CURL_ERROR_SIZE + 16];
		snprintf(msg, sizeof(msg), "timed out (%s)",
			 x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
		trace(x, "timed out");
		retry_or_fail(x, backoff_ms(x), SL_ENET, msg);
	} else if (rc != CURLE_OK) {
		const char *why = x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
		trace(x, curl_easy_strerror(rc));
		retry_or_fail(x, backoff_ms(x), SL_ENET, why);
	} else {
		on_status(x, status);
	}
}

/* Checks the timeouts libcurl does not know about: the deadline, the read
 * timeout and the streaming idle and total bounds. */
static void check_clock(struct xfer *x, int64_t now)
{
	struct sl_http_req *r = x->req;
	char msg[96];

	if (now >= x->http->deadline_at) {
		fail_deadline(x, SL_ENET, NULL);
		return;
	}
	if (r->on_data) {
		if (r->stream_total_ms > 0 && now - x->started > r->stream_total_ms) {
			stop_easy(x);
			snprintf(msg, sizeof(msg), "stream still sending after %ld s",
				 r->stream_total_ms / 1000);
			finish(x, SL_ENET, msg);
		} else if (now - x->last_byte > pick(r->stream_idle_ms, 5000)) {
			long status = status_of(x);
			stop_easy(x);
			x->req->status = status;
			if (status >= 200 && status < 300) {
				trace(x, "stream idle, done");
				finish(x, 0, NULL);
			} else if (status)
				on_status(x, status);
			else
				retry_or_fail(x, backoff_ms(x), SL_ENET, "no response");
		}
		return;
	}
	if (now - x->last_byte > x->http->o.read_timeout_ms) {
		stop_easy(x);
		snprintf(msg, sizeof(msg), "no data for %ld s (read timeout)",
			 x->http->o.read_timeout_ms / 1000);
		trace(x, "read timeout");
		retry_or_fail(x, backoff_ms(x), SL_ENET, msg);
	}
}

static size_t schedule(struct xfer *xs, size_t n, size_t running, int64_t now, long *wait)
{
	for (size_t i = 0; i < n; i++) {
		struct xfer *x = &xs[i];
		if (x->state != X_WAIT)
			continue;
		if (now >= x->http->deadline_at) {
			fail_deadline(x, SL_ENET, NULL);
			continue;
		}
		if (x->not_before > now) {
			if (x->not_before - now < *wait)
				*wait = (long)(x->not_before - now);
			continue;
		}
		if (running >= (size_t)x->http->o.max_concurrency)
			break;
		start(x);
		running++;
	}
	return running;
}

static void report(struct sl_http *http, struct xfer *xs, size_t n, int64_t *last)
{
	size_t ndone = 0;
	const char *url = NULL;
	char u[512];
	int64_t now = now_ms();

	if (!http->o.progress || now - *last < 100)
		return;
	*last = now;
	for (size_t i = 0; i < n; i++) {
		if (xs[i].state == X_DONE)
			ndone++;
		else if (xs[i].state == X_RUN && !url)
			url = xs[i].url;
	}
	sl_http_show_url(url ? url : "", u, sizeof(u));
	http->o.progress(http->o.cb_ctx, u, http->bytes, ndone, n);
}

/* Returns how many transfers libcurl finished. */
static int reap(struct sl_http *http)
{
	CURLMsg *m;
	int left, n = 0;

	while ((m = curl_multi_info_read(http->multi, &left))) {
		struct xfer *x = NULL;
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		done(x, m->data.result);
		n++;
	}
	return n;
}

static void loop(struct sl_http *http, struct xfer *xs, size_t n)
{
	int64_t last_report = 0;

	for (;;) {
		int64_t now = now_ms();
		long wait = 100;
		size_t running = 0, pending = 0;
		int still, finished;

		for (size_t i = 0; i < n; i++) {
			if (xs[i].state == X_RUN)
				check_clock(&xs[i], now);
			running += xs[i].state == X_RUN;
			pending += xs[i].state != X_DONE;
		}
		if (!pending)
			break;
		schedule(xs, n, running, now, &wait);
		curl_multi_perform(http->multi, &still);
		finished = reap(http);
		report(http, xs, n, &last_report);
		if (finished)
			continue; /* start the next ones now, not after a poll timeout */
		curl_multi_poll(http->multi, NULL, 0, (int)(wait > 0 ? wait : 1), NULL);
	}
}

int sl_http_run(struct sl_http *http, struct sl_http_req *reqs, size_t n, struct sl_err *err)
{
	struct xfer *xs = sl_xcalloc(n ? n : 1, sizeof(*xs));
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		xs[i].http = http;
		xs[i].req = &reqs[i];
		xs[i].url = sl_xstrdup(reqs[i].url);
		xs[i].state = X_WAIT;
		reqs[i].result = 0;
		reqs[i].status = 0;
		sl_err_clear(&reqs[i].err);
	}
	loop(http, xs, n);
	for (size_t i = 0; i < n; i++) {
		if (reqs[i].result && !rc) {
			rc = reqs[i].result;
			if (err)
				*err = reqs[i].err;
		}
		free(xs[i].url);
		sl_http_head_clear(&xs[i].head);
	}
	free(xs);
	return rc;
}

int sl_http_get(struct sl_http *http, struct sl_http_req *req, struct sl_err *err)
{
	return sl_http_run(http, req, 1, err);
}
