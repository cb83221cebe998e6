/* t_diff.c: two locks -> what differs, why, in which order; the data
 * files' rules; the three renderers.  Locks are built here so that each
 * case shows one behaviour; tests/cli/diff-*.t run the real examples. */
#include <cJSON.h>

#include "spacelock/diff.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "test.h"

static struct sl_diff_rules *rules;

/* ---- building locks ---- */

static struct sl_lock *lock_new(const char *python, const char *sdk_version)
{
	struct sl_lock *l = sl_lock_new();

	sl_lock_set(&l->runtime.python, python);
	sl_lock_set(&l->space.sdk, "gradio");
	sl_lock_set(&l->space.sdk_version, sdk_version);
	sl_lock_strv_add(&l->inputs, &l->n_inputs, "card: README.md");
	sl_lock_strv_add(&l->inputs, &l->n_inputs, "requirements: requirements.txt");
	return l;
}

static struct sl_lock_package *pkg(struct sl_lock *l, const char *name, const char *version,
				   enum sl_origin origin)
{
	struct sl_lock_package *p = sl_lock_add_package(l, name, version);

	p->origin = origin;
	return p;
}

static void req(struct sl_lock_package *p, enum sl_origin by, const char *text, const char *parent)
{
	struct sl_lock_request q = {by, (char *)text, (char *)"requirements.txt", 1,
				    (char *)parent};

	sl_lock_package_add_request(p, &q);
	if (parent)
		sl_lock_package_add_parent(p, parent);
}

static struct sl_diff *compare(struct sl_lock *a, struct sl_lock *b)
{
	return sl_diff_compare(a, "a.json", b, "b.json", rules);
}

static const struct sl_diff_package *find(const struct sl_diff *d, const char *name)
{
	for (size_t i = 0; i < d->n_packages; i++)
		if (strcmp(d->packages[i].name, name) == 0)
			return &d->packages[i];
	return NULL;
}

static const struct sl_diff_field *field(const struct sl_diff *d, const char *name)
{
	for (size_t i = 0; i < d->n_runtime; i++)
		if (strcmp(d->runtime[i].field, name) == 0)
			return &d->runtime[i];
	return NULL;
}

#define CHANGE(p, c) ((p) && (p)->change == (c))

/* ---- cases ---- */

static void test_same_lock_is_empty(void)
{
	struct sl_lock *a = lock_new("3.13", "4.31.0");
	struct sl_diff *d;
	struct sl_buf t = SL_BUF_INIT, m = SL_BUF_INIT;

	req(pkg(a, "pydantic", "2.7.1", SL_ORIGIN_DIRECT), SL_ORIGIN_DIRECT, "pydantic==2.7.1",
	    NULL);
	sl_lock_add_incomplete(a, "build", "failed", NULL);
	d = compare(a, a);
	CHECK(!sl_diff_differs(d), "a lock against itself: nothing differs");
	sl_diff_render_text(d, SL_DIFF_COLOR, &t);
	sl_diff_render_markdown(d, &m);
	CHECK(t.len == 0 && m.len == 0, "empty text and Markdown");
	sl_buf_release(&t);
	sl_buf_release(&m);
	sl_diff_free(d);
	sl_lock_free(a);
}

