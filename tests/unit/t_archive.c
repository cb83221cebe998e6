/* t_archive.c: METADATA inside real wheels (repacked from installed
 * packages), PKG-INFO inside a real setuptools sdist, hostile archives, and
 * the folder index (tests/fixtures/archives, see make.sh there). */
#include <string.h>

#include "spacelock/archive.h"
#include "spacelock/buf.h"
#include "spacelock/fileio.h"
#include "test.h"

#define AR "tests/fixtures/archives/"

/* Reads path; returns the code and leaves the message in err. */
static int read_meta(const char *path, struct sl_metadata *m, struct sl_err *err)
{
	sl_err_clear(err);
	return sl_archive_read_metadata(path, m, err);
}

static void test_real_wheels(void)
{
	struct sl_metadata m;
	struct sl_err err;

	sl_metadata_init(&m);
	CHECK(read_meta(AR "six-1.17.0-py3-none-any.whl", &m, &err) == 0, "six: %s", err.msg);
	CHECK_STR(m.name, "six", "six name");
	CHECK_STR(m.version, "1.17.0", "six version");
	CHECK_STR(m.requires_python, ">=2.7, !=3.0.*, !=3.1.*, !=3.2.*", "six requires-python");
	CHECK(read_meta(AR "typing_inspect-0.9.0-py3-none-any.whl", &m, &err) == 0, "%s", err.msg);
	CHECK_STR(m.name, "typing-inspect", "name as written in METADATA");
	CHECK(m.n_requires_dist == 3, "three requirements, got %zu", m.n_requires_dist);
	if (m.n_requires_dist == 3)
		CHECK_STR(m.requires_dist[0], "mypy-extensions (>=0.3.0)",
			  "requirement as written");
	CHECK(read_meta(AR "outcome-1.3.0.post0-py3-none-any.whl", &m, &err) == 0, "%s", err.msg);
	CHECK_STR(m.version, "1.3.0.post0", "post release");
	CHECK(!m.requires_dist_unknown, "wheel metadata is static");
	/* a 12 MB description after the header is never decompressed */
	CHECK(read_meta(AR "bigbody-1.0-py3-none-any.whl", &m, &err) == 0, "%s", err.msg);
	sl_metadata_release(&m);
}

static void test_sdists(void)
{
	static const char *const files[] = {AR "tinyvcs-0.3.1.tar.gz", AR "tinyvcs-0.3.1.zip"};
	struct sl_metadata m;
	struct sl_err err;

	sl_metadata_init(&m);
	for (int i = 0; i < 2; i++) {
		CHECK(read_meta(files[i], &m, &err) == 0, "%s: %s", files[i], err.msg);
		CHECK_STR(m.name, "tinyvcs", files[i]);
		CHECK_STR(m.metadata_version, "2.1", files[i]);
		/* setuptools' 2.1 PKG-INFO has no Requires-Dist: requires.txt fills in */
		CHECK(m.n_requires_dist == 3 && !m.requires_dist_unknown, "%s: %zu requirements",
		      files[i], m.n_requires_dist);
		if (m.n_requires_dist == 3)
			CHECK_STR(m.requires_dist[1], "idna ; python_version >= \"3.8\"", files[i]);
	}
	CHECK(read_meta(AR "dot-1.0.tar.gz", &m, &err) == 0, "'./' prefix: %s", err.msg);
	CHECK_STR(m.name, "dot", "dot");
	CHECK(m.n_requires_dist == 1 && !m.requires_dist_unknown, "dot has its Requires-Dist");
	sl_metadata_release(&m);
}

static void test_hostile(void)
{
	static const struct {
		const char *file;
		int code;
		const char *msg;
	} cases[] = {
	    {"tricks-1.0-py3-none-any.whl", SL_ENOTFOUND, "no '*.dist-info/METADATA'"},
	    {"huge-1.0-py3-none-any.whl", SL_ELIMIT,
	     "huge-1.0.dist-info/METADATA: metadata header larger than"},
	    {"nover-1.0-py3-none-any.whl", SL_EPARSE,
	     "nover-1.0-py3-none-any.whl!nover-1.0.dist-info/METADATA: no 'Version'"},
	    {"link-1.0-py3-none-any.whl", SL_ENOTFOUND, "no '*.dist-info/METADATA'"},
	    {"truncated-1.0-py3-none-any.whl", SL_EPARSE,
	     "six-1.17.0.dist-info/METADATA: cannot read"},
	    {"notzip-1.0-py3-none-any.whl", SL_EPARSE, "not a readable archive"},
	    {"deep-1.0.tar.gz", SL_ENOTFOUND, "no '*/PKG-INFO'"},
	    {"escape-1.0.tar.gz", SL_ENOTFOUND, "no '*/PKG-INFO'"},
	    {"missing-1.0.tar.gz", SL_ENOTFOUND, "missing-1.0.tar.gz"},
	    {"make.sh", SL_EINVAL, "not a wheel or sdist"},
	};
	struct sl_metadata m;
	struct sl_err err;

	sl_metadata_init(&m);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[256];
		int rc;
		snprintf(path, sizeof(path), AR "%s", cases[i].file);
		rc = read_meta(path, &m, &err);
		CHECK(rc == cases[i].code, "%s: code %d, want %d (%s)", cases[i].file, rc,
		      cases[i].code, err.msg);
		CHECK(strstr(err.msg, cases[i].msg) != NULL, "%s: message '%s' lacks '%s'",
		      cases[i].file, err.msg, cases[i].msg);
		CHECK(m.name == NULL, "%s: nothing left in m", cases[i].file);
	}
	sl_metadata_release(&m);
}

