/* token.c: the Hub token lookup (huggingface_hub's get_token order). */
#include "spacelock/token.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/buf.h"
#include "spacelock/mem.h"

#define TOKEN_FILE_MAX 4096
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

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

/* Reads a token file, or says why it cannot be one: missing, a directory,
 * not a regular file (a FIFO would block), too large for a token, holding
 * a NUL byte (fuzz_token: the value was cut there, even to ""), or what
 * the system said.  *missing tells a file that does not exist. */
static int read_token_file(const char *path, struct sl_buf *b, bool *missing, struct sl_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	const char *why = NULL;
	char chunk[TOKEN_FILE_MAX + 1];
	struct stat st;
	ssize_t n = 0;

	*missing = fd < 0 && (errno == ENOENT || errno == ENOTDIR);
	if (fd < 0)
		why = *missing ? "no such file" : strerror(errno);
	else if (fstat(fd, &st) != 0)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		why = "it is a directory";
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (st.st_size > TOKEN_FILE_MAX)
		why = "larger than " STRINGIFY(TOKEN_FILE_MAX) " bytes, not a token";
	while (!why && (n = read(fd, chunk, sizeof(chunk))) > 0 &&
	       b->len + (size_t)n <= TOKEN_FILE_MAX)
		sl_buf_add(b, chunk, (size_t)n);
	if (!why && n < 0)
		why = strerror(errno);
	else if (!why && n > 0)
		why = "larger than " STRINGIFY(TOKEN_FILE_MAX) " bytes, not a token";
	else if (!why && b->len && memchr(b->buf, '\0', b->len))
		why = "a NUL byte in it, not a token"; /* it would cut the token short */
	memset(chunk, 0, sizeof(chunk));
	if (fd >= 0)
		close(fd);
	return why ? sl_error(err, SL_EIO, "cannot read token file '%s': %s", path, why) : 0;
}

/* Reads a token file.  A default one that does not exist means no token
 * (as in huggingface_hub); any other trouble is an error that says why,
 * rather than a request without the token the user meant to send. */
static int from_file(const char *path, const char *label, bool required, struct sl_token *out,
		     struct sl_err *err)
{
	struct sl_buf b = SL_BUF_INIT;
	bool missing;
	int rc = read_token_file(path, &b, &missing, err);

	if (rc < 0) {
		if (b.alloc)
			memset(b.buf, 0, b.alloc);
		sl_buf_release(&b);
		if (missing && !required) {
			sl_err_clear(err);
			return 0;
		}
		return rc;
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
