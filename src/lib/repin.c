/* repin.c: the text of a repin commit (repin.h), from apply's changes. */
#include "spacelock/repin.h"

#include <stdlib.h>
#include <string.h>

#include "spacelock/buf.h"
#include "spacelock/mem.h"
#include "spacelock/solve.h"

#define TRAILER "Spacelock-Lock"

char *sl_repin_lock_digest(const void *lock_bytes, size_t len)
{
	char hex[65];

	sl_sha256_hex(lock_bytes, len, hex);
	return sl_xasprintf("sha256:%s", hex);
}

static size_t count(const struct sl_apply_result *r, enum sl_apply_change_kind a,
		    enum sl_apply_change_kind b)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_changes; i++)
		n += r->changes[i].kind == a || r->changes[i].kind == b;
	return n;
}

static bool is_change(const struct sl_apply_change *c)
{
	return c->kind != SL_APPLY_KEEP && c->kind != SL_APPLY_UNKNOWN;
}

/* "README.md:8", "requirements.txt:3"; "lock" for what no file line says */
static void where(const struct sl_apply_change *c, struct sl_buf *b)
{
	if (c->kind == SL_APPLY_UNKNOWN && !c->line) {
		sl_buf_addstr(b, "lock");
		return;
	}
	sl_buf_addstr(b, sl_apply_file_name(c->file));
	if (c->line)
		sl_buf_addf(b, ":%lu", c->line);
}

/* "- requirements.txt:2: gradio: gradio==4.44.1 → gradio==4.31.0 (why)" */
static void change_line(const struct sl_apply_change *c, struct sl_buf *b)
{
	sl_buf_addstr(b, "- ");
	where(c, b);
	sl_buf_addf(b, ": %s", c->what ? c->what : "");
	if (is_change(c))
		sl_buf_addf(b, ": %s → %s", c->old_text ? c->old_text : "(none)",
			    c->new_text ? c->new_text : "(removed)");
	else if (c->old_text)
		sl_buf_addf(b, ": %s", c->old_text);
	if (c->reason && *c->reason)
		sl_buf_addf(b, " (%s)", c->reason);
	sl_buf_addch(b, '\n');
}

static void section(const struct sl_apply_result *r, int which, const char *title, struct sl_buf *b)
{
	bool any = false;

	for (size_t i = 0; i < r->n_changes; i++) {
		const struct sl_apply_change *c = &r->changes[i];
		int kind = is_change(c) ? 0 : c->kind == SL_APPLY_KEEP ? 1 : 2;
		if (kind != which)
			continue;
		if (!any)
			sl_buf_addf(b, "\n%s\n", title);
		any = true;
		change_line(c, b);
	}
}

void sl_repin_message(const struct sl_apply_result *r, const char *source, const char *digest,
		      struct sl_repin_message *out)
{
	struct sl_buf b = SL_BUF_INIT;
	size_t n = r->n_changes - count(r, SL_APPLY_KEEP, SL_APPLY_UNKNOWN);

	out->summary =
	    sl_xasprintf("Pin to the lock of %s (%zu change%s)", source, n, n == 1 ? "" : "s");
	sl_buf_addf(&b,
		    "spacelock repin: the card and requirement files now pin what the lock\n"
		    "of %s proves, so that this Space builds what that one built.\n",
		    source);
	section(r, 0, "Changes (old → new, why):", &b);
	section(r, 1, "Left as they are:", &b);
	section(r, 2, "Not known from the lock (these stay unpinned):", &b);
	sl_buf_addf(&b, "\n" TRAILER ": %s\n", digest);
	out->body = sl_buf_detach(&b, NULL);
}

char *sl_repin_message_text(const struct sl_repin_message *m)
{
	return sl_xasprintf("%s\n\n%s", m->summary, m->body);
}

void sl_repin_message_release(struct sl_repin_message *m)
{
	free(m->summary);
	free(m->body);
	m->summary = m->body = NULL;
}
