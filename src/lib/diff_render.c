/* diff_render.c: a diff as text for people (grouped, one line each with
 * its reason, optional colour), as a Markdown table for commit messages and
 * pull requests, and as JSON with stable keys (docs/commands/diff.md). */
#include <string.h>

#include "diff_private.h"
#include "spacelock/jsonw.h"

#define ARROW "→"

void diff_join(struct sl_buf *b, char *const *v, size_t n, size_t max)
{
	for (size_t i = 0; i < n && i < max; i++)
		sl_buf_addf(b, "%s%s", i ? ", " : "", v[i]);
	if (n > max)
		sl_buf_addf(b, ", and %zu more", n - max);
}

/* Width in characters (UTF-8 continuation bytes do not count). */
static int width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static const char *side_name(enum sl_diff_side s)
{
	return s == SL_DIFF_IN_SOURCE ? "source" : "duplicate";
}

/* ---- shared wording ---- */

/* "minor upgrade", "added", "local change", "index → VCS change" */
static void change_words(struct sl_buf *b, enum sl_diff_change change, const char *kind)
{
	switch (change) {
	case SL_DIFF_UPGRADED:
		sl_buf_addf(b, "%s%supgrade", kind ? kind : "", kind ? " " : "");
		break;
	case SL_DIFF_DOWNGRADED:
		sl_buf_addf(b, "%s%sdowngrade", kind ? kind : "", kind ? " " : "");
		break;
	case SL_DIFF_CHANGED:
		if (kind && strcmp(kind, "vcs") == 0)
			sl_buf_addstr(b, "index ↔ VCS change");
		else
			sl_buf_addf(b, "%s%schange", kind ? kind : "", kind ? " " : "");
		break;
	case SL_DIFF_ADDED: sl_buf_addstr(b, "added"); break;
	case SL_DIFF_REMOVED: sl_buf_addstr(b, "removed"); break;
	case SL_DIFF_UNKNOWN: break;
	}
}

static void origin_words(struct sl_buf *b, const struct sl_diff_package *p)
{
	if (p->origin == SL_ORIGIN_UNKNOWN)
		return;
	sl_buf_addf(b, "%s%s", b->len ? ", " : "", sl_origin_name(p->origin));
	for (size_t i = 0; i < p->n_chain; i++)
		sl_buf_addf(b, "%s%s", i ? " > " : " via ", p->chain[i]);
}

/* Everything said about a package after its versions (the change itself
 * too unless a column of its own says it). */
static void package_words(struct sl_buf *b, const struct sl_diff_package *p, bool with_change)
{
	if (with_change)
		change_words(b, p->change, p->kind);
	origin_words(b, p);
	if (p->from_vcs || p->to_vcs)
		sl_buf_addf(b, "%s%s " ARROW " %s", b->len ? "; " : "",
			    p->from_vcs ? p->from_vcs : "index", p->to_vcs ? p->to_vcs : "index");
	if (*p->reason)
		sl_buf_addf(b, "%s%s", b->len ? ": " : "", p->reason);
	if (p->impact)
		sl_buf_addf(b, "%s%s impact: %s", b->len ? "; " : "", p->impact, p->impact_why);
	if (p->from_inferred)
		sl_buf_addf(b, "%s%s %s", b->len ? "; " : "", p->from, p->from_inferred);
	if (p->to_inferred)
		sl_buf_addf(b, "%s%s %s", b->len ? "; " : "", p->to, p->to_inferred);
	if (p->from_inferred || p->to_inferred)
		sl_buf_addstr(b, ", " SL_LOCK_INFERRED_WHY);
}

static const char *or_q(const char *s, const struct sl_diff_package *p, bool from)
{
	if (s)
		return s;
	if (p->change == SL_DIFF_UNKNOWN && (p->unknown_in == SL_DIFF_IN_SOURCE) == from)
		return "?";
	return "none";
}

static void field_value(struct sl_buf *b, char *const *v, size_t n, bool known)
{
	if (!known && !n)
		sl_buf_addstr(b, "?");
	else if (!n)
		sl_buf_addstr(b, "none");
	else
		diff_join(b, v, n, 8);
}

static bool field_known(const struct sl_diff_field *f, bool from)
{
	return !(f->change == SL_DIFF_UNKNOWN && (f->unknown_in == SL_DIFF_IN_SOURCE) == from);
}

