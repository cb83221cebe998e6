/* doctor.c: the findings of one `spacelock doctor` run (doctor.h): kept,
 * sorted, rendered; the logs read and judged by the log reader (buildlog.h,
 * with the failure rules); what the
 * Hub says of the Space and what its diff against the source shows. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctor_private.h"
#include "spacelock/jsonw.h"
#include "spacelock/mem.h"
#include "spacelock/redact.h"
#include "spacelock/buildlog.h"

const char *sl_doctor_severity_name(enum sl_doctor_severity s)
{
	return s == SL_DOCTOR_ERROR ? "error" : s == SL_DOCTOR_WARNING ? "warning" : "info";
}

struct sl_doctor *sl_doctor_new(const struct sl_failrules *fr)
{
	struct sl_doctor *d = sl_xcalloc(1, sizeof(*d));

	d->fr = fr;
	return d;
}

void sl_doctor_free(struct sl_doctor *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->f[i].id);
		free(d->f[i].file);
		free(d->f[i].message);
		free(d->f[i].fix);
	}
	for (size_t i = 0; i < d->n_gpu; i++) {
		free(d->gpu[i].function);
		free(d->gpu[i].file);
		free(d->gpu[i].duration);
	}
	for (size_t i = 0; i < d->n_tiers; i++) {
		free(d->tiers[i].id);
		free(d->tiers[i].label);
		free(d->tiers[i].as_of);
		free(d->tiers[i].source);
	}
	for (size_t i = 0; i < d->n_secrets; i++) {
		free(d->secrets[i].name);
		free(d->secrets[i].file);
	}
	for (size_t i = 0; i < d->n_logs; i++)
		free(d->logs[i].label);
	sl_failverdict_release(&d->verdict);
	free(d->f);
	free(d->gpu);
	free(d->tiers);
	free(d->secrets);
	free(d->logs);
	free(d->space_id);
	free(d->stage);
	free(d->error_message);
	free(d->hw_requested);
	free(d->hw_current);
	free(d->quota_as_of);
	free(d);
}

void doctor_add(struct sl_doctor *d, const char *id, enum sl_doctor_severity sev, const char *file,
		unsigned long line, const char *fix, const char *fmt, ...)
{
	struct sl_doctor_finding *f;
	struct sl_buf msg = SL_BUF_INIT;
	va_list ap;

	sl_xgrow((void **)&d->f, &d->cap, d->n + 1, sizeof(*d->f));
	f = &d->f[d->n++];
	va_start(ap, fmt);
	sl_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	f->id = sl_xstrdup(id);
	f->severity = sev;
	f->file = file ? sl_xstrdup(file) : NULL;
	f->line = line;
	f->message = sl_buf_detach(&msg, NULL);
	sl_redact_tokens(f->message);
	f->fix = fix ? sl_xstrdup(fix) : NULL;
	d->sorted = false;
}

bool doctor_is_gpu_hardware(const char *hardware)
{
	return hardware && *hardware && strncmp(hardware, "cpu", 3) != 0;
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* Errors first, then warnings, then notes; within a severity by file
 * (findings without a file last), line and id: stable output. */
static int cmp_finding(const void *pa, const void *pb)
{
	const struct sl_doctor_finding *a = pa, *b = pb;
	int c;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (!a->file != !b->file)
		return a->file ? -1 : 1;
	if ((c = cmp_str(a->file, b->file)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = strcmp(a->id, b->id)) != 0)
		return c;
	return strcmp(a->message, b->message);
}

static void add_failure(struct sl_doctor *d);

/* Findings are final once read: the verdict joins them, then the sort. */
static void sort_findings(const struct sl_doctor *d)
{
	struct sl_doctor *m = (struct sl_doctor *)d; /* settling is not a change */

	add_failure(m);
	if (!m->sorted && m->n)
		qsort(m->f, m->n, sizeof(*m->f), cmp_finding);
	m->sorted = true;
}

size_t sl_doctor_count(const struct sl_doctor *d)
{
	sort_findings(d);
	return d->n;
}

