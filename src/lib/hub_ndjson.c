/* hub_ndjson.c: the Hub commit API's request body (hub_write.h).  The
 * layout follows what the official Python client sends (a recording is
 * tests/fixtures/api/commit.request.ndjson): one JSON object per line,
 * the header first, each line ended by a newline, file content base64. */
#include <stdbool.h>
#include <string.h>

#include "spacelock/hub_write.h"
#include "spacelock/jsonw.h"

void sl_base64_add(struct sl_buf *out, const void *data, size_t len)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	size_t i = 0;

	sl_buf_grow(out, (len + 2) / 3 * 4);
	for (; i + 3 <= len; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		char q[4] = {abc[v >> 18], abc[(v >> 12) & 63], abc[(v >> 6) & 63], abc[v & 63]};
		sl_buf_add(out, q, 4);
	}
	if (i < len) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < len ? (unsigned)p[i + 1] << 8 : 0);
		char q[4] = {abc[v >> 18], abc[(v >> 12) & 63],
			     i + 1 < len ? abc[(v >> 6) & 63] : '=', '='};
		sl_buf_add(out, q, 4);
	}
}

/* A repository path the Hub takes as is: relative, no "." or ".." part,
 * no empty part, no control character or backslash. */
static bool path_ok(const char *path)
{
	const char *part = path;

	if (!path || !*path || *path == '/')
		return false;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	while (part) {
		const char *slash = strchr(part, '/');
		size_t n = slash ? (size_t)(slash - part) : strlen(part);
		if (n == 0 || (n == 1 && part[0] == '.') || (n == 2 && !strncmp(part, "..", 2)))
			return false;
		part = slash ? slash + 1 : NULL;
	}
	return true;
}

static int check(const struct sl_hub_commit *c, struct sl_err *err)
{
	if (!c->summary || !*c->summary || strpbrk(c->summary, "\r\n"))
		return sl_error(err, SL_EINVAL, "a commit needs a one-line summary");
	if (!c->n_files)
		return sl_error(err, SL_EINVAL, "a commit needs at least one file");
	for (size_t i = 0; i < c->n_files; i++)
		if (!path_ok(c->files[i].path))
			return sl_error(err, SL_EINVAL, "'%s' is not a path in a repository",
					c->files[i].path ? c->files[i].path : "");
	return 0;
}

static void header_line(const struct sl_hub_commit *c, struct sl_buf *out)
{
	struct sl_jsonw w;

	sl_jsonw_init(&w, out);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_string(&w, "key", "header");
	sl_jsonw_key(&w, "value");
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_string(&w, "summary", c->summary);
	sl_jsonw_field_string(&w, "description", c->description ? c->description : "");
	if (c->parent_commit)
		sl_jsonw_field_string(&w, "parentCommit", c->parent_commit);
	sl_jsonw_object_end(&w);
	sl_jsonw_object_end(&w);
	sl_buf_addch(out, '\n');
}

/* The base64 content is written straight into the line: it needs no
 * escaping, and a large file is not copied twice. */
static void file_line(const struct sl_hub_file *f, struct sl_buf *out)
{
	sl_buf_addstr(out, "{\"key\":\"file\",\"value\":{\"content\":\"");
	sl_base64_add(out, f->data, f->len);
	sl_buf_addstr(out, "\",\"path\":");
	sl_json_add_string(out, f->path, strlen(f->path));
	sl_buf_addstr(out, ",\"encoding\":\"base64\"}}\n");
}

int sl_hub_commit_ndjson(const struct sl_hub_commit *c, struct sl_buf *out, struct sl_err *err)
{
	int rc = check(c, err);

	if (rc < 0)
		return rc;
	header_line(c, out);
	for (size_t i = 0; i < c->n_files; i++)
		file_line(&c->files[i], out);
	return 0;
}
