/* buildlog_section.c: the section framing of a log file.  A file is a
 * sequence of sections, in any order: the failure summary block, builds
 * ("===== Build Queued at ..."), application starts ("===== Application
 * Startup at ..."), as users paste the Build tab and the Container tab
 * into one file.  Every section is read.  A later build replaces an
 * earlier build and a later application start an earlier one (a rebuild,
 * a restart), but a run section never replaces a build, nor a build a run:
 * each section's observations, failures and warnings are kept apart
 * (tagged) so that a replacement drops only its own kind.
 *
 * Also here: the prefix of an indented or quoted copy (every line led by
 * spaces, a tab or "> ", as forums and chat tools paste a log), decided on
 * the first line that can only be a log's own column-0 line, and the lines
 * that still look like a step or a header behind another prefix (counted:
 * a log read in part must not make a complete lock). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buildlog_private.h"
#include "spacelock/mem.h"

#define STARTS(s, len, lit) ((len) >= sizeof(lit) - 1 && memcmp((s), (lit), sizeof(lit) - 1) == 0)

/* ---- tagging what a section made ---- */

/* Observations are added by several readers (pip lines, freeze lines, the
 * platform step); those not yet tagged all belong to the section that
 * runs, so they are tagged when it ends. */
static void tag_obs(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;

	if (st->obs_tagged >= log->obs.n)
		return;
	sl_xgrow((void **)&st->obs_sec, &st->obs_sec_cap, log->obs.n, 1);
	memset(st->obs_sec + st->obs_tagged, st->section, log->obs.n - st->obs_tagged);
	if (st->first_obs[st->section] > st->obs_tagged)
		st->first_obs[st->section] = st->obs_tagged;
	st->obs_tagged = log->obs.n;
}

enum sl_log_kind blog_obs_section(const struct sl_buildlog *log, size_t i)
{
	const struct sl_buildlog_state *st = log->state;

	return i < st->obs_tagged ? (enum sl_log_kind)st->obs_sec[i] : st->section;
}

/* Drops the observations of one section, from the first one it made on
 * (what comes before is kept without a look), and moves pip's indices of
 * the ones kept along with them. */
static void drop_obs(struct sl_buildlog *log, enum sl_log_kind sec)
{
	struct sl_buildlog_state *st = log->state;
	enum sl_log_kind other = sec == SL_LOG_BUILD ? SL_LOG_RUN : SL_LOG_BUILD;
	size_t from, to, *moved;

	tag_obs(log);
	from = st->first_obs[sec];
	if (from >= log->obs.n)
		return;
	moved = sl_xcalloc(log->obs.n - from, sizeof(*moved));
	to = from;
	for (size_t i = from; i < log->obs.n; i++) {
		if (st->obs_sec[i] == sec) {
			sl_obs_release(&log->obs.v[i]);
			moved[i - from] = NO_OBS;
			continue;
		}
		moved[i - from] = to;
		log->obs.v[to] = log->obs.v[i];
		st->obs_sec[to++] = st->obs_sec[i];
	}
	for (size_t i = 0; i < st->names.cap; i++) {
		struct pkgctx *c = &st->names.v[i];
		if (c->canon && c->pip_obs != NO_OBS && c->pip_obs >= from)
			c->pip_obs = c->pip_obs < log->obs.n ? moved[c->pip_obs - from] : NO_OBS;
	}
	free(moved);
	log->obs.n = st->obs_tagged = to;
	st->first_obs[sec] = SIZE_MAX;
	if (st->first_obs[other] != SIZE_MAX && st->first_obs[other] > from)
		st->first_obs[other] = from; /* its first one moved down to here */
}

static void drop_failures(struct sl_buildlog *log, enum sl_log_kind sec)
{
	size_t to = 0;

	for (size_t i = 0; i < log->nfailures; i++) {
		if (log->failures[i].section == sec) {
			free(log->failures[i].subject);
			free(log->failures[i].text);
			free(log->failures[i].rule);
			free(log->failures[i].bucket);
			continue;
		}
		log->failures[to++] = log->failures[i];
	}
	log->nfailures = to;
	if (!to) {
		free(log->failures);
		log->failures = NULL;
	}
}

#define CLEAR(p) (free(p), (p) = NULL)

/* What every section starts without. */
static void section_start(struct sl_buildlog *log, enum sl_log_kind sec)
{
	struct sl_buildlog_state *st = log->state;

	tag_obs(log);
	if (!st->seen_header)
		st->default_section = st->section; /* what the lines before were */
	st->section = sec;
	st->step = 0;
	st->in_traceback = false;
	sl_freeze_lines_init(&st->freeze, log->source, true);
}