static void field_words(struct sl_buf *b, const struct sl_diff_field *f)
{
	if (f->change == SL_DIFF_UNKNOWN)
		sl_buf_addf(b, "unknown in the %s", side_name(f->unknown_in));
	else if (f->kind)
		change_words(b, f->change, f->kind);
	if (*f->reason)
		sl_buf_addf(b, "%s%s", b->len ? ": " : "", f->reason);
}

/* ---- text ---- */

struct text {
	struct sl_buf *out;
	bool color;
	int name_w, value_w;
};

static const char *change_color(enum sl_diff_change c)
{
	switch (c) {
	case SL_DIFF_UPGRADED:
	case SL_DIFF_ADDED: return "\033[32m";
	case SL_DIFF_DOWNGRADED:
	case SL_DIFF_REMOVED: return "\033[31m";
	case SL_DIFF_CHANGED: return "\033[33m";
	case SL_DIFF_UNKNOWN: return "\033[2m";
	}
	return "";
}

/* A group's heading: "packages", or "unknown in the duplicate (3): why". */
static void heading(struct text *t, const char *title, size_t n, const char *why)
{
	sl_buf_addf(t->out, "%s%s%s", t->out->len ? "\n" : "", t->color ? "\033[1m" : "", title);
	if (n)
		sl_buf_addf(t->out, " (%zu)", n);
	if (why)
		sl_buf_addf(t->out, ": %s", why);
	sl_buf_addf(t->out, "%s\n", t->color ? "\033[0m" : "");
}

static void line(struct text *t, const char *name, const char *value, enum sl_diff_change c,
		 const char *words)
{
	int pad = t->value_w - width(value);

	sl_buf_addf(t->out, "  %-*s  %s%s%s", t->name_w, name, t->color ? change_color(c) : "",
		    value, t->color ? "\033[0m" : "");
	if (*words)
		sl_buf_addf(t->out, "%*s  %s", pad > 0 ? pad : 0, "", words);
	sl_buf_addch(t->out, '\n');
}

/* A long list shows as its count; the reason says what differs. */
static void list_value(struct sl_buf *b, char *const *v, size_t n, bool known)
{
	struct sl_buf one = SL_BUF_INIT;

	field_value(&one, v, n, known);
	if (width(one.buf) > 24)
		sl_buf_addf(b, "%zu items", n);
	else
		sl_buf_add(b, one.buf, one.len);
	sl_buf_release(&one);
}

static void value_of_field(struct sl_buf *b, const struct sl_diff_field *f)
{
	list_value(b, f->from, f->n_from, field_known(f, true));
	sl_buf_addstr(b, " " ARROW " ");
	list_value(b, f->to, f->n_to, field_known(f, false));
}

static void value_of_package(struct sl_buf *b, const struct sl_diff_package *p)
{
	sl_buf_addf(b, "%s " ARROW " %s", or_q(p->from, p, true), or_q(p->to, p, false));
}

static void value_of_request(struct sl_buf *b, const struct sl_diff_request *r)
{
	sl_buf_addf(b, "%s " ARROW " %s", r->from ? r->from : "none", r->to ? r->to : "none");
}

/* Column widths from what will be printed, bounded so one long value does
 * not push every reason off the screen. */
static void measure(struct text *t, const struct sl_diff *d)
{
	struct sl_buf b = SL_BUF_INIT;

#define FIT(w, s, max)                                                                             \
	do {                                                                                       \
		int w_ = width(s);                                                                 \
		if (w_ > (w) && w_ <= (max))                                                       \
			(w) = w_;                                                                  \
	} while (0)
	for (size_t i = 0; i < d->n_runtime; i++) {
		sl_buf_reset(&b);
		value_of_field(&b, &d->runtime[i]);
		FIT(t->name_w, d->runtime[i].field, 24);
		FIT(t->value_w, b.buf, 36);
	}
	for (size_t i = 0; i < d->n_requirements; i++) {
		sl_buf_reset(&b);
		value_of_request(&b, &d->requirements[i]);
		FIT(t->name_w, d->requirements[i].name, 24);
		FIT(t->value_w, b.buf, 36);
	}
	for (size_t i = 0; i < d->n_packages; i++) {
		sl_buf_reset(&b);
		value_of_package(&b, &d->packages[i]);
		FIT(t->name_w, d->packages[i].name, 24);
		FIT(t->value_w, b.buf, 36);
	}
#undef FIT
	sl_buf_release(&b);
}

