/* doctor_card.c: `doctor DIR`'s order of work (card, app code, card checks
 * that need the app, requirements, quota) and the checks of the card and
 * requirements.txt, each tied to what went wrong in real Spaces
 * (docs/commands/doctor.md lists them with their sources). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doctor_private.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "spacelock/reqfile.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"
#include "spacelock/version.h"

#define CARD "README.md"
#define REQS "requirements.txt"

static unsigned long line_of(const struct sl_card *c, const char *key)
{
	const struct sl_card_value *v = sl_card_get(c, key);
	return v ? v->line : 0;
}

/* Release numbers in v ("4.40.0" has 3); 0 when v is not a version. */
static int release_parts(const char *v)
{
	struct sl_version *ver = NULL;
	struct sl_err err;
	int n = 1;

	if (sl_version_parse(v, &ver, &err) != 0)
		return 0;
	sl_version_free(ver);
	for (const char *p = v; *p && *p != '+' && !strchr("abcrdpe", *p); p++)
		n += *p == '.';
	return n;
}

/* <0, 0, >0 as v compares with w; 0 when either is not a version. */
static int vcmp(const char *v, const char *w)
{
	int out = 0;
	struct sl_err err;

	if (!v || sl_version_compare_str(v, w, &out, &err) != 0)
		return 0;
	return out;
}

static void lint_sdk(struct sl_doctor *d, const struct doctor_space *sp)
{
	const struct sl_card *c = sp->card;

	if (!sp->sdk) {
		doctor_add(d, "card-sdk", SL_DOCTOR_ERROR, CARD, 0,
			   "add sdk: gradio (or docker, static) to the card",
			   "the card has no sdk: the Hub cannot build the Space");
		return;
	}
	if (strcmp(sp->sdk, "gradio") != 0 && strcmp(sp->sdk, "streamlit") != 0)
		return;
	if (!sp->sdk_version)
		doctor_add(d, "card-sdk-version", SL_DOCTOR_ERROR, CARD, line_of(c, "sdk"),
			   "add the exact release the source ran, quoted: sdk_version: \"4.44.1\"",
			   "the card has no sdk_version: a duplicate builds with whatever %s "
			   "release the builder picks that day",
			   sp->sdk);
	else if (release_parts(sp->sdk_version) < 3)
		doctor_add(d, "card-sdk-version", SL_DOCTOR_ERROR, CARD, line_of(c, "sdk_version"),
			   "write the exact release, quoted: sdk_version: \"X.Y.Z\"",
			   "sdk_version '%s' is not an exact release: the builder rejected an "
			   "incomplete one (sdk_version: 3.27)",
			   sp->sdk_version);
}

static void lint_python(struct sl_doctor *d, const struct doctor_space *sp)
{
	const struct sl_card_value *v = sl_card_get(sp->card, "python_version");

	if (!v || !v->value || !*v->value) {
		doctor_add(d, "card-python-version", SL_DOCTOR_WARNING, CARD, 0,
			   "add the Python the source ran, quoted: python_version: \"3.10\"",
			   "the card has no python_version: the builder's default moved from 3.8 "
			   "to 3.10 to 3.13, so a rebuild or a duplicate may get another Python");
		return;
	}
	if (v->style != SL_CARD_PLAIN)
		return;
	if (v->value[strlen(v->value) - 1] == '0' &&
	    strchr(v->value, '.') == strrchr(v->value, '.'))
		doctor_add(d, "card-python-version", SL_DOCTOR_ERROR, CARD, v->line,
			   "quote it: python_version: \"3.10\"",
			   "python_version: %s is unquoted: YAML reads it as the number %.*s, "
			   "Python %.*s",
			   v->value, (int)strlen(v->value) - 1, v->value, (int)strlen(v->value) - 1,
			   v->value);
	else
		doctor_add(d, "card-python-version", SL_DOCTOR_WARNING, CARD, v->line,
			   "quote it: python_version: \"3.11\"",
			   "python_version: %s is unquoted: YAML readers may take it for a number",
			   v->value);
}

/* ZeroGPU: the gradio SDK, Gradio 4 or later (5.12 for quota attribution),
 * hardware zero-a10g. */