/* Which part of a version moved, and what a kind change is. */
static void test_classify(void)
{
	struct sl_lock *a = lock_new("3.13", "4.31.0"), *b = lock_new("3.13", "4.31.0");
	struct sl_lock_package *p;
	struct sl_diff *d;

	pkg(a, "alpha", "1.2.3", SL_ORIGIN_DIRECT);
	pkg(b, "alpha", "2.0", SL_ORIGIN_DIRECT);
	pkg(a, "beta", "1.2.3", SL_ORIGIN_DIRECT);
	pkg(b, "beta", "1.2.0", SL_ORIGIN_DIRECT);
	pkg(a, "torch", "2.1.0+cpu", SL_ORIGIN_DIRECT);
	pkg(b, "torch", "2.1.0+cu121", SL_ORIGIN_DIRECT);
	pkg(a, "gamma", "1.0", SL_ORIGIN_DIRECT);
	p = pkg(b, "gamma", "1.0", SL_ORIGIN_DIRECT);
	sl_lock_set(&p->vcs_url, "git+https://example.invalid/gamma");
	sl_lock_set(&p->vcs_commit, "abc1234");
	p = pkg(a, "delta", "1.0", SL_ORIGIN_DIRECT);
	sl_lock_set(&p->vcs_url, "git+https://example.invalid/delta");
	sl_lock_set(&p->vcs_commit, "1111111");
	p = pkg(b, "delta", "1.0", SL_ORIGIN_DIRECT);
	sl_lock_set(&p->vcs_url, "git+https://example.invalid/delta");
	sl_lock_set(&p->vcs_commit, "2222222");
	pkg(a, "same", "2.0", SL_ORIGIN_DIRECT);
	pkg(b, "same", "2.0.0", SL_ORIGIN_DIRECT);
	d = compare(a, b);
	CHECK(CHANGE(find(d, "alpha"), SL_DIFF_UPGRADED) &&
		  strcmp(find(d, "alpha")->kind, "major") == 0,
	      "1.2.3 -> 2.0: major upgrade");
	CHECK(CHANGE(find(d, "beta"), SL_DIFF_DOWNGRADED) &&
		  strcmp(find(d, "beta")->kind, "patch") == 0,
	      "1.2.3 -> 1.2.0: patch downgrade");
	CHECK(CHANGE(find(d, "torch"), SL_DIFF_CHANGED) &&
		  strcmp(find(d, "torch")->kind, "local") == 0,
	      "+cpu -> +cu121: a change of build, not an order");
	CHECK(CHANGE(find(d, "gamma"), SL_DIFF_CHANGED) &&
		  strcmp(find(d, "gamma")->kind, "vcs") == 0 && !find(d, "gamma")->from_vcs &&
		  strstr(find(d, "gamma")->to_vcs, "@abc1234"),
	      "index -> VCS");
	CHECK(CHANGE(find(d, "delta"), SL_DIFF_CHANGED) &&
		  strcmp(find(d, "delta")->kind, "vcs-commit") == 0,
	      "another commit");
	CHECK(find(d, "same") == NULL, "2.0 and 2.0.0 are one version");
	CHECK(find(d, "torch")->impact && strcmp(find(d, "torch")->impact, "high") == 0,
	      "a CUDA variant is high impact (data/high-impact.txt)");
	sl_diff_free(d);
	sl_lock_free(a);
	sl_lock_free(b);
}

/* Absent from a lock that cannot list everything is unknown, not removed. */
static void test_unknown_is_not_removed(void)
{
	struct sl_lock *a = lock_new("3.13", "4.31.0"), *b = lock_new("3.13", "4.31.0");
	struct sl_lock_request q = {SL_ORIGIN_DIRECT, "pydantic>=2.9.0", "requirements.txt", 1,
				    NULL};
	struct sl_diff *d;

	req(pkg(a, "pydantic", "2.7.1", SL_ORIGIN_DIRECT), SL_ORIGIN_DIRECT, "pydantic==2.7.1",
	    NULL);
	pkg(a, "leaf", "1.0", SL_ORIGIN_TRANSITIVE);
	sl_lock_add_incomplete(b, "package 'pydantic'", "not proven", NULL);
	sl_lock_incomplete_add_request(sl_lock_last_incomplete(b), &q);
	d = compare(a, b);
	CHECK(CHANGE(find(d, "leaf"), SL_DIFF_REMOVED), "a lock that lists all: removed");
	CHECK(CHANGE(find(d, "pydantic"), SL_DIFF_UNKNOWN) &&
		  find(d, "pydantic")->unknown_in == SL_DIFF_IN_DUPLICATE &&
		  strcmp(find(d, "pydantic")->from, "2.7.1") == 0 && !find(d, "pydantic")->to,
	      "named but unproven: unknown in the duplicate");
	CHECK(find(d, "pydantic")->cause == SL_CAUSE_REQUIREMENT &&
		  strstr(find(d, "pydantic")->reason, "'pydantic>=2.9.0' there rules out 2.7.1"),
	      "the new requirement rules the old version out: %s", find(d, "pydantic")->reason);
	CHECK(d->n_requirements == 1 && d->requirements[0].change == SL_DIFF_CHANGED &&
		  strstr(d->requirements[0].reason, "a pin became a range"),
	      "the requirement line changed");
	sl_diff_free(d);
	sl_lock_add_incomplete(b, "build", "the build failed", NULL);
	sl_lock_set(&b->runtime.build_status, "failed");
	d = compare(a, b);
	CHECK(CHANGE(find(d, "leaf"), SL_DIFF_UNKNOWN),
	      "a failed build does not list everything: unknown");
	CHECK(d->duplicate.unknown_why && strstr(d->duplicate.unknown_why, "failed"),
	      "and says why");
	sl_diff_free(d);
	sl_lock_free(a);
	sl_lock_free(b);
}

