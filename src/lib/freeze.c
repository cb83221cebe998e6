/* freeze.c: pip freeze, pip list (columns and JSON) and pip's
 * installation report, as SL_EV_INSTALLED observations. */
#include "spacelock/freeze.h"

#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linesplit.h"
#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/version.h"
#include "spacelock/wheelname.h"
#include "spacelock/json.h"

#define FREEZE_LINE_MAX (64 * 1024)
#define SNIFF_BYTES 8192

const char *sl_freeze_format_name(enum sl_freeze_format f)
{
	switch (f) {
	case SL_FREEZE_TEXT: return "freeze";
	case SL_FREEZE_LIST: return "list";
	case SL_FREEZE_JSON: return "list-json";
	case SL_FREEZE_REPORT: return "report";
	case SL_FREEZE_UNKNOWN: break;
	}
	return "unknown";
}

void sl_freeze_lines_init(struct sl_freeze_lines *fl, const char *source, bool strict)
{
	memset(fl, 0, sizeof(*fl));
	fl->source = source;
	fl->strict = strict;
}

bool sl_freeze_version_ok(const char *s, size_t len)
{
	char *v;
	struct sl_version *ver = NULL;
	int rc;

	if (len == 0 || len > 256)
		return false;
	v = sl_xstrndup(s, len);
	rc = sl_version_parse(v, &ver, NULL);
	sl_version_free(ver);
	free(v);
	return rc == 0;
}

static size_t name_len(const char *s)
{
	size_t n = 0;

	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	       (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_' || s[n] == '.')
		n++;
	return sl_name_is_valid(s, n) ? n : 0;
}

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return n > 0;
}

/* "git+https://host/repo.git@<sha>#egg=x": the commit when the ref after
 * the last '@' of the path is a hex commit id (7 to 40 digits). */
char *sl_freeze_vcs_commit(const char *url)
{
	size_t end = strcspn(url, "#?");
	const char *slash, *at;

	if (strncmp(url, "git+", 4) != 0)
		return NULL;
	slash = memrchr(url, '/', end);
	at = slash ? memchr(slash, '@', (size_t)(url + end - slash)) : NULL;
	if (!at)
		return NULL;
	at++;
	if ((size_t)(url + end - at) < 7 || (size_t)(url + end - at) > 40 ||
	    !is_hex(at, (size_t)(url + end - at)))
		return NULL;
	return sl_xstrndup(at, (size_t)(url + end - at));
}

/* The "#egg=name" of a URL, as a new string, or NULL. */
char *sl_freeze_egg_name(const char *url)
{
	const char *egg = strstr(url, "#egg=");
	size_t n;

	if (!egg)
		egg = strstr(url, "&egg=");
	if (!egg)
		return NULL;
	egg += 5;
	n = name_len(egg);
	return n ? sl_xstrndup(egg, n) : NULL;
}

static bool has_scheme(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz+");
	return n > 0 && strncmp(s + n, "://", 3) == 0;
}

static void add(struct sl_obs_list *obs, const char *source, unsigned long lineno, const char *text,
		const char *name, const char *version, const char *url)
{
	struct sl_obs o = {0};
	char *commit = url ? sl_freeze_vcs_commit(url) : NULL;

	o.name = (char *)name;
	o.version = (char *)version;
	o.strength = SL_EV_INSTALLED;
	o.origin = SL_ORIGIN_UNKNOWN;
	o.vcs_url = (char *)url;
	o.vcs_commit = commit;
	o.source = (char *)source;
	o.line = lineno;
	o.text = (char *)text;
	sl_obs_list_add(obs, &o);
	free(commit);
}

static bool version_token(const char *s, size_t n, bool strict)
{
	if (n == 0 || memchr(s, ' ', n) || memchr(s, '\t', n))
		return false;
	return !strict || sl_freeze_version_ok(s, n);
}

/* "name==version" or "name===version" */
static int pinned(struct sl_freeze_lines *fl, const char *line, size_t n, unsigned long lineno,
		  struct sl_obs_list *obs)
{
	const char *v = line + n + 2;
	size_t vlen;
	char *name, *ver;

	if (*v == '=')
		v++;
	vlen = strlen(v);
	while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	if (!version_token(v, vlen, fl->strict))
		return -1;
	name = sl_xstrndup(line, n);
	ver = sl_xstrndup(v, vlen);
	add(obs, fl->source, lineno, line, name, ver, NULL);
	free(name);
	free(ver);
	return 1;
}

