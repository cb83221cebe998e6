/* hub_ref.c: a Space named the ways users copy it (hub.h,
 * sl_hub_space_ref_parse): "owner/name", "owner/name@rev", "spaces/...",
 * "hf://spaces/..." (the lock's own labels) and the Space page's URL, with
 * or without scheme and with whatever page of the Space it shows. */
#include "spacelock/hub.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "spacelock/buf.h"
#include "spacelock/mem.h"

static bool name_ok(const char *s, size_t n)
{
	if (n == 0 || n > 96 || s[0] == '.' || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
		if (c == '.' && i + 1 < n && s[i + 1] == '.')
			return false;
	}
	return true;
}

int sl_hub_valid_id(const char *id)
{
	const char *slash = strchr(id, '/');

	return slash && name_ok(id, (size_t)(slash - id)) && name_ok(slash + 1, strlen(slash + 1));
}

/* The Hub's own hosts, and the endpoint's (a mirror or the test server). */
static bool hub_host(const char *host, size_t n, const char *endpoint)
{
	static const char *const known[] = {"huggingface.co", "www.huggingface.co", "hf.co"};
	const char *ep = endpoint && *endpoint ? endpoint : getenv("HF_ENDPOINT");

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strlen(known[i]) == n && strncasecmp(host, known[i], n) == 0)
			return true;
	if (!ep || !*ep)
		return false;
	if (strncmp(ep, "https://", 8) == 0)
		ep += 8;
	else if (strncmp(ep, "http://", 7) == 0)
		ep += 7;
	return strcspn(ep, "/") == n && strncasecmp(host, ep, n) == 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A revision: percent-decoded when it came from a URL path ("refs%2Fpr%2F1"),
 * never empty, no control bytes or blanks.  NULL when it is not one. */
static char *revision_of(const char *s, size_t n, bool from_url)
{
	struct sl_buf b = SL_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (from_url && c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			c = (unsigned char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		}
		if (c <= ' ' || c == 0x7f) {
			sl_buf_release(&b);
			return NULL;
		}
		sl_buf_addch(&b, c);
	}
	if (!b.len) {
		sl_buf_release(&b);
		return NULL;
	}
	return sl_buf_detach(&b, NULL);
}

/* The pages of a Space that name a revision: /tree/REV, /blob/REV/PATH, ... */
static bool names_revision(const char *page, size_t n)
{
	static const char *const pages[] = {"tree", "blob", "resolve", "raw", "commit"};

	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		if (strlen(pages[i]) == n && memcmp(page, pages[i], n) == 0)
			return true;
	return false;
}

static int bad(const char *text, struct sl_err *err)
{
	return sl_error(err, SL_EINVAL,
			"'%s' is not a Space: expected OWNER/NAME[@REVISION], spaces/OWNER/NAME "
			"or https://huggingface.co/spaces/OWNER/NAME",
			text);
}

/* What follows OWNER/NAME in a URL: nothing, a query, or a page of the
 * Space, which may name the revision. */
static int url_tail(const char *text, const char *tail, struct sl_hub_space_ref *out,
		    struct sl_err *err)
{
	size_t page, rev;

	if (*tail != '/')
		return *tail == '\0' || *tail == '?' || *tail == '#' ? 0 : bad(text, err);
	tail++;
	page = strcspn(tail, "/?#");
	if (!names_revision(tail, page))
		return 0; /* the Space's app, files, discussions, settings, logs ... */
	if (tail[page] != '/')
		return bad(text, err);
	tail += page + 1;
	rev = strcspn(tail, "/?#");
	out->revision = revision_of(tail, rev, true);
	return out->revision ? 0 : bad(text, err);
}

/* The text after the prefix that made it a URL (host or hf://). */
static const char *after_url_prefix(const char *text, const char *endpoint, bool *is_url)
{
	const char *s = text;
	size_t host;

	*is_url = true;
	if (strncmp(s, "hf://", 5) == 0)
		return s + 5;
	if (strncasecmp(s, "https://", 8) == 0)
		s += 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		s += 7;
	host = strcspn(s, "/");
	if (s[host] == '/' && hub_host(s, host, endpoint))
		return s + host + 1;
	*is_url = false;
	return text;
}

int sl_hub_space_ref_parse(const char *text, const char *endpoint, struct sl_hub_space_ref *out,
			   struct sl_err *err)
{
	bool is_url;
	const char *s = after_url_prefix(text, endpoint, &is_url);
	size_t owner, name;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (strncmp(s, "spaces/", 7) == 0)
		s += 7;
	else if (is_url)
		return sl_error(err, SL_EINVAL,
				"'%s' is not the address of a Space (https://huggingface.co/"
				"spaces/OWNER/NAME)",
				text);
	owner = strcspn(s, "/");
	if (s[owner] != '/' || !name_ok(s, owner))
		return bad(text, err);
	name = strcspn(s + owner + 1, "/@?#");
	if (!name_ok(s + owner + 1, name))
		return bad(text, err);
	out->id = sl_xstrndup(s, owner + 1 + name);
	s += owner + 1 + name;
	if (*s == '@') {
		out->revision = revision_of(s + 1, strlen(s + 1), false);
		if (!out->revision)
			rc = sl_error(err, SL_EINVAL,
				      "'%s': the revision after '@' is empty or has "
				      "blanks",
				      text);
	} else if (is_url) {
		rc = url_tail(text, s, out, err);
	} else if (*s) {
		rc = bad(text, err);
	}
	if (rc)
		sl_hub_space_ref_release(out);
	return rc;
}

void sl_hub_space_ref_release(struct sl_hub_space_ref *ref)
{
	free(ref->id);
	free(ref->revision);
	ref->id = ref->revision = NULL;
}
