/* doctor_reqs.c: requirements.txt as a duplicate will resolve it: lines
 * that are not pinned or follow a moving git branch, a gradio line that
 * disagrees with the card's sdk_version (the builder's single pip run
 * makes that ResolutionImpossible since 2025), a pinned `spaces` (the
 * platform installs its own), and torch builds or indexes that do not fit
 * the hardware. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doctor_private.h"
#include "spacelock/mem.h"
#include "spacelock/reqfile.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"

#define REQS "requirements.txt"

struct hw {
	bool gpu, cpu; /* known to be a GPU, or a CPU flavor */
	const char *name;
};

/* A git URL's ref ("main", "b57e9de"), or NULL when it names none. */
static char *git_ref(const char *url)
{
	const char *p = strstr(url, "://"), *slash, *at;
	size_t n;

	if (!p || !(slash = strchr(p + 3, '/')))
		return NULL;
	if (!(at = strrchr(slash, '@')))
		return NULL;
	n = strcspn(at + 1, "#");
	return n ? sl_xstrndup(at + 1, n) : NULL;
}

static bool is_commit(const char *ref)
{
	size_t n = strlen(ref);
	return n >= 7 && n <= 40 && strspn(ref, "0123456789abcdef") == n;
}

static void lint_vcs(struct sl_doctor *d, const struct sl_reqfile_entry *e)
{
	char *ref;

	if (!e->url || strncmp(e->url, "git+", 4) != 0)
		return;
	ref = git_ref(e->url);
	if (!ref)
		doctor_add(d, "req-vcs-moving", SL_DOCTOR_WARNING, REQS, e->line,
			   "pin the commit the source built: git+URL@<commit sha>",
			   "%s follows the repository's default branch: a duplicate builds "
			   "whatever it holds today",
			   e->name ? e->name : e->url);
	else if (!is_commit(ref))
		doctor_add(d, "req-vcs-moving", SL_DOCTOR_WARNING, REQS, e->line,
			   "pin the commit the source built: git+URL@<commit sha>",
			   "%s follows '%s', a branch or tag that can move: a duplicate builds "
			   "whatever it names today",
			   e->name ? e->name : e->url, ref);
	free(ref);
}

static void lint_gradio(struct sl_doctor *d, const struct doctor_space *sp,
			const struct sl_reqfile_entry *e)
{
	bool ok = true;
	struct sl_err err;

	if (!sp->sdk_version || !sp->sdk || strcmp(sp->sdk, "gradio") != 0)
		return;
	if (sl_specset_contains_str(e->req->spec, sp->sdk_version, SL_PRE_DEFAULT, &ok, &err) !=
		0 ||
	    ok)
		return;
	doctor_add(d, "req-gradio-sdk", SL_DOCTOR_ERROR, REQS, e->line,
		   "remove the gradio line (the card's sdk_version installs gradio); spacelock "
		   "apply does it",
		   "'%s' disagrees with sdk_version %s: the builder installs both in one pip "
		   "run, which fails with ResolutionImpossible",
		   e->req_text, sp->sdk_version);
}

static void lint_torch(struct sl_doctor *d, const struct hw *hw, const struct sl_reqfile_entry *e)
{
	const char *pin = sl_specset_exact_pin(e->req->spec);
	const char *local = pin ? strchr(pin, '+') : NULL;

	if (!local)
		return;
	if (hw->gpu && strcmp(local, "+cpu") == 0)
		doctor_add(d, "req-torch-build", SL_DOCTOR_ERROR, REQS, e->line,
			   "pin a CUDA build (or no local label) for GPU hardware",
			   "%s is a CPU-only build but the Space runs on %s: no CUDA", e->req_text,
			   hw->name);
	else if (hw->cpu && strncmp(local, "+cu", 3) == 0)
		doctor_add(
		    d, "req-torch-build", SL_DOCTOR_WARNING, REQS, e->line,
		    "drop the local label, or choose GPU hardware",
		    "%s is a CUDA build but the Space runs on %s: a large download for no GPU",
		    e->req_text, hw->name);
}

static void lint_requirement(struct sl_doctor *d, const struct doctor_space *sp,
			     const struct hw *hw, const struct sl_reqfile_entry *e)
{
	if (!e->req || !e->name)
		return;
	if (e->req->url) {
		lint_vcs(d, e);
		return;
	}
	if (strcmp(e->name, "gradio") == 0) {
		lint_gradio(d, sp, e);
		return;
	}
	if (strcmp(e->name, "spaces") == 0) {
		if (sl_specset_count(e->req->spec))
			doctor_add(d, "req-spaces-pinned", SL_DOCTOR_WARNING, REQS, e->line,
				   "write a bare `spaces` line (or none)",
				   "'%s' pins the spaces package, which the platform installs "
				   "itself: a pin conflicts with the builder's",
				   e->req_text);
		return;
	}
	if (strcmp(e->name, "torch") == 0)
		lint_torch(d, hw, e);
	if (!sl_specset_exact_pin(e->req->spec))
		doctor_add(d, "req-unpinned", SL_DOCTOR_WARNING, REQS, e->line,
			   "pin the version the source runs (spacelock repin writes them)",
			   "'%s' is %s: a duplicate resolves it to the newest release that day",
			   e->req_text, sl_specset_count(e->req->spec) ? "a range" : "not pinned");
}

/* --index-url / --extra-index-url / -f that serve the wrong torch builds. */
static void lint_index(struct sl_doctor *d, const struct hw *hw, const struct sl_reqfile_entry *e)
{
	for (size_t i = 0; i < e->nopts; i++) {
		const char *v = e->opts[i].value;
		if (!v || !strstr(v, "/whl/"))
			continue;
		if (hw->gpu && strstr(v, "/whl/cpu"))
			doctor_add(d, "req-torch-index", SL_DOCTOR_ERROR, REQS, e->line,
				   "use the CUDA index that matches the torch release",
				   "%s %s serves CPU-only torch builds but the Space runs on %s",
				   e->opts[i].name, v, hw->name);
		else if (hw->cpu && strstr(v, "/whl/cu"))
			doctor_add(d, "req-torch-index", SL_DOCTOR_WARNING, REQS, e->line,
				   "use the CPU index (.../whl/cpu) or choose GPU hardware",
				   "%s %s serves CUDA torch builds but the Space runs on %s",
				   e->opts[i].name, v, hw->name);
	}
}

int doctor_lint_requirements(struct sl_doctor *d, struct doctor_space *sp, struct sl_err *err)
{
	char *path = sl_xasprintf("%s/%s", sp->dir, REQS);
	struct sl_reqfile *rf = NULL;
	struct hw hw = {0};
	int rc;

	if (access(path, F_OK) != 0) {
		free(path);
		return 0; /* a Space may have no requirements */
	}
	rc = sl_reqfile_load(path, &rf, err);
	free(path);
	if (rc)
		return rc;
	hw.gpu = sp->zerogpu || doctor_is_gpu_hardware(sp->hardware);
	hw.cpu = sp->hardware && !hw.gpu;
	hw.name = sp->hardware ? sp->hardware : "zero-a10g";
	for (size_t i = 0; i < rf->nentries; i++) {
		const struct sl_reqfile_entry *e = &rf->entries[i];
		if (e->kind == SL_REQLINE_REQUIREMENT)
			lint_requirement(d, sp, &hw, e);
		else if (e->kind == SL_REQLINE_URL || e->kind == SL_REQLINE_EDITABLE)
			lint_vcs(d, e);
		else if (e->kind == SL_REQLINE_OPTION)
			lint_index(d, &hw, e);
	}
	sl_reqfile_free(rf);
	return 0;
}
