/* repin_wait.c: `repin --wait`: the rebuild a commit starts, followed on
 * the Hub's runtime stage until it settles (bounded), then the proof: the
 * rebuilt duplicate snapshotted and diffed against the source lock.  A
 * failed build is classified by doctor's rules (failrules.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hubfetch.h"
#include "repin.h"
#include "spacelock/buf.h"
#include "spacelock/buildlog.h"
#include "spacelock/diff.h"
#include "spacelock/failrules.h"
#include "spacelock/hub_write.h"
#include "spacelock/lock.h"
#include "spacelock/snapshot.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SPACELOCK_POLL: seconds between two looks at the stage (default 5). */
static long poll_ms(void)
{
	const char *v = getenv("SPACELOCK_POLL");
	char *end;
	double d = v && *v ? strtod(v, &end) : 5;

	if (!v || !*v || *end || d <= 0 || d > 600)
		d = 5;
	return (long)(d * 1000.0 + 0.5);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0)
		;
}

static void print_verdict(const struct sl_failhit *h, const char *id)
{
	const struct sl_failrule *r = h->rule;

	printf("failure: %s: %s\n  build log line %lu: %s\n", r->bucket->id, r->bucket->title,
	       h->line, r->explain ? r->explain : r->id);
	for (size_t i = 0; i < r->bucket->n_steps; i++)
		printf("  %zu. %s\n", i + 1, r->bucket->steps[i]);
	printf("  more: spacelock doctor %s\n", id);
}

/* Polls until the stage is no longer on its way; *stage gets the last one
 * (the caller frees).  0, or the exit code after printing the error. */
static int follow(struct sl_cli *cli, const struct repin_opts *o, const struct sl_hub *hub,
		  const char *id, char **stage)
{
	bool tty = !cli->quiet && isatty(2);
	long start = now_ms(), wait = poll_ms();
	struct sl_hub_runtime rt;
	struct sl_err err = {0};

	*stage = NULL;
	for (;;) {
		if (sl_hub_runtime(hub, id, &rt, &err) != 0)
			return cli_fail(cli, &err);
		long spent = now_ms() - start;
		if (tty)
			fprintf(stderr, "\rrepin: %s is %s (%ld s)\033[K", id, rt.stage,
				spent / 1000);
		if (!sl_hub_stage_pending(rt.stage) || spent + wait > o->timeout_ms) {
			*stage = rt.stage;
			rt.stage = NULL;
			sl_hub_runtime_release(&rt);
			break;
		}
		sl_hub_runtime_release(&rt);
		sleep_ms(wait);
	}
	if (tty)
		fputs("\r\033[K", stderr);
	if (sl_hub_stage_pending(*stage)) {
		sl_error(&err, SL_ENET,
			 "%s was still %s after %g s (--timeout); the commit is "
			 "made, look again with `spacelock diff`",
			 id, *stage, (double)o->timeout_ms / 1000.0);
		free(*stage);
		*stage = NULL;
		return cli_fail(cli, &err);
	}
	return 0;
}

/* Doctor's verdict on the rebuilt build log, on stdout: the log reader
 * (buildlog.h) judges its lines with the failure rules (failrules.h), so
 * the line is the log's (the stored SSE stream decoded), as doctor says. */
static void classify(const char *log_path, const char *id)
{
	struct sl_failrules *fr = NULL;
	struct sl_buildlog *log = NULL;
	struct sl_err err = {0};

	if (log_path && sl_failrules_load(&fr, &err) == 0) {
		log = sl_buildlog_new(SL_LOG_BUILD, log_path);
		sl_buildlog_judge(log, fr);
	}
	if (!log || sl_buildlog_read_into(log, log_path, &err) != 0)
		printf("failure: no build log to classify%s%s\n", err.msg[0] ? ": " : "", err.msg);
	else if (!log->verdict.n)
		printf("failure: unclassified (no known message in the build log)\n");
	else
		print_verdict(&log->verdict.hits[0], id);
	sl_buildlog_free(log);
	sl_failrules_free(fr);
}