const struct sl_doctor_finding *sl_doctor_finding_at(const struct sl_doctor *d, size_t i)
{
	sort_findings(d);
	return i < d->n ? &d->f[i] : NULL;
}

size_t sl_doctor_gpu_count(const struct sl_doctor *d)
{
	return d->n_gpu;
}

const struct sl_doctor_gpu_call *sl_doctor_gpu_at(const struct sl_doctor *d, size_t i)
{
	return i < d->n_gpu ? &d->gpu[i] : NULL;
}

size_t sl_doctor_tier_count(const struct sl_doctor *d)
{
	return d->n_tiers;
}

const struct sl_doctor_tier *sl_doctor_tier_at(const struct sl_doctor *d, size_t i)
{
	return i < d->n_tiers ? &d->tiers[i] : NULL;
}

bool sl_doctor_failed(const struct sl_doctor *d)
{
	sort_findings(d);
	for (size_t i = 0; i < d->n; i++)
		if (d->f[i].severity == SL_DOCTOR_ERROR)
			return true;
	return false;
}

/* The log a line of the doctor's running count belongs to. */
static const struct doctor_log *log_of(const struct sl_doctor *d, unsigned long line)
{
	const struct doctor_log *l = NULL;

	for (size_t i = 0; i < d->n_logs && d->logs[i].first <= line; i++)
		l = &d->logs[i];
	return l;
}

const struct sl_failrule *doctor_hit(const struct sl_doctor *d, size_t i, const char **label,
				     unsigned long *line)
{
	const struct sl_failhit *h = &d->verdict.hits[i];
	const struct doctor_log *l = log_of(d, h->line);

	*label = l ? l->label : NULL;
	*line = l ? h->line - l->first + 1 : h->line;
	return h->rule;
}

const struct sl_failrule *sl_doctor_cause(const struct sl_doctor *d, const char **label,
					  unsigned long *line)
{
	*label = NULL;
	*line = 0;
	if (!d->verdict.n)
		return NULL;
	return doctor_hit(d, 0, label, line);
}

const char *doctor_hit_text(const struct sl_doctor *d, size_t i)
{
	return d->verdict.hits[i].text ? d->verdict.hits[i].text : "";
}

static int cmp_hit_line(const void *pa, const void *pb)
{
	const struct sl_failhit *a = *(const struct sl_failhit *const *)pa;
	const struct sl_failhit *b = *(const struct sl_failhit *const *)pb;

	return a->line < b->line ? -1 : a->line > b->line;
}

/* A log read by the log reader (buildlog.h), which judged its lines: its
 * verdict joins the doctor's, in line order after the lines of the logs
 * given before it, so the earliest cause over all the logs wins. */
static void take_log(struct sl_doctor *d, const char *label, const struct sl_buildlog *log)
{
	const struct sl_failverdict *v = &log->verdict;
	const struct sl_failhit **order = sl_xcalloc(v->n + 1, sizeof(*order));

	d->logs = sl_xrealloc(d->logs, (d->n_logs + 1) * sizeof(*d->logs));
	d->logs[d->n_logs++] = (struct doctor_log){sl_xstrdup(label), d->lines + 1};
	for (size_t i = 0; i < v->n; i++)
		order[i] = &v->hits[i];
	qsort(order, v->n, sizeof(*order), cmp_hit_line);
	for (size_t i = 0; i < v->n; i++)
		sl_failverdict_add(&d->verdict, order[i]->rule, d->lines + order[i]->line,
				   order[i]->text, order[i]->text ? strlen(order[i]->text) : 0);
	d->lines += log->lines;
	free(order);
}

/* A log the reader refuses (binary data) is said, not classified. */
static void unread_log(struct sl_doctor *d, const char *label, const struct sl_err *err)
{
	doctor_add(d, "log-unread", SL_DOCTOR_WARNING, label, 0,
		   "give the log as text, as the Space page or `spacelock fetch` saves it", "%s",
		   err->msg);
}