static void test_memory(void)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_metadata m;
	struct sl_err err = {0};

	sl_metadata_init(&m);
	CHECK(sl_file_read(AR "rfc3339_validator-0.1.4-py3-none-any.whl", 1 << 20, &b, &err) == 0,
	      "%s", err.msg);
	CHECK(sl_archive_read_metadata_mem(b.buf, b.len, SL_ARCHIVE_WHEEL, "mem.whl", &m, &err) ==
		  0,
	      "from memory: %s", err.msg);
	CHECK_STR(m.name, "rfc3339-validator", "memory name");
	CHECK(sl_archive_read_metadata_mem(b.buf, b.len, SL_ARCHIVE_SDIST, "mem.tar.gz", &m,
					   &err) == SL_ENOTFOUND,
	      "a wheel read as an sdist has no PKG-INFO: %s", err.msg);
	CHECK(sl_archive_read_metadata_mem(b.buf, b.len, SL_ARCHIVE_UNKNOWN, "x", &m, &err) ==
		  SL_EINVAL,
	      "unknown kind");
	CHECK(sl_archive_read_metadata_mem("", 0, SL_ARCHIVE_WHEEL, "empty.whl", &m, &err) < 0,
	      "empty input is an error");
	sl_metadata_release(&m);
	sl_buf_release(&b);
}

static void test_kind(void)
{
	CHECK(sl_archive_kind_of("a-1.0-py3-none-any.whl") == SL_ARCHIVE_WHEEL, ".whl");
	CHECK(sl_archive_kind_of("A-1.0-PY3-NONE-ANY.WHL") == SL_ARCHIVE_WHEEL, "case-insensitive");
	CHECK(sl_archive_kind_of("a-1.0.tar.gz") == SL_ARCHIVE_SDIST, ".tar.gz");
	CHECK(sl_archive_kind_of("a-1.0.tgz") == SL_ARCHIVE_SDIST, ".tgz");
	CHECK(sl_archive_kind_of("a-1.0.zip") == SL_ARCHIVE_SDIST, ".zip");
	CHECK(sl_archive_kind_of("a-1.0.tar.bz2") == SL_ARCHIVE_SDIST, ".tar.bz2");
	CHECK(sl_archive_kind_of("a-1.0-py3-none-any.whl.metadata") == SL_ARCHIVE_UNKNOWN,
	      "PEP 658 metadata file");
	CHECK(sl_archive_kind_of(".whl") == SL_ARCHIVE_UNKNOWN, "bare suffix");
	CHECK(sl_archive_kind_of("README.md") == SL_ARCHIVE_UNKNOWN, "other");
}

static void test_index(void)
{
	struct sl_dist_file_list l = SL_DIST_FILE_LIST_INIT;
	struct sl_err err = {0};
	const struct sl_dist_file *f;

	CHECK(sl_archive_index_dir(AR, &l, &err) == 0, "index: %s", err.msg);
	CHECK(l.n == 16, "16 distribution files (make.sh skipped), got %zu", l.n);
	for (size_t i = 1; i < l.n; i++)
		CHECK(strcmp(l.v[i - 1].canonical, l.v[i].canonical) <= 0, "sorted");
	f = sl_dist_file_list_find(&l, "rfc3339-validator", "0.1.4");
	CHECK(f && f->kind == SL_ARCHIVE_WHEEL, "found by canonical name and version");
	if (f) {
		CHECK_STR(f->name, "rfc3339_validator", "name as in the file name");
		CHECK_STR(f->path, AR "/rfc3339_validator-0.1.4-py3-none-any.whl", "path");
	}
	f = sl_dist_file_list_find(&l, "tinyvcs", NULL);
	CHECK(f && strcmp(f->filename, "tinyvcs-0.3.1.tar.gz") == 0, "any version: first file");
	CHECK(sl_dist_file_list_find(&l, "six", "1.16.0") == NULL, "absent version");
	CHECK(sl_dist_file_list_find(&l, "zzz", NULL) == NULL, "absent name");
	sl_dist_file_list_release(&l);
	CHECK(sl_archive_index_dir(AR "nope", &l, &err) == SL_ENOTFOUND, "missing folder");
}

int main(void)
{
	test_real_wheels();
	test_sdists();
	test_hostile();
	test_memory();
	test_kind();
	test_index();
	return t_done();
}
