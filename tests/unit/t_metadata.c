/* t_metadata.c: the METADATA / PKG-INFO header parser and requires.txt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spacelock/buf.h"
#include "spacelock/metadata.h"
#include "test.h"

/* Decodes \n \r \t \0 \\ \xHH into b (which may then hold NULs). */
static void unescape(const char *s, struct sl_buf *b)
{
	sl_buf_reset(b);
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			sl_buf_addch(b, *s);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': sl_buf_addch(b, '\n'); break;
		case 'r': sl_buf_addch(b, '\r'); break;
		case 't': sl_buf_addch(b, '\t'); break;
		case '0': sl_buf_addch(b, '\0'); break;
		case 'x': {
			char hex[3] = {s[1], s[2], 0};
			sl_buf_addch(b, (int)strtol(hex, NULL, 16));
			s += 2;
			break;
		}
		default: sl_buf_addch(b, *s); break;
		}
	}
}

static void join(struct sl_buf *b, char **v, size_t n, const char *sep)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sl_buf_addstr(b, sep);
		sl_buf_addstr(b, v[i]);
	}
}

static void summary(const struct sl_metadata *m, struct sl_buf *b)
{
	sl_buf_addf(b, "%s|%s|%lu|%s|%s|", m->name, m->version, m->version_line,
		    m->requires_python ? m->requires_python : "-",
		    m->metadata_version ? m->metadata_version : "-");
	join(b, m->requires_dist, m->n_requires_dist, ";;");
	sl_buf_addch(b, '|');
	join(b, m->provides_extra, m->n_provides_extra, ";;");
	sl_buf_addch(b, '|');
	join(b, m->provides_dist, m->n_provides_dist, ";;");
}

static void parse_case(char **f, int n, int lineno)
{
	struct sl_buf in = SL_BUF_INIT, want = SL_BUF_INIT, got = SL_BUF_INIT;
	struct sl_metadata m;
	struct sl_err err = {0};
	char ctx[64];
	int rc;

	snprintf(ctx, sizeof(ctx), "metadata.data:%d", lineno);
	if (n != 2) {
		CHECK(0, "%s: want 2 fields, got %d", ctx, n);
		return;
	}
	unescape(f[0], &in);
	unescape(f[1], &want);
	sl_metadata_init(&m);
	rc = sl_metadata_parse(in.buf, in.len, "METADATA", &m, &err);
	if (rc < 0) {
		sl_buf_addf(&got, "error %d", rc);
		CHECK(strncmp(err.msg, "METADATA", 8) == 0, "%s: message names the source: %s", ctx,
		      err.msg);
		CHECK(m.name == NULL && m.n_requires_dist == 0, "%s: m left empty on error", ctx);
	} else {
		summary(&m, &got);
	}
	CHECK_STR(got.buf, want.buf, ctx);
	sl_metadata_release(&m);
	sl_buf_release(&in);
	sl_buf_release(&want);
	sl_buf_release(&got);
}

static void requires_case(char **f, int n, int lineno)
{
	struct sl_buf in = SL_BUF_INIT, got = SL_BUF_INIT;
	struct sl_metadata m;
	struct sl_err err = {0};
	char ctx[64];

	snprintf(ctx, sizeof(ctx), "metadata-requires.data:%d", lineno);
	if (n != 3) {
		CHECK(0, "%s: want 3 fields, got %d", ctx, n);
		return;
	}
	unescape(f[0], &in);
	sl_metadata_init(&m);
	CHECK(sl_metadata_add_requires_txt(&m, in.buf, in.len, "requires.txt", &err) == 0, "%s: %s",
	      ctx, err.msg);
	join(&got, m.requires_dist, m.n_requires_dist, "|");
	CHECK_STR(got.buf, f[1], ctx);
	sl_buf_reset(&got);
	join(&got, m.provides_extra, m.n_provides_extra, "|");
	CHECK_STR(got.buf, f[2], ctx);
	sl_metadata_release(&m);
	sl_buf_release(&in);
	sl_buf_release(&got);
}

/* Pip adds requires.txt extras only when PKG-INFO declared none. */
static void test_requires_keeps_declared_extras(void)
{
	static const char pkg[] = "Name: p\nVersion: 1\nProvides-Extra: Docs\n";
	static const char req[] = "[docs]\nsphinx\n[test]\npytest\n\0";
	struct sl_metadata m;
	struct sl_err err = {0};

	sl_metadata_init(&m);
	CHECK(sl_metadata_parse(pkg, sizeof(pkg) - 1, "PKG-INFO", &m, &err) == 0, "%s", err.msg);
	CHECK(sl_metadata_add_requires_txt(&m, req, strlen(req), "requires.txt", &err) == 0, "%s",
	      err.msg);
	CHECK(m.n_provides_extra == 1, "declared extras kept alone, got %zu", m.n_provides_extra);
	CHECK(m.n_requires_dist == 2, "two requirements, got %zu", m.n_requires_dist);
	CHECK(sl_metadata_add_requires_txt(&m, req, sizeof(req) - 1, "requires.txt", &err) ==
		  SL_EPARSE,
	      "a NUL byte is an error");
	CHECK(strstr(err.msg, "requires.txt:5:") != NULL, "line in message: %s", err.msg);
	sl_metadata_release(&m);
}