static void end_line(struct text *t, const char *role, const struct sl_diff_end *e)
{
	sl_buf_addf(t->out, "%-9s  %s", role, e->label);
	if (e->build_time)
		sl_buf_addf(t->out, ", built %s", e->build_time);
	if (e->built_commit)
		sl_buf_addf(t->out, " (commit %s)", e->built_commit);
	if (e->build_status)
		sl_buf_addf(t->out, ", build %s", e->build_status);
	if (e->n_inferred)
		sl_buf_addf(t->out,
			    "; %zu version%s inferred (%zu ambiguous), " SL_LOCK_INFERRED_WHY,
			    e->n_inferred, e->n_inferred == 1 ? "" : "s", e->n_ambiguous);
	sl_buf_addch(t->out, '\n');
}

static void text_runtime(struct text *t, const struct sl_diff *d)
{
	struct sl_buf v = SL_BUF_INIT, w = SL_BUF_INIT;

	if (d->n_runtime)
		heading(t, "runtime", 0, NULL);
	for (size_t i = 0; i < d->n_runtime; i++) {
		sl_buf_reset(&v);
		sl_buf_reset(&w);
		value_of_field(&v, &d->runtime[i]);
		field_words(&w, &d->runtime[i]);
		line(t, d->runtime[i].field, v.buf, d->runtime[i].change, w.buf);
	}
	if (d->n_requirements)
		heading(t, "requirements", 0, NULL);
	for (size_t i = 0; i < d->n_requirements; i++) {
		const struct sl_diff_request *r = &d->requirements[i];
		sl_buf_reset(&v);
		sl_buf_reset(&w);
		value_of_request(&v, r);
		if (r->to_at || r->from_at)
			sl_buf_addstr(&w, r->to_at ? r->to_at : r->from_at);
		if (*r->reason)
			sl_buf_addf(&w, "%s%s", w.len ? ": " : "", r->reason);
		line(t, r->name, v.buf, r->change, w.buf);
	}
	sl_buf_release(&v);
	sl_buf_release(&w);
}

/* The packages of one group: known changes, or those unknown in a side. */
static void text_packages(struct text *t, const struct sl_diff *d, enum sl_diff_side group)
{
	struct sl_buf v = SL_BUF_INIT, w = SL_BUF_INIT;
	const struct sl_diff_end *e = group == SL_DIFF_IN_SOURCE ? &d->source : &d->duplicate;
	size_t n = 0;

	for (size_t i = 0; i < d->n_packages; i++)
		n += d->packages[i].unknown_in == group;
	if (!n)
		return;
	if (group == SL_DIFF_NOWHERE)
		heading(t, "packages", 0, NULL);
	else
		heading(t,
			group == SL_DIFF_IN_SOURCE ? "unknown in the source"
						   : "unknown in the duplicate",
			n, e->unknown_why);
	for (size_t i = 0; i < d->n_packages; i++) {
		const struct sl_diff_package *p = &d->packages[i];
		if (p->unknown_in != group)
			continue;
		sl_buf_reset(&v);
		sl_buf_reset(&w);
		value_of_package(&v, p);
		package_words(&w, p, true);
		line(t, p->name, v.buf, p->change, w.buf);
	}
	sl_buf_release(&v);
	sl_buf_release(&w);
}

void sl_diff_render_text(const struct sl_diff *d, unsigned flags, struct sl_buf *out)
{
	struct text t = {out, (flags & SL_DIFF_COLOR) != 0, 8, 8};

	if (!sl_diff_differs(d))
		return;
	measure(&t, d);
	end_line(&t, "source", &d->source);
	end_line(&t, "duplicate", &d->duplicate);
	text_runtime(&t, d);
	text_packages(&t, d, SL_DIFF_NOWHERE);
	text_packages(&t, d, SL_DIFF_IN_DUPLICATE);
	text_packages(&t, d, SL_DIFF_IN_SOURCE);
}

/* ---- Markdown ---- */

/* A cell stays readable as plain text (commit messages are read raw):
 * only what would break the table or turn into HTML is escaped. */
static void md_cell(struct sl_buf *b, const char *s)
{
	sl_buf_addch(b, ' ');
	for (; *s; s++) {
		if (*s == '|' || *s == '<')
			sl_buf_addch(b, '\\');
		sl_buf_addch(b, *s == '\n' ? ' ' : *s);
	}
	sl_buf_addstr(b, " |");
}

