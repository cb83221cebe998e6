/* token.c: the Hub token lookup (huggingface_hub's get_token order). */
#include "spacelock/token.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"

#define TOKEN_FILE_MAX 4096

/* Removes CR and LF anywhere and spaces around; NULL when empty. */
static char *clean(const char *raw, size_t len)
{
	struct sl_buf b = SL_BUF_INIT;
	size_t start = 0, end;

	for (size_t i = 0; i < len; i++)
		if (raw[i] != '\r' && raw[i] != '\n')
			sl_buf_addch(&b, raw[i]);
	end = b.len;
	while (start < end && (b.buf[start] == ' ' || b.buf[start] == '\t'))
		start++;
	while (end > start && (b.buf[end - 1] == ' ' || b.buf[end - 1] == '\t'))
		end--;
	char *res = end > start ? sl_xstrndup(b.buf + start, end - start) : NULL;
	if (b.alloc)
		memset(b.buf, 0, b.alloc);
	sl_buf_release(&b);
	return res;
}

static bool from_env(const char *name, struct sl_token *out)
{
	const char *v = getenv(name);
	char *val = v ? clean(v, strlen(v)) : NULL;

	if (!val)
		return false;
	out->value = val;
	out->source = sl_xstrdup(name);
	return true;
}

/* Reads a token file; missing files are "no token" unless required. */
static int from_file(const char *path, const char *label, bool required, struct sl_token *out,
		     struct sl_err *err)
{
	struct sl_buf b = SL_BUF_INIT;
	int rc = sl_file_read(path, TOKEN_FILE_MAX, &b, err);

	if (rc < 0) {
		sl_buf_release(&b);
		if (!required) {
			sl_err_clear(err);
			return 0;
		}
		return sl_error(err, rc, "cannot read token file '%s'", path);
	}
	out->value = clean(b.buf, b.len);
	if (b.alloc)
		memset(b.buf, 0, b.alloc);
	sl_buf_release(&b);
	if (out->value)
		out->source = sl_xasprintf("%s '%s'", label, path);
	return 0;
}

static char *default_token_path(void)
{
	const char *p = getenv("HF_TOKEN_PATH");
	const char *home = getenv("HF_HOME");
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *user = getenv("HOME");

	if (p && *p)
		return sl_xstrdup(p);
	if (home && *home)
		return sl_xasprintf("%s/token", home);
	if (xdg && *xdg)
		return sl_xasprintf("%s/huggingface/token", xdg);
	if (user && *user)
		return sl_xasprintf("%s/.cache/huggingface/token", user);
	return NULL;
}

static bool env_true(const char *name)
{
	const char *v = getenv(name);

	return v && (strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0 ||
		     strcasecmp(v, "yes") == 0 || strcasecmp(v, "on") == 0);
}

int sl_token_find(const char *token_file, struct sl_token *out, struct sl_err *err)
{
	struct sl_token t = {NULL, NULL};
	int rc = 0;

	if (token_file) {
		rc = from_file(token_file, "--token-file", true, &t, err);
	} else if (!from_env("HF_TOKEN", &t) && !from_env("HUGGING_FACE_HUB_TOKEN", &t) &&
		   !env_true("HF_HUB_DISABLE_IMPLICIT_TOKEN")) {
		char *path = default_token_path();
		if (path)
			rc = from_file(path, "token file", false, &t, err);
		free(path);
	}
	if (rc < 0)
		return rc;
	if (!t.source)
		t.source = sl_xstrdup("no token");
	*out = t;
	return 0;
}

void sl_token_release(struct sl_token *tok)
{
	if (!tok)
		return;
	if (tok->value) {
		memset(tok->value, 0, strlen(tok->value));
		free(tok->value);
	}
	free(tok->source);
	tok->value = tok->source = NULL;
}