void sl_doctor_add_log(struct sl_doctor *d, const char *label, const char *text, size_t len)
{
	struct sl_buildlog *log = sl_buildlog_new(SL_LOG_BUILD, label);
	struct sl_err err = {0};

	sl_buildlog_judge(log, d->fr);
	if (sl_buildlog_feed(log, text, len, &err) == 0 && sl_buildlog_finish(log, &err) == 0)
		take_log(d, label, log);
	else
		unread_log(d, label, &err);
	sl_buildlog_free(log);
}

int sl_doctor_add_log_file(struct sl_doctor *d, const char *label, const char *path,
			   struct sl_err *err)
{
	struct sl_buildlog *log = sl_buildlog_new(SL_LOG_BUILD, label ? label : path);
	int rc;

	sl_buildlog_judge(log, d->fr);
	rc = sl_buildlog_read_into(log, path, err);
	if (rc == 0)
		take_log(d, log->source, log);
	else if (rc == SL_EPARSE)
		unread_log(d, log->source, err);
	sl_buildlog_free(log);
	return rc == SL_EPARSE ? 0 : rc;
}

/* The first step to take for a rule: its own, else its bucket's. */
static const char *first_step(const struct sl_failrule *r)
{
	if (r->n_steps)
		return r->steps[0];
	return r->bucket->n_steps ? r->bucket->steps[0] : NULL;
}

/* The verdict as a finding, so that --json's findings and the exit status
 * see a failed log like any other error. */
static void add_failure(struct sl_doctor *d)
{
	const struct sl_failrule *r;
	const char *label;
	unsigned long line;

	if (d->failure_added || !d->verdict.n)
		return;
	d->failure_added = true;
	r = doctor_hit(d, 0, &label, &line);
	doctor_add(d, "log-failure", SL_DOCTOR_ERROR, label, line, first_step(r), "%s: %s: %s",
		   r->bucket->id, r->explain, doctor_hit_text(d, 0));
}

static void set_str(char **slot, const char *v)
{
	free(*slot);
	*slot = v && *v ? sl_xstrdup(v) : NULL;
}

/* The stages the Hub reports for a Space that does not run (hub.h). */
static const char *stage_meaning(const char *stage)
{
	static const char *const m[][2] = {
	    {"BUILD_ERROR", "the build failed: the build log says why"},
	    {"RUNTIME_ERROR", "the app crashed: the run (container) log says why"},
	    {"CONFIG_ERROR", "the card (README.md front matter) is not valid"},
	    {"NO_APP_FILE", "the app file the card names (app_file, default app.py) is missing"},
	    {"PAUSED", "the Space is paused by its owner"},
	    {"STOPPED", "the Space is stopped"},
	    {"SLEEPING", "the Space sleeps until a visitor wakes it"},
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strcmp(stage, m[i][0]) == 0)
			return m[i][1];
	return NULL;
}

void sl_doctor_add_runtime(struct sl_doctor *d, const struct sl_doctor_runtime *rt)
{
	const char *why;

	set_str(&d->space_id, rt->id);
	set_str(&d->stage, rt->stage);
	set_str(&d->error_message, rt->error_message);
	set_str(&d->hw_requested, rt->hardware_requested);
	set_str(&d->hw_current, rt->hardware_current);
	if (d->stage && (why = stage_meaning(d->stage)) != NULL)
		doctor_add(d, "space-stage",
			   strstr(d->stage, "ERROR") || strcmp(d->stage, "NO_APP_FILE") == 0
			       ? SL_DOCTOR_ERROR
			       : SL_DOCTOR_INFO,
			   NULL, 0, "spacelock log OWNER/NAME reads the logs", "stage %s: %s%s%s",
			   d->stage, why, d->error_message ? "; the Hub says: " : "",
			   d->error_message ? d->error_message : "");
	if (d->hw_requested && d->hw_current && strcmp(d->hw_requested, d->hw_current) != 0)
		doctor_add(d, "space-hardware", SL_DOCTOR_WARNING, NULL, 0,
			   "wait for the hardware, or request one that is free",
			   "hardware requested %s but the Space runs on %s", d->hw_requested,
			   d->hw_current);
}
