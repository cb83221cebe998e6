/* t_apply.c: card_edit, reqfile's pin edits, udiff and the apply result on
 * locks built in memory: the cases the real samples do not show. */
#include "../common/apply_fixture.h"
#include "spacelock/apply.h"
#include "spacelock/card_edit.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "spacelock/reqfile.h"
#include "spacelock/udiff.h"
#include "test.h"

/* card_edit: in -> out for key=value, or an error code */
static void card_case(const char *in, const char *key, const char *value, unsigned flags,
		      const char *want, int want_rc)
{
	static const char *const after[] = {"sdk", "sdk_version", NULL};
	struct sl_buf doc = SL_BUF_INIT;
	struct sl_card_edit_info info;
	struct sl_err err = {0};
	int rc;

	sl_buf_addstr(&doc, in);
	rc = sl_card_edit_set(&doc, "README.md", key, value, flags, after, &info, &err);
	CHECK(rc == want_rc, "%s=%s: rc %d, want %d (%s)", key, value, rc, want_rc, err.msg);
	if (rc == 0)
		CHECK_STR(doc.buf, want, key);
	else
		CHECK_STR(doc.buf, in, "unchanged after an error");
	sl_card_edit_info_release(&info);
	sl_buf_release(&doc);
}

static void test_card_edit(void)
{
	const unsigned Q = SL_CARD_EDIT_QUOTE;

	card_case("---\nsdk: gradio\nsdk_version: 4.31.0 # pinned\n---\nbody\n", "sdk_version",
		  "4.40.0", Q, "---\nsdk: gradio\nsdk_version: \"4.40.0\" # pinned\n---\nbody\n",
		  0);
	/* an unambiguous string that already says it stays */
	card_case("---\nsdk_version: 4.31.0\n---\n", "sdk_version", "4.31.0", Q,
		  "---\nsdk_version: 4.31.0\n---\n", 0);
	/* a bare 3.10 is the float 3.1: quoted even though it "says" 3.10 */
	card_case("---\npython_version: 3.10\n---\n", "python_version", "3.10", Q,
		  "---\npython_version: \"3.10\"\n---\n", 0);
	card_case("---\npython_version: '3.9'\n---\n", "python_version", "3.10", Q,
		  "---\npython_version: '3.10'\n---\n", 0);
	/* missing: after its sibling, in the card's indentation and CRLF */
	card_case("---\r\n  title: x\r\n  sdk: gradio\r\n  pinned: true\r\n---\r\n", "sdk_version",
		  "5.0", Q,
		  "---\r\n  title: x\r\n  sdk: gradio\r\n  sdk_version: \"5.0\"\r\n  pinned: "
		  "true\r\n---\r\n",
		  0);
	/* no sibling: at the end of the front matter */
	card_case("---\ntitle: x\n---\n", "sdk", "gradio", 0, "---\ntitle: x\nsdk: gradio\n---\n",
		  0);
	/* after a block list */
	card_case("---\nsdk:\n  - a\n  - b\nx: 1\n---\n", "sdk", "gradio", 0, "", SL_EINVAL);
	card_case("---\ntags:\n  - a\nsdk: gradio\nx: 1\n---\n", "sdk_version", "1.0", Q,
		  "---\ntags:\n  - a\nsdk: gradio\nsdk_version: \"1.0\"\nx: 1\n---\n", 0);
	/* an empty (null) value gets one */
	card_case("---\nsdk_version:\ntitle: t\n---\n", "sdk_version", "1.0", Q,
		  "---\nsdk_version: \"1.0\"\ntitle: t\n---\n", 0);
	card_case("---\n{title: x}\n---\n", "sdk", "gradio", 0, "", SL_EINVAL);
	card_case("---\ntitle: [x\n---\n", "sdk", "gradio", 0, "", SL_EPARSE);
	/* values that need quoting even without the flag */
	card_case("---\nsdk: x\n---\n", "sdk", "yes", 0, "---\nsdk: \"yes\"\n---\n", 0);
	card_case("---\nsdk: x\n---\n", "sdk", "a\"b", 0, "---\nsdk: \"a\\\"b\"\n---\n", 0);
	CHECK(!sl_card_has_front_matter("# x\n", 4), "no front matter");
	CHECK(sl_card_has_front_matter("\xef\xbb\xbf---\r\nx: 1\r\n", 13),
	      "front matter after a BOM");
}

