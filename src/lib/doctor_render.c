/* doctor_render.c: what the duplicate checklist finds in a diff against
 * the source, and the doctor's two renderings (text for people, JSON for
 * scripts; doctor.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctor_private.h"
#include "spacelock/jsonw.h"
#include "spacelock/mem.h"

/* ---- against the source ---- */

static bool listed(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

static const char *one(char *const *v, size_t n)
{
	return n ? v[0] : "(not set)";
}

/* Each name the source has and the duplicate lacks: secrets are never
 * copied by a duplication, variables are pre-filled but can be removed. */
static void missing_names(struct sl_doctor *d, const struct sl_diff_field *f, bool secret)
{
	for (size_t i = 0; i < f->n_from; i++)
		if (!listed(f->to, f->n_to, f->from[i]))
			doctor_add(d, secret ? "source-secret-missing" : "source-variable-missing",
				   secret ? SL_DOCTOR_ERROR : SL_DOCTOR_WARNING, NULL, 0,
				   secret ? "add it in the duplicate's Settings > Variables and "
					    "secrets (a duplication never copies secret values)"
					  : "add it in the duplicate's Settings > Variables and "
					    "secrets",
				   "the source's %s %s is missing in the duplicate",
				   secret ? "secret" : "variable", f->from[i]);
}

/* " (why)" or "", heap. */
static char *paren(const char *why)
{
	return why && *why ? sl_xasprintf(" (%s)", why) : sl_xstrdup("");
}

static enum sl_doctor_severity runtime_severity(const char *name)
{
	static const char *const warn[] = {
	    "sdk", "sdk_version", "python", "python_version", "build_status", NULL};

	for (size_t i = 0; warn[i]; i++)
		if (strcmp(name, warn[i]) == 0)
			return SL_DOCTOR_WARNING;
	return SL_DOCTOR_INFO;
}

static void runtime_field(struct sl_doctor *d, const struct sl_diff_field *f)
{
	const char *name = f->field;
	char *why;

	if (f->change == SL_DIFF_UNKNOWN)
		return;
	if (strcmp(name, "secrets") == 0 || strcmp(name, "variables") == 0) {
		missing_names(d, f, strcmp(name, "secrets") == 0);
		return;
	}
	why = paren(f->reason);
	if (strcmp(name, "hardware") == 0)
		doctor_add(d, "source-hardware", SL_DOCTOR_ERROR, NULL, 0,
			   "choose the source's hardware in the duplicate's Settings (a duplicate "
			   "runs on cpu-basic unless hardware is chosen)",
			   "hardware differs: the source runs on %s, the duplicate on %s",
			   one(f->from, f->n_from), one(f->to, f->n_to));
	else if (!f->list)
		doctor_add(d, "source-runtime", runtime_severity(name), NULL, 0,
			   "spacelock apply makes the duplicate's card and requirements like the "
			   "source's",
			   "%s differs: the source has %s, the duplicate %s%s", name,
			   one(f->from, f->n_from), one(f->to, f->n_to), why);
	else
		doctor_add(d, "source-runtime", SL_DOCTOR_INFO, NULL, 0, NULL, "%s differs%s", name,
			   why);
	free(why);
}

/* A requirement line that differs, at "requirements.txt:2" when the
 * duplicate has it. */
static void requirement(struct sl_doctor *d, const struct sl_diff_request *r)
{
	const char *at = r->to_at ? strrchr(r->to_at, ':') : NULL;
	char *file = at ? sl_xstrndup(r->to_at, (size_t)(at - r->to_at)) : NULL;
	unsigned long line = at ? strtoul(at + 1, NULL, 10) : 0;

	doctor_add(d, "source-requirement", SL_DOCTOR_WARNING, file, line,
		   "spacelock apply writes the source's line",
		   "requirement %s: the source has %s, the duplicate %s", r->name,
		   r->from ? r->from : "no line", r->to ? r->to : "no line");
	free(file);
}

/* The diff's top package changes: what most likely explains "it runs but
 * behaves differently". */
#define TOP_PACKAGES 5

void sl_doctor_add_diff(struct sl_doctor *d, const struct sl_diff *diff)
{
	size_t shown = 0;

	for (size_t i = 0; i < diff->n_runtime; i++)
		runtime_field(d, &diff->runtime[i]);
	for (size_t i = 0; i < diff->n_requirements; i++)
		requirement(d, &diff->requirements[i]);
	for (size_t i = 0; i < diff->n_packages && shown < TOP_PACKAGES; i++) {
		const struct sl_diff_package *p = &diff->packages[i];
		if (p->change == SL_DIFF_UNKNOWN)
			continue;
		char *why = paren(p->reason);
		shown++;
		doctor_add(d, "source-package",
			   p->impact && strcmp(p->impact, "high") == 0 ? SL_DOCTOR_WARNING
								       : SL_DOCTOR_INFO,
			   NULL, 0, "spacelock repin pins the duplicate to the source's versions",
			   "%s %s: %s -> %s%s", p->name, sl_diff_change_name(p->change),
			   p->from ? p->from : "-", p->to ? p->to : "-", why);
		free(why);
	}
}

/* ---- text ---- */

static void where(struct sl_buf *out, const char *file, unsigned long line)
{
	if (!file)
		sl_buf_addstr(out, "-");
	else if (line)
		sl_buf_addf(out, "%s:%lu", file, line);
	else
		sl_buf_addstr(out, file);
}

static void text_findings(const struct sl_doctor *d, struct sl_buf *out)
{
	for (size_t i = 0; i < sl_doctor_count(d); i++) {
		const struct sl_doctor_finding *f = sl_doctor_finding_at(d, i);
		sl_buf_addf(out, "%-7s ", sl_doctor_severity_name(f->severity));
		where(out, f->file, f->line);
		sl_buf_addf(out, " [%s] %s\n", f->id, f->message);
		if (f->fix)
			sl_buf_addf(out, "        fix: %s\n", f->fix);
	}
}

/* "60 s" or "30 to 180 s" */
static void seconds_text(struct sl_buf *out, long lo, long hi)
{
	if (lo == hi)
		sl_buf_addf(out, "%ld s", hi);
	else
		sl_buf_addf(out, "%ld to %ld s", lo, hi);
}

static void calls_text(const struct sl_doctor *d, const struct sl_doctor_gpu_call *g,
		       struct sl_buf *out)
{
	struct sl_doctor_gpu_call best = *g;

	best.seconds = g->min_seconds;
	sl_buf_addstr(out, "; calls a day:");
	for (size_t t = 0; t < d->n_tiers; t++) {
		long most = sl_doctor_calls_per_day(&best, &d->tiers[t]);
		long least = sl_doctor_calls_per_day(g, &d->tiers[t]);
		sl_buf_addf(out, "%s %s ", t ? "," : "", d->tiers[t].id);
		if (least == most)
			sl_buf_addf(out, "%ld", least);
		else
			sl_buf_addf(out, "%ld to %ld", least, most);
	}
}

static void text_gpu_call(const struct sl_doctor *d, const struct sl_doctor_gpu_call *g,
			  struct sl_buf *out)
{
	sl_buf_addf(out, "  %s (%s:%lu): requests ", g->function, g->file, g->line);
	if (g->callable && g->seconds < 0) {
		sl_buf_addf(out, "what %s returns (not readable as a number)\n", g->duration);
		return;
	}
	if (g->seconds < 0) {
		sl_buf_addf(out, "duration=%s (not readable as a number)\n", g->duration);
		return;
	}
	if (g->callable)
		sl_buf_addf(out, "what %s returns, ", g->duration);
	seconds_text(out, g->min_seconds, g->seconds);
	sl_buf_addstr(out, g->duration ? " a call" : " a call (the default)");
	if (g->factor > 1)
		sl_buf_addf(out, ", counted %d times (size=\"xlarge\")", g->factor);
	calls_text(d, g, out);
	sl_buf_addch(out, '\n');
}

static void text_quota(const struct sl_doctor *d, struct sl_buf *out)
{
	if (!d->n_gpu)
		return;
	sl_buf_addf(out, "\nZeroGPU quota (daily quotas as of %s, data/zerogpu-quota.txt):\n",
		    d->quota_as_of ? d->quota_as_of : "?");
	for (size_t i = 0; i < d->n_gpu; i++)
		text_gpu_call(d, &d->gpu[i], out);
	sl_buf_addstr(out, "  The requested duration, not the time a call really takes, is "
			   "checked against the\n  visitor's remaining quota.\n");
}

static void text_steps(const struct sl_failrule *r, struct sl_buf *out)
{
	size_t k = 0;

	sl_buf_addstr(out, "  next steps:\n");
	for (size_t i = 0; i < r->n_steps; i++)
		sl_buf_addf(out, "    %zu. %s\n", ++k, r->steps[i]);
	for (size_t i = 0; i < r->bucket->n_steps; i++)
		sl_buf_addf(out, "    %zu. %s\n", ++k, r->bucket->steps[i]);
}

static void text_failure(const struct sl_doctor *d, struct sl_buf *out)
{
	const char *label;
	unsigned long line;
	const struct sl_failrule *r;

	if (!d->n_logs)
		return;
	if (!d->verdict.n) {
		sl_buf_addstr(out, "\nfailure: no known failure message in the logs\n");
		return;
	}
	r = sl_doctor_cause(d, &label, &line);
	sl_buf_addf(out, "\nfailure: %s (%s:%lu)\n  %s\n  why: %s\n", r->bucket->id, label, line,
		    doctor_hit_text(d, 0), r->explain);
	text_steps(r, out);
	for (size_t i = 1; i < d->verdict.n; i++) {
		const struct sl_failrule *o = doctor_hit(d, i, &label, &line);
		sl_buf_addf(out, "%s %s (%s:%lu)", i == 1 ? "  also seen:" : ",", o->bucket->id,
			    label, line);
	}
	if (d->verdict.n > 1)
		sl_buf_addch(out, '\n');
}

static void count_severities(const struct sl_doctor *d, size_t n[3])
{
	n[0] = n[1] = n[2] = 0;
	for (size_t i = 0; i < sl_doctor_count(d); i++)
		n[sl_doctor_finding_at(d, i)->severity]++;
}

void sl_doctor_render_text(const struct sl_doctor *d, struct sl_buf *out)
{
	size_t n[3];

	if (d->space_id)
		sl_buf_addf(out, "space %s: stage %s, hardware %s (requested %s)\n", d->space_id,
			    d->stage ? d->stage : "unknown", d->hw_current ? d->hw_current : "none",
			    d->hw_requested ? d->hw_requested : "none");
	text_findings(d, out);
	text_quota(d, out);
	text_failure(d, out);
	count_severities(d, n);
	sl_buf_addf(out, "\n%zu error%s, %zu warning%s, %zu note%s\n", n[SL_DOCTOR_ERROR],
		    n[SL_DOCTOR_ERROR] == 1 ? "" : "s", n[SL_DOCTOR_WARNING],
		    n[SL_DOCTOR_WARNING] == 1 ? "" : "s", n[SL_DOCTOR_INFO],
		    n[SL_DOCTOR_INFO] == 1 ? "" : "s");
}

/* ---- JSON ---- */

static void json_findings(const struct sl_doctor *d, struct sl_jsonw *w)
{
	sl_jsonw_key(w, "findings");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < sl_doctor_count(d); i++) {
		const struct sl_doctor_finding *f = sl_doctor_finding_at(d, i);
		sl_jsonw_space(w, "\n  ");
		sl_jsonw_object_begin(w);
		sl_jsonw_field_string(w, "id", f->id);
		sl_jsonw_field_string(w, "severity", sl_doctor_severity_name(f->severity));
		sl_jsonw_field_string(w, "file", f->file);
		sl_jsonw_key(w, "line");
		if (f->line)
			sl_jsonw_int(w, (long long)f->line);
		else
			sl_jsonw_null(w);
		sl_jsonw_field_string(w, "message", f->message);
		sl_jsonw_field_string(w, "fix", f->fix);
		sl_jsonw_object_end(w);
	}
	if (sl_doctor_count(d))
		sl_jsonw_space(w, "\n");
	sl_jsonw_array_end(w);
}

