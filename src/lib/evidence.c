/* evidence.c: the observation list shared by every reader. */
#include "spacelock/evidence.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/redact.h"

static char *dup_or_null(const char *s)
{
	return s ? sl_xstrdup(s) : NULL;
}

static void blank_bytes(char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			p[i] = ' ';
}

/* Control bytes and DEL become spaces.  Eight bytes are tested at once
 * (has a byte below 0x20, has a byte equal to 0x7f); only a word that
 * has one is fixed byte by byte.  The tests can flag a clean word but
 * never miss a dirty one. */
static void blank_controls(char *t, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w, del;
		memcpy(&w, t + i, 8);
		del = w ^ (ones * 0x7f);
		if ((((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & high)
			blank_bytes(t + i, 8);
	}
	blank_bytes(t + i, n - i);
}

/* Evidence text ends up in lockfiles and terminals: keep it one bounded,
 * printable line with no token in it. */
static char *clean_text(const char *s)
{
	size_t n;
	char *t;

	if (!s)
		return NULL;
	n = strnlen(s, SL_OBS_TEXT_MAX);
	t = sl_xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	blank_controls(t, n);
	sl_redact_tokens_n(t, n);
	return t;
}

struct sl_obs *sl_obs_list_add(struct sl_obs_list *l, const struct sl_obs *o)
{
	struct sl_obs *d;

	sl_xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	d = &l->v[l->n++];
	*d = *o;
	d->name = dup_or_null(o->name);
	d->version = dup_or_null(o->version);
	d->requirement = clean_text(o->requirement);
	d->required_by = dup_or_null(o->required_by);
	d->vcs_url = clean_text(o->vcs_url);
	d->vcs_commit = dup_or_null(o->vcs_commit);
	d->source = dup_or_null(o->source);
	d->text = clean_text(o->text);
	return d;
}

void sl_obs_list_move(struct sl_obs_list *to, struct sl_obs_list *from)
{
	if (to->n == 0) { /* the common case: the list itself changes hands */
		free(to->v);
		*to = *from;
	} else {
		sl_xgrow((void **)&to->v, &to->cap, to->n + from->n, sizeof(*to->v));
		memcpy(to->v + to->n, from->v, from->n * sizeof(*from->v));
		to->n += from->n;
		free(from->v);
	}
	from->v = NULL;
	from->n = from->cap = 0;
}

void sl_obs_release(struct sl_obs *o)
{
	free(o->name);
	free(o->version);
	free(o->requirement);
	free(o->required_by);
	free(o->vcs_url);
	free(o->vcs_commit);
	free(o->source);
	free(o->text);
	o->name = o->version = o->requirement = o->required_by = NULL;
	o->vcs_url = o->vcs_commit = o->source = o->text = NULL;
}

void sl_obs_list_release(struct sl_obs_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		sl_obs_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

const char *sl_strength_name(enum sl_strength s)
{
	switch (s) {
	case SL_EV_MENTION: return "mention";
	case SL_EV_PIN: return "pin";
	case SL_EV_PIP: return "pip";
	case SL_EV_INSTALLED: return "installed";
	}
	return "unknown";
}

const char *sl_origin_name(enum sl_origin o)
{
	switch (o) {
	case SL_ORIGIN_UNKNOWN: return "unknown";
	case SL_ORIGIN_DIRECT: return "direct";
	case SL_ORIGIN_PLATFORM: return "platform";
	case SL_ORIGIN_TRANSITIVE: return "transitive";
	}
	return "unknown";
}
