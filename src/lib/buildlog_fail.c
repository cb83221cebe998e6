/* buildlog_fail.c: what a log says of why it failed: the failures the
 * readers record (pip's, BuildKit's, the summary's, a run's), each with
 * the failure rule (data/failure-rules.txt) its line matches, and, when
 * asked for, the verdict over every line kept (failrules.h's, with the
 * line numbers of the decoded log).  A line is matched against the rules
 * once, whoever asks: the reader of the line and the verdict share it. */
#include <stdlib.h>
#include <string.h>

#include "buildlog_private.h"
#include "spacelock/mem.h"

static bool fatal_kind(enum sl_failure_kind k)
{
	return k != SL_FAIL_PIP && k != SL_FAIL_RUNTIME;
}

/* The rules the verdict is judged by, else the embedded ones (read once
 * a process). */
const struct sl_failrules *blog_rules(struct sl_buildlog *log)
{
	const struct sl_failrules *fr = log->state->judge_rules;

	return fr ? fr : sl_failrules_shared();
}

const struct sl_failrule *blog_rule(struct sl_buildlog *log, const char *s, size_t n)
{
	struct sl_buildlog_state *st = log->state;
	const struct sl_failrules *fr;

	if (st->memo_at == s && st->memo_len == n && st->memo_line == log->lines)
		return st->memo_rule;
	fr = blog_rules(log);
	st->memo_rule = fr ? sl_failrules_match(fr, s, n) : NULL;
	st->memo_at = s;
	st->memo_len = n;
	st->memo_line = log->lines;
	return st->memo_rule;
}

void blog_fail(struct sl_buildlog *log, enum sl_failure_kind kind, const char *subject,
	       size_t subject_len, const char *text)
{
	const struct sl_failrule *rule;
	struct sl_build_failure *f;

	/* a step's or the job's failure is a build's wherever it is pasted */
	if (fatal_kind(kind) &&
	    (log->state->section == SL_LOG_BUILD || kind == SL_FAIL_STEP || kind == SL_FAIL_JOB))
		log->build_failed = true;
	/* pip names a failed package twice or three times; a traceback's
	 * exception is news each time.  Within one section only: a build and
	 * a run section keep their own failures, whichever came first */
	for (size_t i = 0; subject && kind != SL_FAIL_RUNTIME && i < log->nfailures; i++) {
		f = &log->failures[i];
		if (f->kind == kind && f->section == log->state->section && f->subject &&
		    strlen(f->subject) == subject_len &&
		    memcmp(f->subject, subject, subject_len) == 0)
			return;
	}
	if (log->nfailures >= SL_BUILDLOG_FAIL_MAX) {
		if (!log->state->fails_capped)
			blog_warn(log, "more than %d failures; the rest are not listed",
				  SL_BUILDLOG_FAIL_MAX);
		log->state->fails_capped = true;
		return;
	}
	log->failures = sl_xrealloc(log->failures, (log->nfailures + 1) * sizeof(*log->failures));
	f = &log->failures[log->nfailures++];
	f->kind = kind;
	f->section = log->state->section;
	f->subject = subject ? sl_xstrndup(subject, subject_len > 200 ? 200 : subject_len) : NULL;
	/* the message, not the indentation or quoting it was pasted with */
	text += strspn(text, " \t>");
	f->text = sl_xstrndup(text, strnlen(text, SL_OBS_TEXT_MAX));
	f->line = log->state->lineno;
	f->rule = f->bucket = NULL;
	rule = blog_rule(log, text, strlen(text));
	if (rule) {
		f->rule = sl_xstrdup(rule->id);
		f->bucket = sl_xstrdup(rule->bucket->id);
	}
}

/* ---- the verdict ---- */

void sl_buildlog_judge(struct sl_buildlog *log, const struct sl_failrules *fr)
{
	if (log->state)
		log->state->judge_rules = fr;
}

/* The message, not the indentation or quoting it was pasted with: the
 * text blog_fail matches, so that the line is matched once. */
void blog_judge(struct sl_buildlog *log, const char *s, size_t n)
{
	struct sl_failverdict *v = &log->state->hits[log->state->section];
	size_t k = strspn(s, " \t>");
	const struct sl_failrule *r = k < n ? blog_rule(log, s + k, n - k) : NULL;

	if (!r)
		return;
	/* a later hit of a bucket and role already held changes no verdict */
	for (size_t i = 0; i < v->n; i++)
		if (v->hits[i].rule->bucket == r->bucket && v->hits[i].rule->cause == r->cause)
			return;
	v->hits = sl_xrealloc(v->hits, (v->n + 1) * sizeof(*v->hits));
	/* the verdict shows 300 bytes of it */
	v->hits[v->n++] =
	    (struct sl_failhit){r, log->lines, sl_xstrndup(s + k, n - k > 400 ? 400 : n - k)};
}

void blog_judge_drop(struct sl_buildlog *log, enum sl_log_kind sec)
{
	sl_failverdict_release(&log->state->hits[sec]);
}

/* The sections' hits in line order, as the verdict takes them. */
void blog_judge_finish(struct sl_buildlog *log)
{
	struct sl_failverdict *b = &log->state->hits[SL_LOG_BUILD];
	struct sl_failverdict *r = &log->state->hits[SL_LOG_RUN];
	size_t i = 0, j = 0;

	while (i < b->n || j < r->n) {
		bool take_b = j == r->n || (i < b->n && b->hits[i].line < r->hits[j].line);
		const struct sl_failhit *h = take_b ? &b->hits[i++] : &r->hits[j++];
		sl_failverdict_add(&log->verdict, h->rule, h->line, h->text, strlen(h->text));
	}
}

void blog_judge_release(struct sl_buildlog_state *st)
{
	sl_failverdict_release(&st->hits[0]);
	sl_failverdict_release(&st->hits[1]);
}
