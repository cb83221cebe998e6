/* reqfile_line.c: what one logical line of a requirements file means, as
 * pip's req_file.py and req/constructors.py decide it: comment removal,
 * ${VAR} references, "args then options" splitting (the options are read
 * in reqfile_opts.c), then URL / path / PEP 508 for the requirement and
 * parse_editable() for -e values. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reqfile_private.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/requirement.h"
#include "spacelock/textenc.h"

/* Finds pip's COMMENT_RE match, `(^|\s+)#`: returns where the comment's
 * whitespace run starts (the cut) and sets *hash to the '#'. */
static size_t find_comment(const char *s, size_t len, size_t *hash)
{
	size_t i = 0, run = SIZE_MAX;
	uint32_t c;

	while (i < len) {
		size_t n = reqfile_char(s + i, len - i, &c);
		if (c == '#' && (i == 0 || run != SIZE_MAX)) {
			*hash = i;
			return i == 0 ? 0 : run;
		}
		if (reqfile_pyspace(c)) {
			if (run == SIZE_MAX)
				run = i;
		} else {
			run = SIZE_MAX;
		}
		i += n;
	}
	*hash = len;
	return len;
}

/* str.strip() of s[*b..*e). */
static void py_strip(const char *s, size_t *b, size_t *e)
{
	size_t i = *b, last = *b;
	bool started = false;
	uint32_t c;

	while (i < *e) {
		size_t n = reqfile_char(s + i, *e - i, &c);
		if (!reqfile_pyspace(c)) {
			if (!started)
				*b = i, started = true;
			last = i + n;
		}
		i += n;
	}
	if (!started)
		*b = *e;
	else
		*e = last;
}

static void find_env(struct sl_reqfile_entry *e, const char *s, size_t len)
{
	for (size_t i = 0; i + 3 < len; i++) {
		size_t k = i + 2;
		char *name;
		bool dup = false;

		if (s[i] != '$' || s[i + 1] != '{')
			continue;
		while (k < len && ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9') ||
				   s[k] == '_'))
			k++;
		if (k == i + 2 || k >= len || s[k] != '}' || e->nenv == SL_REQFILE_MAX_ENV)
			continue;
		name = sl_xstrndup(s + i + 2, k - i - 2);
		for (size_t m = 0; m < e->nenv && !dup; m++)
			dup = strcmp(e->env[m], name) == 0;
		if (dup) {
			free(name);
			continue;
		}
		e->env = reqfile_grow(e->env, e->nenv, sizeof(char *));
		e->env[e->nenv++] = name;
	}
}

/* Sets the editable span of e from logical offsets [a, b) and [a, full). */
static void set_span(struct reqfile_line *l, size_t a, size_t b, size_t full)
{
	const size_t *map = l->j->map;

	if (b <= a)
		return;
	l->e->has_span = true;
	l->e->span_off = map[a];
	l->e->span_len = map[b - 1] + 1 - map[a];
	l->e->span_full_len = map[full - 1] + 1 - map[a];
}

static bool is_vcs_or_url_scheme(const char *s, size_t n)
{
	static const char *const schemes[] = {
	    "http",	"https",	  "file",      "ftp",	   "git+http",	"git+https",
	    "git+ssh",	"git+git",	  "git+file",  "hg+file",  "hg+http",	"hg+https",
	    "hg+ssh",	"hg+static-http", "svn+ssh",   "svn+http", "svn+https", "svn+svn",
	    "svn+file", "bzr+http",	  "bzr+https", "bzr+ssh",  "bzr+sftp",	"bzr+ftp",
	    "bzr+lp",	"bzr+file",
	};

	for (size_t k = 0; k < sizeof(schemes) / sizeof(schemes[0]); k++) {
		if (strlen(schemes[k]) == n && strncasecmp(schemes[k], s, n) == 0)
			return true;
	}
	return false;
}