static char *render(const struct sl_reqfile *rf)
{
	struct sl_buf b = SL_BUF_INIT;
	sl_reqfile_render(rf, &b);
	return sl_buf_detach(&b, NULL);
}

static void pin_case(const char *in, const char *version, const char *want)
{
	struct sl_reqfile *rf;
	struct sl_err err = {0};
	char *got;

	if (sl_reqfile_parse(in, strlen(in), "r.txt", &rf, &err) != 0) {
		CHECK(0, "parse %s: %s", in, err.msg);
		return;
	}
	CHECK(sl_reqfile_set_version(rf, 0, version, &err) == 0, "set_version: %s", err.msg);
	got = render(rf);
	CHECK_STR(got, want, in);
	free(got);
	sl_reqfile_free(rf);
}

static void test_set_version(void)
{
	pin_case("pydantic>=2.9\n", "2.13.4", "pydantic==2.13.4\n");
	pin_case("Gradio [oauth, mcp] >= 5 ; python_version >= '3.10'  # ui\n", "5.29.0",
		 "Gradio [oauth, mcp]==5.29.0 ; python_version >= '3.10'  # ui\n");
	pin_case("torch==2.1 --hash=sha256:aa \\\n  --hash=sha256:bb\r\n", "2.2",
		 "torch==2.2 --hash=sha256:aa \\\n  --hash=sha256:bb\r\n");
	pin_case("numpy", "1.26.4", "numpy==1.26.4");
}

static void test_drop_newline(void)
{
	struct sl_reqfile *rf;
	struct sl_err err = {0};
	char *got;

	sl_reqfile_parse("a\r\nb", 4, "r.txt", &rf, &err);
	sl_reqfile_append(rf, "c==1", &err);
	sl_reqfile_drop_final_newline(rf, &err);
	got = render(rf);
	CHECK_STR(got, "a\r\nb\r\nc==1", "CRLF, no final newline kept");
	free(got);
	sl_reqfile_append_comment(rf, "block", &err);
	got = render(rf);
	CHECK_STR(got, "a\r\nb\r\nc==1\r\n# block\r\n", "a comment line");
	free(got);
	sl_reqfile_free(rf);
}

static void udiff_case(const char *a, const char *b, const char *want)
{
	struct sl_buf out = SL_BUF_INIT;

	sl_udiff(a, strlen(a), b, strlen(b), "a/f", "b/f", &out);
	CHECK_STR(out.buf, want, a);
	sl_buf_release(&out);
}

