/* t_doctor.c: each lint check of `spacelock doctor` fires on a small test
 * Space made for it (the clean ZeroGPU Space of tests/fixtures/doctor with
 * one edit) and stays silent on the clean one; the quota explanation of an
 * app with several @spaces.GPU functions and a callable duration; the
 * failure verdict over several logs. */
#include <stdlib.h>
#include <unistd.h>

#include "spacelock/doctor.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "test.h"

#define CLEAN "tests/fixtures/doctor/clean-zerogpu"

struct edit {
	const char *name;
	const char *file; /* in the Space */
	const char *from, *to;
	const char *ids; /* the findings expected, "id@line" space-separated */
};

static const struct edit edits[] = {
    {"no sdk", "README.md", "sdk: gradio\n", "", "card-sdk@0"},
    {"no sdk_version", "README.md", "sdk_version: \"5.49.1\"\n", "", "card-sdk-version@6"},
    {"inexact sdk_version", "README.md", "\"5.49.1\"", "\"5.49\"", "card-sdk-version@7"},
    {"no python_version", "README.md", "python_version: \"3.10\"\n", "", "card-python-version@0"},
    {"unquoted python_version", "README.md", "\"3.10\"", "3.10", "card-python-version@8"},
    {"unquoted python_version 3.11", "README.md", "\"3.10\"", "3.11", "card-python-version@8"},
    {"docker on ZeroGPU", "README.md", "sdk: gradio", "sdk: docker", "zerogpu-sdk@6"},
    {"Gradio 3 on ZeroGPU", "README.md", "\"5.49.1\"", "\"3.50.2\"", "zerogpu-gradio@7"},
    {"Gradio 4 on ZeroGPU", "README.md", "\"5.49.1\"", "\"4.44.1\"", "zerogpu-gradio-quota@7"},
    {"no ZeroGPU hardware", "README.md", "suggested_hardware: zero-a10g\n", "",
     "zerogpu-hardware@0"},
    {"no preload_from_hub", "README.md", "preload_from_hub:\n  - stabilityai/sd-turbo\n", "",
     "card-preload@6"},
    {"no startup_duration_timeout", "README.md", "startup_duration_timeout: 1h\n", "",
     "card-startup-timeout@6"},
    {"app file missing", "README.md", "app_file: app.py", "app_file: main.py",
     "app-file-missing@0"},
    {"CUDA before import spaces", "app.py", "import spaces\nimport torch\n",
     "import torch\nprint(torch.cuda.is_available())\nimport spaces\n", "app-cuda-at-import@2"},
    {"gradio_client without X-IP-Token", "app.py", "\n\n@spaces.GPU",
     "\nfrom gradio_client import Client\nupscaler = Client(\"owner/upscaler\")\n\n@spaces.GPU",
     "app-x-ip-token@10"},
    {"a secret", "app.py", "pipe.to(\"cuda\")\n",
     "pipe.to(\"cuda\")\nimport os\nAPI_KEY = os.environ[\"API_KEY\"]\n"
     "os.environ[\"TOKENIZERS_PARALLELISM\"] = \"false\"\nSPACE = os.getenv(\"SPACE_ID\")\n",
     "app-secret@9"},
    {"a refused duration", "app.py", "duration=20", "duration=300",
     "app-gpu-duration@10 app-gpu-quota@10"},
    {"more than a day's anonymous quota", "app.py", "duration=20", "duration=130",
     "app-gpu-quota@10"},
    {"moving git branch", "requirements.txt", "diffusers==0.35.1",
     "git+https://github.com/huggingface/diffusers.git@main", "req-vcs-moving@2"},
    {"git default branch", "requirements.txt", "diffusers==0.35.1",
     "diffusers @ git+https://github.com/huggingface/diffusers.git", "req-vcs-moving@2"},
    {"gradio against sdk_version", "requirements.txt", "torch==2.8.0\n",
     "torch==2.8.0\ngradio==4.44.0\n", "req-gradio-sdk@2"},
    {"pinned spaces", "requirements.txt", "torch==2.8.0\n", "torch==2.8.0\nspaces==0.30.0\n",
     "req-spaces-pinned@2"},
    {"CPU torch on ZeroGPU", "requirements.txt", "torch==2.8.0", "torch==2.8.0+cpu",
     "req-torch-build@1"},
    {"CPU index on ZeroGPU", "requirements.txt", "torch==2.8.0\n",
     "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.8.0\n", "req-torch-index@1"},
    {"unpinned", "requirements.txt", "transformers==4.57.1", "transformers", "req-unpinned@3"},
    {"ranged", "requirements.txt", "transformers==4.57.1", "transformers>=4.50", "req-unpinned@3"},
};

