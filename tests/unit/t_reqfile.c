/* t_reqfile.c: requirements files read losslessly (every real fixture round
 * trips byte for byte), classified as pip does (reqfile_lines.data,
 * reqfile_fixtures.data), edited without touching other bytes, and robust
 * against hostile input. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/fileio.h"
#include "spacelock/jsonw.h"
#include "spacelock/mem.h"
#include "spacelock/reqfile.h"
#include "spacelock/textenc.h"
#include "test.h"

#define FIXDIR "tests/fixtures/requirements/"

/* Undoes the escapes of the data files: \n \r \t \f \v \\ \xNN. */
static size_t unescape(const char *in, char *out)
{
	size_t n = 0;

	for (const char *p = in; *p; p++) {
		if (*p != '\\' || !p[1]) {
			out[n++] = *p;
			continue;
		}
		p++;
		switch (*p) {
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'f': out[n++] = '\f'; break;
		case 'v': out[n++] = '\v'; break;
		case 'x': out[n++] = (char)strtol((char[]){p[1], p[2], 0}, NULL, 16), p += 2; break;
		default: out[n++] = *p; break;
		}
	}
	out[n] = '\0';
	return n;
}

static struct sl_reqfile *parse_str(const char *s, size_t len)
{
	struct sl_reqfile *rf = NULL;
	struct sl_err err;

	if (sl_reqfile_parse(s, len, "r.txt", &rf, &err) != 0) {
		CHECK(0, "parse failed: %s", err.msg);
		return NULL;
	}
	return rf;
}

static char *render(const struct sl_reqfile *rf, size_t *len)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_reqfile_render(rf, &b);
	return sl_buf_detach(&b, len);
}

static const char *opt_string(const struct sl_reqfile_entry *e, struct sl_buf *b)
{
	sl_buf_reset(b);
	for (size_t i = 0; i < e->nopts; i++)
		sl_buf_addf(b, "%s%s%s%s", i ? " " : "", e->opts[i].name,
			    e->opts[i].value ? "=" : "", e->opts[i].value ? e->opts[i].value : "");
	return b->len ? b->buf : NULL;
}

static const char *env_string(const struct sl_reqfile_entry *e, struct sl_buf *b)
{
	sl_buf_reset(b);
	for (size_t i = 0; i < e->nenv; i++)
		sl_buf_addf(b, "%s%s", i ? "," : "", e->env[i]);
	return b->len ? b->buf : NULL;
}

static const char *opt_field(char *f)
{
	return f[0] ? f : NULL;
}

static void line_case(char **f, int n, int lineno)
{
	char in[4096], want[10][1024];
	size_t len;
	struct sl_reqfile *rf;
	struct sl_buf b = SL_BUF_INIT;
	char ctx[64];

	if (n != 10) {
		CHECK(0, "reqfile_lines.data:%d: %d fields", lineno, n);
		return;
	}
	len = unescape(f[0], in);
	for (int i = 1; i < 10; i++)
		unescape(f[i], want[i]);
	snprintf(ctx, sizeof(ctx), "reqfile_lines.data:%d", lineno);
	rf = parse_str(in, len);
	if (!rf)
		return;
	CHECK(rf->nentries == strtoul(want[1], NULL, 10), "%s: %zu entries", ctx, rf->nentries);
	if (rf->nentries) {
		const struct sl_reqfile_entry *e = &rf->entries[0];
		CHECK_STR(sl_reqline_kind_name(e->kind), want[2], ctx);
		CHECK_STR(e->name, opt_field(want[3]), ctx);
		CHECK_STR(e->url, opt_field(want[4]), ctx);
		CHECK_STR(e->req_text, opt_field(want[5]), ctx);
		CHECK_STR(opt_string(e, &b), opt_field(want[6]), ctx);
		CHECK_STR(e->comment, opt_field(want[7]), ctx);
		CHECK_STR(env_string(e, &b), opt_field(want[8]), ctx);
		if (want[9][0])
			CHECK(e->warning && strstr(e->warning, want[9]), "%s: warning '%s'", ctx,
			      e->warning ? e->warning : "(none)");
		else
			CHECK(e->warning == NULL, "%s: unexpected warning '%s'", ctx, e->warning);
	}
	{
		size_t out_len;
		char *out = render(rf, &out_len);
		CHECK(out_len == len && memcmp(out, in, len) == 0, "%s: round trip", ctx);
		free(out);
	}
	sl_buf_release(&b);
	sl_reqfile_free(rf);
}