/* "name @ url": the version is known when the URL names a wheel or sdist */
static int direct(struct sl_freeze_lines *fl, const char *line, size_t n, const char *url,
		  unsigned long lineno, struct sl_obs_list *obs)
{
	struct sl_wheelname w = {0};
	char *name;
	size_t ulen = strcspn(url, " \t");

	if (ulen == 0 || (fl->strict && !has_scheme(url)) || url[ulen] != '\0')
		return -1;
	name = sl_xstrndup(line, n);
	if (sl_wheelname_parse(url, &w, NULL) == 0 && !w.metadata && sl_name_eq(w.name, name))
		add(obs, fl->source, lineno, line, name, w.version, url);
	else
		add(obs, fl->source, lineno, line, name, NULL, url);
	sl_wheelname_release(&w);
	free(name);
	return 1;
}

/* "-e git+https://...@sha#egg=name" */
static int editable(struct sl_freeze_lines *fl, const char *url, unsigned long lineno,
		    const char *line, struct sl_obs_list *obs)
{
	char *name = sl_freeze_egg_name(url);

	if (!name)
		return fl->strict ? -1 : 0; /* a local path without a name */
	add(obs, fl->source, lineno, line, name, NULL, url);
	free(name);
	return 1;
}

/* Old pip: "# Editable install with no version control (name==1.0)" */
static int comment(struct sl_freeze_lines *fl, const char *line, unsigned long lineno,
		   struct sl_obs_list *obs)
{
	const char *open = strrchr(line, '(');
	size_t n, len = strlen(line);
	char *inner;
	int rc = 0;

	if (!strstr(line, "Editable") || !open || len < 2 || line[len - 1] != ')')
		return 0;
	inner = sl_xstrndup(open + 1, (size_t)(line + len - 1 - open - 1));
	n = name_len(inner);
	if (n && strncmp(inner + n, "==", 2) == 0) {
		struct sl_freeze_lines tmp = *fl;
		tmp.strict = true;
		rc = pinned(&tmp, inner, n, lineno, obs) == 1 ? 1 : 0;
	}
	free(inner);
	return rc;
}

static bool is_ruler(const char *line)
{
	return line[0] == '-' && line[strspn(line, "- ")] == '\0' && strchr(line, ' ');
}

static bool is_header(const char *line)
{
	return strncmp(line, "Package", 7) == 0 && (line[7] == ' ' || line[7] == '\t') &&
	       strncmp(line + 7 + strspn(line + 7, " \t"), "Version", 7) == 0;
}

/* A `pip list` row: "name   version   [location]" */
static int list_row(struct sl_freeze_lines *fl, const char *line, unsigned long lineno,
		    struct sl_obs_list *obs)
{
	size_t n = name_len(line);
	const char *v;
	size_t vlen;
	char *name, *ver;

	if (!n || (line[n] != ' ' && line[n] != '\t'))
		return -1;
	v = line + n + strspn(line + n, " \t");
	vlen = strcspn(v, " \t");
	if (!version_token(v, vlen, true))
		return -1;
	name = sl_xstrndup(line, n);
	ver = sl_xstrndup(v, vlen);
	add(obs, fl->source, lineno, line, name, ver, NULL);
	free(name);
	free(ver);
	return 1;
}

static bool skip_option(const char *line)
{
	static const char *const opts[] = {"-i ",      "--index-url",  "--extra-index-url",
					   "-f ",      "--find-links", "--trusted-host",
					   "WARNING:", "DEPRECATION:", "[notice]"};

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (strncmp(line, opts[i], strlen(opts[i])) == 0)
			return true;
	return false;
}

int sl_freeze_lines_feed(struct sl_freeze_lines *fl, const char *line, unsigned long lineno,
			 struct sl_obs_list *obs)
{
	size_t n;
	bool header = fl->saw_header;

	fl->saw_header = false;
	if (header && is_ruler(line)) {
		fl->in_list = true;
		return 0;
	}
	if (is_header(line)) {
		fl->saw_header = true;
		fl->in_list = false;
		return 0;
	}
	if (fl->in_list) {
		if (list_row(fl, line, lineno, obs) == 1)
			return 1;
		fl->in_list = false;
	}
	if (line[0] == '\0' || (!fl->strict && line[strspn(line, " \t")] == '\0'))
		return 0;
	if (line[0] == '#')
		return fl->strict ? (comment(fl, line, lineno, obs) == 1 ? 1 : -1)
				  : comment(fl, line, lineno, obs);
	if (strncmp(line, "-e ", 3) == 0 || strncmp(line, "--editable ", 11) == 0)
		return editable(
		    fl, line + strcspn(line, " ") + 1 + strspn(line + strcspn(line, " ") + 1, " "),
		    lineno, line, obs);
	if (!fl->strict && skip_option(line))
		return 0;
	n = name_len(line);
	if (!n)
		return -1;
	if (strncmp(line + n, "==", 2) == 0)
		return pinned(fl, line, n, lineno, obs);
	if (strncmp(line + n, " @ ", 3) == 0)
		return direct(fl, line, n, line + n + 3, lineno, obs);
	return -1;
}