/* pip's vcs.is_url: urlsplit() finds a scheme pip knows. */
static bool is_url(const char *s, size_t len)
{
	size_t i = 0;

	if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	while (i < len && s[i] != ':') {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '+' || c == '-' || c == '.'))
			return false;
		i++;
	}
	return i < len && is_vcs_or_url_scheme(s, i);
}

static size_t find_str(const char *s, size_t a, size_t b, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = a; i + n <= b; i++) {
		if (memcmp(s + i, needle, n) == 0)
			return i;
	}
	return b;
}

static size_t rtrim(const char *s, size_t a, size_t b)
{
	size_t x = a, y = b;

	py_strip(s, &x, &y);
	return x == y ? a : y;
}

/* pip's strip_extras: the length of s without a trailing "[extras]". */
static size_t strip_extras(const char *s, size_t len)
{
	size_t open = len;

	if (!len || s[len - 1] != ']')
		return len;
	while (open > 0 && s[open - 1] != '[')
		open--;
	return open > 1 ? rtrim(s, 0, open - 1) : len;
}

/* pip's is_archive_file on a path with its [extras] removed. */
static bool has_archive_suffix(const char *s, size_t len)
{
	static const char *const ext[] = {".zip",      ".whl",	  ".tar.bz2", ".tbz",
					  ".tar.xz",   ".txz",	  ".tlz",     ".tar.lz",
					  ".tar.lzma", ".tar.gz", ".tgz",     ".tar"};

	len = strip_extras(s, len);
	for (size_t k = 0; k < sizeof(ext) / sizeof(ext[0]); k++) {
		size_t n = strlen(ext[k]);
		if (len > n && strncasecmp(s + len - n, ext[k], n) == 0)
			return true;
	}
	return false;
}

static bool looks_like_path(const char *s, size_t len)
{
	return (len && s[0] == '.') || memchr(s, '/', len) != NULL;
}

/* pip treats an archive name as a file unless it reads as "name @ url". */
static bool is_archive_path(const char *s, size_t len)
{
	size_t semi = find_str(s, 0, len, ";"), at = find_str(s, 0, semi, "@");

	if (!has_archive_suffix(s, rtrim(s, 0, semi)))
		return false;
	return at == semi || looks_like_path(s, at);
}

/* The project name a URL itself gives: #egg=NAME, else a wheel file name.
 * Returns false (with a warning) when pip would reject the URL. */
static bool url_name(struct sl_reqfile_entry *e, const char *url, char **name)
{
	const char *p = url, *frag, *base, *end;

	*name = NULL;
	while ((p = strstr(p, "egg=")) != NULL) {
		if (p > url && (p[-1] == '#' || p[-1] == '&'))
			break;
		p += 4;
	}
	if (p) {
		size_t n = strcspn(p + 4, "&");
		if (!sl_name_is_valid(p + 4, n)) {
			reqfile_warnf(e,
				      sl_xasprintf("invalid #egg= fragment '%.*s'", (int)n, p + 4));
			return false;
		}
		*name = sl_xstrndup(p + 4, n);
		return true;
	}
	end = url + strcspn(url, "#?");
	for (base = frag = url; frag < end; frag++)
		if (*frag == '/')
			base = frag + 1;
	if (end - base > 4 && memcmp(end - 4, ".whl", 4) == 0) {
		const char *dash = memchr(base, '-', (size_t)(end - base));
		if (!dash || !sl_name_is_valid(base, (size_t)(dash - base))) {
			reqfile_warnf(e, sl_xasprintf("invalid wheel file name '%.*s'",
						      (int)(end - base), base));
			return false;
		}
		*name = sl_xstrndup(base, (size_t)(dash - base));
	}
	return true;
}

/* Parses s as a PEP 508 requirement; NULL (err filled) when it is not one. */
static struct sl_requirement *parse_req(const char *s, struct sl_err *err)
{
	struct sl_requirement *r = NULL;

	if (sl_requirement_parse(s, &r, err) != 0)
		return NULL;
	return r;
}

/* A URL or path line: "URL; marker" (pip splits URLs at "; ", paths at
 * ";").  The name comes from the URL; the requirement is "name @ url". */