static int read_fixture(const char *name, struct sl_buf *b)
{
	struct sl_err err;
	char *path = sl_xasprintf(FIXDIR "%s", name);
	int rc = sl_file_read(path, 1 << 20, b, &err);

	free(path);
	return rc;
}

/* Every fixture: parse, render, compare bytes. */
static void test_fixture_roundtrip(void)
{
	DIR *d = opendir(FIXDIR);
	struct dirent *de;
	int files = 0;

	CHECK(d != NULL, "open " FIXDIR);
	while (d && (de = readdir(d)) != NULL) {
		struct sl_buf in = SL_BUF_INIT;
		struct sl_reqfile *rf;
		size_t len;
		char *out;

		if (de->d_name[0] == '.')
			continue;
		files++;
		CHECK(read_fixture(de->d_name, &in) == 0, "read %s", de->d_name);
		rf = parse_str(in.buf, in.len);
		if (rf) {
			out = render(rf, &len);
			CHECK(len == in.len && memcmp(out, in.buf, len) == 0, "%s round trips",
			      de->d_name);
			CHECK(rf->nwarnings == 0, "%s: no warnings (%s)", de->d_name,
			      rf->nwarnings ? rf->warnings[0] : "");
			free(out);
			sl_reqfile_free(rf);
		}
		sl_buf_release(&in);
	}
	if (d)
		closedir(d);
	CHECK(files == 15, "all 15 fixtures seen (%d)", files);
}

/* reqfile_fixtures.data: file, line, kind, name, url for each entry. */
static char cur_file[256];
static struct sl_reqfile *cur_rf;
static size_t cur_idx;

static void finish_file(void)
{
	if (cur_rf)
		CHECK(cur_idx == cur_rf->nentries, "%s: %zu entries expected, %zu read", cur_file,
		      cur_idx, cur_rf->nentries);
	sl_reqfile_free(cur_rf);
	cur_rf = NULL;
}

static void fixture_case(char **f, int n, int lineno)
{
	const struct sl_reqfile_entry *e;
	char ctx[320];

	if (n != 5) {
		CHECK(0, "reqfile_fixtures.data:%d: %d fields", lineno, n);
		return;
	}
	if (strcmp(cur_file, f[0]) != 0) {
		struct sl_buf in = SL_BUF_INIT;
		finish_file();
		snprintf(cur_file, sizeof(cur_file), "%s", f[0]);
		read_fixture(f[0], &in);
		cur_rf = parse_str(in.buf, in.len);
		cur_idx = 0;
		sl_buf_release(&in);
	}
	snprintf(ctx, sizeof(ctx), "%s:%s", f[0], f[1]);
	if (!cur_rf || cur_idx >= cur_rf->nentries) {
		CHECK(0, "%s: no such entry", ctx);
		return;
	}
	e = &cur_rf->entries[cur_idx++];
	CHECK(e->line == strtoul(f[1], NULL, 10), "%s: line %lu", ctx, e->line);
	CHECK_STR(sl_reqline_kind_name(e->kind), f[2], ctx);
	CHECK_STR(e->name, opt_field(f[3]), ctx);
	CHECK_STR(e->url, opt_field(f[4]), ctx);
}

/* Replaces the first occurrence of from by to in s (a new string). */
static char *subst(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	struct sl_buf b = SL_BUF_INIT;

	if (!at)
		return sl_xstrdup("(pattern not found)");
	sl_buf_add(&b, s, (size_t)(at - s));
	sl_buf_addstr(&b, to);
	sl_buf_addstr(&b, at + strlen(from));
	return sl_buf_detach(&b, NULL);
}