/* ---- JSON: pip list --format=json and pip install --report ---- */

static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void add_json(struct sl_obs_list *obs, const char *source, unsigned long lineno,
		     const char *name, const char *version, enum sl_origin origin, const char *url,
		     const char *commit)
{
	struct sl_obs o = {0};
	char *text = sl_xasprintf("%s==%s", name, version ? version : "");

	o.name = (char *)name;
	o.version = (char *)version;
	o.strength = SL_EV_INSTALLED;
	o.origin = origin;
	o.vcs_url = (char *)url;
	o.vcs_commit = (char *)commit;
	o.source = (char *)source;
	o.line = lineno;
	o.text = text;
	sl_obs_list_add(obs, &o);
	free(text);
}

static bool valid_entry(const char *name, const char *version)
{
	return name && version && sl_name_is_valid(name, strlen(name)) && version[0];
}

static int list_json(const cJSON *root, const char *source, unsigned long lineno,
		     struct sl_obs_list *obs)
{
	const cJSON *it;
	int n = 0;

	cJSON_ArrayForEach(it, root)
	{
		if (!valid_entry(jstr(it, "name"), jstr(it, "version")))
			return -1;
	}
	cJSON_ArrayForEach(it, root)
	{
		add_json(obs, source, lineno, jstr(it, "name"), jstr(it, "version"),
			 SL_ORIGIN_UNKNOWN, NULL, NULL);
		n++;
	}
	return n;
}

static void report_entry(const cJSON *it, const char *source, struct sl_obs_list *obs)
{
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(it, "metadata");
	const cJSON *dl = cJSON_GetObjectItemCaseSensitive(it, "download_info");
	const cJSON *vcs = cJSON_GetObjectItemCaseSensitive(dl, "vcs_info");
	const cJSON *req = cJSON_GetObjectItemCaseSensitive(it, "requested");
	const char *url = jstr(dl, "url");
	char *vurl = NULL;

	if (cJSON_IsObject(vcs) && url && jstr(vcs, "vcs"))
		vurl = sl_xasprintf("%s+%s", jstr(vcs, "vcs"), url);
	else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "is_direct")) && url)
		vurl = sl_xstrdup(url);
	add_json(obs, source, 0, jstr(meta, "name"), jstr(meta, "version"),
		 cJSON_IsTrue(req) ? SL_ORIGIN_DIRECT : SL_ORIGIN_TRANSITIVE, vurl,
		 cJSON_IsObject(vcs) ? jstr(vcs, "commit_id") : NULL);
	free(vurl);
}

static int report(const cJSON *root, const char *source, struct sl_obs_list *obs,
		  struct sl_err *err)
{
	const cJSON *install = cJSON_GetObjectItemCaseSensitive(root, "install");
	const cJSON *it;
	size_t i = 0;

	if (!cJSON_IsArray(install))
		return sl_error(err, SL_EPARSE,
				"%s: JSON object without an \"install\" array: not a pip report",
				source);
	cJSON_ArrayForEach(it, install)
	{
		const cJSON *meta = cJSON_GetObjectItemCaseSensitive(it, "metadata");
		if (!valid_entry(jstr(meta, "name"), jstr(meta, "version")))
			return sl_error(err, SL_EPARSE,
					"%s: install[%zu] has no valid metadata name and version",
					source, i);
		i++;
	}
	cJSON_ArrayForEach(it, install) report_entry(it, source, obs);
	return SL_FREEZE_REPORT;
}

int sl_freeze_parse_json(const char *data, size_t len, const char *source, struct sl_obs_list *obs,
			 struct sl_err *err)
{
	cJSON *root = sl_json_parse(data, len, source, err);
	int rc;

	if (!root)
		return SL_EPARSE;
	if (cJSON_IsArray(root)) {
		rc = list_json(root, source, 0, obs) < 0
			 ? sl_error(err, SL_EPARSE,
				    "%s: JSON array entries need \"name\" and \"version\": not pip "
				    "list output",
				    source)
			 : SL_FREEZE_JSON;
	} else if (cJSON_IsObject(root)) {
		rc = report(root, source, obs, err);
	} else {
		rc = sl_error(err, SL_EPARSE,
			      "%s: JSON is neither pip list output nor a pip report", source);
	}
	cJSON_Delete(root);
	return rc;
}

int sl_freeze_json_line(const char *line, size_t len, const char *source, unsigned long lineno,
			struct sl_obs_list *obs)
{
	cJSON *root;
	int n;

	if (len < 2 || line[0] != '[' || line[len - 1] != ']')
		return -1;
	root = sl_json_parse(line, len, source, NULL);
	n = cJSON_IsArray(root) && cJSON_GetArraySize(root) > 0
		? list_json(root, source, lineno, obs)
		: -1;
	cJSON_Delete(root);
	return n;
}

