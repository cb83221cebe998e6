/* http.h: HTTP GET over libcurl, the only module that sees libcurl.
 *
 * One client (struct sl_http) runs any number of requests through one
 * libcurl multi handle: bounded concurrency, connection reuse, HTTP/2 when
 * the server offers it.  Each request is retried with backoff on 5xx and
 * connection errors, waits out 429 Retry-After (both bounded), and follows
 * redirects by hand: the bearer token is sent only to the origin (scheme,
 * host, port) it was set for, never to a host a redirect points at.
 * Error messages name the URL (its query string removed) and the status;
 * never a header or the token.  A failed request keeps the body the
 * server sent (the Hub's reason), except a redirect's. */
#ifndef SPACELOCK_HTTP_H
#define SPACELOCK_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

struct sl_http;

/* Called now and then while bodies arrive: url of the transfer (no query),
 * bytes received so far across all transfers, transfers done and total. */
typedef void (*sl_http_progress_fn)(void *ctx, const char *url, size_t bytes, size_t done,
				    size_t total);

/* Optional trace of each request ("GET url -> 200"); never headers. */
typedef void (*sl_http_trace_fn)(void *ctx, const char *line);

/* Streaming mode: called with each chunk of the body as it arrives.
 * Return 0 to go on, 1 to stop the transfer as complete, or a negative
 * SL_E* code (with err filled) to fail it. */
typedef int (*sl_http_data_fn)(void *ctx, const char *data, size_t len, struct sl_err *err);

struct sl_http_opts {
	long connect_timeout_ms; /* connect bound; 0 = 10 s */
	long read_timeout_ms;	 /* no byte for this long fails; 0 = 30 s */
	long total_timeout_ms;	 /* one attempt's bound; 0 = 300 s */
	size_t max_body;	 /* larger bodies fail with SL_ELIMIT; 0 = 64 MiB */
	int max_retries;	 /* extra attempts on 5xx/429/network; -1 = 0, 0 = 4 */
	long retry_base_ms;	 /* first backoff, doubled each time; 0 = 500 */
	long max_retry_wait_ms;	 /* cap on one wait incl. Retry-After; 0 = 30 s */
	int max_concurrency;	 /* parallel transfers; 0 = 32 */
	/* Everything the client does (requests, retries and their waits, log
	 * streams) ends within deadline_ms of sl_http_new: a transfer still
	 * running then fails, a retry that would start after it is not made.
	 * 0 = 180 s. */
	long deadline_ms;
	/* A transfer slower than low_speed_bps bytes a second for
	 * low_speed_time_ms fails (and may be retried); streams are exempt,
	 * their idle and total bounds apply.  0 = 1024 B/s, 0 = 30 s. */
	long low_speed_bps;
	long low_speed_time_ms;
	sl_http_progress_fn progress;
	sl_http_trace_fn trace;
	void *cb_ctx;
};

/* One GET (or POST).  The caller fills the "in" fields; sl_http_run fills
 * "out". */
struct sl_http_req {
	/* in */
	const char *url;
	/* POST: method "POST" sends send_len bytes of send (may be 0) with
	 * content_type.  A POST is tried again only when it provably never
	 * reached a server (connect or name resolution failed): never after a
	 * timeout, a 5xx or a 429, and a redirect is not followed. */
	const char *method; /* NULL: GET */
	const char *send;
	size_t send_len;
	const char *content_type;
	const char *if_none_match; /* ETag to revalidate, or NULL */
	const char *accept;	   /* Accept header, or NULL */
	sl_http_data_fn on_data;   /* streaming mode when set: body not kept */
	void *data_ctx;
	long stream_idle_ms;  /* streaming: no byte for this long ends it (ok) */
	long stream_total_ms; /* streaming: still sending after this fails */
	/* out */
	long status;	    /* final HTTP status (200, 304, ...) or 0 */
	struct sl_buf body; /* the body (not in streaming mode) */
	char *etag;	    /* ETag of the response, or NULL; freed by release */
	char *final_url;    /* URL after redirects; freed by release */
	int result;	    /* 0 or the SL_E* code of this request */
	struct sl_err err;  /* the message when result != 0 */
};

/* Initialises global libcurl state once and returns a client; opts may be
 * NULL for defaults.  Fails with SL_EINVAL if libcurl cannot start.  Free
 * with sl_http_free. */
int sl_http_new(const struct sl_http_opts *opts, struct sl_http **out, struct sl_err *err);
void sl_http_free(struct sl_http *http);

/* Sets the bearer token sent to the origin of origin_url only (NULL token
 * clears it).  The client keeps a copy and wipes it on free.  SL_EINVAL if
 * origin_url is not an absolute http(s) URL. */
int sl_http_set_token(struct sl_http *http, const char *token, const char *origin_url,
		      struct sl_err *err);

/* Initialises a request for url (borrowed, must outlive the run). */
void sl_http_req_init(struct sl_http_req *req, const char *url);
/* Frees the out fields. */
void sl_http_req_release(struct sl_http_req *req);

/* Runs n requests, at most max_concurrency at once.  Every request gets
 * its own status and result: 2xx and 304 are success; 404 is SL_ENOTFOUND,
 * 401/403 SL_EAUTH, other statuses and network failures after retries
 * SL_ENET, an oversized body SL_ELIMIT.  Returns 0 when all succeeded,
 * else the result of the first failed request (in array order), with its
 * message copied into err. */
int sl_http_run(struct sl_http *http, struct sl_http_req *reqs, size_t n, struct sl_err *err);

/* Convenience: one GET into req (initialised by the caller). */
int sl_http_get(struct sl_http *http, struct sl_http_req *req, struct sl_err *err);

/* The response headers spacelock reads, from one response (a status line
 * clears them): each value trimmed, at most 8 KiB, NULL when absent. */
struct sl_http_head {
	char *location, *retry_after, *etag;
};
/* Reads one raw header line (as libcurl hands it, CRLF included). */
void sl_http_head_line(struct sl_http_head *h, const char *data, size_t len);
void sl_http_head_clear(struct sl_http_head *h);

/* The wait a Retry-After value asks for (delta-seconds or an HTTP date),
 * at most a day; fallback_ms when it is absent, past or unreadable. */
long sl_http_retry_after_ms(const char *value, long fallback_ms);

/* The absolute URL a Location value leads to from base (libcurl's URL
 * parser), or NULL when it is not one.  The caller frees it. */
char *sl_http_redirect_url(const char *base, const char *location);

/* url as shown in messages, into out (n bytes): no user:password@, no
 * query string or fragment, which may carry secrets. */
void sl_http_show_url(const char *url, char *out, size_t n);

/* Percent-encodes s for one URL path segment (every byte but unreserved
 * characters; "/" too).  The caller frees the result. */
char *sl_http_escape(const char *s);

#endif
