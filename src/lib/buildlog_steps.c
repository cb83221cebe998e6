/* buildlog_steps.c: the Docker/BuildKit layer of a build log (the step
 * echoes "--> INSTRUCTION", their DONE / CACHED / ERROR outcomes, the base
 * image of the first FROM), the failure summary block a copied log starts
 * with, a run log's panels and tracebacks, and which reader one sanitised,
 * unprefixed line goes to (blog_parse_line).  pip's own lines: piplog.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buildlog_private.h"
#include "spacelock/mem.h"

#define STARTS(s, len, lit) ((len) >= sizeof(lit) - 1 && memcmp((s), (lit), sizeof(lit) - 1) == 0)

/* ---- instruction matching ---- */

/* Collapses whitespace runs to one space and drops a RUN's leading
 * options, so "RUN --mount=...\tpip  install" and the "/bin/sh -c pip
 * install" of an ERROR line compare equal. */
static void norm_instruction(const char *s, struct sl_buf *out)
{
	sl_buf_reset(out);
	s += strspn(s, " \t");
	if (strncmp(s, "RUN ", 4) == 0 || strncmp(s, "RUN\t", 4) == 0) {
		s += 4;
		for (;;) {
			s += strspn(s, " \t");
			if (strncmp(s, "--", 2) != 0)
				break;
			s += strcspn(s, " \t");
		}
	} else if (strncmp(s, "/bin/sh -c ", 11) == 0) {
		s += 11;
	}
	/* whole runs at a time: a word, then one space when more follows */
	while (*s) {
		size_t n = strcspn(s, " \t");
		sl_buf_add(out, s, n);
		s += n;
		s += strspn(s, " \t");
		if (*s && out->len)
			sl_buf_addch(out, ' ');
	}
}

static size_t norm_key(const char *s, struct sl_buf *norm)
{
	size_t h = 14695981039346656037u;

	norm_instruction(s, norm);
	for (size_t i = 0; i < norm->len; i++)
		h = (h ^ (unsigned char)norm->buf[i]) * 1099511628211u;
	return h;
}

/* The last step whose normalised instruction equals text's: keys first,
 * so an ERROR line costs one pass over integers, not over instructions. */
static const struct sl_build_step *find_step(const struct sl_buildlog *log, const char *text)
{
	struct sl_buf want = SL_BUF_INIT, have = SL_BUF_INIT;
	const struct sl_build_step *found = NULL;
	size_t key = norm_key(text, &want);

	for (size_t i = log->nsteps; i > 0 && !found; i--) {
		if (log->steps[i - 1].key != key)
			continue;
		norm_instruction(log->steps[i - 1].instruction, &have);
		if (strcmp(want.buf, have.buf) == 0)
			found = &log->steps[i - 1];
	}
	sl_buf_release(&want);
	sl_buf_release(&have);
	return found;
}

const struct sl_build_step *sl_buildlog_find_step(const struct sl_buildlog *log, const char *text)
{
	return find_step(log, text);
}

/* ---- header, steps, outcomes ---- */

/* Does s[0..len) contain lit (n bytes, no NUL)?  memchr to its first byte:
 * memmem's set-up costs more than these short lines. */
static bool contains(const char *s, size_t len, const char *lit, size_t n)
{
	const char *end = s + len, *p = s;

	while ((size_t)(end - p) >= n && (p = memchr(p, lit[0], (size_t)(end - p) - n + 1))) {
		if (memcmp(p, lit, n) == 0)
			return true;
		p++;
	}
	return false;
}

int log_header_kind(const char *s, size_t len)
{
	if (!STARTS(s, len, "===== "))
		return 0;
	if (contains(s, len, "Build Queued at ", 16))
		return 1;
	return contains(s, len, "Application Startup at ", 23) ? 2 : 0;
}

