/* apply.c: the apply result as data: the card's part (sdk, sdk_version,
 * python_version, suggested_hardware spliced at libyaml's marks), the
 * requirement files' part (apply_reqs.c), then the verification of the
 * whole before anything may be written. */
#include <stdlib.h>
#include <string.h>

#include "apply_private.h"
#include "spacelock/buf.h"
#include "spacelock/card.h"
#include "spacelock/card_edit.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "spacelock/reqfile.h"

static const char *const file_names[SL_APPLY_NFILES] = {"README.md", "requirements.txt",
							"pre-requirements.txt"};

const char *sl_apply_file_name(enum sl_apply_file_id id)
{
	return id < SL_APPLY_NFILES ? file_names[id] : "?";
}

const char *sl_apply_change_kind_name(enum sl_apply_change_kind kind)
{
	switch (kind) {
	case SL_APPLY_CARD_SET: return "set";
	case SL_APPLY_CARD_ADD: return "add";
	case SL_APPLY_PIN: return "pin";
	case SL_APPLY_ADD: return "add";
	case SL_APPLY_REMOVE: return "remove";
	case SL_APPLY_KEEP: return "keep";
	case SL_APPLY_UNKNOWN: return "unknown";
	}
	return "?";
}

static char *dup_or_null(const char *s)
{
	return s ? sl_xstrdup(s) : NULL;
}

void apply_note(struct sl_apply_result *r, enum sl_apply_change_kind kind,
		enum sl_apply_file_id file, unsigned long line, const char *what,
		const char *old_text, const char *new_text, const char *reason)
{
	struct sl_apply_change *c;

	sl_xgrow((void **)&r->changes, &r->cap_changes, r->n_changes + 1, sizeof(*r->changes));
	c = &r->changes[r->n_changes++];
	c->kind = kind;
	c->file = file;
	c->line = line;
	c->what = dup_or_null(what);
	c->old_text = dup_or_null(old_text);
	c->new_text = dup_or_null(new_text);
	c->reason = dup_or_null(reason);
	c->remedy = NULL;
}

void apply_unknown(struct sl_apply_result *r, enum sl_apply_file_id file, unsigned long line,
		   const char *what, const char *old_text, const char *why, const char *remedy)
{
	char *reason = sl_xasprintf("%s; remedy: %s", why, remedy ? remedy : "none known");

	apply_note(r, SL_APPLY_UNKNOWN, file, line, what, old_text, NULL, reason);
	r->changes[r->n_changes - 1].remedy = dup_or_null(remedy);
	free(reason);
}

void sl_apply_set_file(struct sl_apply_result *r, enum sl_apply_file_id id, const char *data,
		       size_t len, unsigned mode)
{
	struct sl_apply_file *f = &r->files[id];

	free(f->old_data);
	f->exists = data != NULL;
	f->old_data = NULL;
	f->old_len = 0;
	if (data) {
		f->old_data = sl_xmalloc(len + 1);
		memcpy(f->old_data, data, len);
		f->old_data[len] = '\0';
		f->old_len = len;
	}
	f->mode = mode;
}

bool sl_apply_changed(const struct sl_apply_result *r)
{
	for (int i = 0; i < SL_APPLY_NFILES; i++)
		if (r->files[i].new_data)
			return true;
	return false;
}

static void drop_new(struct sl_apply_result *r)
{
	for (int i = 0; i < SL_APPLY_NFILES; i++) {
		free(r->files[i].new_data);
		r->files[i].new_data = NULL;
		r->files[i].new_len = 0;
	}
}

void sl_apply_result_release(struct sl_apply_result *r)
{
	drop_new(r);
	for (int i = 0; i < SL_APPLY_NFILES; i++)
		free(r->files[i].old_data);
	for (size_t i = 0; i < r->n_changes; i++) {
		free(r->changes[i].what);
		free(r->changes[i].old_text);
		free(r->changes[i].new_text);
		free(r->changes[i].reason);
		free(r->changes[i].remedy);
	}
	free(r->changes);
	memset(r, 0, sizeof(*r));
}