/* ---- files ---- */

static int read_json(FILE *fp, struct sl_buf *head, const char *path, struct sl_obs_list *obs,
		     struct sl_err *err)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (head->len + n > SL_FREEZE_JSON_MAX)
			return sl_error(err, SL_ELIMIT, "%s: JSON larger than %u bytes", path,
					SL_FREEZE_JSON_MAX);
		sl_buf_add(head, chunk, n);
	}
	if (ferror(fp))
		return sl_error(err, SL_EIO, "cannot read '%s': %s", path, strerror(errno));
	return sl_freeze_parse_json(head->buf, head->len, path, obs, err);
}

struct text_ctx {
	struct sl_freeze_lines fl;
	const char *path;
	struct sl_obs_list *obs;
	struct sl_err *err;
	struct sl_buf line;
	int format;
};

static int text_line(void *vctx, const char *line, size_t len, bool cut, unsigned long lineno)
{
	struct text_ctx *c = vctx;
	const char *l;

	if (cut || memchr(line, '\0', len))
		return sl_error(c->err, SL_EPARSE, "%s:%lu: %s", c->path, lineno,
				cut ? "line too long for a freeze file"
				    : "NUL byte in a freeze line");
	sl_buf_reset(&c->line);
	sl_buf_add(&c->line, line, len);
	l = c->line.buf;
	if (lineno == 1 && len >= 3 && memcmp(l, "\xef\xbb\xbf", 3) == 0)
		l += 3;
	if (sl_freeze_lines_feed(&c->fl, l, lineno, c->obs) < 0)
		return sl_error(c->err, SL_EPARSE, "%s:%lu: not a pip freeze or pip list line",
				c->path, lineno);
	if (c->fl.in_list)
		c->format = SL_FREEZE_LIST;
	return 0;
}

static int read_text(FILE *fp, struct sl_buf *head, const char *path, struct sl_obs_list *obs,
		     struct sl_err *err)
{
	struct text_ctx c = {
	    .path = path, .obs = obs, .err = err, .line = SL_BUF_INIT, .format = SL_FREEZE_TEXT};
	struct linesplit ls;
	char chunk[65536];
	size_t n;
	int rc;

	sl_freeze_lines_init(&c.fl, path, false);
	linesplit_init(&ls, FREEZE_LINE_MAX);
	rc = linesplit_feed(&ls, head->buf, head->len, text_line, &c);
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		rc = linesplit_feed(&ls, chunk, n, text_line, &c);
	if (rc == 0 && ferror(fp))
		rc = sl_error(err, SL_EIO, "cannot read '%s': %s", path, strerror(errno));
	if (rc == 0)
		rc = linesplit_finish(&ls, text_line, &c);
	linesplit_release(&ls);
	sl_buf_release(&c.line);
	return rc < 0 ? rc : c.format;
}

int sl_freeze_read_file(const char *path, struct sl_obs_list *obs, struct sl_err *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	struct sl_obs_list tmp = SL_OBS_LIST_INIT;
	struct sl_buf head = SL_BUF_INIT;
	FILE *fp = stdin;
	size_t n;
	int rc, fd;

	/* a FIFO is never waited on: "-" is the way to pipe freeze output in */
	if (!is_stdin) {
		if ((fd = sl_file_open_regular(path, NULL, err)) < 0)
			return err ? err->code : SL_EIO;
		if (!(fp = fdopen(fd, "rb"))) {
			close(fd);
			return sl_error(err, SL_EIO, "cannot read '%s': %s", path, strerror(errno));
		}
	}
	sl_buf_grow(&head, SNIFF_BYTES);
	n = fread(head.buf, 1, SNIFF_BYTES, fp);
	head.len = n;
	head.buf[n] = '\0';
	if (ferror(fp)) {
		rc = sl_error(err, SL_EIO, "cannot read '%s': %s", path, strerror(errno));
	} else if (log_looks_binary(head.buf, n, true)) {
		rc = sl_error(err, SL_EPARSE,
			      "%s: binary data, not pip freeze, list or report output", path);
	} else if (head.buf[strspn(head.buf, " \t\r\n")] == '{' ||
		   head.buf[strspn(head.buf, " \t\r\n")] == '[') {
		rc = read_json(fp, &head, path, &tmp, err);
	} else {
		rc = read_text(fp, &head, path, &tmp, err);
	}
	if (!is_stdin)
		fclose(fp);
	sl_buf_release(&head);
	if (rc < 0) {
		sl_obs_list_release(&tmp);
		return rc;
	}
	sl_obs_list_move(obs, &tmp);
	return rc;
}