/* A later build replaces the earlier one: its steps, facts, pip's
 * memory of names, observations, failures and content warnings. */
static void reset_build(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;

	drop_obs(log, SL_LOG_BUILD);
	drop_failures(log, SL_LOG_BUILD);
	blog_judge_drop(log, SL_LOG_BUILD);
	blog_free_steps(log);
	for (size_t i = 0; i < log->nplatform_reqs; i++)
		free(log->platform_reqs[i]);
	free(log->platform_reqs);
	log->platform_reqs = NULL;
	log->nplatform_reqs = 0;
	CLEAR(log->queued_at);
	CLEAR(log->commit);
	CLEAR(log->base_image);
	CLEAR(log->base_digest);
	CLEAR(log->python);
	if (!log->site_python_run)
		CLEAR(log->site_python);
	CLEAR(log->pip_version);
	CLEAR(log->sdk);
	CLEAR(log->sdk_version);
	st->sdk_miss = 0;
	log->build_failed = st->summary_failed;
	st->steps_capped = st->fails_capped = st->obs_capped = false;
	piplog_reset(st);
	blog_warnings_clear(&st->warn_build);
}

/* A later application start replaces the earlier one (a restart). */
static void reset_run(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;

	drop_obs(log, SL_LOG_RUN);
	drop_failures(log, SL_LOG_RUN);
	blog_judge_drop(log, SL_LOG_RUN);
	CLEAR(log->started_at);
	log->runtime_error = false;
	blog_warnings_clear(&st->warn_run);
}

/* s is NUL-terminated (the sanitised line) */
void blog_header(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	const char *at, *sha, *end;
	int kind = log_header_kind(s, len);
	bool build = kind == 1;

	if (!kind)
		return;
	if (build ? st->seen_build : st->seen_run) {
		blog_warn_input(log, "another %s starts here; only the last one is kept",
				build ? "build" : "application start");
		section_start(log, build ? SL_LOG_BUILD : SL_LOG_RUN);
		if (build)
			reset_build(log);
		else
			reset_run(log);
	} else {
		section_start(log, build ? SL_LOG_BUILD : SL_LOG_RUN);
	}
	st->seen_header = true;
	if (build) {
		st->seen_build = true;
		log->builds++;
	} else {
		st->seen_run = true;
		log->runs++;
	}
	if (st->skim) /* a later header replaces this build: its time and commit */
		return;
	at = strstr(s, " at ") + 4;
	end = strstr(at, build ? " / " : " =====");
	if (!end)
		end = s + len;
	blog_set(build ? &log->queued_at : &log->started_at, at, (size_t)(end - at));
	sha = strstr(s, "Commit SHA: ");
	if (build && sha) {
		sha += 12;
		blog_set(&log->commit, sha, strcspn(sha, " ="));
	}
}

/* Which sections the log holds, once it is read: the lines before any
 * header belong to the kind the caller asked for. */
void blog_sections_finish(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;

	tag_obs(log);
	if (!st->seen_header)
		st->default_section = st->section;
	log->has_build = st->seen_build || log->nsteps > 0 || log->has_summary ||
			 (st->default_used && st->default_section == SL_LOG_BUILD);
	log->has_run = st->seen_run || (st->default_used && st->default_section == SL_LOG_RUN);
}

/* ---- the prefix of an indented or quoted copy ---- */

/* Lines a log only ever has at column 0: the first of them decides what
 * every line of a copy is prefixed with.  Here the syntax the readers
 * themselves go by (Docker's framing, pip's and Python's own lines); the
 * platform's wording (the failure summary's and the run panel's lines) is
 * data: the failure rules with "column0: yes" (buildlog_panel.c). */
static bool column0_line(struct sl_buildlog *log, const char *s, size_t n)
{
	static const char *const anchors[] = {
	    "===== ",
	    "--> ",
	    "DONE ",
	    "CACHED",
	    "Collecting ",
	    "Traceback (most recent call last):",
	    "Requirement already satisfied: ",
	    "Successfully installed ",
	    "Installing collected packages: ",
	    "Building wheels for collected packages: ",
	    "ERROR: ",
	};

	for (size_t i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++) {
		size_t k = strlen(anchors[i]);
		if (n >= k && memcmp(s, anchors[i], k) == 0)
			return true;
	}
	return blog_column0_rule(log, s, n);
}

/* The run of blanks and quote marks a line starts with (at most
 * LOG_PREFIX_MAX bytes). */
static size_t lead_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < LOG_PREFIX_MAX && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
		i++;
	return i;
}

static const char *prefix_words(const char *p, size_t n)
{
	if (n >= 1 && p[0] == '>')
		return "'> ' (a quoted copy)";
	if (p[0] == '\t')
		return "a tab (an indented copy)";
	return "spaces (an indented copy)";
}

