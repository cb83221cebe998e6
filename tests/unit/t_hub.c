/* t_hub.c: the pure parts of the Hub client: path-segment escaping, Space
 * id validation and the token lookup order (real environment variables and
 * real files).  The HTTP paths are tested against the loopback server in
 * tests/scripts/hub_*.sh. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spacelock/fileio.h"
#include "spacelock/http.h"
#include "spacelock/hub.h"
#include "spacelock/mem.h"
#include "spacelock/token.h"
#include "test.h"

static char home[] = "/tmp/t_hub_XXXXXX";

/* "\r" and "\n" in data fields stand for CR and LF. */
static char *unescape(const char *s)
{
	char *out = sl_xstrdup(s), *o = out;

	for (; *s; s++) {
		if (s[0] == '\\' && (s[1] == 'r' || s[1] == 'n')) {
			*o++ = s[1] == 'r' ? '\r' : '\n';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

static void set_or_unset(const char *name, const char *v)
{
	if (*v)
		setenv(name, v, 1);
	else
		unsetenv(name);
}

static void token_case(char **f, int lineno)
{
	char *path = sl_xasprintf("%s/token", home);
	struct sl_token t;
	struct sl_err err = {0};
	char ctx[64];

	snprintf(ctx, sizeof(ctx), "hub.data:%d", lineno);
	set_or_unset("HF_TOKEN", f[1]);
	set_or_unset("HUGGING_FACE_HUB_TOKEN", f[2]);
	unlink(path);
	if (strcmp(f[3], "-") != 0) {
		char *content = unescape(f[3]);
		CHECK(sl_file_write_atomic(path, content, strlen(content), &err) == 0, "%s: write",
		      ctx);
		free(content);
	}
	CHECK(sl_token_find(NULL, &t, &err) == 0, "%s: find: %s", ctx, err.msg);
	CHECK_STR(t.value, strcmp(f[4], "-") == 0 ? NULL : f[4], ctx);
	if (strcmp(f[5], "FILE") == 0) {
		char *want = sl_xasprintf("token file '%s'", path);
		CHECK_STR(t.source, want, ctx);
		free(want);
	} else {
		CHECK_STR(t.source, f[5], ctx);
	}
	sl_token_release(&t);
	unlink(path);
	free(path);
}

/* sl_hub_space_ref_parse: the id and revision, or an error whose message
 * has the given part. */
static void ref_case(char **f, const char *ctx)
{
	struct sl_hub_space_ref ref;
	struct sl_err err = {0};
	int rc = sl_hub_space_ref_parse(f[1], NULL, &ref, &err);

	if (strcmp(f[2], "!") == 0) {
		CHECK(rc == SL_EINVAL && !ref.id && !ref.revision, "%s: '%s' should be refused",
		      ctx, f[1]);
		CHECK(strstr(err.msg, f[3]) != NULL, "%s: message '%s' lacks '%s'", ctx, err.msg,
		      f[3]);
		return;
	}
	CHECK(rc == 0, "%s: '%s': %s", ctx, f[1], err.msg);
	CHECK_STR(ref.id, f[2], ctx);
	CHECK_STR(ref.revision, strcmp(f[3], "-") == 0 ? NULL : f[3], ctx);
	sl_hub_space_ref_release(&ref);
}

static void each(char **f, int n, int lineno)
{
	char ctx[64];

	snprintf(ctx, sizeof(ctx), "hub.data:%d", lineno);
	if (strcmp(f[0], "escape") == 0 && n == 3) {
		char *got = sl_http_escape(f[1]);
		CHECK_STR(got, f[2], ctx);
		free(got);
	} else if (strcmp(f[0], "id") == 0 && n == 3) {
		CHECK(sl_hub_valid_id(f[1]) == (f[2][0] == '1'), "%s: '%s' valid should be %s", ctx,
		      f[1], f[2]);
	} else if (strcmp(f[0], "ref") == 0 && n == 4) {
		ref_case(f, ctx);
	} else if (strcmp(f[0], "token") == 0 && n == 6) {
		token_case(f, lineno);
	} else {
		CHECK(0, "%s: bad case line", ctx);
	}
}

static void token_file_override(void)
{
	struct sl_token t;
	struct sl_err err = {0};
	char *path = sl_xasprintf("%s/explicit", home);

	setenv("HF_TOKEN", "hf_env", 1);
	CHECK(sl_token_find(path, &t, &err) == SL_EIO, "missing --token-file is an error");
	CHECK(strstr(err.msg, "cannot read token file") != NULL, "message: %s", err.msg);
	sl_file_write_atomic(path, "hf_explicit\n", 12, &err);
	CHECK(sl_token_find(path, &t, &err) == 0, "--token-file read");
	CHECK_STR(t.value, "hf_explicit", "--token-file wins over HF_TOKEN");
	CHECK(strstr(t.source, "--token-file") == t.source, "source: %s", t.source);
	sl_token_release(&t);
	CHECK(t.value == NULL && t.source == NULL, "release clears");
	setenv("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1", 1);
	unsetenv("HF_TOKEN");
	sl_file_write_atomic(path, "hf_stored", 9, &err);
	setenv("HF_TOKEN_PATH", path, 1);
	CHECK(sl_token_find(NULL, &t, &err) == 0 && t.value == NULL,
	      "HF_HUB_DISABLE_IMPLICIT_TOKEN skips the stored token");
	sl_token_release(&t);
	unsetenv("HF_HUB_DISABLE_IMPLICIT_TOKEN");
	CHECK(sl_token_find(NULL, &t, &err) == 0, "HF_TOKEN_PATH read");
	CHECK_STR(t.value, "hf_stored", "HF_TOKEN_PATH wins over HF_HOME");
	sl_token_release(&t);
	unsetenv("HF_TOKEN_PATH");
	/* a NUL cut the value short, even to "" (fuzz_token) */
	sl_file_write_atomic(path, "\0\0hf_abc\n", 9, &err);
	CHECK(sl_token_find(path, &t, &err) == SL_EIO && strstr(err.msg, "a NUL byte") != NULL,
	      "a token file with a NUL byte: %s", err.msg);
	sl_file_write_atomic(path, "hf_abc\0def", 10, &err);
	CHECK(sl_token_find(path, &t, &err) == SL_EIO, "a NUL inside the token");
	unlink(path);
	free(path);
}

/* The stored form of a log stream: keep-alives and comments gone, events
 * kept, tokens redacted, facts counted; fed one byte at a time. */
static void log_filter(void)
{
	static const char in[] =
	    ": hello\r\n"
	    "data: \r\n\r\n"
	    "data: {\"data\": \"===== Build Queued at 2026-05-13 16:49:14 / Commit SHA: 6a05175 "
	    "=====\\n\"}\n\n"
	    "data: {\"data\": \"--> RUN pip install -r requirements.txt\\n\"}\r\n\r\n"
	    "data: {\"data\": \"CACHED\\n\"}\n\n"
	    "data: {\"data\": \"--> RUN pip install gradio\\n\"}\n\n"
	    "data: {\"data\": \"DONE 1.0s\\n\"}\n\n"
	    "data:\n\n"
	    "data: {\"data\": \"hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\\n\"}\n\n"
	    "data: {\"data\": \"cut";
	static const char want[] =
	    "data: {\"data\": \"===== Build Queued at 2026-05-13 16:49:14 / Commit SHA: 6a05175 "
	    "=====\\n\"}\n\n"
	    "data: {\"data\": \"--> RUN pip install -r requirements.txt\\n\"}\n\n"
	    "data: {\"data\": \"CACHED\\n\"}\n\n"
	    "data: {\"data\": \"--> RUN pip install gradio\\n\"}\n\n"
	    "data: {\"data\": \"DONE 1.0s\\n\"}\n\n"
	    "data: {\"data\": \"hf_************************************\\n\"}\n\n"
	    "data: {\"data\": \"cut\n";
	char *path = sl_xasprintf("%s/log", home);
	struct sl_hub_space sp;
	struct sl_hub_log *log;
	struct sl_err err = {0};
	struct sl_buf got = SL_BUF_INIT;
	int rc = 0;

	memset(&sp, 0, sizeof(sp));
	CHECK(sl_hub_log_open(path, 0, &sp, &log, &err) == 0, "log open: %s", err.msg);
	for (size_t i = 0; i + 1 < sizeof(in) && rc == 0; i++)
		rc = sl_hub_log_feed(log, in + i, 1, &err);
	CHECK(rc == 0, "log feed: %s", err.msg);
	CHECK(sl_hub_log_close(log, &err) == 0, "log close: %s", err.msg);
	sl_file_read(path, 1 << 20, &got, &err);
	CHECK_STR(got.buf, want, "stored log");
	CHECK_STR(sp.log_commit, "6a05175", "log commit");
	CHECK(sp.steps_pip == 2 && sp.steps_cached == 1, "pip steps %zu cached %zu", sp.steps_pip,
	      sp.steps_cached);
	CHECK(sl_hub_log_open(path, 10, NULL, &log, &err) == 0, "log open small");
	CHECK(sl_hub_log_feed(log, in, sizeof(in) - 1, &err) == SL_ELIMIT,
	      "a log over its bound fails");
	sl_hub_log_close(log, NULL);
	CHECK(sl_hub_log_open("/nonexistent/dir/log", 0, NULL, &log, &err) == SL_EWRITE &&
		  strstr(err.msg, "No such file or directory") != NULL,
	      "unwritable log path, with the cause: %s", err.msg);
	sl_buf_release(&got);
	sl_hub_space_release(&sp);
	unlink(path);
	free(path);
}

/* The facts of a stored log are the log reader's (buildlog.h), not a
 * line scan of the stream's own: a rebuild logged after a fully CACHED
 * build is the build that counts (its commit, its pip steps), and a
 * "Commit SHA:" an app prints is no header. */
static void log_facts_last_build(void)
{
	static const char in[] =
	    "data: {\"data\": \"===== Build Queued at 2026-05-13 16:40:00 / Commit SHA: 1111111 "
	    "=====\\n\"}\n\n"
	    "data: {\"data\": \"--> RUN pip install -r requirements.txt\\n\"}\n\n"
	    "data: {\"data\": \"CACHED\\n\"}\n\n"
	    "data: {\"data\": \"===== Build Queued at 2026-05-13 16:49:14 / Commit SHA: 6a05175 "
	    "=====\\n\"}\n\n"
	    "data: {\"data\": \"--> RUN pip install -r requirements.txt\\n\"}\n\n"
	    "data: {\"data\": \"Successfully installed six-1.16.0\\n\"}\n\n"
	    "data: {\"data\": \"DONE 3.0s\\n\"}\n\n";
	static const char app[] = "data: {\"data\": \"deployed Commit SHA: abcdef0\\n\"}\n\n";
	char *path = sl_xasprintf("%s/log2", home);
	struct sl_hub_space sp;
	struct sl_hub_log *log;
	struct sl_err err = {0};

	memset(&sp, 0, sizeof(sp));
	CHECK(sl_hub_log_open(path, 0, &sp, &log, &err) == 0, "log open: %s", err.msg);
	CHECK(sl_hub_log_feed(log, in, 100, &err) == 0 &&
		  sl_hub_log_feed(log, in + 100, sizeof(in) - 101, &err) == 0,
	      "log feed: %s", err.msg);
	CHECK(sl_hub_log_close(log, &err) == 0, "log close: %s", err.msg);
	CHECK_STR(sp.log_commit, "6a05175", "the last build's commit");
	CHECK(sp.steps_pip == 1 && sp.steps_cached == 0, "last build: pip steps %zu cached %zu",
	      sp.steps_pip, sp.steps_cached);
	sl_hub_space_release(&sp);
	memset(&sp, 0, sizeof(sp));
	CHECK(sl_hub_log_open(path, 0, &sp, &log, &err) == 0, "log open: %s", err.msg);
	sl_hub_log_feed(log, app, sizeof(app) - 1, &err);
	CHECK(sl_hub_log_close(log, &err) == 0, "log close: %s", err.msg);
	CHECK(sp.log_commit == NULL, "an app's line is no build header: %s", sp.log_commit);
	sl_hub_space_release(&sp);
	unlink(path);
	free(path);
}

/* Tokens right after a JSON escape or an ANSI colour, or hidden by an
 * escaped letter, are redacted in the stored log too (issue 11). */
static void log_redact_escapes(void)
{
#define TOK_BODY "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
	static const char *const events[] = {
	    "data: {\"data\": \"\\thf_" TOK_BODY "\\n\"}",
	    "data: {\"data\": \"x\\nhf_" TOK_BODY "\\n\"}",
	    "data: {\"data\": \"\\rhf_" TOK_BODY "\"}",
	    "data: {\"data\": \"\\u001b[33mhf_" TOK_BODY "\\u001b[0m\\n\"}",
	    "data: {\"data\": \"\\u001B[1;31mhf_" TOK_BODY "\"}",
	    "data: {\"data\": \"token=\\u0068f_" TOK_BODY "\"}",
	    "data: {\"data\": \"hf_AbCdEfGhIj\\u004blMnOpQrStUvWxYz0123456789\"}",
	    "data: {\"data\": \"a\\u0000\\u0068f_" TOK_BODY "\"}",
	    "data: {\"data\": \"ok\", \"more\": [\"\\/hf_" TOK_BODY "\"]}",
	    "\x1b[33mhf_" TOK_BODY "\x1b[0m",
	    "Bearerhf_" TOK_BODY,
	};
	char *path = sl_xasprintf("%s/log-esc", home);
	struct sl_err err = {0};

	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		struct sl_hub_log *log;
		struct sl_buf got = SL_BUF_INIT;
		CHECK(sl_hub_log_open(path, 0, NULL, &log, &err) == 0, "log open: %s", err.msg);
		sl_hub_log_feed(log, events[i], strlen(events[i]), &err);
		sl_hub_log_feed(log, "\n\n", 2, &err);
		CHECK(sl_hub_log_close(log, &err) == 0, "log close: %s", err.msg);
		sl_file_read(path, 1 << 20, &got, &err);
		/* a string cut at its "\u0000" keeps no "hf_" at all */
		CHECK(got.buf && strstr(got.buf, "MnOpQrStUv") == NULL &&
			  (strstr(got.buf, "hf_***") || strstr(events[i], "u0000")),
		      "event %zu redacted when stored: %s", i, got.buf ? got.buf : "(none)");
		sl_buf_release(&got);
	}
	unlink(path);
	free(path);
#undef TOK_BODY
}

int main(void)
{
	if (!mkdtemp(home))
		return 2;
	unsetenv("HF_TOKEN_PATH");
	unsetenv("HF_HUB_DISABLE_IMPLICIT_TOKEN");
	setenv("HF_HOME", home, 1);
	setenv("HF_ENDPOINT", "http://127.0.0.1:8765", 1); /* its host names Spaces too */
	t_each_case(T_DATA("hub.data"), each);
	token_file_override();
	log_filter();
	log_facts_last_build();
	log_redact_escapes();
	rmdir(home);
	return t_done();
}