/* ---- the card ---- */

/* The python_version to write: --python, else what really ran; the card's
 * own spelling when it names the same Python with more or less precision
 * ("3.10" for a runtime of 3.10.14). */
static const char *card_python(const struct sl_lock *lock, const struct sl_apply_options *opts,
			       const char *declared)
{
	const char *ran = lock->runtime.python ? lock->runtime.python : lock->space.python_version;
	size_t n;

	if (opts->python)
		return opts->python;
	if (!ran || !declared)
		return ran;
	n = strlen(declared) < strlen(ran) ? strlen(declared) : strlen(ran);
	if (strncmp(declared, ran, n) == 0 && (declared[n] == '\0' || declared[n] == '.') &&
	    (ran[n] == '\0' || ran[n] == '.'))
		return declared;
	return ran;
}

struct card_key {
	const char *key;
	const char *value;
	unsigned flags;
	const char *const *after;
	const char *reason;
};

static int set_key(struct sl_buf *doc, const struct card_key *k, struct sl_apply_result *r,
		   struct sl_err *err)
{
	struct sl_card_edit_info info;
	int rc;

	if (!sl_card_has_front_matter(doc->buf, doc->len)) {
		sl_card_edit_create(doc, k->key, k->value, k->flags);
		apply_note(r, SL_APPLY_CARD_ADD, SL_APPLY_README, 2, k->key, NULL, k->value,
			   "the README had no front matter: a card is made for it");
		return 0;
	}
	rc = sl_card_edit_set(doc, "README.md", k->key, k->value, k->flags, k->after, &info, err);
	if (rc)
		return rc;
	if (info.done != SL_CARD_EDIT_SAME)
		apply_note(
		    r, info.done == SL_CARD_EDIT_ADDED ? SL_APPLY_CARD_ADD : SL_APPLY_CARD_SET,
		    SL_APPLY_README, info.line, k->key, info.old_raw, info.new_raw, k->reason);
	sl_card_edit_info_release(&info);
	return 0;
}

static bool is_python_sdk(const char *sdk)
{
	return sdk && (strcmp(sdk, "gradio") == 0 || strcmp(sdk, "streamlit") == 0);
}

static int apply_card(const struct sl_lock *lock, const struct sl_apply_options *opts,
		      struct sl_buf *doc, struct sl_apply_result *r, struct sl_err *err)
{
	static const char *const after_sdk[] = {"title", "emoji", "colorFrom", "colorTo", NULL};
	static const char *const after_ver[] = {"sdk", NULL};
	static const char *const after_py[] = {"sdk", "sdk_version", NULL};
	static const char *const after_hw[] = {"sdk", "sdk_version", "python_version", "app_file",
					       NULL};
	const struct sl_lock_space *s = &lock->space;
	const char *hw = s->hardware ? s->hardware : s->suggested_hardware;
	const char *declared = NULL;
	struct card_key keys[4];
	size_t n = 0;
	int rc = 0;