/* "`4.31.0` → `4.40.0`": versions as code, "none" and "?" as words. */
static void md_value(struct sl_buf *b, const char *value)
{
	const char *arrow = strstr(value, " " ARROW " ");
	size_t n = arrow ? (size_t)(arrow - value) : strlen(value);

	for (int side = 0; side < 2; side++) {
		bool word = (n == 4 && strncmp(value, "none", 4) == 0) ||
			    (n == 1 && value[0] == '?') ||
			    (n >= 6 && memcmp(value + n - 6, " items", 6) == 0);
		sl_buf_addf(b, "%s%.*s%s", word ? "" : "`", (int)n, value, word ? "" : "`");
		if (!arrow)
			return;
		sl_buf_addstr(b, " " ARROW " ");
		value = arrow + strlen(" " ARROW " ");
		n = strlen(value);
		arrow = NULL;
	}
}

static void md_row(struct sl_buf *out, const char *what, const char *value, const char *change,
		   const char *why)
{
	struct sl_buf v = SL_BUF_INIT;

	md_value(&v, value);
	sl_buf_addch(out, '|');
	md_cell(out, what);
	md_cell(out, v.buf);
	md_cell(out, change);
	md_cell(out, why);
	sl_buf_addch(out, '\n');
	sl_buf_release(&v);
}

void sl_diff_render_markdown(const struct sl_diff *d, struct sl_buf *out)
{
	struct sl_buf what = SL_BUF_INIT, v = SL_BUF_INIT, c = SL_BUF_INIT, w = SL_BUF_INIT;

	if (!sl_diff_differs(d))
		return;
	sl_buf_addstr(out, "| what | old " ARROW " new | change | why |\n|---|---|---|---|\n");
	for (size_t i = 0; i < d->n_runtime; i++) {
		const struct sl_diff_field *f = &d->runtime[i];
		sl_buf_reset(&v);
		sl_buf_reset(&c);
		sl_buf_reset(&w);
		value_of_field(&v, f);
		if (f->change == SL_DIFF_UNKNOWN)
			sl_buf_addf(&c, "unknown in the %s", side_name(f->unknown_in));
		else if (f->kind)
			change_words(&c, f->change, f->kind);
		else
			sl_buf_addstr(&c, sl_diff_change_name(f->change));
		md_row(out, f->field, v.buf, c.buf, f->reason);
	}
	for (size_t i = 0; i < d->n_requirements; i++) {
		const struct sl_diff_request *r = &d->requirements[i];
		sl_buf_reset(&what);
		sl_buf_reset(&v);
		sl_buf_addf(&what, "requirement %s", r->name);
		value_of_request(&v, r);
		md_row(out, what.buf, v.buf, sl_diff_change_name(r->change), r->reason);
	}
	for (size_t i = 0; i < d->n_packages; i++) {
		const struct sl_diff_package *p = &d->packages[i];
		sl_buf_reset(&v);
		sl_buf_reset(&c);
		sl_buf_reset(&w);
		value_of_package(&v, p);
		if (p->change == SL_DIFF_UNKNOWN)
			sl_buf_addf(&c, "unknown in the %s", side_name(p->unknown_in));
		else
			change_words(&c, p->change, p->kind);
		package_words(&w, p, false);
		md_row(out, p->name, v.buf, c.buf, w.buf);
	}
	sl_buf_release(&what);
	sl_buf_release(&v);
	sl_buf_release(&c);
	sl_buf_release(&w);
}

/* ---- JSON (jsonw.h: the one writer for what spacelock prints) ---- */

static const char *unknown_in_name(enum sl_diff_side s)
{
	return s == SL_DIFF_NOWHERE ? NULL : side_name(s);
}

/* A list known to be empty is [], one not known is null. */
static void json_list(struct sl_jsonw *w, const char *key, char *const *v, size_t n, bool known)
{
	if (known) {
		sl_jsonw_field_strings(w, key, v, n);
	} else {
		sl_jsonw_key(w, key);
		sl_jsonw_null(w);
	}
}

static void json_end(struct sl_jsonw *w, const char *key, const struct sl_diff_end *e)
{
	sl_jsonw_key(w, key);
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "label", e->label);
	sl_jsonw_field_string(w, "id", e->id);
	sl_jsonw_field_string(w, "revision", e->revision);
	sl_jsonw_field_string(w, "build_time", e->build_time);
	sl_jsonw_field_string(w, "built_commit", e->built_commit);
	sl_jsonw_field_string(w, "build_status", e->build_status);
	sl_jsonw_field_string(w, "unknown_why", e->unknown_why);
	sl_jsonw_field_int(w, "inferred", (long long)e->n_inferred);
	sl_jsonw_field_int(w, "ambiguous", (long long)e->n_ambiguous);
	sl_jsonw_object_end(w);
}

/* A scalar field's value is a string or null, a list field's an array
 * (null when not known). */