static void expect_bytes(const struct sl_reqfile *rf, const char *want, size_t want_len,
			 const char *what)
{
	size_t len;
	char *got = render(rf, &len);

	CHECK(len == want_len && memcmp(got, want, len) == 0, "%s: got '%.*s'", what, (int)len,
	      got);
	free(got);
}

#define EXPECT(rf, s, what) expect_bytes(rf, s, strlen(s), what)

/* Parses s, replaces the entry of project name with text, checks bytes. */
static void replace_case(const char *s, const char *name, const char *text, const char *want)
{
	struct sl_reqfile *rf = parse_str(s, strlen(s));
	struct sl_err err;
	long i;

	if (!rf)
		return;
	i = sl_reqfile_find(rf, name, 0);
	CHECK(i >= 0, "find %s in '%s'", name, s);
	if (i >= 0) {
		int rc = sl_reqfile_replace(rf, (size_t)i, text, &err);
		CHECK(rc == 0, "replace %s with %s: %s", name, text, rc ? err.msg : "");
	}
	EXPECT(rf, want, text);
	sl_reqfile_free(rf);
}

static void test_replace_fixture(void)
{
	struct sl_buf in = SL_BUF_INIT;
	struct sl_reqfile *rf;
	struct sl_err err;
	char *want;
	long i;

	read_fixture("comments-cpu-local-version.requirements.txt", &in);
	rf = parse_str(in.buf, in.len);
	i = sl_reqfile_find(rf, "TORCH", 0);
	CHECK(i == 8, "torch is entry 8 (%ld)", i);
	CHECK(sl_reqfile_replace(rf, (size_t)i, "torch==2.13.1+cpu", &err) == 0, "replace torch");
	want = subst(in.buf, "torch==2.13.0+cpu", "torch==2.13.1+cpu");
	EXPECT(rf, want, "local version re-pinned, every other byte kept");
	CHECK(rf->entries[i].line == 9 && strcmp(rf->entries[i].name, "torch") == 0,
	      "entry re-read after the edit");
	free(want);
	sl_reqfile_free(rf);
	sl_buf_reset(&in);

	read_fixture("gitplus-branch-egg-fragment.requirements.txt", &in);
	rf = parse_str(in.buf, in.len);
	i = sl_reqfile_find(rf, "transformers", 0);
	CHECK(sl_reqfile_replace(rf, (size_t)i, "transformers==4.40.0", &err) == 0,
	      "VCS line re-pinned to a release: %s", err.msg);
	want = subst(in.buf,
		     "git+https://github.com/nielsrogge/transformers.git@add_dpt_redesign"
		     "#egg=transformers",
		     "transformers==4.40.0");
	EXPECT(rf, want, "VCS line replaced");
	CHECK(rf->entries[i].kind == SL_REQLINE_REQUIREMENT, "now a plain requirement");
	free(want);
	sl_reqfile_free(rf);
	sl_buf_release(&in);
}

static void test_utf16_edits(void)
{
	struct sl_buf in = SL_BUF_INIT, want = SL_BUF_INIT;
	struct sl_textenc_info le = {SL_TEXTENC_UTF16LE, true};
	struct sl_reqfile *rf;
	struct sl_err err;
	const char *t1 = "flask\r\nprophet==1.1.5\r\nyfinance";
	const char *t2 = "flask\r\nprophet==1.1.5\r\nyfinance\r\nnumpy<2\r\n";
	const char *t3 = "prophet==1.1.5\r\nyfinance\r\nnumpy<2\r\n";

	read_fixture("utf16le-bom-crlf.requirements.txt", &in);
	rf = parse_str(in.buf, in.len);
	CHECK(rf->enc.enc == SL_TEXTENC_UTF16LE && rf->eol == SL_EOL_CRLF && !rf->final_newline,
	      "utf-16le, crlf, no final newline");
	CHECK(sl_reqfile_replace(rf, 1, "prophet==1.1.5", &err) == 0, "replace in utf-16");
	sl_textenc_encode(t1, strlen(t1), &le, &want);
	expect_bytes(rf, want.buf, want.len, "utf-16 replace re-encoded");
	CHECK(sl_reqfile_append(rf, "numpy<2", &err) == 0, "append to utf-16");
	sl_buf_reset(&want);
	sl_textenc_encode(t2, strlen(t2), &le, &want);
	expect_bytes(rf, want.buf, want.len, "utf-16 append adds CRLF to the old last line");
	CHECK(rf->final_newline && rf->nentries == 4, "now ends with a newline");
	CHECK(sl_reqfile_remove(rf, 0, &err) == 0, "remove flask");
	sl_buf_reset(&want);
	sl_textenc_encode(t3, strlen(t3), &le, &want);
	expect_bytes(rf, want.buf, want.len, "utf-16 remove");
	CHECK(rf->entries[0].line == 1 && rf->entries[2].line == 3, "lines renumbered");
	sl_reqfile_free(rf);
	sl_buf_release(&in);
	sl_buf_release(&want);
}