static void json_steps(const struct sl_failrule *r, struct sl_jsonw *w)
{
	sl_jsonw_key(w, "steps");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; r && i < r->n_steps; i++)
		sl_jsonw_string(w, r->steps[i]);
	for (size_t i = 0; r && i < r->bucket->n_steps; i++)
		sl_jsonw_string(w, r->bucket->steps[i]);
	sl_jsonw_array_end(w);
}

static void json_failure(const struct sl_doctor *d, struct sl_jsonw *w)
{
	const char *label;
	unsigned long line;
	const struct sl_failrule *r = sl_doctor_cause(d, &label, &line);

	sl_jsonw_space(w, "\n");
	sl_jsonw_key(w, "logs");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < d->n_logs; i++)
		sl_jsonw_string(w, d->logs[i].label);
	sl_jsonw_array_end(w);
	sl_jsonw_space(w, "\n");
	sl_jsonw_field_string(w, "bucket", r ? r->bucket->id : NULL);
	sl_jsonw_key(w, "cause");
	if (r) {
		sl_jsonw_object_begin(w);
		sl_jsonw_field_string(w, "rule", r->id);
		sl_jsonw_field_string(w, "file", label);
		sl_jsonw_field_int(w, "line", (long long)line);
		sl_jsonw_field_string(w, "text", doctor_hit_text(d, 0));
		sl_jsonw_field_string(w, "explain", r->explain);
		sl_jsonw_field_string(w, "source", r->source);
		sl_jsonw_object_end(w);
	} else {
		sl_jsonw_null(w);
	}
	json_steps(r, w);
	sl_jsonw_key(w, "also");
	sl_jsonw_array_begin(w);
	for (size_t i = 1; i < d->verdict.n; i++) {
		const struct sl_failrule *o = doctor_hit(d, i, &label, &line);
		sl_jsonw_object_begin(w);
		sl_jsonw_field_string(w, "bucket", o->bucket->id);
		sl_jsonw_field_string(w, "rule", o->id);
		sl_jsonw_field_string(w, "file", label);
		sl_jsonw_field_int(w, "line", (long long)line);
		sl_jsonw_object_end(w);
	}
	sl_jsonw_array_end(w);
}