	if (!r->files[SL_APPLY_README].exists) {
		apply_note(r, SL_APPLY_KEEP, SL_APPLY_README, 0, "card", NULL, NULL,
			   "there is no README.md: a Space's card lives there; none is made");
		return 0;
	}
	if (sl_card_has_front_matter(doc->buf, doc->len)) {
		struct sl_card *card;
		if ((rc = sl_card_parse("README.md", doc->buf, doc->len, &card, err)) != 0)
			return rc;
		declared = sl_card_string(card, "python_version");
		declared = declared ? sl_xstrdup(declared) : NULL;
		sl_card_free(card);
	}
	if (s->sdk)
		keys[n++] = (struct card_key){"sdk", s->sdk, 0, after_sdk, "the source's sdk"};
	if (s->sdk_version)
		keys[n++] =
		    (struct card_key){"sdk_version", s->sdk_version, SL_CARD_EDIT_QUOTE, after_ver,
				      "the source's sdk_version: the builder installs that "
				      "version of the sdk; quoted, a version is a string"};
	if (is_python_sdk(s->sdk) && card_python(lock, opts, declared))
		keys[n++] = (struct card_key){
		    "python_version", card_python(lock, opts, declared), SL_CARD_EDIT_QUOTE,
		    after_py,
		    opts->python ? "--python"
				 : "the Python the source ran (python:X base image); "
				   "quoted, a bare 3.10 reads as the float 3.1"};
	if (opts->hardware && hw)
		keys[n++] = (struct card_key){"suggested_hardware", hw, 0, after_hw,
					      "--hardware: the source's hardware"};
	else if (opts->hardware)
		apply_unknown(r, SL_APPLY_README, 0, "suggested_hardware", NULL,
			      "--hardware: the lock does not know the source's hardware",
			      "snapshot the Space from the Hub (owner/name) to record it");
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = set_key(doc, &keys[i], r, err);
	free((char *)declared);
	return rc;
}

/* ---- the whole ---- */

static int parse_req(const struct sl_apply_file *f, enum sl_apply_file_id id,
		     struct sl_reqfile **out, struct sl_err *err)
{
	*out = NULL;
	if (!f->exists)
		return 0;
	return sl_reqfile_parse(f->old_data, f->old_len, sl_apply_file_name(id), out, err);
}

/* Keeps new bytes only when they differ from the old. */
static void set_new(struct sl_apply_file *f, char *data, size_t len)
{
	if (f->exists && len == f->old_len && memcmp(data, f->old_data, len) == 0) {
		free(data);
		return;
	}
	f->new_data = data;
	f->new_len = len;
}

int sl_apply_compute(const struct sl_lock *lock, const struct sl_apply_options *opts,
		     struct sl_apply_result *r, struct sl_err *err)
{
	struct sl_reqfile *rf[SL_APPLY_NFILES] = {NULL, NULL, NULL};
	struct sl_buf doc = SL_BUF_INIT;
	struct sl_apply_file *readme = &r->files[SL_APPLY_README];
	size_t len;
	char *data;
	int rc;

	drop_new(r);
	if (opts->python && !*opts->python)
		return sl_error(err, SL_EINVAL, "--python needs a version");
	/* every file is read before anything is changed: one that does not
	 * parse stops the whole */
	if ((rc = parse_req(&r->files[SL_APPLY_REQUIREMENTS], SL_APPLY_REQUIREMENTS,
			    &rf[SL_APPLY_REQUIREMENTS], err)) != 0 ||
	    (rc = parse_req(&r->files[SL_APPLY_PRE_REQUIREMENTS], SL_APPLY_PRE_REQUIREMENTS,
			    &rf[SL_APPLY_PRE_REQUIREMENTS], err)) != 0)
		goto out;
	if (readme->exists)
		sl_buf_add(&doc, readme->old_data, readme->old_len);
	if ((rc = apply_card(lock, opts, &doc, r, err)) != 0 ||
	    (rc = apply_requirements(lock, opts, rf, r, err)) != 0)
		goto out;
	data = sl_buf_detach(&doc, &len);
	if (readme->exists || len)
		set_new(readme, data, len);
	else
		free(data);
	for (int i = SL_APPLY_REQUIREMENTS; i < SL_APPLY_NFILES; i++) {
		struct sl_buf b = SL_BUF_INIT;
		if (!rf[i])
			continue;
		sl_reqfile_render(rf[i], &b);
		data = sl_buf_detach(&b, &len);
		set_new(&r->files[i], data, len);
	}
	rc = apply_verify(lock, r, err);
	if (rc == 0)
		rc = apply_check(lock, opts, r, err);
out:
	if (rc)
		drop_new(r);
	sl_buf_release(&doc);
	for (int i = 0; i < SL_APPLY_NFILES; i++)
		sl_reqfile_free(rf[i]);
	return rc;
}
