/* buildlog_panel.c: the lines of the Space page's panels that users paste
 * with a log: the failure summary a failed build's page shows above its
 * log ("build error", "Job failed with exit code 1. Reason: cache miss:
 * ...", "cache miss: [stage n/m] INSTRUCTION", "Failed to retrieve error
 * logs: ...", "Build logs:"), and the run panel ("Runtime error", "Exit
 * code: 1. Reason: ...").  Their wording is data, not C: the failure rules
 * of role "marks" (data/failure-rules.txt), whose kind says what a line
 * is; so are the lines a log has only at column 0 ("column0: yes") that
 * tell a copy's prefix.  A log's table of them is made on first use from
 * the rules, in the rules' order (the first rule a line matches is its
 * rule), with the first bytes such a line can start with, so that most
 * lines cost a look at one byte.  The cache statistics (a JSON line with
 * "total") are syntax, read here too. */
#include <stdlib.h>
#include <string.h>

#include "buildlog_private.h"
#include "spacelock/mem.h"

#define STARTS(s, len, lit) ((len) >= sizeof(lit) - 1 && memcmp((s), (lit), sizeof(lit) - 1) == 0)

/* What a panel line is, from its rule's kind. */
enum panel_kind {
	PANEL_OTHER = 0,
	PANEL_RUNTIME_HEADING, /* "Runtime error": the Space failed, no failure line */
	PANEL_RUNTIME,	       /* "Exit code: N. Reason: ...": a runtime failure */
	SUM_FAILED,	       /* "build error" */
	SUM_JOB,	       /* "Job failed with exit code N", "Unexpected job error" */
	SUM_MISS,	       /* "cache miss: [stage n/m] INSTRUCTION" */
	SUM_LOGS,	       /* "Failed to retrieve error logs: REASON" */
	SUM_HEADING,	       /* "Build logs:", "Container logs:" */
};

static const struct {
	const char *name;
	enum panel_kind kind;
} kind_names[] = {
    {"runtime-heading", PANEL_RUNTIME_HEADING},
    {"runtime", PANEL_RUNTIME},
    {"summary-failed", SUM_FAILED},
    {"summary-job", SUM_JOB},
    {"summary-cache-miss", SUM_MISS},
    {"summary-logs-unavailable", SUM_LOGS},
    {"summary-heading", SUM_HEADING},
};

struct panel_mark {
	const struct sl_failrule *rule;
	enum panel_kind kind;
	size_t lead; /* bytes of its match before any '*' (0: it may be anywhere) */
};

struct blog_panel {
	struct panel_mark *v; /* the marks, in the rules' order */
	size_t n;
	const struct sl_failrule **col0; /* the rules of lines only at column 0 */
	size_t ncol0;
	const struct panel_mark *miss; /* the cache miss's, found inside a job line */
	bool first[256];	       /* a panel line may start with this byte */
	bool skim_first[256];	       /* ... a line a skimmed build reads (log_skim_first_byte) */
};

static enum panel_kind kind_of(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (strcmp(kind, kind_names[i].name) == 0)
			return kind_names[i].kind;
	return PANEL_OTHER;
}

static bool summary(enum panel_kind k)
{
	return k >= SUM_FAILED;
}

/* A first byte a mark's lines start with, or every byte for a mark that
 * may be anywhere in its line. */
static void add_first(bool *first, const struct panel_mark *m)
{
	if (m->lead)
		first[(unsigned char)m->rule->match[0]] = true;
	else
		memset(first, true, 256);
}

static void add_rule(struct blog_panel *p, const struct sl_failrule *r)
{
	struct panel_mark *m;

	if (r->column0) {
		p->col0 = sl_xrealloc(p->col0, (p->ncol0 + 1) * sizeof(*p->col0));
		p->col0[p->ncol0++] = r;
	}
	if (!r->mark)
		return;
	p->v = sl_xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
	m = &p->v[p->n++];
	m->rule = r;
	m->kind = kind_of(r->kind);
	m->lead = r->anchor == SL_FAILRULE_ANYWHERE ? 0 : strcspn(r->match, "*");
	add_first(p->first, m);
	if (summary(m->kind))
		add_first(p->skim_first, m);
}