static char *tmp_space(void)
{
	const char *t = getenv("TMPDIR");
	char *dir = sl_xasprintf("%s/t_doctor.XXXXXX", t && *t ? t : "/tmp");

	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

static void copy_file(const char *from, const char *to, const char *old, const char *new)
{
	struct sl_buf b = SL_BUF_INIT, out = SL_BUF_INIT;
	struct sl_err err = {0};
	const char *at;

	CHECK(sl_file_read(from, 1 << 20, &b, &err) == 0, "%s: %s", from, err.msg);
	at = old ? strstr(b.buf, old) : NULL;
	CHECK(!old || at, "%s holds '%s'", from, old);
	if (at) {
		sl_buf_add(&out, b.buf, (size_t)(at - b.buf));
		sl_buf_addstr(&out, new);
		sl_buf_addstr(&out, at + strlen(old));
	} else {
		sl_buf_add(&out, b.buf, b.len);
	}
	CHECK(sl_file_write_atomic(to, out.buf, out.len, &err) == 0, "%s: %s", to, err.msg);
	sl_buf_release(&b);
	sl_buf_release(&out);
}

/* "id@line id@line" of every finding, in rendering order. */
static char *found(const struct sl_doctor *d)
{
	struct sl_buf b = SL_BUF_INIT;

	for (size_t i = 0; i < sl_doctor_count(d); i++) {
		const struct sl_doctor_finding *f = sl_doctor_finding_at(d, i);
		sl_buf_addf(&b, "%s%s@%lu", b.len ? " " : "", f->id, f->line);
	}
	return sl_buf_detach(&b, NULL);
}

static char *lint(const char *dir)
{
	struct sl_doctor *d = sl_doctor_new(NULL);
	struct sl_err err = {0};
	char *ids;

	CHECK(sl_doctor_lint_dir(d, dir, NULL, 0, &err) == 0, "lint %s: %s", dir, err.msg);
	ids = found(d);
	sl_doctor_free(d);
	return ids;
}

static void test_edit(const struct edit *e)
{
	static const char *const files[] = {"README.md", "app.py", "requirements.txt"};
	char *dir = tmp_space(), *ids;

	CHECK(dir != NULL, "temporary directory");
	if (!dir)
		return;
	for (size_t i = 0; i < 3; i++) {
		char *from = sl_xasprintf(CLEAN "/%s", files[i]);
		char *to = sl_xasprintf("%s/%s", dir, files[i]);
		bool edited = strcmp(files[i], e->file) == 0;
		copy_file(from, to, edited ? e->from : NULL, edited ? e->to : NULL);
		free(from);
		free(to);
	}
	ids = lint(dir);
	CHECK_STR(ids, e->ids, e->name);
	free(ids);
	for (size_t i = 0; i < 3; i++) {
		char *p = sl_xasprintf("%s/%s", dir, files[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	free(dir);
}

static void test_quota(void)
{
	struct sl_doctor *d = sl_doctor_new(NULL);
	struct sl_err err = {0};
	static const struct {
		const char *fn;
		long lo, hi;
		int factor;
		long anonymous, pro;
	} want[] = {{"caption", 60, 60, 1, 2, 40},
		    {"upscale", 120, 120, 1, 1, 20},
		    {"generate", 30, 90, 1, 1, 26},
		    {"big", 45, 45, 2, 1, 26}};

	CHECK(sl_doctor_lint_dir(d, "tests/fixtures/doctor/quota-app", NULL, 0, &err) == 0, "%s",
	      err.msg);
	CHECK(sl_doctor_gpu_count(d) == 4, "4 GPU functions, got %zu", sl_doctor_gpu_count(d));
	CHECK(sl_doctor_tier_count(d) == 5, "5 tiers");
	for (size_t i = 0; i < 4 && i < sl_doctor_gpu_count(d); i++) {
		const struct sl_doctor_gpu_call *g = sl_doctor_gpu_at(d, i);
		CHECK_STR(g->function, want[i].fn, "function");
		CHECK(g->min_seconds == want[i].lo && g->seconds == want[i].hi, "%s: %ld..%ld s",
		      g->function, g->min_seconds, g->seconds);
		CHECK(g->factor == want[i].factor, "%s: factor %d", g->function, g->factor);
		CHECK(sl_doctor_calls_per_day(g, sl_doctor_tier_at(d, 0)) == want[i].anonymous,
		      "%s: anonymous calls", g->function);
		CHECK(sl_doctor_calls_per_day(g, sl_doctor_tier_at(d, 2)) == want[i].pro,
		      "%s: PRO calls", g->function);
	}
	CHECK(sl_doctor_gpu_count(d) > 2 && sl_doctor_gpu_at(d, 2)->callable, "callable");
	CHECK(sl_doctor_count(d) == 0, "no finding on the quota app");
	sl_doctor_free(d);
}

/* The earliest cause over several logs wins; a symptom in the first log
 * does not beat a cause in the second. */
static void test_logs(void)
{
	struct sl_failrules *fr = NULL;
	struct sl_err err = {0};
	struct sl_doctor *d;
	const char *label;
	unsigned long line;
	const struct sl_failrule *r;
	const char *build = "build error\nJob failed with exit code: 1\n";
	const char *run = "ok\nModuleNotFoundError: No module named 'audioop'\n";

	CHECK(sl_failrules_load(&fr, &err) == 0, "rules: %s", err.msg);
	d = sl_doctor_new(fr);
	sl_doctor_add_log(d, "build.log", build, strlen(build));
	sl_doctor_add_log(d, "run.log", run, strlen(run));
	r = sl_doctor_cause(d, &label, &line);
	CHECK(r && strcmp(r->bucket->id, "missing-module") == 0, "cause");
	CHECK_STR(label, "run.log", "cause's log");
	CHECK(line == 2, "cause's line %lu", line);
	CHECK(sl_doctor_failed(d), "a classified failure fails");
	sl_doctor_free(d);
	d = sl_doctor_new(fr);
	sl_doctor_add_log(d, "ok.log", "all fine\n", 9);
	CHECK(!sl_doctor_cause(d, &label, &line) && !sl_doctor_failed(d), "nothing matched");
	sl_doctor_free(d);
	sl_failrules_free(fr);
}

int main(void)
{
	char *ids = lint(CLEAN);

	CHECK_STR(ids, "", "the clean Space");
	free(ids);
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++)
		test_edit(&edits[i]);
	test_quota();
	test_logs();
	return t_done();
}
