/* t_datafile.c: the embedded data files are byte-for-byte the files in
 * data/, and the reader of their "key: value" paragraphs, errors included. */
#include <dirent.h>

#include "spacelock/datafile.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "test.h"

/* Every data/NAME.txt is embedded unchanged (the Makefile regenerated it). */
static void test_embedded_equal_files(void)
{
	DIR *d = opendir("data");
	struct dirent *e;
	size_t files = 0, embedded = 0;

	CHECK(d != NULL, "data/ exists");
	while (d && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		const struct sl_datafile *f;
		struct sl_buf b = SL_BUF_INIT;
		struct sl_err err = {0};
		char *path;

		if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		files++;
		path = sl_xasprintf("data/%s", e->d_name);
		f = sl_datafile_find(e->d_name);
		CHECK(f != NULL, "%s is embedded", path);
		CHECK(sl_file_read(path, 1 << 20, &b, &err) == 0, "%s reads: %s", path, err.msg);
		CHECK(f && f->len == b.len && memcmp(f->text, b.buf, b.len) == 0,
		      "%s: the embedded copy is the file (rebuild after editing it)", path);
		sl_buf_release(&b);
		free(path);
	}
	if (d)
		closedir(d);
	for (const struct sl_datafile *f = sl_datafiles; f->name; f++)
		embedded++;
	CHECK(files >= 2 && files == embedded, "%zu files, %zu embedded", files, embedded);
	CHECK(sl_datafile_find("nonexistent.txt") == NULL, "unknown name");
}

static void test_parse(void)
{
	const char *text = "# comment\n"
			   "\n"
			   "package: numpy\r\n"
			   "why:   first part  \n"
			   "  and more\n"
			   "source: a\n"
			   "source: b\n"
			   "   \t\n"
			   "# between\n"
			   "package: torch\n"
			   "\n\n";
	struct sl_stanzas s;
	struct sl_err err = {0};

	CHECK(sl_stanzas_parse("t.txt", text, strlen(text), &s, &err) == 0, "parses: %s", err.msg);
	CHECK(s.n == 2, "two stanzas (%zu)", s.n);
	if (s.n == 2) {
		CHECK(s.v[0].n == 4 && s.v[0].line == 3, "four fields from line 3");
		CHECK_STR(sl_stanza_get(&s.v[0], "package"), "numpy", "CR dropped");
		CHECK_STR(sl_stanza_get(&s.v[0], "why"), "first part and more", "continuation");
		CHECK_STR(sl_stanza_get(&s.v[0], "source"), "a", "the first of a repeated key");
		CHECK_STR(s.v[0].fields[3].value, "b", "repeats kept in order");
		CHECK(s.v[1].line == 10 && sl_stanza_get(&s.v[1], "why") == NULL, "second stanza");
	}
	sl_stanzas_release(&s);
	CHECK(sl_stanzas_parse("t.txt", "", 0, &s, &err) == 0 && s.n == 0, "empty: no stanza");
	sl_stanzas_release(&s);
}

static void bad(const char *text, size_t len, int code, const char *msg)
{
	struct sl_stanzas s;
	struct sl_err err = {0};
	int rc = sl_stanzas_parse("t.txt", text, len, &s, &err);

	CHECK(rc == code && strcmp(err.msg, msg) == 0, "'%s': got %d '%s', want '%s'", text, rc,
	      err.msg, msg);
	CHECK(s.n == 0 && s.v == NULL, "nothing kept after an error");
}

static void test_errors(void)
{
	static char big[SL_DATAFILE_MAX_BYTES + 1];
	static const char *const known[] = {"package", "why", NULL};
	static const char *const required[] = {"package", "source", NULL};
	struct sl_stanzas s;
	struct sl_err err = {0};

	bad("a: 1\nnot a field\n", 16, SL_EPARSE, "t.txt:2: expected 'key: value'");
	bad("Key: x\n", 7, SL_EPARSE, "t.txt:1: expected 'key: value'");
	bad(": x\n", 4, SL_EPARSE, "t.txt:1: expected 'key: value'");
	bad("\n continued\n", 12, SL_EPARSE, "t.txt:2: a continuation line with no field above");
	bad("a: 1\n\n b\n", 9, SL_EPARSE, "t.txt:3: a continuation line with no field above");
	bad("why:   \n", 8, SL_EPARSE, "t.txt:1: 'why' has no value");
	bad("a: x\0y\n", 7, SL_EPARSE, "t.txt:1: a NUL byte");
	memset(big, 'a', sizeof(big));
	bad(big, sizeof(big), SL_ELIMIT, "t.txt: over 1048576 bytes");

	CHECK(sl_stanzas_parse("t.txt", "package: x\nwhen: any\n", 21, &s, &err) == 0, "parses");
	CHECK(sl_stanza_check("t.txt", &s.v[0], known, required, &err) == SL_EPARSE &&
		  strcmp(err.msg, "t.txt:2: unknown key 'when'") == 0,
	      "unknown key: %s", err.msg);
	sl_stanzas_release(&s);
	CHECK(sl_stanzas_parse("t.txt", "\npackage: x\nwhy: y\n", 19, &s, &err) == 0, "parses");
	CHECK(sl_stanza_check("t.txt", &s.v[0], known, required, &err) == SL_EPARSE &&
		  strcmp(err.msg, "t.txt:2: missing 'source'") == 0,
	      "missing key at the stanza's line: %s", err.msg);
	sl_stanzas_release(&s);
}

int main(void)
{
	test_embedded_equal_files();
	test_parse();
	test_errors();
	return t_done();
}
