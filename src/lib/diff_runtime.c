/* diff_runtime.c: what ran, compared: hardware, the Python, sdk and
 * sdk_version, the builder's own step, the build's outcome, secret and
 * variable names, the base image, card keys that change behaviour and apt
 * packages.  Fields are added in the order people should read them (the
 * runtime's rank); a value one lock does not know is "unknown", never a
 * removal. */
#include <stdlib.h>
#include <string.h>

#include "diff_private.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"

static struct sl_diff_field *add_field(struct diff_ctx *c, const char *name, bool list)
{
	struct sl_diff *d = c->d;
	struct sl_diff_field *f;

	sl_xgrow((void **)&d->runtime, &c->cap_runtime, d->n_runtime + 1, sizeof(*f));
	f = &d->runtime[d->n_runtime++];
	memset(f, 0, sizeof(*f));
	f->field = name;
	f->list = list;
	f->reason = sl_xstrdup("");
	return f;
}

static void set_reason(struct sl_diff_field *f, char *reason)
{
	free(f->reason);
	f->reason = reason ? reason : sl_xstrdup("");
}

static bool same(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

static bool same_list(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

/* A list field; known_* false when a lock cannot tell.  Returns the new
 * entry or NULL when nothing differs. */
static struct sl_diff_field *list_field(struct diff_ctx *c, const char *name, char *const *a,
					size_t na, bool known_a, char *const *b, size_t nb,
					bool known_b)
{
	struct sl_diff_field *f;

	if (known_a && known_b && same_list(a, na, b, nb))
		return NULL;
	if ((!known_a && (!known_b || !nb)) || (!known_b && !na))
		return NULL;
	f = add_field(c, name, true);
	f->from = known_a ? diff_strv_dup(a, na) : NULL;
	f->n_from = known_a ? na : 0;
	f->to = known_b ? diff_strv_dup(b, nb) : NULL;
	f->n_to = known_b ? nb : 0;
	if (!known_a || !known_b) {
		f->change = SL_DIFF_UNKNOWN;
		f->unknown_in = known_a ? SL_DIFF_IN_DUPLICATE : SL_DIFF_IN_SOURCE;
	} else {
		f->change = !na ? SL_DIFF_ADDED : !nb ? SL_DIFF_REMOVED : SL_DIFF_CHANGED;
	}
	return f;
}

/* A scalar field: a NULL value on a known side means "not set". */
static struct sl_diff_field *scalar(struct diff_ctx *c, const char *name, const char *a,
				    bool known_a, const char *b, bool known_b)
{
	char *va[1] = {(char *)a}, *vb[1] = {(char *)b};
	struct sl_diff_field *f =
	    list_field(c, name, va, a ? 1 : 0, known_a, vb, b ? 1 : 0, known_b);

	if (f)
		f->list = false;
	return f;
}

/* Versions order a change: upgraded or downgraded, with its kind. */
static void order_versions(struct sl_diff_field *f, const char *a, const char *b)
{
	struct sl_version *x = diff_version(a), *y = diff_version(b);

	if (f->change == SL_DIFF_CHANGED && x && y && sl_version_cmp(x, y) != 0) {
		f->change = sl_version_cmp(x, y) < 0 ? SL_DIFF_UPGRADED : SL_DIFF_DOWNGRADED;
		f->kind = sl_version_part_name(sl_version_diff_part(x, y));
	}
	sl_version_free(x);
	sl_version_free(y);
}

/* ---- hardware ---- */

static void hardware(struct diff_ctx *c)
{
	const char *a = c->lock[SRC]->space.hardware, *b = c->lock[DUP]->space.hardware;
	struct sl_diff_field *f = scalar(c, "hardware", a, a != NULL, b, b != NULL);
	struct sl_buf why = SL_BUF_INIT;

	if (!f || f->change == SL_DIFF_UNKNOWN)
		return;
	if (same(a, "zero-a10g") || same(b, "zero-a10g"))
		sl_buf_addf(&why, "@spaces.GPU functions get a GPU only on zero-a10g (ZeroGPU)");
	if (same(a, "cpu-basic") || same(b, "cpu-basic"))
		sl_buf_addf(&why, "%sa duplicate starts on cpu-basic unless hardware is chosen",
			    why.len ? "; " : "");
	set_reason(f, sl_buf_detach(&why, NULL));
}

/* ---- the Python that ran ---- */

/* "3.13" (an image tag) and "3.13.2" name the same Python. */
static bool same_python(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	if (na > nb)
		return same_python(b, a);
	return strncmp(a, b, na) == 0 && (b[na] == '\0' || b[na] == '.');
}

static bool lock_has(const struct diff_ctx *c, const char *name)
{
	struct diff_view v;

	for (int side = 0; side < 2; side++) {
		diff_view_of(c, side, name, &v);
		if (v.pkg || v.inc)
			return true;
	}
	return false;
}

/* A removed module a package of the locks imports ("pydub imports it"). */
static const char *user_of(const struct diff_ctx *c, const struct diff_removal *r)
{
	for (size_t i = 0; i < r->n_used_by; i++)
		if (lock_has(c, r->used_by[i]))
			return r->used_by[i];
	return NULL;
}

static void removed_modules(const struct diff_ctx *c, const char *a, const char *b,
			    struct sl_buf *why)
{
	size_t n, shown = 0;
	const struct diff_removal **rm = diff_rules_removed(c->rules, a, b, &n);
	struct sl_version *x = diff_version(a), *y = diff_version(b);
	bool a_newer = x && y && sl_version_cmp(x, y) > 0;

	if (n)
		sl_buf_addf(why, "%sPython %s lacks %zu standard-library module%s %s had: ",
			    why->len ? "; " : "", a_newer ? a : b, n, n == 1 ? "" : "s",
			    a_newer ? b : a);
	for (int pass = 0; pass < 2; pass++) /* modules the Space's packages use first */
		for (size_t i = 0; i < n && shown < 4; i++) {
			const char *user = user_of(c, rm[i]);
			if ((pass == 0) != (user != NULL))
				continue;
			sl_buf_addf(why, "%s%s", shown++ ? ", " : "", rm[i]->module);
			if (user)
				sl_buf_addf(why, " (%s imports it)", user);
		}
	if (n > shown)
		sl_buf_addf(why, " and %zu more", n - shown);
	free(rm);
	sl_version_free(x);
	sl_version_free(y);
}

static void python(struct diff_ctx *c)
{
	const char *a = c->lock[SRC]->runtime.python, *b = c->lock[DUP]->runtime.python;
	struct sl_diff_field *f;
	struct sl_buf why = SL_BUF_INIT;

	if (a && b && same_python(a, b))
		return;
	if (!(f = scalar(c, "python", a, a != NULL, b, b != NULL)))
		return;
	order_versions(f, a, b);
	if (f->change == SL_DIFF_UNKNOWN) {
		int side = f->unknown_in == SL_DIFF_IN_SOURCE ? SRC : DUP;
		if (c->card_known[side] && !c->lock[side]->space.python_version)
			set_reason(f,
				   sl_xstrdup("no build log, and its card sets no python_version: "
					      "the builder's default decides"));
		return;
	}
	if (c->card_known[SRC] && c->card_known[DUP] && !c->lock[SRC]->space.python_version &&
	    !c->lock[DUP]->space.python_version)
		sl_buf_addstr(&why,
			      "no python_version in either card: the builder's default moved");
	removed_modules(c, a, b, &why);
	set_reason(f, sl_buf_detach(&why, NULL));
}

/* The image, when the Python tag alone does not say what changed. */
static void image(struct diff_ctx *c, bool python_differs)
{
	const struct sl_lock_runtime *a = &c->lock[SRC]->runtime, *b = &c->lock[DUP]->runtime;
	struct sl_diff_field *f;

	if (!a->base_image || !b->base_image)
		return;
	if (!same(a->base_image, b->base_image)) {
		if (!python_differs)
			scalar(c, "base_image", a->base_image, true, b->base_image, true);
		return;
	}
	if (a->digest && b->digest &&
	    (f = scalar(c, "digest", a->digest, true, b->digest, true)) != NULL)
		set_reason(f, sl_xasprintf("%s was rebuilt: OS packages and the Python patch "
					   "release may differ",
					   a->base_image));
}

/* ---- the sdk and the builder ---- */

/* The builder's argument that pins the sdk, in a lock's step. */
static const char *sdk_pin(const struct sl_lock *lock)
{
	char *sdk = diff_sdk_package(lock);
	const char *found = NULL;

	for (size_t i = 0; sdk && !found && i < lock->runtime.n_platform_step; i++) {
		struct sl_requirement *r = NULL;
		struct sl_err err;
		char *canon;
		if (sl_requirement_parse(lock->runtime.platform_step[i], &r, &err) != 0)
			continue;
		canon = sl_name_canonical(r->name);
		if (strcmp(canon, sdk) == 0 && sl_specset_exact_pin(r->spec))
			found = lock->runtime.platform_step[i];
		free(canon);
		sl_requirement_free(r);
	}
	free(sdk);
	return found;
}

static void sdk(struct diff_ctx *c)
{
	const struct sl_lock_space *a = &c->lock[SRC]->space, *b = &c->lock[DUP]->space;
	bool ka = c->card_known[SRC], kb = c->card_known[DUP];
	struct sl_diff_field *f;
	const char *pin;

	scalar(c, "sdk", a->sdk, ka, b->sdk, kb);
	if (!(f = scalar(c, "sdk_version", a->sdk_version, ka, b->sdk_version, kb)))
		return;
	order_versions(f, a->sdk_version, b->sdk_version);
	if (f->change == SL_DIFF_UNKNOWN || !b->sdk_version)
		return;
	pin = sdk_pin(c->lock[DUP]);
	if (pin)
		set_reason(f, sl_xasprintf("the builder installs %s in the duplicate", pin));
	else if (b->sdk)
		set_reason(f, sl_xasprintf("the duplicate's card asks the builder for %s %s",
					   b->sdk, b->sdk_version));
}

char **diff_platform_normalized(const struct sl_lock *lock, size_t *n)
{
	const char *pin = sdk_pin(lock), *v = lock->space.sdk_version;
	char **out = diff_strv_dup(lock->runtime.platform_step, lock->runtime.n_platform_step);
	size_t len, vlen;

	*n = lock->runtime.n_platform_step;
	for (size_t i = 0; pin && v && i < *n; i++) {
		len = strlen(out[i]);
		vlen = strlen(v);
		if (strcmp(out[i], pin) != 0 || len < vlen + 2 ||
		    strcmp(out[i] + len - vlen, v) != 0 ||
		    strncmp(out[i] + len - vlen - 2, "==", 2))
			continue;
		out[i][len - vlen] = '\0';
		char *norm = sl_xasprintf("%s<sdk_version>", out[i]);
		free(out[i]);
		out[i] = norm;
	}
	return out;
}

/* The canonical name a builder argument installs (its leading name, so
 * "gradio[oauth]==<sdk_version>" is gradio); an option such as
 * "-r requirements.txt" is itself. */
static char *arg_name(const char *arg)
{
	size_t n = strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");
	char *raw, *name;

	if (arg[0] == '-' || n == 0)
		return sl_xstrdup(arg);
	raw = sl_xstrndup(arg, n);
	name = sl_name_canonical(raw);
	free(raw);
	return name;
}

static const char *find_arg(char **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		char *k = arg_name(v[i]);
		bool hit = strcmp(k, name) == 0;
		free(k);
		if (hit)
			return v[i];
	}
	return NULL;
}

#define WITH_REQUIREMENTS "-r requirements.txt"

/* "spaces==0.16.1 -> spaces; + websockets>=10.4; - pip==22.3.1" */
static char *builder_reason(char **a, size_t na, char **b, size_t nb)
{
	struct sl_buf why = SL_BUF_INIT;
	bool ra = find_arg(a, na, WITH_REQUIREMENTS), rb = find_arg(b, nb, WITH_REQUIREMENTS);

	for (size_t i = 0; i < na; i++) {
		char *name = arg_name(a[i]);
		const char *other = find_arg(b, nb, name);
		if (!other && strcmp(a[i], WITH_REQUIREMENTS) != 0)
			sl_buf_addf(&why, "%s- %s", why.len ? "; " : "", a[i]);
		else if (other && strcmp(other, a[i]) != 0)
			sl_buf_addf(&why, "%s%s → %s", why.len ? "; " : "", a[i], other);
		free(name);
	}
	for (size_t i = 0; i < nb; i++) {
		char *name = arg_name(b[i]);
		if (strcmp(b[i], WITH_REQUIREMENTS) != 0 && !find_arg(a, na, name))
			sl_buf_addf(&why, "%s+ %s", why.len ? "; " : "", b[i]);
		free(name);
	}
	if (ra != rb)
		sl_buf_addf(&why,
			    "%sin the %s the sdk pin and requirements.txt share one pip run: a "
			    "gradio line that disagrees with sdk_version fails the build",
			    why.len ? "; " : "", rb ? "duplicate" : "source");
	return sl_buf_detach(&why, NULL);
}

static void builder(struct diff_ctx *c)
{
	const struct sl_lock_runtime *a = &c->lock[SRC]->runtime, *b = &c->lock[DUP]->runtime;
	size_t na, nb;
	char **xa = diff_platform_normalized(c->lock[SRC], &na);
	char **xb = diff_platform_normalized(c->lock[DUP], &nb);
	struct sl_diff_field *f;

	if (!(na && nb && same_list(xa, na, xb, nb)) &&
	    (f = list_field(c, "platform_step", a->platform_step, a->n_platform_step, na > 0,
			    b->platform_step, b->n_platform_step, nb > 0)) != NULL &&
	    f->change != SL_DIFF_UNKNOWN)
		set_reason(f, builder_reason(xa, na, xb, nb));
	diff_strv_free(xa, na);
	diff_strv_free(xb, nb);
}

static void build_status(struct diff_ctx *c)
{
	const char *a = c->lock[SRC]->runtime.build_status, *b = c->lock[DUP]->runtime.build_status;
	struct sl_diff_field *f = scalar(c, "build_status", a, a != NULL, b, b != NULL);

	if (f && f->change != SL_DIFF_UNKNOWN && same(b, "failed"))
		set_reason(f, sl_xstrdup("the duplicate's build failed"));
	else if (f && f->change != SL_DIFF_UNKNOWN && same(a, "failed"))
		set_reason(f, sl_xstrdup("the source's build failed"));
}

/* ---- names and card keys ---- */

static bool listed(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* "missing in the duplicate: A, B; only in the duplicate: C" */
static char *set_reason_of(char *const *a, size_t na, char *const *b, size_t nb, const char *tail)
{
	struct sl_buf why = SL_BUF_INIT;
	size_t k = 0;

	for (size_t i = 0; i < na; i++)
		if (!listed(b, nb, a[i]))
			sl_buf_addf(&why, "%s%s", k++ ? ", " : "missing in the duplicate: ", a[i]);
	if (k && tail)
		sl_buf_addstr(&why, tail);
	k = 0;
	for (size_t i = 0; i < nb; i++)
		if (!listed(a, na, b[i]))
			sl_buf_addf(&why, "%s%s",
				    k++	      ? ", "
				    : why.len ? "; only in the duplicate: "
					      : "only in the duplicate: ",
				    b[i]);
	return sl_buf_detach(&why, NULL);
}

static void names(struct diff_ctx *c, const char *field, char *const *a, size_t na, bool ka,
		  char *const *b, size_t nb, bool kb, const char *tail)
{
	struct sl_diff_field *f = list_field(c, field, a, na, ka, b, nb, kb);

	if (f && f->change != SL_DIFF_UNKNOWN)
		set_reason(f, set_reason_of(a, na, b, nb, tail));
}

static void card_keys(struct diff_ctx *c)
{
	const struct sl_lock_space *a = &c->lock[SRC]->space, *b = &c->lock[DUP]->space;
	bool ka = c->card_known[SRC], kb = c->card_known[DUP];

	scalar(c, "app_file", a->app_file, ka, b->app_file, kb);
	list_field(c, "preload_from_hub", a->preload_from_hub, a->n_preload_from_hub, ka,
		   b->preload_from_hub, b->n_preload_from_hub, kb);
	scalar(c, "startup_duration_timeout", a->startup_duration_timeout, ka,
	       b->startup_duration_timeout, kb);
	names(c, "system_packages", a->system_packages, a->n_system_packages, ka,
	      b->system_packages, b->n_system_packages, kb, NULL);
	scalar(c, "python_version", a->python_version, ka, b->python_version, kb);
	scalar(c, "suggested_hardware", a->suggested_hardware, ka, b->suggested_hardware, kb);
}

void diff_runtime(struct diff_ctx *c)
{
	const struct sl_lock_space *a = &c->lock[SRC]->space, *b = &c->lock[DUP]->space;
	size_t before;

	hardware(c);
	before = c->d->n_runtime;
	python(c);
	sdk(c);
	builder(c);
	build_status(c);
	names(c, "secrets", a->secrets, a->n_secrets, a->secrets_known, b->secrets, b->n_secrets,
	      b->secrets_known, " (a duplicate does not get the source's secrets)");
	names(c, "variables", a->variables, a->n_variables, a->variables_known, b->variables,
	      b->n_variables, b->variables_known, NULL);
	image(c, c->d->n_runtime > before && strcmp(c->d->runtime[before].field, "python") == 0);
	card_keys(c);
}