static void test_causes(void)
{
	struct sl_lock *a = lock_new("3.10", "4.31.0"), *b = lock_new("3.13", "4.40.0");
	struct sl_lock_package *p;
	struct sl_diff *d;

	sl_lock_set(&a->runtime.build_time, "2026-05-13 16:43:56");
	sl_lock_set(&b->runtime.build_time, "2026-05-13 16:56:02");
	sl_lock_strv_add(&a->runtime.platform_step, &a->runtime.n_platform_step,
			 "gradio[oauth]==4.31.0");
	sl_lock_strv_add(&a->runtime.platform_step, &a->runtime.n_platform_step, "spaces==0.16.1");
	sl_lock_strv_add(&b->runtime.platform_step, &b->runtime.n_platform_step,
			 "gradio[oauth]==4.40.0");
	sl_lock_strv_add(&b->runtime.platform_step, &b->runtime.n_platform_step, "spaces");
	req(pkg(a, "gradio", "4.31.0", SL_ORIGIN_PLATFORM), SL_ORIGIN_PLATFORM,
	    "gradio[oauth]==4.31.0", NULL);
	req(pkg(b, "gradio", "4.40.0", SL_ORIGIN_PLATFORM), SL_ORIGIN_PLATFORM,
	    "gradio[oauth]==4.40.0", NULL);
	req(pkg(a, "spaces", "0.16.1", SL_ORIGIN_PLATFORM), SL_ORIGIN_PLATFORM, "spaces==0.16.1",
	    NULL);
	req(pkg(b, "spaces", "0.50.0", SL_ORIGIN_PLATFORM), SL_ORIGIN_PLATFORM, "spaces", NULL);
	req(pkg(a, "gradio-client", "0.16.2", SL_ORIGIN_TRANSITIVE), SL_ORIGIN_TRANSITIVE,
	    "gradio-client==0.16.2", "gradio");
	req(pkg(b, "gradio-client", "1.2.0", SL_ORIGIN_TRANSITIVE), SL_ORIGIN_TRANSITIVE,
	    "gradio-client==1.2.0", "gradio");
	req(pkg(b, "audioop-lts", "0.2.2", SL_ORIGIN_TRANSITIVE), SL_ORIGIN_TRANSITIVE,
	    "audioop-lts<1.0", "pydub");
	req(pkg(a, "pydub", "0.25.1", SL_ORIGIN_DIRECT), SL_ORIGIN_DIRECT, "pydub", NULL);
	req(pkg(b, "pydub", "0.25.1", SL_ORIGIN_DIRECT), SL_ORIGIN_DIRECT, "pydub", NULL);
	req(pkg(a, "psutil", "5.9.8", SL_ORIGIN_DIRECT), SL_ORIGIN_DIRECT, "psutil>=5.9.8", NULL);
	req(pkg(b, "psutil", "7.2.2", SL_ORIGIN_DIRECT), SL_ORIGIN_DIRECT, "psutil>=5.9.8", NULL);
	p = pkg(a, "pydantic-core", "2.18.2", SL_ORIGIN_TRANSITIVE);
	req(p, SL_ORIGIN_TRANSITIVE, "pydantic-core>=2", "pydantic");
	sl_lock_package_set_metadata(p, NULL, 0, ">=3.8,<3.13", NULL, 0);
	req(pkg(b, "pydantic-core", "2.41.0", SL_ORIGIN_TRANSITIVE), SL_ORIGIN_TRANSITIVE,
	    "pydantic-core>=2", "pydantic");
	req(pkg(a, "pydantic", "2.7.1", SL_ORIGIN_DIRECT), SL_ORIGIN_DIRECT, "pydantic>=2", NULL);
	req(pkg(b, "pydantic", "2.7.1", SL_ORIGIN_DIRECT), SL_ORIGIN_DIRECT, "pydantic>=2", NULL);
	d = compare(a, b);
	CHECK(find(d, "gradio") && find(d, "gradio")->cause == SL_CAUSE_SDK_VERSION &&
		  strstr(find(d, "gradio")->reason, "sdk_version 4.31.0 → 4.40.0"),
	      "gradio follows sdk_version");
	CHECK(find(d, "spaces") && find(d, "spaces")->cause == SL_CAUSE_PLATFORM,
	      "spaces follows the builder's request");
	CHECK(find(d, "gradio-client") && find(d, "gradio-client")->cause == SL_CAUSE_PARENT &&
		  strstr(find(d, "gradio-client")->reason, "gradio 4.31.0 → 4.40.0") &&
		  find(d, "gradio-client")->n_chain == 1,
	      "a transitive package follows its parent, with the chain");
	CHECK(CHANGE(find(d, "audioop-lts"), SL_DIFF_ADDED) &&
		  find(d, "audioop-lts")->cause == SL_CAUSE_PYTHON &&
		  strstr(find(d, "audioop-lts")->reason, "removed audioop"),
	      "a backport of a module 3.13 removed: %s",
	      find(d, "audioop-lts") ? find(d, "audioop-lts")->reason : "");
	CHECK(find(d, "pydantic-core") && find(d, "pydantic-core")->cause == SL_CAUSE_PYTHON &&
		  strstr(find(d, "pydantic-core")->reason, "requires Python >=3.8,<3.13, not 3.13"),
	      "Requires-Python excludes the new Python: %s",
	      find(d, "pydantic-core") ? find(d, "pydantic-core")->reason : "");
	CHECK(find(d, "psutil") && find(d, "psutil")->cause == SL_CAUSE_RESOLVED &&
		  strstr(find(d, "psutil")->reason, "'psutil>=5.9.8' admits both; the duplicate "
						    "was built later"),
	      "an open requirement resolved later: %s",
	      find(d, "psutil") ? find(d, "psutil")->reason : "");
	CHECK(field(d, "python") &&
		  strstr(field(d, "python")->reason, "audioop (pydub imports it)"),
	      "the Python change names the removed module a locked package imports");
	CHECK(field(d, "platform_step") &&
		  strstr(field(d, "platform_step")->reason, "spaces==0.16.1 → spaces") &&
		  !strstr(field(d, "platform_step")->reason, "gradio"),
	      "the builder's step, apart from the sdk version: %s",
	      field(d, "platform_step") ? field(d, "platform_step")->reason : "");
	sl_diff_free(d);
	sl_lock_free(a);
	sl_lock_free(b);
}