static void test_udiff(void)
{
	udiff_case("x\n", "x\n", "");
	udiff_case("a\nb\nc\n", "a\nB\nc\n", "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
	udiff_case("a", "a\nb",
		   "--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n"
		   "\\ No newline at end of file\n");
	udiff_case("", "a\n", "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n");
	/* two changes far apart: two hunks */
	udiff_case("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "one\n2\n3\n4\n5\n6\n7\n8\n9\nten\n",
		   "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -7,4 +7,4 @@\n 7\n "
		   "8\n 9\n-10\n+ten\n");
}

static const struct sl_apply_change *find_change(const struct sl_apply_result *r, const char *what)
{
	for (size_t i = 0; i < r->n_changes; i++)
		if (strcmp(r->changes[i].what, what) == 0)
			return &r->changes[i];
	return NULL;
}

static void test_compute(void)
{
	struct sl_lock *lock = apply_fixture_lock();
	struct sl_apply_options opts = {SL_APPLY_PIN_ALL, NULL, false, "src.json", NULL, NULL};
	struct sl_apply_result r = {0}, again = {0};
	struct sl_err err = {0};
	const char *req = "git+https://github.com/huggingface/diffusers.git@main#egg=diffusers\n"
			  "numpy<2 ; sys_platform == 'linux'\n"
			  "spaces\n"
			  "moving @ git+https://github.com/x/moving.git@dev\n";
	const struct sl_apply_change *c;

	sl_apply_set_file(&r, SL_APPLY_README, "---\nsdk: gradio\n---\n", 20, 0644);
	sl_apply_set_file(&r, SL_APPLY_REQUIREMENTS, req, strlen(req), 0644);
	sl_apply_set_file(&r, SL_APPLY_PRE_REQUIREMENTS, "torch\n", 6, 0644);
	CHECK(sl_apply_compute(lock, &opts, &r, &err) == 0, "compute: %s", err.msg);
	CHECK_STR(r.files[SL_APPLY_REQUIREMENTS].new_data,
		  "git+https://github.com/huggingface/diffusers.git@"
		  "0123456789abcdef0123456789abcdef01234567#egg=diffusers\n"
		  "numpy==1.26.4 ; sys_platform == 'linux'\n"
		  "spaces\n"
		  "moving @ git+https://github.com/x/moving.git@dev\n",
		  "VCS at the commit, marker kept, spaces and the moving branch left");
	CHECK_STR(r.files[SL_APPLY_PRE_REQUIREMENTS].new_data, "torch==2.4.0\n",
		  "torch pinned in pre-requirements.txt");
	CHECK_STR(r.files[SL_APPLY_README].new_data,
		  "---\nsdk: gradio\nsdk_version: \"4.44.1\"\npython_version: \"3.10\"\n---\n",
		  "card keys added");
	c = find_change(&r, "moving");
	CHECK(c && c->kind == SL_APPLY_UNKNOWN, "a moving branch is reported, not guessed");
	c = find_change(&r, "package 'spaces'");
	CHECK(c && c->kind == SL_APPLY_UNKNOWN && c->line == 3,
	      "unproven spaces listed at its line");
	CHECK(r.partial, "partial");

	/* idempotent: the result applied again changes nothing */
	apply_fixture_reload(&r, &again);
	CHECK(sl_apply_compute(lock, &opts, &again, &err) == 0, "again: %s", err.msg);
	CHECK(!sl_apply_changed(&again), "a second apply changes nothing");
	sl_apply_result_release(&again);
	sl_apply_result_release(&r);
	sl_lock_free(lock);
}

/* A lock of a gradio 4.31.0 Space whose builder step asks for
 * fastapi<0.113.0 (the real step of the repin-history build log), with
 * stored metadata: numpy needs Python >= 3.9, gradio needs pydantic >= 2. */
static struct sl_lock *conflict_lock(const char *fastapi, const char *pydantic)
{
	static const char *const step[] = {"-r requirements.txt", "gradio[oauth]==4.31.0", "spaces",
					   "fastapi<0.113.0"};
	static const char *const gradio_req[] = {"fastapi<1.0", "pydantic>=2.0",
						 "authlib; extra == \"oauth\""};
	struct sl_lock *lock = sl_lock_new();
	struct sl_lock_package *p;

	sl_lock_set(&lock->space.sdk, "gradio");
	sl_lock_set(&lock->space.sdk_version, "4.31.0");
	sl_lock_set(&lock->runtime.python, "3.10");
	for (size_t i = 0; i < sizeof(step) / sizeof(*step); i++)
		sl_lock_strv_add(&lock->runtime.platform_step, &lock->runtime.n_platform_step,
				 step[i]);
	p = sl_lock_add_package(lock, "gradio", "4.31.0");
	p->origin = SL_ORIGIN_PLATFORM;
	sl_lock_package_set_metadata(p, gradio_req, 3, ">=3.8", NULL, 0);
	sl_lock_add_package(lock, "fastapi", fastapi);
	sl_lock_add_package(lock, "pydantic", pydantic);
	p = sl_lock_add_package(lock, "numpy", "2.0.2");
	sl_lock_package_set_metadata(p, NULL, 0, ">=3.9", NULL, 0);
	return lock;
}

/* check_case: apply of "numpy\npydantic\n" with --python python; want
 * NULL: no conflict, else the error names it (a substring). */
static void check_case(struct sl_lock *lock, const char *python, const char *want)
{
	struct sl_apply_options opts = {SL_APPLY_PIN_ALL, python, false, "x.json", NULL, NULL};
	struct sl_apply_result r = {0};
	struct sl_err err = {0};
	const char *card = "---\nsdk: gradio\nsdk_version: 4.31.0\n---\n";
	int rc;

	sl_apply_set_file(&r, SL_APPLY_README, card, strlen(card), 0644);
	sl_apply_set_file(&r, SL_APPLY_REQUIREMENTS, "numpy\npydantic\n", 15, 0644);
	rc = sl_apply_compute(lock, &opts, &r, &err);
	if (!want) {
		CHECK(rc == 0, "no conflict: %s", err.msg);
		CHECK(r.n_checked == 2 && r.n_unchecked == 2, "checked %zu, unchecked %zu",
		      r.n_checked, r.n_unchecked);
	} else {
		CHECK(rc == SL_ECONFLICT, "conflict: rc %d (%s)", rc, err.msg);
		CHECK(strstr(err.msg, want) != NULL, "'%s' in '%s'", want, err.msg);
		CHECK(!sl_apply_changed(&r), "a conflict leaves nothing to write");
	}
	sl_apply_result_release(&r);
	sl_lock_free(lock);
}

static void test_check(void)
{
	check_case(conflict_lock("0.112.4", "2.9.2"), NULL, NULL);
	check_case(conflict_lock("0.115.2", "2.9.2"), NULL,
		   "the builder's pip step installs fastapi<0.113.0, but fastapi 0.115.2 is "
		   "locked");
	check_case(conflict_lock("0.112.4", "1.10.13"), NULL,
		   "gradio 4.31.0 requires pydantic>=2.0, but pydantic 1.10.13 is locked");
	check_case(conflict_lock("0.112.4", "2.9.2"), "3.8",
		   "numpy 2.0.2 requires Python >=3.9, but the card's python_version is 3.8");
	check_case(conflict_lock("0.115.2", "1.10.13"), NULL, "(and 1 more conflict: ");
}

/* An older builder's step ran apart from requirements.txt (the log shows
 * no "-r requirements.txt" in it): pip never weighed the two together. */
static void test_check_separate_step(void)
{
	struct sl_lock *lock = conflict_lock("0.115.2", "2.9.2");

	sl_lock_set(&lock->runtime.platform_step[0], "gradio[oauth]==4.31.0");
	check_case(lock, NULL, NULL);
}

/* requirements in -> out against a lock whose numpy 1.26.4 is inferred
 * (as_of set) or proven (as_of NULL) */
static void inferred_case(const char *in, const char *as_of, const char *want)
{
	struct sl_lock *lock = sl_lock_new();
	struct sl_lock_inferred inf = {(char *)as_of, NULL, (char *)as_of, NULL, false, NULL, 0};
	struct sl_apply_options opts = {SL_APPLY_PIN_DIRECT, NULL, false, "x.json", NULL, NULL};
	struct sl_apply_result r = {0}, again = {0};
	struct sl_err err = {0};
	struct sl_lock_package *p = sl_lock_add_package(lock, "numpy", "1.26.4");

	if (as_of)
		sl_lock_package_set_inferred(p, &inf);
	sl_apply_set_file(&r, SL_APPLY_REQUIREMENTS, in, strlen(in), 0644);
	CHECK(sl_apply_compute(lock, &opts, &r, &err) == 0, "compute: %s", err.msg);
	CHECK_STR(r.files[SL_APPLY_REQUIREMENTS].new_data ? r.files[SL_APPLY_REQUIREMENTS].new_data
							  : in,
		  want, in);
	apply_fixture_reload(&r, &again);
	CHECK(sl_apply_compute(lock, &opts, &again, &err) == 0 && !sl_apply_changed(&again),
	      "marking is idempotent: %s", in);
	sl_apply_result_release(&again);
	sl_apply_result_release(&r);
	sl_lock_free(lock);
}

static void test_inferred_mark(void)
{

	inferred_case("numpy>=1.2  # for plots\n", "2024-03-10",
		      "numpy==1.26.4  # for plots  # inferred as of 2024-03-10\n");
	inferred_case("numpy==1.26.4\r\nx\r\n", "2024-03-10",
		      "numpy==1.26.4  # inferred as of 2024-03-10\r\nx\r\n");
	inferred_case("numpy<2 ; python_version >= '3'", "2024-03-10",
		      "numpy==1.26.4 ; python_version >= '3'  # inferred as of 2024-03-10");
	/* a later date replaces the mark; a proven version drops it */
	inferred_case("numpy==1.26.4  # inferred as of 2023-01-01\n", "2024-03-10",
		      "numpy==1.26.4  # inferred as of 2024-03-10\n");
	inferred_case("numpy==1.26.4  # x  # inferred as of 2023-01-01\n", NULL,
		      "numpy==1.26.4  # x\n");
	/* continuation lines: the mark ends the last one */
	inferred_case("numpy==1.0 \\\n  --hash=sha256:aa\n", "2024-03-10",
		      "numpy==1.26.4 \\\n  --hash=sha256:aa  # inferred as of 2024-03-10\n");
}

int main(void)
{
	test_card_edit();
	test_set_version();
	test_drop_newline();
	test_udiff();
	test_compute();
	test_check();
	test_check_separate_step();
	test_inferred_mark();
	return t_done();
}