static void append_case(const char *s, const char *text, const char *want)
{
	struct sl_reqfile *rf = parse_str(s, strlen(s));
	struct sl_err err;
	int rc;

	if (!rf)
		return;
	rc = sl_reqfile_append(rf, text, &err);
	CHECK(rc == 0, "append %s: %s", text, rc ? err.msg : "");
	EXPECT(rf, want, want);
	CHECK(rf->nentries && rf->entries[rf->nentries - 1].req_text &&
		  strcmp(rf->entries[rf->nentries - 1].req_text, text) == 0,
	      "appended entry is last");
	sl_reqfile_free(rf);
}

static void test_bad_replace(void)
{
	static const char *const bad[] = {
	    "foo\nbar", "foo # c", "foo --pre", "-e x",	    "foo \\", "",
	    " foo",	"foo==",   "foo\tbar",	"#egg=foo", "foo\xff"};
	const char *s = "a==1\nfoo==1.0 --hash=sha256:aa # c\n";
	struct sl_reqfile *rf = parse_str(s, strlen(s));
	struct sl_err err;

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		CHECK(sl_reqfile_replace(rf, 1, bad[k], &err) == SL_EINVAL, "'%s' refused", bad[k]);
	CHECK(sl_reqfile_replace(rf, 9, "x", &err) == SL_EINVAL, "index out of range");
	CHECK(sl_reqfile_append(rf, "x # c", &err) == SL_EINVAL, "append refuses a comment");
	CHECK(sl_reqfile_append(rf, "--pre", &err) == SL_EINVAL, "append refuses an option");
	CHECK(sl_reqfile_remove(rf, 2, &err) == SL_EINVAL, "remove out of range");
	EXPECT(rf, s, "refused edits change nothing");
	sl_reqfile_free(rf);
	s = "# only a comment\n--pre\n";
	rf = parse_str(s, strlen(s));
	CHECK(sl_reqfile_replace(rf, 0, "foo", &err) == SL_EINVAL, "a comment is not replaced");
	CHECK(sl_reqfile_replace(rf, 1, "foo", &err) == SL_EINVAL, "an option is not replaced");
	sl_reqfile_free(rf);
}

/* Removing the line between "a\r" and "\n" joins the two breaks into one
 * CRLF: the entries are read again so they still match the bytes. */
static void test_remove_rejoin(void)
{
	struct sl_reqfile *rf = parse_str("a\rb\n\nc\n", 7);
	struct sl_err err;

	CHECK(rf && rf->nentries == 4, "four entries");
	CHECK(sl_reqfile_remove(rf, 1, &err) == 0, "remove b");
	EXPECT(rf, "a\r\nc\n", "bytes after remove");
	CHECK(rf->nentries == 2 && rf->entries[0].raw_len == 3 && rf->entries[1].line == 2,
	      "a and the blank line are one CRLF line now (%zu entries)", rf->nentries);
	sl_reqfile_free(rf);
}