/* Differences that say the rebuild did not reproduce the source: the
 * packages, and the runtime but for the Space's settings (hardware,
 * secrets, variables: `duplicate` sets them, not a commit) and the card's
 * declared python_version (repin writes the Python that ran, which the
 * runtime's "python" compares).  Requirement lines differ by design (pins
 * where the source had ranges). */
static size_t build_differences(const struct sl_diff *d)
{
	static const char *const settings[] = {"hardware", "secrets", "variables",
					       "suggested_hardware", "python_version"};
	size_t n = d->n_packages;

	for (size_t i = 0; i < d->n_runtime; i++) {
		bool setting = false;
		for (size_t k = 0; k < sizeof(settings) / sizeof(settings[0]); k++)
			setting |= strcmp(d->runtime[i].field, settings[k]) == 0;
		n += !setting;
	}
	return n;
}

static int snapshot_of(struct sl_cli *cli, const struct sl_hubdir *hf, struct sl_lock **out)
{
	struct sl_snapshot_inputs in = {0};
	struct sl_snapshot_file build = {NULL, NULL}, run = {NULL, NULL};
	struct sl_err err = {0};

	cli_hub_fetch_inputs(hf, &in);
	if (hf->space.build_log) {
		build = (struct sl_snapshot_file){hf->space.build_log, hf->build_label};
		in.build_logs = &build;
		in.n_build_logs = 1;
	}
	if (hf->space.run_log) {
		run = (struct sl_snapshot_file){hf->space.run_log, hf->run_label};
		in.run_logs = &run;
		in.n_run_logs = 1;
	}
	if (sl_snapshot_run(&in, out, &err) == 0)
		return 0;
	if (err.code == SL_EIO || err.code == SL_ENOTFOUND)
		err.code = SL_EPARSE;
	return cli_fail(cli, &err);
}

/* The proof: the rebuilt Space against the source lock. */
static int verify(struct sl_cli *cli, const struct repin_opts *o, const struct repin_source *src,
		  const char *id, const char *sha, const char *stage)
{
	struct sl_hubdir hf;
	struct sl_lock *lock = NULL;
	struct sl_diff_rules *rules = NULL;
	struct sl_diff *d = NULL;
	struct sl_buf out = SL_BUF_INIT;
	struct sl_err err = {0};
	bool ok = strcmp(stage, "RUNNING") == 0;
	int rc = cli_hub_fetch(cli, id, sha, o->token_file, NULL, &hf);

	if (rc)
		return rc;
	if ((rc = snapshot_of(cli, &hf, &lock)) != 0)
		goto out;
	if (sl_diff_rules_load(&rules, &err) != 0) {
		rc = cli_fail_exit(cli, &err, EXIT_INTERNAL);
		goto out;
	}
	d = sl_diff_compare(src->lock, src->name, lock, id, rules);
	printf("rebuild: %s ended %s\n", id, stage);
	if (!ok)
		classify(hf.space.build_log, id);
	if (build_differences(d)) {
		sl_diff_render_text(d, 0, &out);
		printf("still differs from %s:\n", src->name);
		cli_print(out.buf, out.len);
		ok = false;
	} else {
		printf("verified: the rebuilt %s matches the lock of %s\n", id, src->name);
	}
	rc = ok ? EXIT_OK_ : EXIT_FINDING;
out:
	sl_buf_release(&out);
	sl_diff_free(d);
	sl_diff_rules_free(rules);
	sl_lock_free(lock);
	sl_hubdir_release(&hf);
	return rc;
}

int repin_wait(struct sl_cli *cli, const struct repin_opts *o, const struct repin_source *src,
	       const struct sl_hub *hub, const char *space_id, const char *new_sha)
{
	char *stage = NULL;
	int rc = follow(cli, o, hub, space_id, &stage);

	if (rc == 0)
		rc = verify(cli, o, src, space_id, new_sha, stage);
	free(stage);
	return rc;
}