/* A marker that one Python answers and the other does not. */
static void test_marker_cause(void)
{
	struct sl_lock *a = lock_new("3.12", "5.29.0"), *b = lock_new("3.13", "5.29.0");
	static const char *const rd[] = {"audioop-lts<1.0; python_version >= \"3.13\""};
	struct sl_lock_package *p;
	struct sl_diff *d;

	p = pkg(b, "gradio", "5.29.0", SL_ORIGIN_PLATFORM);
	sl_lock_package_set_metadata(p, rd, 1, NULL, NULL, 0);
	pkg(a, "gradio", "5.29.0", SL_ORIGIN_PLATFORM);
	req(pkg(b, "standard-chunk", "3.13.0", SL_ORIGIN_TRANSITIVE), SL_ORIGIN_TRANSITIVE,
	    "standard-chunk", "gradio");
	req(pkg(b, "audioop-x", "1.0", SL_ORIGIN_TRANSITIVE), SL_ORIGIN_TRANSITIVE, "audioop-x",
	    "gradio");
	req(pkg(b, "audioop-lts", "0.2.2", SL_ORIGIN_TRANSITIVE), SL_ORIGIN_TRANSITIVE,
	    "audioop-lts<1.0", "gradio");
	d = compare(a, b);
	CHECK(find(d, "standard-chunk") && find(d, "standard-chunk")->cause == SL_CAUSE_PYTHON,
	      "a backport named by the data file");
	CHECK(find(d, "audioop-x") && find(d, "audioop-x")->cause == SL_CAUSE_NONE,
	      "nothing explains an unrelated addition");
	sl_diff_free(d);
	/* the marker, with the backport rule out of the way: no rules */
	d = sl_diff_compare(a, "a", b, "b", NULL);
	CHECK(find(d, "audioop-lts") && find(d, "audioop-lts")->cause == SL_CAUSE_PYTHON &&
		  strstr(find(d, "audioop-lts")->reason,
			 "gradio asks for it only where python_version >= \"3.13\""),
	      "a marker the two Pythons answer apart: %s",
	      find(d, "audioop-lts") ? find(d, "audioop-lts")->reason : "");
	sl_diff_free(d);
	sl_lock_free(a);
	sl_lock_free(b);
}