static void test_warnings_and_files(void)
{
	const char *s = "foo\n--bogus\nbar==\n";
	struct sl_reqfile *rf = parse_str(s, strlen(s));
	struct sl_err err;
	char dir[] = "/tmp/sl-reqfile-XXXXXX";
	char *path;

	CHECK(rf->nwarnings == 2, "two warnings (%zu)", rf->nwarnings);
	CHECK_STR(rf->warnings[0], "r.txt:2: no such option: --bogus", "warning has file:line");
	CHECK(rf->nwarnings > 1 &&
		  strncmp(rf->warnings[1], "r.txt:3: invalid requirement 'bar=='", 36) == 0,
	      "second warning: %s", rf->nwarnings > 1 ? rf->warnings[1] : "");
	sl_reqfile_remove(rf, 0, &err);
	CHECK_STR(rf->warnings[0], "r.txt:1: no such option: --bogus", "renumbered after remove");
	sl_reqfile_free(rf);
	rf = parse_str("foo\n# coding=cp1252\n\xe9\n", 22);
	CHECK(rf && rf->nwarnings == 2 &&
		  strcmp(rf->warnings[0], "r.txt:2: declares encoding 'cp1252', which pip "
					  "would use; read as UTF-8") == 0,
	      "PEP 263 declaration reported: %s", rf && rf->nwarnings ? rf->warnings[0] : "");
	sl_reqfile_free(rf);
	rf = parse_str("--bogus\nbar==\n", 14);
	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	path = sl_xasprintf("%s/requirements.txt", dir);
	CHECK(sl_reqfile_write(rf, path, &err) == 0, "write: %s", err.msg);
	sl_reqfile_free(rf);
	CHECK(sl_reqfile_load(path, &rf, &err) == 0, "load: %s", err.msg);
	EXPECT(rf, "--bogus\nbar==\n", "written bytes");
	CHECK_STR(rf->label, path, "label is the path");
	sl_reqfile_free(rf);
	remove(path);
	remove(dir);
	CHECK(sl_reqfile_load(path, &rf, &err) == SL_EIO, "missing file is SL_EIO");
	free(path);
}

static void test_edits(void)
{
	test_replace_fixture();
	test_utf16_edits();
	replace_case("# top\nfoo==1.0 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\nbar\n",
		     "foo", "foo==1.1",
		     "# top\nfoo==1.1 \\\n    --hash=sha256:aa \\\n    --hash=sha256:bb\nbar\n");
	replace_case("a\r\n  foo==1.0 ; python_version < \"3.11\"  # keep\r\nb\r\n", "foo",
		     "foo==2.0", "a\r\n  foo==2.0 ; python_version < \"3.11\"  # keep\r\nb\r\n");
	replace_case("foo==1.0 ; python_version < \"3.11\"  # keep\n", "foo",
		     "foo==3.0; sys_platform == 'linux'",
		     "foo==3.0; sys_platform == 'linux'  # keep\n");
	replace_case("x @ git+https://h/x@abc ; python_version>'3'\n", "x",
		     "x @ git+https://h/x@def", "x @ git+https://h/x@def ; python_version>'3'\n");
	replace_case("-e git+https://h/r.git#egg=r  # dev\n", "r", "git+https://h/r.git@v2#egg=r",
		     "-e git+https://h/r.git@v2#egg=r  # dev\n");
	replace_case("fo\\\no==1 # split name\n", "foo", "foo==2", "foo==2 # split name\n");
	replace_case("foo @ https://x/foo-1.0.tar.gz;python_version>\"3\"\n", "foo", "foo==2",
		     "foo==2;python_version>\"3\"\n");
	replace_case("foo==${V}\n", "foo", "foo==1.0", "foo==1.0\n");
	append_case("transformers\nscipy\naccelerate", "gradio==4.44.1",
		    "transformers\nscipy\naccelerate\ngradio==4.44.1\n");
	append_case("foo \\", "bar", "foo \\\n\nbar\n");
	append_case("foo \\\n", "bar", "foo \\\n\nbar\n");
	append_case("a\nfoo \\\r", "bar", "a\nfoo \\\r\rbar\n");
	append_case("", "bar", "bar\n");
	append_case("\xef\xbb\xbf", "bar",
		    "\xef\xbb\xbf"
		    "bar\n");
	append_case("a\rb\r", "c", "a\rb\rc\r");
	append_case("a\r\nb\nc\r\n", "d", "a\r\nb\nc\r\nd\r\n");
	append_case("# c", "git+https://h/r.git#egg=r", "# c\ngit+https://h/r.git#egg=r\n");
	test_bad_replace();
	test_remove_rejoin();
	test_warnings_and_files();
}

