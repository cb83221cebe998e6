/* evidence.c: the observation list shared by every reader. */
#include "spacelock/evidence.h"

#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/redact.h"

static char *dup_or_null(const char *s)
{
	return s ? sl_xstrdup(s) : NULL;
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
	for (size_t i = 0; i < n; i++) { /* copy and blank controls in one pass */
		unsigned char c = (unsigned char)s[i];
		t[i] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	t[n] = '\0';
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

void sl_obs_list_release(struct sl_obs_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct sl_obs *o = &l->v[i];
		free(o->name);
		free(o->version);
		free(o->requirement);
		free(o->required_by);
		free(o->vcs_url);
		free(o->vcs_commit);
		free(o->source);
		free(o->text);
	}
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