static void lint_zerogpu(struct sl_doctor *d, const struct doctor_space *sp)
{
	const char *sv = sp->sdk_version;
	unsigned long at = line_of(sp->card, "sdk_version");

	if (!sp->zerogpu)
		return;
	if (sp->sdk && strcmp(sp->sdk, "gradio") != 0)
		doctor_add(d, "zerogpu-sdk", SL_DOCTOR_ERROR, CARD, line_of(sp->card, "sdk"),
			   "use sdk: gradio", "ZeroGPU runs only Gradio Spaces, not sdk %s",
			   sp->sdk);
	else if (sv && vcmp(sv, "4") < 0)
		doctor_add(d, "zerogpu-gradio", SL_DOCTOR_ERROR, CARD, at,
			   "spacelock apply can write a newer sdk_version (Gradio 4 or later)",
			   "ZeroGPU needs Gradio 4 or later; sdk_version is %s", sv);
	else if (sv && vcmp(sv, "5.12") < 0)
		doctor_add(d, "zerogpu-gradio-quota", SL_DOCTOR_WARNING, CARD, at,
			   "move sdk_version to 5.12 or later",
			   "Gradio %s is older than 5.12: ZeroGPU may bill calls to the wrong "
			   "visitor (the page's quota handshake came in 5.12)",
			   sv);
	if (sp->uses_gpu && (!sp->hardware || strcmp(sp->hardware, "zero-a10g") != 0))
		doctor_add(d, "zerogpu-hardware", SL_DOCTOR_WARNING, CARD,
			   line_of(sp->card, "suggested_hardware"),
			   "choose ZeroGPU (zero-a10g) in Settings > Hardware; suggested_hardware: "
			   "zero-a10g tells a duplicate",
			   "the app uses @spaces.GPU but the Space %s %s: off ZeroGPU @spaces.GPU "
			   "does nothing and a duplicate runs on cpu-basic",
			   sp->hardware ? "runs on" : "names no hardware",
			   sp->hardware ? sp->hardware : "(no suggested_hardware)");
}

/* Models fetched at start-up follow the model repo's head and count
 * against the start-up timeout. */
static void lint_startup(struct sl_doctor *d, const struct doctor_space *sp)
{
	if (!sp->download_file)
		return;
	if (!sl_card_get(sp->card, "preload_from_hub"))
		doctor_add(d, "card-preload", SL_DOCTOR_WARNING, sp->download_file,
			   sp->download_line,
			   "list the model in the card's preload_from_hub (with a commit) so the "
			   "build downloads it once",
			   "a model is downloaded at start-up without preload_from_hub: each "
			   "start fetches the repo's current head, and a large one can outlast the "
			   "start-up timeout");
	if (!sl_card_get(sp->card, "startup_duration_timeout"))
		doctor_add(d, "card-startup-timeout", SL_DOCTOR_INFO, sp->download_file,
			   sp->download_line, "set startup_duration_timeout (e.g. 1h) in the card",
			   "a model is downloaded at start-up and the card keeps the default "
			   "start-up timeout (30 minutes)");
}

void doctor_lint_card(struct sl_doctor *d, struct doctor_space *sp)
{
	lint_sdk(d, sp);
	lint_python(d, sp);
	lint_zerogpu(d, sp);
	lint_startup(d, sp);
}

static int read_card(struct doctor_space *sp, struct sl_err *err)
{
	char *path = sl_xasprintf("%s/%s", sp->dir, CARD);
	struct sl_buf b = SL_BUF_INIT;
	int rc = sl_file_read(path, SL_CARD_MAX_BYTES, &b, err);

	if (rc == 0)
		rc = sl_card_parse(path, b.buf, b.len, &sp->card, err);
	sl_buf_release(&b);
	free(path);
	return rc;
}

int sl_doctor_lint_dir(struct sl_doctor *d, const char *dir, const char *hardware, unsigned flags,
		       struct sl_err *err)
{
	struct doctor_space sp = {0};
	int rc;

	sp.dir = dir;
	sp.no_app_code = flags & SL_DOCTOR_NO_APP_CODE;
	if ((rc = read_card(&sp, err)) != 0)
		return rc;
	sp.sdk = sl_card_string(sp.card, "sdk");
	sp.sdk_version = sl_card_string(sp.card, "sdk_version");
	sp.hardware = hardware ? hardware : sl_card_string(sp.card, "suggested_hardware");
	sp.zerogpu = sp.hardware && strcmp(sp.hardware, "zero-a10g") == 0;
	if ((rc = doctor_lint_app(d, &sp, err)) == 0) {
		doctor_lint_card(d, &sp);
		rc = doctor_lint_requirements(d, &sp, err);
	}
	if (rc == 0)
		rc = doctor_quota(d, err);
	sl_card_free(sp.card);
	free(sp.download_file);
	return rc;
}