/* Runtime before packages; a major downgrade before a removed leaf;
 * high-impact boundaries first among packages. */
static void test_ranking(void)
{
	struct sl_lock *a = lock_new("3.13", "4.31.0"), *b = lock_new("3.13", "4.31.0");
	struct sl_diff *d;

	sl_lock_set(&a->space.hardware, "zero-a10g");
	sl_lock_set(&b->space.hardware, "cpu-basic");
	pkg(a, "leaf", "1.0", SL_ORIGIN_TRANSITIVE);
	pkg(a, "tool", "3.0", SL_ORIGIN_TRANSITIVE);
	pkg(b, "tool", "2.9", SL_ORIGIN_TRANSITIVE);
	pkg(a, "other", "1.0", SL_ORIGIN_DIRECT);
	pkg(b, "other", "1.1", SL_ORIGIN_DIRECT);
	pkg(a, "numpy", "1.26.4", SL_ORIGIN_TRANSITIVE);
	pkg(b, "numpy", "2.0.0", SL_ORIGIN_TRANSITIVE);
	d = compare(a, b);
	CHECK(d->n_runtime == 1 && d->runtime[0].rank == 1 &&
		  strcmp(d->runtime[0].field, "hardware") == 0 &&
		  strstr(d->runtime[0].reason, "zero-a10g"),
	      "hardware, ranked first");
	CHECK(d->n_packages == 4 && strcmp(d->packages[0].name, "numpy") == 0 &&
		  d->packages[0].rank == 2,
	      "numpy crossing 2 leads the packages");
	CHECK(find(d, "tool")->rank < find(d, "leaf")->rank,
	      "a major downgrade outranks a removed leaf");
	CHECK(find(d, "leaf")->rank < find(d, "other")->rank, "a removal outranks a minor change");
	sl_diff_free(d);
	sl_lock_free(a);
	sl_lock_free(b);
}

/* Secret and variable names, card keys, apt packages; a value one lock
 * does not know is unknown. */
static void test_runtime_fields(void)
{
	struct sl_lock *a = lock_new("3.13", "4.31.0"), *b = lock_new("3.13", "4.31.0");
	struct sl_diff *d;

	a->space.secrets_known = b->space.secrets_known = true;
	sl_lock_strv_add(&a->space.secrets, &a->space.n_secrets, "HF_WRITE_TOKEN");
	sl_lock_strv_add(&a->space.secrets, &a->space.n_secrets, "OPENAI_API_KEY");
	a->space.variables_known = true;
	sl_lock_strv_add(&a->space.variables, &a->space.n_variables, "APP_MODE");
	sl_lock_set(&a->space.app_file, "app.py");
	sl_lock_set(&b->space.app_file, "main.py");
	sl_lock_set(&a->space.startup_duration_timeout, "1h");
	sl_lock_strv_add(&b->space.preload_from_hub, &b->space.n_preload_from_hub, "org/model");
	sl_lock_strv_add(&a->space.system_packages, &a->space.n_system_packages, "ffmpeg");
	d = compare(a, b);
	CHECK(field(d, "secrets") && field(d, "secrets")->change == SL_DIFF_REMOVED &&
		  strstr(field(d, "secrets")->reason,
			 "missing in the duplicate: HF_WRITE_TOKEN, OPENAI_API_KEY"),
	      "secret names the duplicate lacks");
	CHECK(field(d, "variables") && field(d, "variables")->change == SL_DIFF_UNKNOWN &&
		  field(d, "variables")->unknown_in == SL_DIFF_IN_DUPLICATE,
	      "variables the duplicate's lock does not know: unknown");
	CHECK(field(d, "app_file") && field(d, "app_file")->change == SL_DIFF_CHANGED, "app_file");
	CHECK(field(d, "startup_duration_timeout") &&
		  field(d, "startup_duration_timeout")->change == SL_DIFF_REMOVED,
	      "a key only the source declares");
	CHECK(field(d, "preload_from_hub") && field(d, "preload_from_hub")->change == SL_DIFF_ADDED,
	      "preload_from_hub");
	CHECK(field(d, "system_packages") && strstr(field(d, "system_packages")->reason, "ffmpeg"),
	      "apt packages");
	CHECK(!field(d, "python") && !field(d, "sdk_version"), "equal fields are not listed");
	sl_diff_free(d);
	sl_lock_free(a);
	sl_lock_free(b);
}

