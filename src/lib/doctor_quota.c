/* doctor_quota.c: what each @spaces.GPU call costs the visitor, from
 * data/zerogpu-quota.txt (the tiers' daily quotas change often, so they
 * are data with their dates).  The guide's opening question is "it seems
 * to use 60 s of GPU quota instead of real time usage?": the requested
 * duration is what is checked against the quota left, so that is what a
 * call costs here. */
#include <stdlib.h>
#include <string.h>

#include "doctor_private.h"
#include "spacelock/datafile.h"
#include "spacelock/mem.h"

#define QUOTA_FILE "zerogpu-quota.txt"

struct quota_data {
	long default_duration, xlarge_factor;
	long refused; /* the smallest duration seen refused, or 0 */
	const char *refused_source;
};

/* A positive whole number of seconds, or -1. */
static long seconds_of(const char *s)
{
	char *end;
	long v;

	if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
		return -1;
	v = strtol(s, &end, 10);
	return v > 0 ? v : -1;
}

static int bad_number(const struct sl_stanza *st, const char *key, struct sl_err *err)
{
	return sl_error(err, SL_EPARSE, "%s:%lu: '%s' must be a whole number of seconds",
			QUOTA_FILE, st->line, key);
}

static int add_tier(struct sl_doctor *d, const struct sl_stanza *st, struct sl_err *err)
{
	static const char *const known[] = {"tier",   "label", "daily-seconds", "as-of", "before",
					    "source", NULL};
	static const char *const required[] = {"tier",	"label",  "daily-seconds",
					       "as-of", "source", NULL};
	struct sl_doctor_tier *t;
	long s;
	int rc;

	if ((rc = sl_stanza_check(QUOTA_FILE, st, known, required, err)) != 0)
		return rc;
	if ((s = seconds_of(sl_stanza_get(st, "daily-seconds"))) < 0)
		return bad_number(st, "daily-seconds", err);
	d->tiers = sl_xrealloc(d->tiers, (d->n_tiers + 1) * sizeof(*d->tiers));
	t = &d->tiers[d->n_tiers++];
	t->id = sl_xstrdup(sl_stanza_get(st, "tier"));
	t->label = sl_xstrdup(sl_stanza_get(st, "label"));
	t->as_of = sl_xstrdup(sl_stanza_get(st, "as-of"));
	t->source = sl_xstrdup(sl_stanza_get(st, "source"));
	t->daily_seconds = s;
	if (!d->quota_as_of || strcmp(t->as_of, d->quota_as_of) > 0) {
		free(d->quota_as_of);
		d->quota_as_of = sl_xstrdup(t->as_of);
	}
	return 0;
}

static int add_call(struct quota_data *q, const struct sl_stanza *st, struct sl_err *err)
{
	static const char *const keys[] = {"call", "default-duration", "xlarge-factor", "source",
					   NULL};
	int rc;

	if ((rc = sl_stanza_check(QUOTA_FILE, st, keys, keys, err)) != 0)
		return rc;
	if ((q->default_duration = seconds_of(sl_stanza_get(st, "default-duration"))) < 0)
		return bad_number(st, "default-duration", err);
	if ((q->xlarge_factor = seconds_of(sl_stanza_get(st, "xlarge-factor"))) < 0)
		return bad_number(st, "xlarge-factor", err);
	return 0;
}

static int add_refused(struct quota_data *q, const struct sl_stanza *st, struct sl_err *err)
{
	static const char *const keys[] = {"refused-duration", "seen", "source", NULL};
	long s;
	int rc;

	if ((rc = sl_stanza_check(QUOTA_FILE, st, keys, keys, err)) != 0)
		return rc;
	if ((s = seconds_of(sl_stanza_get(st, "refused-duration"))) < 0)
		return bad_number(st, "refused-duration", err);
	if (!q->refused || s < q->refused) {
		q->refused = s;
		q->refused_source = sl_stanza_get(st, "source");
	}
	return 0;
}

static int read_stanza(struct sl_doctor *d, struct quota_data *q, const struct sl_stanza *st,
		       struct sl_err *err)
{
	const char *first = st->fields[0].key;

	if (strcmp(first, "tier") == 0)
		return add_tier(d, st, err);
	if (strcmp(first, "call") == 0)
		return add_call(q, st, err);
	if (strcmp(first, "refused-duration") == 0)
		return add_refused(q, st, err);
	return sl_error(err, SL_EPARSE,
			"%s:%lu: a paragraph starts with tier, call or "
			"refused-duration, not '%s'",
			QUOTA_FILE, st->line, first);
}

long sl_doctor_calls_per_day(const struct sl_doctor_gpu_call *g, const struct sl_doctor_tier *t)
{
	long cost;

	if (g->seconds <= 0)
		return -1;
	cost = g->seconds * (g->factor > 1 ? g->factor : 1);
	return t->daily_seconds / cost;
}

/* The findings of one call: a duration real reports saw refused, and the
 * tiers whose whole day cannot pay for one call. */
static void judge_call(struct sl_doctor *d, const struct quota_data *q,
		       const struct sl_doctor_gpu_call *g)
{
	struct sl_buf never = SL_BUF_INIT;

	if (g->seconds < 0)
		return;
	if (q->refused && g->seconds >= q->refused)
		doctor_add(d, "app-gpu-duration", SL_DOCTOR_WARNING, g->file, g->line,
			   "lower duration, or make it a function of the inputs that asks for what "
			   "each call needs",
			   "%s requests %ld s a call: %ld s and more were refused as an illegal "
			   "duration in real reports (%s); the per-call maximum depends on the "
			   "visitor's tier",
			   g->function, g->seconds, q->refused, q->refused_source);
	for (size_t t = 0; t < d->n_tiers; t++)
		if (sl_doctor_calls_per_day(g, &d->tiers[t]) == 0)
			sl_buf_addf(&never, "%s%s", never.len ? ", " : "", d->tiers[t].id);
	if (never.len)
		doctor_add(d, "app-gpu-quota", SL_DOCTOR_WARNING, g->file, g->line,
			   "lower duration so that one call fits the smallest daily quota",
			   "%s requests %ld s a call, more than a whole day's quota of: %s",
			   g->function, g->seconds * (g->factor > 1 ? g->factor : 1), never.buf);
	sl_buf_release(&never);
}

int doctor_quota(struct sl_doctor *d, struct sl_err *err)
{
	const struct sl_datafile *f = sl_datafile_find(QUOTA_FILE);
	struct quota_data q = {60, 2, 0, NULL};
	struct sl_stanzas s;
	int rc;

	if (!f)
		return sl_error(err, SL_EINVAL, "%s is not embedded in this build", QUOTA_FILE);
	if ((rc = sl_stanzas_parse(f->name, f->text, f->len, &s, err)) != 0)
		return rc;
	for (size_t i = 0; rc == 0 && i < s.n; i++)
		rc = read_stanza(d, &q, &s.v[i], err);
	for (size_t i = 0; rc == 0 && i < d->n_gpu; i++) {
		struct sl_doctor_gpu_call *g = &d->gpu[i];
		if (!g->duration)
			g->seconds = g->min_seconds = q.default_duration;
		if (g->factor > 1)
			g->factor = (int)q.xlarge_factor;
		judge_call(d, &q, g);
	}
	sl_stanzas_release(&s);
	return rc;
}