static void decide_prefix(struct sl_buildlog *log, const char *s, size_t n)
{
	struct sl_buildlog_state *st = log->state;
	size_t k = lead_len(s, n);

	/* pip indents the ERROR lines of a build it runs itself ("  ERROR:
	 * Failed building wheel for x"): such a line decides nothing */
	if (k == n || !column0_line(log, s + k, n - k) || STARTS(s + k, n - k, "ERROR: "))
		return;
	memcpy(st->prefix, s, k);
	st->prefix_len = (int)k;
	st->quoted = k == 2 && s[0] == '>' && s[1] == ' ';
	if (k)
		blog_warn_input(log, "every line starts with %s; the prefix is ignored",
				prefix_words(s, k));
}

/* How many bytes of the copy's prefix s[0..n) starts with (a blank line
 * of the copy may keep only the prefix's marks, without its blanks). */
size_t blog_prefix_skip(const struct sl_buildlog_state *st, const char *s, size_t n)
{
	size_t p = st->prefix_len > 0 ? (size_t)st->prefix_len : 0, t;

	if (!p)
		return 0;
	if (st->quoted == 1)
		return log_quote_len(s, n);
	if (n >= p && memcmp(s, st->prefix, p) == 0)
		return p;
	t = p;
	while (t && (st->prefix[t - 1] == ' ' || st->prefix[t - 1] == '\t'))
		t--;
	if (n >= t && memcmp(s, st->prefix, t) == 0 && lead_len(s, n) == n)
		return n;
	return 0;
}

/* Whether s[0..n), not blank, lacks the prefix the copy was decided to
 * have (not an empty one).  The prefix without its trailing blanks will
 * do (">" in "> "), so a line of the copy is never taken for another's;
 * a prefix of blanks only is needed whole. */
static bool lacks_prefix(const struct sl_buildlog_state *st, const char *s, size_t n)
{
	size_t p = st->prefix_len > 0 ? (size_t)st->prefix_len : 0, t = p, i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
		i++;
	if (!p || i == n)
		return false;
	if (st->quoted == 1)
		return s[0] != '>';
	while (t && (st->prefix[t - 1] == ' ' || st->prefix[t - 1] == '\t'))
		t--;
	if (!t)
		t = p;
	return n < t || memcmp(s, st->prefix, t) != 0;
}

/* Counts a line of a copy that lacks the copy's prefix.  Such a file was
 * pasted together from copies made differently: what one part hides
 * behind its own prefix cannot be told from what the log never said, so
 * the log is read in part (a lock from it is incomplete, never complete). */
static void count_mixed(struct sl_buildlog *log)
{
	if (!log->mixed)
		blog_warn_input(log, "a line without the prefix the copy's other lines have: a "
				     "file that mixes prefixes is read in part");
	log->mixed++;
}

size_t blog_unprefix(struct sl_buildlog *log, const char *s, size_t n)
{
	struct sl_buildlog_state *st = log->state;
	size_t skip;

	if (st->prefix_len < 0) {
		decide_prefix(log, s, n);
		if (st->prefix_len < 0)
			return 0;
	}
	skip = blog_prefix_skip(st, s, n);
	if (!skip && lacks_prefix(st, s, n))
		count_mixed(log);
	return skip;
}

/* Whether rest[0..m), found behind lead[0..k), is a log's own line that
 * the readers skip there: a step's echo, outcome or a header behind any
 * lead (a log never indents them), and behind a quote mark or a tab any
 * line a log only has at column 0, pip's among them (pip's own output is
 * read behind at most four spaces, never behind '>'). */
static bool hidden_line(struct sl_buildlog *log, const char *lead, size_t k, const char *rest,
			size_t m)
{
	if (STARTS(rest, m, "--> ") || STARTS(rest, m, "DONE ") || STARTS(rest, m, "CACHED") ||
	    log_header_kind(rest, m))
		return true;
	return (memchr(lead, '>', k) || memchr(lead, '\t', k)) && column0_line(log, rest, m);
}

/* A line that, behind some other run of blanks or quote marks than the
 * log's, is a line a reader would take: not read, so the log is read in
 * part. */
void blog_check_unread(struct sl_buildlog *log, const char *s, size_t n)
{
	size_t k = lead_len(s, n);

	if (!k || k == n || !hidden_line(log, s, k, s + k, n - k))
		return;
	if (!log->unread)
		blog_warn_input(log, "a log line (a step, a header, pip's) indented or quoted "
				     "otherwise than the log's lines is not read: the log is read "
				     "in part");
	log->unread++;
}