static void roundtrip_case(const char *s, size_t len, const char *what)
{
	struct sl_reqfile *rf = parse_str(s, len);

	if (rf)
		expect_bytes(rf, s, len, what);
	sl_reqfile_free(rf);
}

/* Many options, ${VAR}s and warnings: linear, and the names capped. */
static void test_big_counts(void)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_reqfile *rf;

	sl_buf_addstr(&b, "foo==1");
	for (int i = 0; i < 60000; i++)
		sl_buf_addstr(&b, " --hash=sha256:a");
	rf = parse_str(b.buf, b.len);
	CHECK(rf && rf->entries[0].nopts == 60000, "60000 --hash options read");
	sl_reqfile_free(rf);
	sl_buf_reset(&b);
	sl_buf_addstr(&b, "git+https://h/x.git#egg=x");
	for (int i = 0; i < 100000; i++)
		sl_buf_addf(&b, "${V%d}", i);
	rf = parse_str(b.buf, b.len);
	CHECK(rf && rf->entries[0].nenv == SL_REQFILE_MAX_ENV &&
		  strcmp(rf->entries[0].env[63], "V63") == 0,
	      "100000 distinct ${VAR}s: the first %d listed", SL_REQFILE_MAX_ENV);
	sl_reqfile_free(rf);
	sl_buf_reset(&b);
	for (int i = 0; i < 200000; i++)
		sl_buf_addstr(&b, "--bogus\n");
	rf = parse_str(b.buf, b.len);
	CHECK(rf && rf->nwarnings == 200000 &&
		  strcmp(rf->warnings[199999], "r.txt:200000: no such option: --bogus") == 0,
	      "200000 warnings with their lines");
	sl_reqfile_free(rf);
	sl_buf_release(&b);
}

static void test_big(void)
{
	size_t n = 1 << 20;
	char *s = sl_xmalloc(3 * n + 16);
	struct sl_reqfile *rf;

	memset(s, 'a', n);
	memcpy(s + n, "==1.0 # ", 8);
	memset(s + n + 8, 'c', n);
	roundtrip_case(s, 2 * n + 8, "1 MB name and 1 MB comment");
	for (size_t i = 0; i < n; i += 3)
		memcpy(s + i, "a\\\n", 3);
	rf = parse_str(s, n - n % 3);
	CHECK(rf && rf->nentries == 1 && rf->entries[0].nlines == n / 3,
	      "350k continuation lines are one entry");
	sl_reqfile_free(rf);
	roundtrip_case(s, n - n % 3, "continuations round trip");
	free(s);
	test_big_counts();
}