static bool mirrored(const struct sl_diff_package *p, const struct sl_diff_package *q)
{
	static const enum sl_diff_change flip[] = {SL_DIFF_REMOVED,    SL_DIFF_ADDED,
						   SL_DIFF_DOWNGRADED, SL_DIFF_UPGRADED,
						   SL_DIFF_CHANGED,    SL_DIFF_UNKNOWN};
	bool same_kind =
	    (!p->kind && !q->kind) || (p->kind && q->kind && !strcmp(p->kind, q->kind));

	return strcmp(p->name, q->name) == 0 && flip[p->change] == q->change && same_kind &&
	       p->rank == q->rank && p->score == q->score && p->cause == q->cause &&
	       p->origin == q->origin && p->n_chain == q->n_chain;
}

/* diff A B and diff B A are mirror images, entry for entry, rank for rank. */
static void test_mirror(void)
{
	struct sl_lock *a = lock_new("3.10", "4.31.0"), *b = lock_new("3.13", "5.29.0");
	struct sl_diff *ab, *ba;
	bool ok;

	pkg(a, "gradio", "4.31.0", SL_ORIGIN_PLATFORM);
	sl_lock_add_incomplete(b, "package 'gradio'", "expected", NULL);
	pkg(a, "numpy", "1.26.4", SL_ORIGIN_TRANSITIVE);
	pkg(b, "numpy", "2.1.0", SL_ORIGIN_DIRECT);
	pkg(b, "audioop-lts", "0.2.2", SL_ORIGIN_TRANSITIVE);
	pkg(a, "leaf", "1.0", SL_ORIGIN_TRANSITIVE);
	ab = compare(a, b);
	ba = compare(b, a);
	ok = ab->n_packages == ba->n_packages && ab->n_runtime == ba->n_runtime;
	for (size_t i = 0; ok && i < ab->n_packages; i++)
		ok = mirrored(&ab->packages[i], &ba->packages[i]);
	CHECK(ok && ab->n_packages == 4, "mirror images (%zu packages)", ab->n_packages);
	CHECK(find(ab, "gradio") && find(ab, "gradio")->expected &&
		  strcmp(find(ab, "gradio")->expected, "5.29.0") == 0,
	      "an unproven sdk package: the version its sdk_version implies");
	sl_diff_free(ab);
	sl_diff_free(ba);
	sl_lock_free(a);
	sl_lock_free(b);
}

/* ---- renderers ---- */