/* "FROM [--platform=...] docker.io/library/python:3.13@sha256:... [AS x]" */
static void from_step(struct sl_buildlog *log, const char *s)
{
	const char *img, *at, *colon, *slash;
	size_t n;

	if (log->base_image)
		return;
	s += 5;
	for (;;) {
		s += strspn(s, " \t");
		if (strncmp(s, "--", 2) != 0)
			break;
		s += strcspn(s, " \t");
	}
	img = s;
	n = strcspn(img, " \t");
	at = memchr(img, '@', n);
	blog_set(&log->base_image, img, at ? (size_t)(at - img) : n);
	if (at)
		blog_set(&log->base_digest, at + 1, (size_t)(img + n - at - 1));
	slash = strrchr(log->base_image, '/');
	slash = slash ? slash + 1 : log->base_image;
	colon = strchr(slash, ':');
	if (colon && (size_t)(colon - slash) == 6 && memcmp(slash, "python", 6) == 0) {
		size_t v = strspn(colon + 1, "0123456789.");
		while (v && colon[v] == '.')
			v--;
		if (v && colon[1] >= '0' && colon[1] <= '9')
			blog_set(&log->python, colon + 1, v);
	}
}

static const char *const pseudo_steps[] = {"Restoring cache", "Pushing image", "Exporting cache",
					   "Exporting layers", "Loading cache"};

static unsigned classify(const char *instr)
{
	for (size_t i = 0; i < sizeof(pseudo_steps) / sizeof(pseudo_steps[0]); i++)
		if (strncmp(instr, pseudo_steps[i], strlen(pseudo_steps[i])) == 0)
			return SL_STEP_PSEUDO;
	if (strncmp(instr, "FROM ", 5) == 0)
		return SL_STEP_FROM;
	return 0;
}

/* The command of "process \"/bin/sh -c CMD\" did not complete": CMD
 * without the shell prefix and with BuildKit's \" and \\ escapes undone. */
static char *error_command(const char *s, size_t n)
{
	struct sl_buf b = SL_BUF_INIT;

	if (n >= 11 && strncmp(s, "/bin/sh -c ", 11) == 0) {
		s += 11;
		n -= 11;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
			i++;
		sl_buf_addch(&b, s[i]);
	}
	return sl_buf_detach(&b, NULL);
}

static void step_error(struct sl_buildlog *log, const char *s)
{
	const char *cmd = strstr(s, "process \"");
	const char *tail = strstr(s, "\" did not complete successfully");
	const char *code = strstr(s, "exit code: ");
	struct sl_build_step *step = NULL;
	char *c = NULL;

	if (cmd && tail && tail > cmd + 9) {
		c = error_command(cmd + 9, (size_t)(tail - cmd - 9));
		if (!log->state->fails_capped)
			step = (struct sl_build_step *)find_step(log, c);
	}
	if (!step)
		step = blog_current_step(log);
	if (step) {
		step->outcome = SL_STEP_ERROR;
		if (code)
			step->exit_code = (int)strtol(code + 11, NULL, 10);
	}
	blog_fail(log, SL_FAIL_STEP, c, c ? strlen(c) : 0, s - 4);
	free(c);
}

static void step_echo(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	struct sl_buf norm = SL_BUF_INIT;
	struct sl_build_step *step;

	if (STARTS(s, len, "ERROR")) {
		step_error(log, s);
		return;
	}
	if (log->nsteps >= SL_BUILDLOG_STEP_MAX) {
		if (!st->steps_capped)
			blog_warn(log, "more than %d steps; the rest are ignored",
				  SL_BUILDLOG_STEP_MAX);
		st->steps_capped = true;
		st->step = 0;
		return;
	}
	log->steps = sl_xrealloc(log->steps, (log->nsteps + 1) * sizeof(*log->steps));
	step = &log->steps[log->nsteps++];
	memset(step, 0, sizeof(*step));
	step->instruction = sl_xstrndup(s, len);
	step->line = st->lineno;
	step->exit_code = -1;
	step->key = norm_key(step->instruction, &norm);
	step->flags = classify(step->instruction);
	st->step = log->nsteps;
	sl_buf_release(&norm);
	if (step->flags & SL_STEP_FROM)
		from_step(log, step->instruction);
	else if (strncmp(step->instruction, "RUN", 3) == 0 && strstr(step->instruction, "pip"))
		piplog_classify_step(log, step, true);
}

