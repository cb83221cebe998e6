/* snapshot_logs.c: what the build and run logs say beyond packages: the
 * runtime (Python, platform step, build time), the steps whose packages
 * stay unknown (CACHED, unread, failed), the failure a log shows, and
 * logs that contradict each other.  Split from snapshot_merge.c, which
 * merges the packages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "snapshot_private.h"
#include "spacelock/buf.h"
#include "spacelock/failrules.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/requirement.h"

static bool is_bare_pip(const struct sl_buildlog *log)
{
	return !log->queued_at && log->nsteps == 0 && !log->has_summary;
}

static const char *status_of(const struct sl_buildlog *log)
{
	bool any = false;

	if (is_bare_pip(log) && !log->build_failed)
		return NULL;
	if (log->build_failed)
		return "failed";
	for (size_t i = 0; i < log->nsteps; i++) {
		if (log->steps[i].flags & SL_STEP_PSEUDO)
			continue;
		if (log->steps[i].outcome == SL_STEP_NONE)
			return "unknown";
		any = true;
	}
	return any ? "succeeded" : "unknown";
}

/* A step's instruction, shortened for a one-line message. */
static char *short_instruction(const char *ins)
{
	size_t n = strlen(ins);

	if (n <= 100)
		return sl_xstrdup(ins);
	return sl_xasprintf("%.97s...", ins);
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Does the listing read prove what a CACHED step installed: every package
 * the step names (its own arguments; the Space's requirements when it
 * installs them) listed as installed?  A step that names nothing the
 * inputs show (a requirements file not passed) is proven by the listing
 * as a whole. */
static bool listing_proves(struct snap *s, const struct sl_buildlog *log,
			   const struct sl_build_step *st)
{
	char **have = NULL, *c;
	size_t n = 0;
	bool ok = true;

	if (!snap_has_listing(s))
		return false;
	have = sl_xcalloc(s->obs.n, sizeof(*have));
	for (size_t i = 0; i < s->obs.n; i++)
		if (s->obs.v[i].strength == SL_EV_INSTALLED && s->obs.v[i].name)
			have[n++] = sl_name_canonical(s->obs.v[i].name);
	qsort(have, n, sizeof(*have), cmp_strp);
	for (size_t i = 0; i < s->obs.n && ok; i++) {
		const struct sl_obs *o = &s->obs.v[i];
		bool own = o->source && strcmp(o->source, log->source) == 0 && o->line == st->line;
		bool req = (st->flags & (SL_STEP_REQUIREMENTS | SL_STEP_PRE_REQUIREMENTS)) &&
			   o->origin == SL_ORIGIN_DIRECT && o->strength <= SL_EV_PIN && o->source &&
			   strcmp(o->source, log->source) != 0;
		if (!o->name || (!own && !req))
			continue;
		c = sl_name_canonical(o->name);
		/* `pip freeze` leaves out its own tools unless --all */
		ok = bsearch(&c, have, n, sizeof(*have), cmp_strp) != NULL ||
		     strcmp(c, "pip") == 0 || strcmp(c, "setuptools") == 0 ||
		     strcmp(c, "wheel") == 0 || strcmp(c, "distribute") == 0;
		free(c);
	}
	for (size_t i = 0; i < n; i++)
		free(have[i]);
	free(have);
	return ok;
}

static void check_steps(struct snap *s, const struct sl_buildlog *log)
{
	for (size_t i = 0; i < log->nsteps; i++) {
		const struct sl_build_step *st = &log->steps[i];
		char *ins, *what;
		if (!(st->flags & SL_STEP_PIP))
			continue;
		if (st->outcome != SL_STEP_CACHED && st->outcome != SL_STEP_NONE)
			continue;
		if (st->outcome == SL_STEP_CACHED && listing_proves(s, log, st))
			continue;
		ins = short_instruction(st->instruction);
		what = sl_xasprintf("step '%s'", ins);
		if (st->outcome == SL_STEP_CACHED)
			snap_incomplete(
			    s, what, REMEDY_CACHED,
			    "%s:%lu: the step is CACHED, so the log does not show what it "
			    "installed",
			    log->source, st->line);
		else if (!log->build_failed)
			snap_incomplete(s, what, snap_remedy_version(s),
					"%s:%lu: the step has no outcome: the log is cut",
					log->source, st->line);
		free(ins);
		free(what);
	}
}

/* Length of s without trailing characters from set. */
static size_t strcspn_end(const char *s, const char *set)
{
	size_t n = strlen(s);

	while (n > 0 && strchr(set, s[n - 1]))
		n--;
	return n;
}

static void check_failure(struct snap *s, const struct sl_buildlog *log)
{
	const struct sl_build_failure *f = NULL;

	/* the build's first failure, the one that says why before the step's */
	for (size_t i = 0; i < log->nfailures; i++) {
		const struct sl_build_failure *g = &log->failures[i];
		if (g->kind == SL_FAIL_RUNTIME ||
		    (g->section != SL_LOG_BUILD && g->kind != SL_FAIL_STEP &&
		     g->kind != SL_FAIL_JOB))
			continue;
		if (!f || ((f->kind == SL_FAIL_STEP || f->kind == SL_FAIL_JOB) &&
			   g->kind != SL_FAIL_STEP && g->kind != SL_FAIL_JOB))
			f = g;
	}
	if (log->unread)
		snap_incomplete(
		    s, "log", REMEDY_UNREAD,
		    "%s: %lu line%s that look like build steps, headers or pip's lines are "
		    "indented or quoted otherwise than the rest of the log and were not read",
		    log->source, log->unread, log->unread == 1 ? "" : "s");
	if (log->mixed)
		snap_incomplete(s, "log prefix", REMEDY_UNREAD,
				"%s: %lu line%s lack%s the indentation or quoting the rest of the "
				"copy has: a file that mixes prefixes may hide log lines, so it "
				"is read in part",
				log->source, log->mixed, log->mixed == 1 ? "" : "s",
				log->mixed == 1 ? "s" : "");
	if (log->has_run && log->runtime_error) {
		const struct sl_build_failure *r = NULL;
		for (size_t i = 0; i < log->nfailures; i++)
			if (log->failures[i].kind == SL_FAIL_RUNTIME)
				r = &log->failures[i];
		snap_warn(s, "%s: the run log shows the Space failed to start or crashed%s%s",
			  log->source, r ? ": " : "", r ? r->text : "");
	}
	if (!log->has_build)
		return;
	if (log->build_failed && f)
		snap_incomplete(
		    s, "build", REMEDY_FAILED,
		    "%s:%lu: the build failed: %.*s; a failed build is not a known-good "
		    "environment: the versions locked are what pip chose before it stopped",
		    log->source, f->line, (int)strcspn_end(f->text, "."), f->text);
	else if (log->build_failed)
		snap_incomplete(
		    s, "build", REMEDY_FAILED,
		    "%s: the build failed; a failed build is not a known-good environment: "
		    "the versions locked are what pip chose before it stopped",
		    log->source);
	if (!log->build_failed && status_of(log) && strcmp(status_of(log), "unknown") == 0)
		snap_incomplete(
		    s, "build", snap_remedy_version(s),
		    "%s: the log ends before the build finished (a step has no outcome, or "
		    "no step ran): what it installed is not known",
		    log->source);
	if (log->logs_unavailable)
		snap_incomplete(s, "build log", REMEDY_FAILED,
				"%s: the Space page could not show the log (%s)", log->source,
				log->logs_unavailable);
}

/* The builder's sdk step as the lock keeps it (lock.h): its requirement
 * arguments, led by "-r requirements.txt" when that step also installs the
 * Space's requirements in one resolver run. */
static void set_platform_step(struct sl_lock_runtime *r, const struct sl_buildlog *log)
{
	for (size_t i = 0; i < log->nsteps; i++)
		if ((log->steps[i].flags & SL_STEP_SDK) &&
		    (log->steps[i].flags & SL_STEP_REQUIREMENTS)) {
			sl_lock_strv_add(&r->platform_step, &r->n_platform_step,
					 "-r requirements.txt");
			break;
		}
	for (size_t i = 0; i < log->nplatform_reqs; i++)
		sl_lock_strv_add(&r->platform_step, &r->n_platform_step, log->platform_reqs[i]);
}

static void set_runtime_from(struct snap *s, const struct sl_buildlog *log)
{
	struct sl_lock_runtime *r = &s->lock->runtime;

	sl_lock_set(&r->base_image, log->base_image);
	sl_lock_set(&r->digest, log->base_digest);
	sl_lock_set(&r->build_time, log->queued_at);
	sl_lock_set(&r->built_commit, log->commit);
	sl_lock_set(&r->build_status, status_of(log));
	if (log->nplatform_reqs)
		set_platform_step(r, log);
	if (log->python) {
		sl_lock_set(&r->python, log->python);
		sl_lock_set(&r->python_source, "build-log");
	} else if (log->site_python && !log->site_python_run) {
		sl_lock_set(&r->python, log->site_python);
		sl_lock_set(&r->python_source, "build-log");
	}
}

/* Later build logs must describe the same build as the first one. */
static void compare_builds(struct snap *s, const struct sl_buildlog *a, const struct sl_buildlog *b)
{
	if (a->commit && b->commit && strcmp(a->commit, b->commit) != 0)
		snap_warn(s,
			  "%s and %s are logs of different commits (%s, %s): the lock mixes two "
			  "builds; its runtime follows %s",
			  a->source, b->source, a->commit, b->commit, a->source);
	if (a->python && b->python && strcmp(a->python, b->python) != 0)
		snap_warn(s, "%s and %s used different interpreters (python %s, %s)", a->source,
			  b->source, a->python, b->python);
}

/* A run log that started before the build was queued ran an earlier
 * build ("YYYY-MM-DD HH:MM:SS" times compare as text). */
static void run_after_build(struct snap *s, const struct sl_buildlog *build,
			    const struct sl_buildlog *run)
{
	if (build->queued_at && run->started_at && strlen(build->queued_at) == 19 &&
	    strlen(run->started_at) == 19 && strcmp(run->started_at, build->queued_at) < 0)
		snap_warn(s,
			  "%s started the Space at %s, before %s was queued (%s): the two logs "
			  "are of different builds; the lock follows %s",
			  run->source, run->started_at, build->source, build->queued_at,
			  build->source);
}

void snap_merge_logs(struct snap *s)
{
	const struct sl_buildlog *first = NULL;

	for (size_t i = 0; i < s->nlogs; i++) {
		const struct sl_buildlog *log = s->logs[i];
		check_failure(s, log);
		if (log->has_run && !log->has_build && first)
			run_after_build(s, first, log);
		if (!s->lock->runtime.python && log->site_python &&
		    (log->site_python_run || !log->has_build)) {
			sl_lock_set(&s->lock->runtime.python, log->site_python);
			sl_lock_set(&s->lock->runtime.python_source, "run-log");
		}
		if (!log->has_build)
			continue;
		/* no card: the platform step names the sdk it installs */
		if (!s->lock->space.sdk && log->sdk) {
			sl_lock_set(&s->lock->space.sdk, log->sdk);
			sl_lock_set(&s->lock->space.sdk_version, log->sdk_version);
			s->sdk_from_log = true;
		}
		check_steps(s, log);
		if (!first) {
			first = log;
			set_runtime_from(s, log);
		} else {
			compare_builds(s, first, log);
		}
		if (!s->sdk_from_log && log->sdk_version && s->lock->space.sdk_version &&
		    strcmp(log->sdk_version, s->lock->space.sdk_version) != 0)
			snap_warn(
			    s,
			    "%s: the build installed %s==%s but the card's sdk_version is %s: "
			    "the log is of another revision",
			    log->source, log->sdk ? log->sdk : "the sdk", log->sdk_version,
			    s->lock->space.sdk_version);
		/* a pasted build+run file: its run section against its own build,
		 * after the build's own warnings, as when read as two files */
		if (log->has_run)
			run_after_build(s, log, log);
	}
}