static void test_hostile(void)
{
	static const char bad_utf8[] = "foo==1.0 \xff\n# caf\xe9\nbar\n";
	struct sl_reqfile *rf = NULL;
	struct sl_err err;

	rf = parse_str("foo\0bar\nbaz\n", 12);
	CHECK(rf && rf->entries[0].kind == SL_REQLINE_UNKNOWN && strstr(rf->warnings[0], "NUL"),
	      "NUL byte: unknown line");
	expect_bytes(rf, "foo\0bar\nbaz\n", 12, "NUL round trip");
	sl_reqfile_free(rf);
	rf = parse_str(bad_utf8, sizeof(bad_utf8) - 1);
	CHECK(rf && rf->entries[0].kind == SL_REQLINE_UNKNOWN &&
		  rf->entries[1].kind == SL_REQLINE_COMMENT && rf->nwarnings == 2 &&
		  strstr(rf->warnings[1], "r.txt:2: not valid UTF-8"),
	      "invalid UTF-8 reported per line");
	expect_bytes(rf, bad_utf8, sizeof(bad_utf8) - 1, "invalid UTF-8 round trip");
	sl_reqfile_free(rf);
	CHECK(sl_reqfile_parse("\xff\xfe"
			       "f\0o",
			       5, "odd.txt", &rf, &err) == SL_EPARSE &&
		  strstr(err.msg, "'odd.txt': utf-16 text has an odd number of bytes"),
	      "odd-length UTF-16 refused: %s", err.msg);
	CHECK(sl_reqfile_parse("\xff\xfe\0\0f\0\0\0", 8, "u32.txt", &rf, &err) == SL_EPARSE,
	      "UTF-32 refused");
	rf = parse_str("\xff\xfe"
		       "a\0\0\xd8\n\0",
		       8);
	CHECK(rf && rf->entries[0].kind == SL_REQLINE_UNKNOWN, "lone surrogate: unknown line");
	expect_bytes(rf,
		     "\xff\xfe"
		     "a\0\0\xd8\n\0",
		     8, "lone surrogate round trip");
	sl_reqfile_free(rf);
	rf = parse_str("\xfe\xff\0f\0o\0o\0\n\xd8\x3d\xde\x00", 14);
	CHECK(rf && rf->enc.enc == SL_TEXTENC_UTF16BE && rf->nentries == 2 &&
		  strcmp(rf->entries[0].name, "foo") == 0,
	      "UTF-16BE read");
	expect_bytes(rf, "\xfe\xff\0f\0o\0o\0\n\xd8\x3d\xde\x00", 14, "UTF-16BE round trip");
	sl_reqfile_free(rf);
	rf = parse_str("\xef\xbb\xbf"
		       "foo\r\n",
		       8);
	CHECK(rf && rf->enc.bom && rf->eol == SL_EOL_CRLF && rf->final_newline &&
		  strcmp(rf->entries[0].name, "foo") == 0,
	      "UTF-8 BOM kept aside");
	expect_bytes(rf,
		     "\xef\xbb\xbf"
		     "foo\r\n",
		     8, "UTF-8 BOM round trip");
	sl_reqfile_free(rf);
	rf = parse_str("a\r\nb\nc\r\n", 8);
	CHECK(rf && rf->eol == SL_EOL_CRLF && rf->mixed_eol, "mixed endings: CRLF dominates");
	sl_reqfile_free(rf);
	roundtrip_case("foo\n\\", 5, "lone backslash at EOF");
	roundtrip_case("\\", 1, "only a backslash");
	roundtrip_case("\r\r\n\n\r", 5, "only line breaks");
	test_big();
}

/* t_reqfile --dump FILE...: one JSON line per entry with a logical text,
 * [line, kind, text, requirement text], for tests/scripts/reqfile_vs_pip.sh
 * to compare with pip's own preprocessing of the same bytes. */
static int dump(int argc, char **argv)
{
	for (int a = 2; a < argc; a++) {
		struct sl_buf in = SL_BUF_INIT, out = SL_BUF_INIT;
		struct sl_reqfile *rf = NULL;
		struct sl_err err;

		printf("# %s\n", argv[a]);
		if (sl_file_read(argv[a], 1 << 24, &in, &err) == 0 &&
		    sl_reqfile_parse(in.buf, in.len, argv[a], &rf, &err) == 0) {
			for (size_t i = 0; i < rf->nentries; i++) {
				const struct sl_reqfile_entry *e = &rf->entries[i];
				if (!e->text[0])
					continue;
				sl_buf_reset(&out);
				sl_buf_addf(&out, "[%lu, \"%s\", ", e->line,
					    sl_reqline_kind_name(e->kind));
				sl_json_add_string(&out, e->text, strlen(e->text));
				sl_buf_addstr(&out, ", ");
				if (e->req_text)
					sl_json_add_string(&out, e->req_text, strlen(e->req_text));
				else
					sl_buf_addstr(&out, "null");
				printf("%s]\n", out.buf);
			}
		} else {
			printf("error\n");
		}
		sl_reqfile_free(rf);
		sl_buf_release(&in);
		sl_buf_release(&out);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "--dump") == 0)
		return dump(argc, argv);
	t_each_case(T_DATA("reqfile_lines.data"), line_case);
	test_fixture_roundtrip();
	t_each_case(T_DATA("reqfile_fixtures.data"), fixture_case);
	finish_file();
	test_edits();
	test_hostile();
	return t_done();
}