static void url_line(struct reqfile_line *l, size_t a, size_t full, const char *sep)
{
	struct sl_reqfile_entry *e = l->e;
	const char *s = l->j->s;
	size_t m = find_str(s, a, full, sep), ue = rtrim(s, a, m), ms = m + strlen(sep), me = full;
	struct sl_err err;
	char *name, *marker;

	e->kind = SL_REQLINE_URL;
	e->url = sl_xstrndup(s + a, strcmp(sep, ";") == 0 ? strip_extras(s + a, ue - a) : ue - a);
	if (!url_name(e, e->url, &name)) {
		e->kind = SL_REQLINE_UNKNOWN;
		return;
	}
	if (ms < me)
		py_strip(s, &ms, &me);
	marker = ms < me ? sl_xstrndup(s + ms, me - ms) : NULL;
	if (marker) {
		char *probe = sl_xasprintf("unnamed ; %s", marker);
		struct sl_requirement *r = parse_req(probe, &err);
		if (!r) {
			e->kind = SL_REQLINE_UNKNOWN;
			reqfile_warnf(e, sl_xasprintf("invalid marker '%s': %s", marker, err.msg));
		}
		sl_requirement_free(r);
		free(probe);
	}
	if (name && e->kind == SL_REQLINE_URL) {
		char *full_req = marker ? sl_xasprintf("%s @ %s ; %s", name, e->url, marker)
					: sl_xasprintf("%s @ %s", name, e->url);
		e->req = parse_req(full_req, &err);
		e->name = sl_name_canonical(name);
		free(full_req);
	}
	free(marker);
	free(name);
	set_span(l, a, ue, full);
}

/* Where the replaceable part of a PEP 508 line ends: before the ';' of
 * the marker (and after the URL token for "name @ url"). */
static size_t pep508_span_end(const struct reqfile_line *l, size_t a, size_t full, bool has_url)
{
	const char *s = l->j->s;
	size_t semi = find_str(s, a, full, ";"), i;

	if (has_url) {
		i = find_str(s, a, semi, "@") + 1;
		while (i < semi && (s[i] == ' ' || s[i] == '\t'))
			i++;
		while (i < semi && s[i] != ' ' && s[i] != '\t')
			i++;
		return i;
	}
	return rtrim(s, a, semi);
}

/* pip's parse_req_from_line for a line that is not a URL: the marker
 * starts at the first ';' (even inside a "name @ url"), an empty marker is
 * no marker, and the rest must be a PEP 508 requirement. */
static struct sl_requirement *parse_pip_req(const char *text, struct sl_err *err)
{
	const char *semi = strchr(text, ';');
	size_t n, mb, me;
	char *joined;
	struct sl_requirement *r;

	if (!semi)
		return parse_req(text, err);
	n = rtrim(text, 0, (size_t)(semi - text));
	mb = (size_t)(semi - text) + 1, me = strlen(text);
	py_strip(text, &mb, &me);
	joined = mb < me ? sl_xasprintf("%.*s ; %.*s", (int)n, text, (int)(me - mb), text + mb)
			 : sl_xstrndup(text, n);
	r = parse_req(joined, err);
	free(joined);
	return r;
}

/* A line that is not PEP 508 only because of ${VAR}s (pip substitutes
 * the values at install time): with each reference read as "0" it parses,
 * so its project is known though its requirement is not. */