static void json_calls(const struct sl_doctor *d, const struct sl_doctor_gpu_call *g,
		       struct sl_jsonw *w)
{
	sl_jsonw_key(w, "calls_per_day");
	sl_jsonw_object_begin(w);
	for (size_t t = 0; t < d->n_tiers; t++) {
		long n = sl_doctor_calls_per_day(g, &d->tiers[t]);
		sl_jsonw_key(w, d->tiers[t].id);
		if (n < 0)
			sl_jsonw_null(w);
		else
			sl_jsonw_int(w, n);
	}
	sl_jsonw_object_end(w);
}

static void json_gpu_call(const struct sl_doctor *d, const struct sl_doctor_gpu_call *g,
			  struct sl_jsonw *w)
{
	sl_jsonw_space(w, "\n  ");
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "function", g->function);
	sl_jsonw_field_string(w, "file", g->file);
	sl_jsonw_field_int(w, "line", (long long)g->line);
	sl_jsonw_field_string(w, "duration", g->duration);
	sl_jsonw_field_bool(w, "callable", g->callable);
	sl_jsonw_key(w, "seconds");
	if (g->seconds < 0)
		sl_jsonw_null(w);
	else
		sl_jsonw_int(w, g->seconds);
	sl_jsonw_key(w, "min_seconds");
	if (g->min_seconds < 0)
		sl_jsonw_null(w);
	else
		sl_jsonw_int(w, g->min_seconds);
	sl_jsonw_field_int(w, "factor", g->factor);
	json_calls(d, g, w);
	sl_jsonw_object_end(w);
}