static void outcome(struct sl_buildlog *log, enum sl_step_outcome o, const char *dur, size_t dlen)
{
	struct sl_build_step *step = blog_current_step(log);

	/* bare DONE lines (image layers, parallel stages) have no step */
	if (!step || step->outcome != SL_STEP_NONE)
		return;
	step->outcome = o;
	if (dur)
		blog_set(&step->duration, dur, dlen);
}

/* A run log's own signs before any header and any step (a crash panel,
 * an app's traceback) make the lines so far a run section, whatever kind
 * was asked for: a pasted crash log is not a build. */
void blog_headerless_run(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;

	if (!st->seen_header && log->nsteps == 0 && !log->has_summary)
		st->section = SL_LOG_RUN;
}

/* A run section's line that a failure rule knows (a ZeroGPU, CUDA or quota
 * message an app prints, a panel's reason): a runtime failure.  Which
 * messages count is data (data/failure-rules.txt), not C.  Build sections
 * are left to the step and pip readers; the check runs only on lines no
 * other reader took and not inside a traceback. */
static bool rule_line(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;

	size_t k = strspn(s, " \t>");

	if (st->in_traceback || (st->section != SL_LOG_RUN && (st->seen_header || log->nsteps)))
		return false;
	if (k == len || !blog_rule(log, s + k, len - k))
		return false;
	blog_headerless_run(log); /* messages of a pasted crash, before any header */
	if (st->section != SL_LOG_RUN)
		return false;
	log->runtime_error = true;
	blog_fail(log, SL_FAIL_RUNTIME, NULL, 0, s);
	return true;
}

/* A Python traceback at column 0: its last line names the exception. */
static bool traceback_line(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	size_t n;

	if (STARTS(s, len, "Traceback (most recent call last):")) {
		st->in_traceback = true;
		return true;
	}
	if (!st->in_traceback)
		return false;
	if (s[0] == ' ' || s[0] == '\t')
		return true;
	st->in_traceback = false;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");
	if (n && (s[n] == ':' || s[n] == '\0')) {
		/* the app's own traceback, not one inside a build step */
		if (!st->seen_build)
			blog_headerless_run(log);
		blog_fail(log, SL_FAIL_RUNTIME, s, n, s);
		if (st->section == SL_LOG_RUN)
			log->runtime_error = true;
	}
	return true;
}

/* The first "/site-packages" in s, else the first "/dist-packages": one
 * pass over the line for both (this runs on most lines). */
static const char *packages_dir(const char *s, size_t len)
{
	const char *k, *end = s + len, *dist = NULL;

	if (len < 14)
		return NULL;
	k = s + 9;
	/* memchr for the rare 'k' of "/site-pac[k]ages" (memmem sets up
	 * tables on every call, which costs more than these short lines) */
	while (k + 5 <= end && (k = memchr(k, 'k', (size_t)(end - k - 4))) != NULL) {
		const char *q = k - 9;
		if (memcmp(k - 4, "-packages", 9) == 0) {
			if (memcmp(q, "/site", 5) == 0)
				return q;
			if (!dist && memcmp(q, "/dist", 5) == 0)
				dist = q;
		}
		k++;
	}
	return dist;
}

/* "/usr/local/lib/python3.13/site-packages" -> "3.13" */
static void site_python(struct sl_buildlog *log, const char *s, size_t len)
{
	const char *p = packages_dir(s, len);
	const char *q;

	if (!p)
		return;
	q = p;
	while (q > s && ((q[-1] >= '0' && q[-1] <= '9') || q[-1] == '.'))
		q--;
	if (q - s >= 7 && memcmp(q - 7, "/python", 7) == 0 && q < p && q[0] == '3') {
		blog_set(&log->site_python, q, (size_t)(p - q));
		log->site_python_run = log->state->section == SL_LOG_RUN;
	}
}

/* ---- one line ---- */