static void test_header_complete(void)
{
	CHECK(sl_metadata_header_complete("a: b\n\nbody", 10, 0), "\\n\\n ends the header");
	CHECK(sl_metadata_header_complete("a: b\r\n\r\nbody", 12, 0), "\\r\\n\\r\\n too");
	CHECK(sl_metadata_header_complete("\nx", 2, 0), "a leading blank line");
	CHECK(!sl_metadata_header_complete("a: b\nc: d\n", 10, 0), "no blank line yet");
	CHECK(!sl_metadata_header_complete("a: b\n \n", 7, 0), "a space line is no blank line");
	/* a "\n\r\n" split across two reads is still found */
	CHECK(sl_metadata_header_complete("a: b\n\r\nx", 8, 6), "straddling the previous read");
}

static char *write_temp(const char *head, size_t body_bytes)
{
	char *path = strdup("/tmp/t_metadata_XXXXXX");
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	fputs(head, fp);
	for (size_t i = 0; i < body_bytes; i++)
		fputc(i % 80 == 79 ? '\n' : 'x', fp);
	fclose(fp);
	return path;
}

static void test_read_file(void)
{
	struct sl_metadata m;
	struct sl_err err = {0};
	char *path;

	sl_metadata_init(&m);
	CHECK(sl_metadata_read_file(
		  "tests/fixtures/site-packages/real/requests-2.34.2.dist-info/METADATA", &m,
		  &err) == 0,
	      "real METADATA: %s", err.msg);
	CHECK_STR(m.name, "requests", "real name");
	CHECK_STR(m.version, "2.34.2", "real version");
	CHECK(m.n_requires_dist == 6 && m.n_provides_extra == 3, "real lists %zu %zu",
	      m.n_requires_dist, m.n_provides_extra);
	/* a 12 MB body (over the header bound) after the header is never read: only the header
	 * counts */
	path = write_temp("Name: big\nVersion: 1\n\n", (size_t)12 << 20);
	CHECK(sl_metadata_read_file(path, &m, &err) == 0, "big body: %s", err.msg);
	unlink(path);
	free(path);
	/* a header over the bound is refused */
	path = write_temp("Name: big\nVersion: 1\nDescription: x\n", SL_METADATA_HEADER_MAX + 1000);
	CHECK(sl_metadata_read_file(path, &m, &err) == SL_ELIMIT, "huge header: %s", err.msg);
	CHECK(m.name == NULL, "m empty after an error");
	unlink(path);
	free(path);
	CHECK(sl_metadata_read_file("tests/fixtures/no/such/METADATA", &m, &err) == SL_ENOTFOUND,
	      "missing file");
	CHECK(strstr(err.msg, "tests/fixtures/no/such/METADATA") != NULL, "path in message: %s",
	      err.msg);
	sl_metadata_release(&m);
}

/* Dynamic has a meaning only in an sdist PKG-INFO (archive.c decides):
 * the parser records the field and leaves the requirements known, as a
 * wheel's or an installed METADATA is final and pip check reads it. */
static void test_dynamic_as_written(void)
{
	const char *t =
	    "Metadata-Version: 2.2\nName: sympy\nVersion: 1.13.3\n"
	    "Dynamic: license\nDynamic: Requires-Dist\nRequires-Dist: mpmath<1.4,>=1.1.0\n\n";
	struct sl_metadata m;
	struct sl_err err = {0};

	sl_metadata_init(&m);
	CHECK(sl_metadata_parse(t, strlen(t), "METADATA", &m, &err) == 0, "%s", err.msg);
	CHECK(m.dynamic_requires_dist, "Dynamic: Requires-Dist recorded");
	CHECK(!m.requires_dist_unknown, "not unknown outside an sdist");
	CHECK(m.n_requires_dist == 1, "the Requires-Dist line is kept");
	sl_metadata_release(&m);
}

int main(void)
{
	test_dynamic_as_written();
	t_each_case(T_DATA("metadata.data"), parse_case);
	t_each_case(T_DATA("metadata-requires.data"), requires_case);
	test_requires_keeps_declared_extras();
	test_header_complete();
	test_read_file();
	return t_done();
}
