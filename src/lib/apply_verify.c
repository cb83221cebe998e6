/* apply_verify.c: before anything is written, the result is read back the
 * way the builder will read it: the card parses and names the lock's sdk
 * and sdk_version, the requirement files parse, and every pin apply wrote
 * holds exactly the lock's version. */
#include <string.h>

#include "apply_private.h"
#include "spacelock/card.h"
#include "spacelock/lock.h"
#include "spacelock/reqfile.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"

static const struct sl_apply_file *now(const struct sl_apply_result *r, int id)
{
	return &r->files[id];
}

static const char *bytes(const struct sl_apply_file *f, size_t *len)
{
	*len = f->new_data ? f->new_len : f->old_len;
	return f->new_data ? f->new_data : f->old_data;
}

static int verify_card(const struct sl_lock *lock, const struct sl_apply_result *r,
		       struct sl_err *err)
{
	const struct sl_apply_file *f = now(r, SL_APPLY_README);
	struct sl_card *card;
	const char *got;
	size_t len;
	const char *data = bytes(f, &len);
	int rc;

	if (!data || !f->new_data)
		return 0;
	if ((rc = sl_card_parse("README.md (as apply would write it)", data, len, &card, err)) != 0)
		return rc;
	got = sl_card_string(card, "sdk_version");
	if (lock->space.sdk_version && (!got || strcmp(got, lock->space.sdk_version) != 0))
		rc = sl_error(err, SL_EINVAL,
			      "README.md would say sdk_version '%s', not the lock's '%s'",
			      got ? got : "(nothing)", lock->space.sdk_version);
	sl_card_free(card);
	return rc;
}

/* The pin a change wrote, found again in the new file by name. */
static int verify_pin(const struct sl_lock *lock, const struct sl_reqfile *rf,
		      const struct sl_apply_change *c, struct sl_err *err)
{
	const char *sdk = apply_sdk_package(lock);
	/* the sdk's line is aligned to sdk_version, whatever the lock holds */
	bool is_sdk = sdk && strcmp(c->what, sdk) == 0;
	const struct sl_lock_package *pkg = is_sdk ? NULL : sl_lock_find(lock, c->what);
	const char *want = pkg ? pkg->version : lock->space.sdk_version;

	for (long i = sl_reqfile_find(rf, c->what, 0); i >= 0;
	     i = sl_reqfile_find(rf, c->what, (size_t)i + 1)) {
		const struct sl_reqfile_entry *e = &rf->entries[i];
		const char *pin;
		if (pkg && pkg->vcs_url) {
			if (e->url && pkg->vcs_commit && strstr(e->url, pkg->vcs_commit))
				return 0;
			continue;
		}
		pin = e->req ? sl_specset_exact_pin(e->req->spec) : NULL;
		if (pin && want && strcmp(pin, want) == 0)
			return 0;
	}
	return sl_error(err, SL_EINVAL, "%s would not pin %s to %s", rf->label, c->what,
			want ? want : "(unknown)");
}

static int verify_reqs(const struct sl_lock *lock, const struct sl_apply_result *r, int id,
		       struct sl_err *err)
{
	const struct sl_apply_file *f = now(r, id);
	struct sl_reqfile *rf;
	size_t len;
	const char *data = bytes(f, &len);
	int rc;

	if (!f->new_data)
		return 0;
	if ((rc = sl_reqfile_parse(data, len, sl_apply_file_name(id), &rf, err)) != 0)
		return rc;
	for (size_t i = 0; i < r->n_changes && rc == 0; i++) {
		const struct sl_apply_change *c = &r->changes[i];
		if ((int)c->file == id && (c->kind == SL_APPLY_PIN || c->kind == SL_APPLY_ADD))
			rc = verify_pin(lock, rf, c, err);
	}
	sl_reqfile_free(rf);
	return rc;
}

int apply_verify(const struct sl_lock *lock, const struct sl_apply_result *r, struct sl_err *err)
{
	int rc = verify_card(lock, r, err);

	for (int id = SL_APPLY_REQUIREMENTS; rc == 0 && id < SL_APPLY_NFILES; id++)
		rc = verify_reqs(lock, r, id, err);
	if (rc)
		sl_err_prefix(err, "apply's result failed its own check, nothing written");
	return rc;
}