static bool framing_line(struct sl_buildlog *log, const char *s, size_t len)
{
	switch (s[0]) {
	case '=':
		if (STARTS(s, len, "===== ")) {
			blog_header(log, s, len);
			return true;
		}
		break;
	case '-':
		/* a run log has no steps: such a line there is the app's */
		if (STARTS(s, len, "--> ") && log->state->section == SL_LOG_BUILD) {
			step_echo(log, s + 4, len - 4);
			return true;
		}
		break;
	case 'C':
		if (len == 6 && memcmp(s, "CACHED", 6) == 0) {
			outcome(log, SL_STEP_CACHED, NULL, 0);
			return true;
		}
		break;
	case 'D':
		if (STARTS(s, len, "DONE ") && s[5] >= '0' && s[5] <= '9') {
			size_t n = strspn(s + 5, "0123456789.");
			outcome(log, SL_STEP_DONE, s + 5, n);
			return true;
		}
		break;
	}
	return blog_panel_line(log, s, len);
}

/* Does s contain " @ "?  memchr to each '@' (memmem's per-call set-up
 * costs more than these short lines). */
static bool spaced_at(const char *s, size_t len)
{
	const char *at = s + 1, *end = s + len;

	while (at + 1 < end && (at = memchr(at, '@', (size_t)(end - at - 1))) != NULL) {
		if (at[-1] == ' ' && at[1] == ' ')
			return true;
		at++;
	}
	return false;
}

/* Could the line be `pip freeze` / `pip list` output printed into the log? */
static bool freeze_candidate(const struct sl_buildlog_state *st, const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];

	if (st->freeze.in_list || st->freeze.saw_header)
		return true;
	if (c == '#' || c == '-')
		return strncmp(s, "# Editable", 10) == 0 || strncmp(s, "-e ", 3) == 0;
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
		return false;
	return memchr(s, '=', len) || spaced_at(s, len) || STARTS(s, len, "Package");
}

void blog_parse_line(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;

	if (len == 0)
		return;
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '>')
		blog_check_unread(log, s, len);
	/* deeply indented: a build backend's output, only a traceback frame
	 * or a site-packages path can matter */
	if (len > 4 && memcmp(s, "     ", 5) == 0 && !st->in_traceback) {
		if (!log->site_python)
			site_python(log, s, len);
		return;
	}
	if (!log->site_python) /* traceback frames name it too */
		site_python(log, s, len);
	if (framing_line(log, s, len) || traceback_line(log, s, len))
		return;
	if (piplog_line(log, s, len) || rule_line(log, s, len))
		return;
	if (!blog_obs_room(log))
		return;
	if (freeze_candidate(st, s, len) &&
	    sl_freeze_lines_feed(&st->freeze, s, st->lineno, &log->obs) == 1)
		return;
	if (s[0] == '[' && s[len - 1] == ']')
		sl_freeze_json_line(s, len, log->source, st->lineno, &log->obs);
}

/* The summary's cache misses name their steps' stages.  Up to 4096 misses
 * against up to 4096 steps: the steps are indexed by key first (the last
 * step of each key, as find_step wants), and find_step is only asked when
 * that step's text differs (two texts with one key). */
void blog_link_stages(struct sl_buildlog *log)
{
	struct sl_buf want = SL_BUF_INIT, have = SL_BUF_INIT;
	size_t cap = 16, *slot;

	if (!log->nmisses || !log->nsteps)
		return;
	while (cap < 2 * log->nsteps)
		cap *= 2;
	slot = sl_xcalloc(cap, sizeof(*slot)); /* step index + 1, 0 empty */
	for (size_t i = 0; i < log->nsteps; i++) {
		size_t h = log->steps[i].key & (cap - 1);
		while (slot[h] && log->steps[slot[h] - 1].key != log->steps[i].key)
			h = (h + 1) & (cap - 1);
		slot[h] = i + 1;
	}
	for (size_t i = 0; i < log->nmisses; i++) {
		size_t key = norm_key(log->misses[i].instruction, &want), h = key & (cap - 1);
		struct sl_build_step *step = NULL;

		while (slot[h] && log->steps[slot[h] - 1].key != key)
			h = (h + 1) & (cap - 1);
		if (slot[h]) {
			step = &log->steps[slot[h] - 1];
			norm_instruction(step->instruction, &have);
			if (strcmp(want.buf, have.buf) != 0)
				step = (struct sl_build_step *)find_step(
				    log, log->misses[i].instruction);
		}
		if (step && !step->stage)
			step->stage = sl_xstrdup(log->misses[i].stage);
	}
	free(slot);
	sl_buf_release(&want);
	sl_buf_release(&have);
}