/* The table, made from the log's rules on first use. */
static const struct blog_panel *panel(struct sl_buildlog *log)
{
	struct sl_buildlog_state *st = log->state;
	const struct sl_failrules *fr;
	struct blog_panel *p = st->panel;

	if (p)
		return p;
	p = st->panel = sl_xcalloc(1, sizeof(*p));
	/* headers, a quoted copy's lines, the cache statistics */
	p->skim_first['='] = p->skim_first['>'] = p->skim_first['{'] = true;
	fr = blog_rules(log);
	for (size_t i = 0; fr && i < sl_failrules_count(fr); i++)
		add_rule(p, sl_failrules_rule(fr, i));
	for (size_t i = 0; i < p->n && !p->miss; i++)
		if (p->v[i].kind == SUM_MISS && p->v[i].lead)
			p->miss = &p->v[i];
	return p;
}

void blog_panel_free(struct sl_buildlog_state *st)
{
	struct blog_panel *p = st->panel;

	if (!p)
		return;
	free(p->v);
	free(p->col0);
	free(p);
	st->panel = NULL;
}

/* The first mark s[0..len) matches, or NULL (summary: its lines only). */
static const struct panel_mark *find(struct sl_buildlog *log, const char *s, size_t len,
				     bool summary_only)
{
	const struct blog_panel *p = panel(log);

	if (!len || !(summary_only ? p->skim_first : p->first)[(unsigned char)s[0]])
		return NULL;
	for (size_t i = 0; i < p->n; i++) {
		const struct panel_mark *m = &p->v[i];
		if (m->lead && (len < m->lead || s[0] != m->rule->match[0] ||
				memcmp(s, m->rule->match, m->lead) != 0))
			continue;
		if (sl_failrule_matches(m->rule, s, len))
			return summary_only && !summary(m->kind) ? NULL : m;
	}
	return NULL;
}

static bool stats_line(const char *s, size_t len)
{
	return len > 0 && s[0] == '{' && memmem(s, len, "\"total\"", 7);
}

static void cache_miss(struct sl_buildlog *log, const char *s)
{
	const char *open = strchr(s, '['), *close = open ? strchr(open, ']') : NULL;
	struct sl_cache_miss *m;

	log->has_summary = true;
	if (!open || !close)
		return;
	if (log->nmisses >= SL_BUILDLOG_STEP_MAX)
		return;
	sl_xgrow((void **)&log->misses, &log->state->misses_cap, log->nmisses + 1,
		 sizeof(*log->misses));
	m = &log->misses[log->nmisses++];
	m->stage = sl_xstrndup(open + 1, (size_t)(close - open - 1));
	m->instruction = sl_xstrdup(close + 1 + strspn(close + 1, " "));
	m->line = log->state->lineno;
	/* the sdk it may name belongs to the build; a skimmed build is replaced */
	if (!log->state->skim && strncmp(m->instruction, "RUN", 3) == 0 &&
	    strstr(m->instruction, "pip"))
		piplog_miss_sdk(log, m->instruction);
}

/* "Job failed with exit code: 1. Reason: cache miss: [...] ...": the job
 * failed, and the reason is the cache miss's line. */
static void job_failed(struct sl_buildlog *log, const char *s, size_t len)
{
	struct sl_buildlog_state *st = log->state;
	const struct panel_mark *miss = panel(log)->miss;
	const char *at;

	log->has_summary = true;
	st->summary_failed = true;
	if (!st->skim) /* the failure belongs to a build a later one replaces */
		blog_fail(log, SL_FAIL_JOB, NULL, 0, s);
	at = miss && len > 1 ? memmem(s + 1, len - 1, miss->rule->match, miss->lead) : NULL;
	if (at)
		cache_miss(log, at);
}

