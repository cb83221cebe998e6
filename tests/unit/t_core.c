/* t_core.c: buffers, errors, token redaction, atomic writes, line reader. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spacelock/buf.h"
#include "spacelock/error.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "spacelock/redact.h"
#include "test.h"

static void test_buf(void)
{
	struct sl_buf b = SL_BUF_INIT;
	CHECK(b.buf[0] == '\0' && b.len == 0, "fresh buffer is the empty string");
	sl_buf_addf(&b, "%s-%d", "a", 42);
	sl_buf_add(&b, "\0x", 2);
	CHECK(b.len == 6 && b.buf[4] == '\0' && b.buf[5] == 'x', "binary-safe append");
	char *s = sl_buf_detach(&b, NULL);
	CHECK(b.len == 0 && b.buf[0] == '\0', "detach leaves an empty buffer");
	free(s);
	/* nothing to add, as (NULL, 0): the end of a UTF-16 log (SAN=1 found
	 * memcpy called with NULL) */
	sl_buf_add(&b, NULL, 0);
	CHECK(b.len == 0 && b.buf && b.buf[0] == '\0', "adding nothing from NULL");
	sl_buf_release(&b);
}

static void test_error(void)
{
	struct sl_err err;
	int rc = sl_error(&err, SL_EPARSE, "%s:%d: bad\nline", "f.txt", 3);
	CHECK(rc == SL_EPARSE && err.code == SL_EPARSE, "code returned and stored");
	CHECK_STR(err.msg, "f.txt:3: bad line", "newline flattened");
	sl_err_prefix(&err, "reading %s", "x");
	CHECK_STR(err.msg, "reading x: f.txt:3: bad line", "prefix");
	sl_error(&err, SL_EAUTH, "token hf_abcdefghijklmnopqrstuvwxyz0123456789 refused");
	CHECK(strstr(err.msg, "abcdefghij") == NULL, "token redacted from error: %s", err.msg);
}

static void test_redact(void)
{
	char s[] = "a hf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA b "
		   "shf_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB hf_short "
		   "\x1b[33mhf_CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC\x1b[0m";
	/* a letter before "hf_" (a pasted word, the end of an ANSI colour)
	 * does not make a token something else */
	CHECK(sl_redact_tokens(s) == 3, "three tokens found");
	CHECK(strstr(s, "hf_***") != NULL && strstr(s, "AAAA") == NULL, "token hidden: %s", s);
	CHECK(strstr(s, "BBBB") == NULL && strstr(s, "CCCC") == NULL, "glued tokens hidden: %s", s);
	CHECK(strstr(s, "hf_short") != NULL, "a short body is kept: %s", s);
}

/* A URL's password is masked with as many '*', the username, host and
 * path kept; a ${VAR} reference, a port and an '@' after the path are no
 * password. */
static void test_redact_url(void)
{
	static const char *const cases[][2] = {
	    {"https://user:pass@host/simple", "https://user:****@host/simple"},
	    {"--index-url https://__token__:xyz@pypi.example/simple/",
	     "--index-url https://__token__:***@pypi.example/simple/"},
	    {"x @ git+https://dave:s3cr@t@github.com/x.git@v1",
	     "x @ git+https://dave:******@github.com/x.git@v1"},
	    {"asks for 'p @ https://u:pw@h' but", "asks for 'p @ https://u:**@h' but"},
	    {"{\"url\":\"https://u:pw@h\",\"b\":\"c:d@e\"}",
	     "{\"url\":\"https://u:**@h\",\"b\":\"c:d@e\"}"},
	    {"https://user:${PIP_PASSWORD}@host/", "https://user:${PIP_PASSWORD}@host/"},
	    {"https://user@host/", "https://user@host/"},
	    {"https://host:8080/a@b:c", "https://host:8080/a@b:c"},
	    {"ssh://git@github.com/x", "ssh://git@github.com/x"},
	    {"https://user:@host/ ://", "https://user:@host/ ://"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = sl_xstrdup(cases[i][0]);
		size_t n = sl_redact_tokens(s);
		CHECK_STR(s, cases[i][1], cases[i][0]);
		CHECK(n == (strcmp(cases[i][0], cases[i][1]) != 0), "count for %s: %zu", s, n);
		CHECK(sl_redact_tokens(s) == 0, "a masked password is not counted again: %s", s);
		free(s);
	}
}

static void test_atomic_write(void)
{
	char dir[] = "/tmp/sl-core-XXXXXX";
	struct sl_err err;
	struct sl_buf b = SL_BUF_INIT;
	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	char *path = sl_xasprintf("%s/out.json", dir);
	CHECK(sl_file_write_atomic(path, "{}\n", 3, &err) == 0, "atomic write");
	CHECK(sl_file_read(path, 100, &b, &err) == 0 && strcmp(b.buf, "{}\n") == 0, "read back");
	sl_buf_reset(&b);
	CHECK(sl_file_read(path, 2, &b, &err) == SL_ELIMIT, "size bound enforced");
	char *bad = sl_xasprintf("%s/missing/out.json", dir);
	CHECK(sl_file_write_atomic(bad, "x", 1, &err) == SL_EWRITE &&
		  strstr(err.msg, "No such file or directory") != NULL,
	      "write into missing dir fails with its cause: %s", err.msg);
	CHECK(access(bad, F_OK) != 0, "nothing written on failure");
	unlink(path);
	rmdir(dir);
	free(path);
	free(bad);
	sl_buf_release(&b);
}

static void test_linereader(void)
{
	FILE *fp = tmpfile();
	struct sl_linereader r;
	struct sl_err err;
	fputs("one\r\ntwo-is-long\nthree", fp);
	rewind(fp);
	sl_linereader_init(&r, fp, 5);
	CHECK(sl_linereader_next(&r, &err) == 1 && strcmp(r.line.buf, "one") == 0, "CRLF stripped");
	CHECK(sl_linereader_next(&r, &err) == 1 && r.truncated && strcmp(r.line.buf, "two-i") == 0,
	      "long line truncated to the bound");
	CHECK(sl_linereader_next(&r, &err) == 1 && strcmp(r.line.buf, "three") == 0 &&
		  r.lineno == 3,
	      "last line without newline");
	CHECK(sl_linereader_next(&r, &err) == 0, "end of file");
	sl_linereader_release(&r);
	fclose(fp);
}

int main(void)
{
	test_buf();
	test_error();
	test_redact();
	test_redact_url();
	test_atomic_write();
	test_linereader();
	return t_done();
}