static void json_value(struct sl_jsonw *w, const char *key, const struct sl_diff_field *f,
		       bool from)
{
	char *const *v = from ? f->from : f->to;
	size_t n = from ? f->n_from : f->n_to;

	if (f->list)
		json_list(w, key, v, n, field_known(f, from));
	else
		sl_jsonw_field_string(w, key, n ? v[0] : NULL);
}

static void json_field(struct sl_jsonw *w, const struct sl_diff_field *f)
{
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "field", f->field);
	sl_jsonw_field_string(w, "change", sl_diff_change_name(f->change));
	sl_jsonw_field_string(w, "kind", f->kind);
	json_value(w, "old", f, true);
	json_value(w, "new", f, false);
	sl_jsonw_field_string(w, "unknown_in", unknown_in_name(f->unknown_in));
	sl_jsonw_field_string(w, "reason", f->reason);
	sl_jsonw_field_int(w, "rank", (long long)f->rank);
	sl_jsonw_object_end(w);
}

static void json_request(struct sl_jsonw *w, const struct sl_diff_request *r)
{
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "name", r->name);
	sl_jsonw_field_string(w, "change", sl_diff_change_name(r->change));
	sl_jsonw_field_string(w, "old", r->from);
	sl_jsonw_field_string(w, "new", r->to);
	sl_jsonw_field_string(w, "old_at", r->from_at);
	sl_jsonw_field_string(w, "new_at", r->to_at);
	sl_jsonw_field_string(w, "reason", r->reason);
	sl_jsonw_field_int(w, "rank", (long long)r->rank);
	sl_jsonw_object_end(w);
}

static void json_package(struct sl_jsonw *w, const struct sl_diff_package *p)
{
	sl_jsonw_object_begin(w);
	sl_jsonw_field_string(w, "name", p->name);
	sl_jsonw_field_string(w, "change", sl_diff_change_name(p->change));
	sl_jsonw_field_string(w, "kind", p->kind);
	sl_jsonw_field_string(w, "old", p->from);
	sl_jsonw_field_string(w, "new", p->to);
	sl_jsonw_field_string(w, "old_vcs", p->from_vcs);
	sl_jsonw_field_string(w, "new_vcs", p->to_vcs);
	sl_jsonw_field_string(w, "old_inferred", p->from_inferred);
	sl_jsonw_field_string(w, "new_inferred", p->to_inferred);
	sl_jsonw_field_string(w, "expected", p->expected);
	sl_jsonw_field_string(w, "unknown_in", unknown_in_name(p->unknown_in));
	sl_jsonw_field_string(w, "origin", sl_origin_name(p->origin));
	sl_jsonw_field_strings(w, "chain", p->chain, p->n_chain);
	sl_jsonw_field_string(w, "cause", sl_diff_cause_name(p->cause));
	sl_jsonw_field_string(w, "reason", p->reason);
	sl_jsonw_field_string(w, "impact", p->impact);
	sl_jsonw_field_string(w, "impact_why", p->impact_why);
	sl_jsonw_field_int(w, "rank", (long long)p->rank);
	sl_jsonw_object_end(w);
}

void sl_diff_render_json(const struct sl_diff *d, struct sl_buf *out)
{
	struct sl_jsonw w;

	sl_jsonw_init(&w, out);
	sl_jsonw_object_begin(&w);
	json_end(&w, "source", &d->source);
	json_end(&w, "duplicate", &d->duplicate);
	sl_jsonw_field_bool(&w, "differs", sl_diff_differs(d));
	sl_jsonw_key(&w, "runtime");
	sl_jsonw_array_begin(&w);
	for (size_t i = 0; i < d->n_runtime; i++) { /* one entry a line */
		sl_jsonw_space(&w, "\n  ");
		json_field(&w, &d->runtime[i]);
	}
	sl_jsonw_array_end(&w);
	sl_jsonw_key(&w, "requirements");
	sl_jsonw_array_begin(&w);
	for (size_t i = 0; i < d->n_requirements; i++) {
		sl_jsonw_space(&w, "\n  ");
		json_request(&w, &d->requirements[i]);
	}
	sl_jsonw_array_end(&w);
	sl_jsonw_key(&w, "packages");
	sl_jsonw_array_begin(&w);
	for (size_t i = 0; i < d->n_packages; i++) {
		sl_jsonw_space(&w, "\n  ");
		json_package(&w, &d->packages[i]);
	}
	sl_jsonw_array_end(&w);
	sl_jsonw_object_end(&w);
	sl_buf_addch(out, '\n');
}