static void test_render(void)
{
	struct sl_lock *a = lock_new("3.13", "4.31.0"), *b = lock_new("3.13", "4.40.0");
	struct sl_buf j = SL_BUF_INIT, m = SL_BUF_INIT, t = SL_BUF_INIT, c = SL_BUF_INIT;
	struct sl_diff *d;
	cJSON *root;

	pkg(a, "pipe", "1.0", SL_ORIGIN_DIRECT);
	pkg(b, "pipe", "1.0+a|b", SL_ORIGIN_DIRECT);
	d = compare(a, b);
	sl_diff_render_json(d, &j);
	root = cJSON_Parse(j.buf);
	CHECK(root != NULL, "the JSON parses: %s", j.buf);
	if (root) {
		const cJSON *rt = cJSON_GetObjectItem(root, "runtime");
		const cJSON *pk = cJSON_GetObjectItem(root, "packages");
		const cJSON *p0 = cJSON_GetArrayItem(pk, 0);
		CHECK(cJSON_IsArray(rt) && cJSON_GetArraySize(rt) == 1 &&
			  cJSON_IsString(cJSON_GetObjectItem(cJSON_GetArrayItem(rt, 0), "old")),
		      "runtime: {field, old, new}");
		CHECK(cJSON_IsTrue(cJSON_GetObjectItem(root, "differs")), "differs");
		CHECK(p0 && cJSON_IsString(cJSON_GetObjectItem(p0, "name")) &&
			  cJSON_GetObjectItem(p0, "change") && cJSON_GetObjectItem(p0, "kind") &&
			  cJSON_GetObjectItem(p0, "origin") && cJSON_GetObjectItem(p0, "cause") &&
			  cJSON_IsNumber(cJSON_GetObjectItem(p0, "rank")),
		      "packages: name, change, kind, origin, cause, rank");
		cJSON_Delete(root);
	}
	sl_diff_render_markdown(d, &m);
	CHECK(strstr(m.buf, "| what | old → new | change | why |") && strstr(m.buf, "1.0+a\\|b"),
	      "Markdown: a table, pipes escaped: %s", m.buf);
	sl_diff_render_text(d, 0, &t);
	sl_diff_render_text(d, SL_DIFF_COLOR, &c);
	CHECK(!strchr(t.buf, '\033') && strstr(c.buf, "\033["), "colour only when asked");
	CHECK(strstr(t.buf, "runtime\n  sdk_version") != NULL, "grouped: %s", t.buf);
	sl_buf_release(&j);
	sl_buf_release(&m);
	sl_buf_release(&t);
	sl_buf_release(&c);
	sl_diff_free(d);
	sl_lock_free(a);
	sl_lock_free(b);
}

/* ---- the data files ---- */

static void bad_rules(const char *text, const char *msg)
{
	struct sl_diff_rules *r = sl_diff_rules_new();
	struct sl_err err = {0};
	int rc = sl_diff_rules_add(r, "x.txt", text, strlen(text), &err);

	CHECK(rc == SL_EPARSE && strcmp(err.msg, msg) == 0, "got %d '%s', want '%s'", rc, err.msg,
	      msg);
	sl_diff_rules_free(r);
}

static void test_rules(void)
{
	const char *ok = "package: torch\nwhen: crosses 2\nimpact: high\nwhy: w\n"
			 "source: https://a.invalid/\n\n"
			 "module: audioop\nremoved: 3.13\nbackport: audioop-lts\n"
			 "used-by: pydub gradio\nsource: https://b.invalid/\n";
	struct sl_diff_rules *r = sl_diff_rules_new();
	struct sl_err err = {0};

	CHECK(sl_diff_rules_add(r, "x.txt", ok, strlen(ok), &err) == 0, "valid rules: %s", err.msg);
	sl_diff_rules_free(r);
	bad_rules("package: torch\nwhen: any\nimpact: high\nwhy: w\n", "x.txt:1: missing 'source'");
	bad_rules("package: torch\nwhen: any\nimpact: high\nwhy: w\nsource: http://a\n",
		  "x.txt:5: a source must be an https:// URL");
	bad_rules("package: torch\nwhen: sometimes\nimpact: high\nwhy: w\nsource: https://a\n",
		  "x.txt:2: 'when' must be any, major, local or crosses VERSION, not 'sometimes'");
	bad_rules("package: torch\nwhen: any\nimpact: huge\nwhy: w\nsource: https://a\n",
		  "x.txt:3: 'impact' must be high or medium");
	bad_rules("package: Torch\nwhen: any\nimpact: high\nwhy: w\nsource: https://a\n",
		  "x.txt:1: 'package' must be a canonical name, not 'Torch'");
	bad_rules(
	    "package: torch\nwhen: any\nimpact: high\nwhy: w\ncolour: red\nsource: https://a\n",
	    "x.txt:5: unknown key 'colour'");
	bad_rules("module: audioop\nremoved: soon\nsource: https://a\n",
		  "x.txt:2: 'removed' must be a Python version");
	bad_rules("why: w\nsource: https://a\n", "x.txt:1: a rule needs 'package' or 'module'");
}

int main(void)
{
	struct sl_err err = {0};

	CHECK(sl_diff_rules_load(&rules, &err) == 0, "the built-in data files load: %s", err.msg);
	test_same_lock_is_empty();
	test_classify();
	test_unknown_is_not_removed();
	test_causes();
	test_marker_cause();
	test_ranking();
	test_runtime_fields();
	test_mirror();
	test_render();
	test_rules();
	sl_diff_rules_free(rules);
	return t_done();
}