static void json_quota(const struct sl_doctor *d, struct sl_jsonw *w)
{
	sl_jsonw_space(w, "\n");
	sl_jsonw_key(w, "quota");
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "as_of", d->quota_as_of);
	sl_jsonw_key(w, "daily_seconds");
	sl_jsonw_object_begin(w);
	for (size_t t = 0; t < d->n_tiers; t++)
		sl_jsonw_field_int(w, d->tiers[t].id, d->tiers[t].daily_seconds);
	sl_jsonw_object_end(w);
	sl_jsonw_key(w, "functions");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < d->n_gpu; i++)
		json_gpu_call(d, &d->gpu[i], w);
	if (d->n_gpu)
		sl_jsonw_space(w, "\n");
	sl_jsonw_array_end(w);
	sl_jsonw_object_end(w);
}

static void json_space(const struct sl_doctor *d, struct sl_jsonw *w)
{
	sl_jsonw_key(w, "space");
	if (!d->space_id) {
		sl_jsonw_null(w);
		return;
	}
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "id", d->space_id);
	sl_jsonw_field_string(w, "stage", d->stage);
	sl_jsonw_field_string(w, "error_message", d->error_message);
	sl_jsonw_field_string(w, "hardware_requested", d->hw_requested);
	sl_jsonw_field_string(w, "hardware_current", d->hw_current);
	sl_jsonw_object_end(w);
}

static void json_secrets(const struct sl_doctor *d, struct sl_jsonw *w)
{
	sl_jsonw_space(w, "\n");
	sl_jsonw_key(w, "secrets_read");
	sl_jsonw_array_begin(w);
	for (size_t i = 0; i < d->n_secrets; i++) {
		sl_jsonw_object_begin(w);
		sl_jsonw_field_string(w, "name", d->secrets[i].name);
		sl_jsonw_field_string(w, "file", d->secrets[i].file);
		sl_jsonw_field_int(w, "line", (long long)d->secrets[i].line);
		sl_jsonw_object_end(w);
	}
	sl_jsonw_array_end(w);
}

void sl_doctor_render_json(const struct sl_doctor *d, struct sl_buf *out)
{
	struct sl_jsonw w;
	size_t n[3];

	count_severities(d, n);
	sl_jsonw_init(&w, out);
	sl_jsonw_object_begin(&w);
	json_space(d, &w);
	sl_jsonw_space(&w, "\n");
	json_findings(d, &w);
	json_failure(d, &w);
	json_quota(d, &w);
	json_secrets(d, &w);
	sl_jsonw_space(&w, "\n");
	sl_jsonw_field_int(&w, "errors", (long long)n[SL_DOCTOR_ERROR]);
	sl_jsonw_field_int(&w, "warnings", (long long)n[SL_DOCTOR_WARNING]);
	sl_jsonw_field_int(&w, "notes", (long long)n[SL_DOCTOR_INFO]);
	sl_jsonw_object_end(&w);
	sl_buf_addch(out, '\n');
}