static bool env_line(struct reqfile_line *l, const char *text)
{
	struct sl_reqfile_entry *e = l->e;
	struct sl_buf b = SL_BUF_INIT;
	struct sl_requirement *r;
	struct sl_err err;

	if (!e->nenv)
		return false;
	for (const char *p = text; *p;) {
		size_t n = 0;
		if (p[0] == '$' && p[1] == '{') {
			n = 2 + strspn(p + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			n = n > 2 && p[n] == '}' ? n + 1 : 0;
		}
		if (n) {
			sl_buf_addch(&b, '0');
			p += n;
		} else {
			sl_buf_addch(&b, *p++);
		}
	}
	r = parse_req(b.buf, &err);
	sl_buf_release(&b);
	if (!r)
		return false;
	e->kind = SL_REQLINE_REQUIREMENT;
	e->name = sl_name_canonical(r->name);
	sl_requirement_free(r);
	reqfile_warnf(e,
		      sl_xasprintf("the requirement depends on ${%s}, which pip expands at install "
				   "time",
				   e->env[0]));
	set_span(l, l->ls, l->ls + strlen(text), l->ls + strlen(text));
	return true;
}

static void analyse_requirement(struct reqfile_line *l, size_t a, size_t b)
{
	struct sl_reqfile_entry *e = l->e;
	const char *s = l->j->s;
	size_t full = rtrim(s, a, b);
	struct sl_err err;
	char *text;

	e->req_text = sl_xstrndup(s + a, full - a);
	text = e->req_text;
	if (is_url(text, full - a)) {
		url_line(l, a, full, "; ");
		return;
	}
	if (is_archive_path(text, full - a)) {
		url_line(l, a, full, ";");
		return;
	}
	e->req = parse_pip_req(text, &err);
	if (e->req) {
		e->kind = SL_REQLINE_REQUIREMENT;
		e->name = sl_name_canonical(e->req->name);
		e->url = e->req->url ? sl_xstrdup(e->req->url) : NULL;
		set_span(l, a, pep508_span_end(l, a, full, e->req->url != NULL), full);
	} else if (looks_like_path(text, full - a) && !strstr(text, "://")) {
		url_line(l, a, full, ";");
	} else if (!env_line(l, text)) {
		e->kind = SL_REQLINE_UNKNOWN;
		reqfile_warn(e, err.msg); /* "invalid requirement '...': why" */
	}
}

/* pip's parse_editable() without the filesystem: "name @ url" first, else
 * a local path (name unknown), a file: URL, or a VCS URL whose #egg= names
 * the project (pip rejects a VCS URL without one, and any other URL). */
static bool editable_target(struct sl_reqfile_entry *e, const char *value)
{
	struct sl_err err;
	struct sl_requirement *r = parse_req(value, &err);
	size_t n = strlen(value), colon = strcspn(value, ":");
	char *name = NULL;

	if (r && r->url) {
		e->req = r;
		e->name = sl_name_canonical(r->name);
		e->url = sl_xstrdup(r->url);
		return true;
	}
	sl_requirement_free(r);
	e->url = sl_xstrndup(value, strip_extras(value, n));
	if (!is_url(value, n) && !strstr(value, "://") && colon == n)
		return true; /* a local project directory */
	if (!url_name(e, value, &name))
		return false;
	if (strncasecmp(value, "file:", 5) != 0) {
		bool vcs = is_url(value, n) && memchr(value, '+', colon);
		/* pip turns "git:..." into "git+git:..." (and "svn:" likewise) */
		bool vcs_short = colon == 3 && (strncasecmp(value, "git", 3) == 0 ||
						strncasecmp(value, "svn", 3) == 0);
		if (!vcs && !vcs_short) {
			reqfile_warn(
			    e, "not a valid editable requirement: pip takes a local project or a "
			       "VCS URL");
			free(name);
			return false;
		}
		if (!name) {
			reqfile_warn(
			    e, "pip cannot tell the project of this editable VCS URL: it needs "
			       "#egg=NAME or NAME @ URL");
			return false;
		}
	}
	if (name) {
		char *req = sl_xasprintf("%s @ %s", name, e->url);
		e->req = parse_req(req, &err);
		e->name = sl_name_canonical(name);
		free(req);
		free(name);
	}
	return true;
}

static void analyse_editable(struct reqfile_line *l)
{
	struct sl_reqfile_entry *e = l->e;
	const char *value = NULL;

	for (size_t i = 0; i < e->nopts && !value; i++)
		if (strcmp(e->opts[i].name, "--editable") == 0)
			value = e->opts[i].value;
	e->kind = SL_REQLINE_EDITABLE;
	e->req_text = sl_xstrdup(value);
	if (!editable_target(e, value)) {
		e->kind = SL_REQLINE_UNKNOWN;
		return;
	}
	if (l->edit_word != SIZE_MAX && l->w.v[l->edit_word].verbatim)
		set_span(l, l->w.v[l->edit_word].start, l->w.v[l->edit_word].end,
			 l->w.v[l->edit_word].end);
}

static void classify_options(struct reqfile_line *l)
{
	struct sl_reqfile_entry *e = l->e;

	if (l->editable && e->kind == SL_REQLINE_BLANK) {
		analyse_editable(l);
		return;
	}
	if (e->kind != SL_REQLINE_BLANK)
		return;
	e->kind = SL_REQLINE_OPTION;
	for (size_t i = 0; i < e->nopts; i++) {
		const char *n = e->opts[i].name;
		bool req = strcmp(n, "--requirement") == 0, con = strcmp(n, "--constraint") == 0;
		if (req || con) {
			e->kind = SL_REQLINE_INCLUDE;
			e->include = sl_xstrdup(e->opts[i].value);
			e->constraint = con;
			break;
		}
	}
}

/* Everything after comment removal and stripping: args, options, kind. */
static void analyse_text(struct reqfile_line *l)
{
	struct sl_reqfile_entry *e = l->e;
	const char *s = l->j->s + l->ls;
	size_t len = l->le - l->ls, args_len = len;
	const char *why;
	char *opt_err;

	if (s[0] == '-') {
		args_len = 0;
	} else {
		for (size_t i = 0; i + 1 < len; i++)
			if (s[i] == ' ' && s[i + 1] == '-') {
				args_len = i;
				break;
			}
	}
	why = args_len < len ? reqfile_shlex(s + args_len, len - args_len, l->ls + args_len, &l->w)
			     : NULL;
	if (why) {
		e->kind = SL_REQLINE_UNKNOWN;
		reqfile_warnf(e, sl_xasprintf("cannot split the options: %s", why));
		return;
	}
	opt_err = reqfile_parse_options(l);
	if (opt_err) {
		e->kind = SL_REQLINE_UNKNOWN;
		reqfile_warnf(e, opt_err);
		return;
	}
	if (args_len)
		analyse_requirement(l, l->ls, l->ls + args_len);
	classify_options(l);
	if (e->kind != SL_REQLINE_UNKNOWN)
		reqfile_option_warnings(l);
}

void reqfile_analyse(struct sl_reqfile_entry *e, const struct reqfile_joined *j)
{
	struct reqfile_line l;
	size_t hash, cut = find_comment(j->s, j->len, &hash);
	size_t bad = sl_utf8_invalid_at(e->raw, e->raw_len);

	memset(&l, 0, sizeof(l));
	l.e = e, l.j = j, l.ls = 0, l.le = cut;
	if (hash < j->len)
		e->comment = sl_xstrndup(j->s + hash, j->len - hash);
	py_strip(j->s, &l.ls, &l.le);
	e->text = sl_xstrndup(j->s + l.ls, l.le - l.ls);
	find_env(e, j->s + l.ls, l.le - l.ls);
	e->kind = hash < j->len ? SL_REQLINE_COMMENT : SL_REQLINE_BLANK;
	if (bad < e->raw_len)
		reqfile_warn(e, "not valid UTF-8 (pip cannot decode this file)");
	if (l.le == l.ls)
		return;
	e->kind = SL_REQLINE_BLANK; /* to be decided below */
	if (memchr(j->s + l.ls, '\0', l.le - l.ls)) {
		e->kind = SL_REQLINE_UNKNOWN;
		reqfile_warn(e, "contains a NUL byte");
	} else if (!sl_utf8_valid(j->s + l.ls, l.le - l.ls)) {
		e->kind = SL_REQLINE_UNKNOWN;
	} else {
		analyse_text(&l);
	}
	reqfile_words_release(&l.w);
}
