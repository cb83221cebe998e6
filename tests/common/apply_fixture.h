/* apply_fixture.h: the lock and the re-apply step that the unit test
 * (tests/unit/t_apply.c) and the fuzz target (tests/fuzz/fuzz_apply.c)
 * share, so both exercise apply against the same cases: an sdk whose
 * version the card must name, a VCS package at a recorded commit, one on
 * a moving branch, a pin that belongs in pre-requirements.txt and an
 * unproven `spaces`. */
#ifndef SPACELOCK_TESTS_APPLY_FIXTURE_H
#define SPACELOCK_TESTS_APPLY_FIXTURE_H

#include "spacelock/apply.h"
#include "spacelock/lock.h"

/* gradio 4.44.1 sdk, python 3.10, diffusers from git at a commit, moving
 * from git without one, numpy, torch requested by pre-requirements.txt,
 * spaces unproven.  Free with sl_lock_free. */
static struct sl_lock *apply_fixture_lock(void)
{
	struct sl_lock *lock = sl_lock_new();
	struct sl_lock_package *p;
	struct sl_lock_request pre = {SL_ORIGIN_DIRECT, "torch", "pre-requirements.txt", 1, NULL};

	sl_lock_set(&lock->space.sdk, "gradio");
	sl_lock_set(&lock->space.sdk_version, "4.44.1");
	sl_lock_set(&lock->runtime.python, "3.10");
	p = sl_lock_add_package(lock, "diffusers", "0.31.0");
	sl_lock_set(&p->vcs_url, "https://github.com/huggingface/diffusers.git");
	sl_lock_set(&p->vcs_commit, "0123456789abcdef0123456789abcdef01234567");
	p = sl_lock_add_package(lock, "moving", "1.0");
	sl_lock_set(&p->vcs_url, "https://github.com/x/moving.git");
	sl_lock_add_package(lock, "numpy", "1.26.4");
	p = sl_lock_add_package(lock, "torch", "2.4.0");
	sl_lock_package_add_request(p, &pre);
	sl_lock_add_incomplete(lock, "package 'spaces'", "no log shows it", "pass a build log");
	return lock;
}

/* Loads the files apply computed into a fresh result (*again zeroed by
 * the caller): each file as apply would leave it, to apply once more. */
static void apply_fixture_reload(const struct sl_apply_result *r, struct sl_apply_result *again)
{
	for (int i = 0; i < SL_APPLY_NFILES; i++) {
		const struct sl_apply_file *f = &r->files[i];
		if (f->new_data || f->exists)
			sl_apply_set_file(again, (enum sl_apply_file_id)i,
					  f->new_data ? f->new_data : f->old_data,
					  f->new_data ? f->new_len : f->old_len, 0644);
	}
}

#endif