/* A line of the failure summary block (s NUL-terminated). */
static void summary_line(struct sl_buildlog *log, const struct panel_mark *m, const char *s,
			 size_t len)
{
	const char *reason;

	switch (m->kind) {
	case SUM_FAILED:
		log->has_summary = true;
		log->state->summary_failed = true;
		log->build_failed = true;
		break;
	case SUM_JOB: job_failed(log, s, len); break;
	case SUM_MISS: cache_miss(log, s); break;
	case SUM_LOGS:
		reason = s + m->lead + strspn(s + m->lead, " ");
		blog_set(&log->logs_unavailable, reason, (size_t)(s + len - reason));
		break;
	default: break; /* the panel's own headings */
	}
}

static void stats(struct sl_buildlog *log, const char *s, size_t len)
{
	if (!log->cache_stats)
		blog_set(&log->cache_stats, s, len > 1024 ? 1024 : len);
}

/* The run panel: its heading makes the section a run's (a pasted crash
 * is not a build), its "Exit code: ... Reason: ..." line is a failure. */
static void runtime_line(struct sl_buildlog *log, const struct panel_mark *m, const char *s)
{
	blog_headerless_run(log);
	log->runtime_error = true;
	if (m->kind == PANEL_RUNTIME)
		blog_fail(log, SL_FAIL_RUNTIME, NULL, 0, s);
}

bool blog_panel_line(struct sl_buildlog *log, const char *s, size_t len)
{
	const struct panel_mark *m;

	if (stats_line(s, len)) {
		if (log->cache_stats)
			return false;
		stats(log, s, len);
		return true;
	}
	m = find(log, s, len, false);
	if (!m || m->kind == PANEL_OTHER)
		return false;
	if (summary(m->kind))
		summary_line(log, m, s, len);
	else
		runtime_line(log, m, s);
	return true;
}

bool log_skim_wanted(struct sl_buildlog *log, const char *s, size_t n)
{
	return n > 0 && (STARTS(s, n, "===== ") || stats_line(s, n) || find(log, s, n, true));
}

const bool *log_skim_first_byte(struct sl_buildlog *log)
{
	return panel(log)->skim_first;
}

/* A word of the first four bytes of each text log_skim_wanted looks for,
 * by its first byte; any when two differ or a text is shorter. */
void log_skim_prefixes(struct sl_buildlog *log, uint32_t by_first[256], uint32_t any)
{
	const struct blog_panel *p = panel(log);
	uint32_t w;

	memset(by_first, 0, 256 * sizeof(*by_first));
	memcpy(&w, "====", 4);
	by_first['='] = w;
	for (size_t i = 0; i < p->n; i++) {
		const struct panel_mark *m = &p->v[i];
		unsigned char c = (unsigned char)m->rule->match[0];
		if (!summary(m->kind))
			continue;
		if (!m->lead) { /* anywhere: no quick test */
			for (size_t k = 0; k < 256; k++)
				by_first[k] = any;
			return;
		}
		if (m->lead < 4) {
			by_first[c] = any;
			continue;
		}
		memcpy(&w, m->rule->match, 4);
		by_first[c] = by_first[c] && by_first[c] != w ? any : w;
	}
}

/* A skimmed line that matters (s NUL-terminated): a header or a line of
 * the failure summary block. */
void blog_skim_read(struct sl_buildlog *log, const char *s, size_t n)
{
	const struct panel_mark *m;

	if (STARTS(s, n, "===== "))
		blog_header(log, s, n);
	else if (stats_line(s, n))
		stats(log, s, n);
	else if ((m = find(log, s, n, true)) != NULL)
		summary_line(log, m, s, n);
}

bool blog_column0_rule(struct sl_buildlog *log, const char *s, size_t n)
{
	const struct blog_panel *p = panel(log);

	for (size_t i = 0; i < p->ncol0; i++)
		if (sl_failrule_matches(p->col0[i], s, n))
			return true;
	return false;
}
