/* reqfile_edit.c: the edits `apply` makes to a requirements file.  Each
 * edit rewrites the raw text of one entry (or adds one) and reads that text
 * again, so the entry's meaning always matches its bytes; every other
 * entry keeps its bytes untouched. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "reqfile_private.h"
#include "spacelock/mem.h"
#include "spacelock/requirement.h"
#include "spacelock/textenc.h"

/* A requirement text must stay one requirement on one line: no line
 * break, comment, option, trailing backslash or odd whitespace. */
static int check_text(const char *text, bool word, struct sl_err *err)
{
	size_t len = strlen(text), i = 0;
	uint32_t c;

	if (len == 0 || !sl_utf8_valid(text, len))
		return sl_error(err, SL_EINVAL, "requirement '%s' is empty or not UTF-8", text);
	if (text[0] == '-' || text[0] == '#' || text[0] == ' ' || text[len - 1] == ' ' ||
	    text[len - 1] == '\\')
		return sl_error(err, SL_EINVAL,
				"requirement '%s' cannot start with '-', '#' or "
				"a space, nor end with a space or '\\'",
				text);
	while (i < len) {
		size_t n = reqfile_char(text + i, len - i, &c);
		if (c < 0x20 || c == 0x7F || (c != ' ' && reqfile_pyspace(c)))
			return sl_error(err, SL_EINVAL,
					"requirement '%s' holds a control or line-break character",
					text);
		if (c == ' ' && (word || text[i + 1] == '-' || text[i + 1] == '#'))
			return sl_error(err, SL_EINVAL,
					"requirement '%s' would hold an option or a comment", text);
		if (word && (c == '\'' || c == '"' || c == '\\'))
			return sl_error(err, SL_EINVAL, "'%s' needs shell quoting", text);
		i += n;
	}
	return 0;
}

static bool is_req_kind(enum sl_reqline_kind k)
{
	return k == SL_REQLINE_REQUIREMENT || k == SL_REQLINE_URL || k == SL_REQLINE_EDITABLE;
}

static void entries_release(struct reqfile_entries *l)
{
	for (size_t i = 0; i < l->n; i++)
		reqfile_entry_release(&l->v[i]);
	free(l->v);
}

int sl_reqfile_replace(struct sl_reqfile *rf, size_t idx, const char *text, struct sl_err *err)
{
	struct sl_reqfile_entry *e;
	struct reqfile_entries got = {NULL, 0, 0};
	struct sl_buf raw = SL_BUF_INIT;
	size_t cut;
	int rc;

	if (idx >= rf->nentries)
		return sl_error(err, SL_EINVAL, "no entry %zu in '%s'", idx, rf->label);
	e = &rf->entries[idx];
	if (!is_req_kind(e->kind) || !e->has_span)
		return sl_error(err, SL_EINVAL, "%s:%lu: not a requirement that can be rewritten",
				rf->label, e->line);
	rc = check_text(text, e->kind == SL_REQLINE_EDITABLE, err);
	if (rc)
		return rc;
	cut = strchr(text, ';') && e->kind != SL_REQLINE_EDITABLE ? e->span_full_len : e->span_len;
	sl_buf_add(&raw, e->raw, e->span_off);
	sl_buf_addstr(&raw, text);
	sl_buf_add(&raw, e->raw + e->span_off + cut, e->raw_len - e->span_off - cut);
	reqfile_split(raw.buf, raw.len, e->line, &got);
	sl_buf_release(&raw);
	if (got.n != 1 || !is_req_kind(got.v[0].kind)) {
		rc = sl_error(err, SL_EINVAL,
			      "%s:%lu: '%s' does not read as a requirement there%s%s", rf->label,
			      e->line, text, got.n && got.v[0].warning ? ": " : "",
			      got.n && got.v[0].warning ? got.v[0].warning : "");
		entries_release(&got);
		return rc;
	}
	reqfile_entry_release(e);
	*e = got.v[0];
	free(got.v);
	reqfile_refresh(rf);
	return 0;
}

/* After a removal, entry i ending in "\r" may meet entry i+1 starting with
 * "\n": the bytes now hold one CRLF break where there were two breaks.
 * Both are read again together so the entries match the bytes. */
static void rejoin(struct sl_reqfile *rf, size_t i)
{
	struct sl_reqfile_entry *a = &rf->entries[i], *b = a + 1;
	struct reqfile_entries got = {NULL, 0, 0};
	struct sl_buf t = SL_BUF_INIT;

	if (i + 1 >= rf->nentries || !a->raw_len || a->raw[a->raw_len - 1] != '\r' || !b->raw_len ||
	    b->raw[0] != '\n')
		return;
	sl_buf_add(&t, a->raw, a->raw_len);
	sl_buf_add(&t, b->raw, b->raw_len);
	reqfile_split(t.buf, t.len, a->line, &got);
	sl_buf_release(&t);
	reqfile_entry_release(a);
	reqfile_entry_release(b);
	memmove(a, a + 2, (rf->nentries - i - 2) * sizeof(*rf->entries));
	rf->nentries -= 2;
	rf->entries = sl_xrealloc(rf->entries, (rf->nentries + got.n) * sizeof(*rf->entries));
	memmove(&rf->entries[i + got.n], &rf->entries[i],
		(rf->nentries - i) * sizeof(*rf->entries));
	memcpy(&rf->entries[i], got.v, got.n * sizeof(*got.v));
	rf->nentries += got.n;
	free(got.v);
}

int sl_reqfile_remove(struct sl_reqfile *rf, size_t idx, struct sl_err *err)
{
	if (idx >= rf->nentries)
		return sl_error(err, SL_EINVAL, "no entry %zu in '%s'", idx, rf->label);
	reqfile_entry_release(&rf->entries[idx]);
	memmove(&rf->entries[idx], &rf->entries[idx + 1],
		(rf->nentries - idx - 1) * sizeof(*rf->entries));
	rf->nentries--;
	if (idx > 0)
		rejoin(rf, idx - 1);
	reqfile_refresh(rf);
	return 0;
}

static const char *eol_text(enum sl_eol eol)
{
	switch (eol) {
	case SL_EOL_CRLF: return "\r\n";
	case SL_EOL_CR: return "\r";
	case SL_EOL_LF:
	case SL_EOL_NONE: break;
	}
	return "\n";
}

/* Reads old_last + breaks + text + eol; true when that gives the old
 * entry and exactly one new requirement entry. */
static bool try_tail(const struct sl_reqfile *rf, const char *text, const char *comment, int breaks,
		     struct reqfile_entries *got)
{
	const struct sl_reqfile_entry *last = rf->nentries ? &rf->entries[rf->nentries - 1] : NULL;
	const char *eol = eol_text(rf->eol);
	struct sl_buf t = SL_BUF_INIT;
	size_t want = last ? 2 : 1;

	if (last)
		sl_buf_add(&t, last->raw, last->raw_len);
	for (int i = 0; i < breaks; i++) {
		/* "\n" right after a final "\r" would merge into one CRLF break */
		bool merge = t.len && t.buf[t.len - 1] == '\r' && eol[0] == '\n';
		sl_buf_addstr(&t, merge ? "\r" : eol);
	}
	sl_buf_addstr(&t, text);
	if (comment)
		sl_buf_addf(&t, "  # %s", comment);
	sl_buf_addstr(&t, eol);
	got->v = NULL, got->n = got->cap = 0;
	reqfile_split(t.buf, t.len, last ? last->line : 1, got);
	sl_buf_release(&t);
	if (got->n == want &&
	    (got->v[want - 1].kind == SL_REQLINE_REQUIREMENT ||
	     got->v[want - 1].kind == SL_REQLINE_URL) &&
	    strcmp(got->v[want - 1].req_text, text) == 0)
		return true;
	entries_release(got);
	return false;
}

int sl_reqfile_append(struct sl_reqfile *rf, const char *text, struct sl_err *err)
{
	return sl_reqfile_append_commented(rf, text, NULL, err);
}

int sl_reqfile_append_commented(struct sl_reqfile *rf, const char *text, const char *comment,
				struct sl_err *err)
{
	struct reqfile_entries got;
	int breaks = rf->nentries && !rf->final_newline ? 1 : 0;
	int rc = check_text(text, false, err);

	if (rc)
		return rc;
	if (comment && (strpbrk(comment, "\r\n") || !sl_utf8_valid(comment, strlen(comment))))
		return sl_error(err, SL_EINVAL, "a comment is one line of UTF-8");
	/* a last line ending in '\' would swallow the new one: one blank line ends it */
	if (!try_tail(rf, text, comment, breaks, &got) &&
	    !try_tail(rf, text, comment, breaks + 1, &got))
		return sl_error(err, SL_EINVAL, "'%s' does not read as a requirement line", text);
	rf->entries = sl_xrealloc(rf->entries, (rf->nentries + 1) * sizeof(*rf->entries));
	if (rf->nentries) {
		reqfile_entry_release(&rf->entries[rf->nentries - 1]);
		rf->entries[rf->nentries - 1] = got.v[0];
		rf->entries[rf->nentries] = got.v[1];
	} else {
		rf->entries[0] = got.v[0];
	}
	rf->nentries++;
	free(got.v);
	reqfile_refresh(rf);
	return 0;
}

/* The name and extras of a requirement as written ("Gradio [oauth]"), up to
 * where its specifier starts, or NULL when they run over a continuation. */
static char *written_name(const struct sl_reqfile_entry *e)
{
	const char *s = e->raw + e->span_off;
	size_t n = e->span_len, i = 0;

	while (i < n && (isalnum((unsigned char)s[i]) || strchr("._-", s[i])))
		i++;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] == '[') {
		const char *close = memchr(s + i, ']', n - i);
		if (!close)
			return NULL;
		i = (size_t)(close - s) + 1;
	}
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	if (i == 0 || memchr(s, '\\', i) || memchr(s, '\n', i) || memchr(s, '\r', i))
		return NULL;
	return sl_xstrndup(s, i);
}

int sl_reqfile_set_version(struct sl_reqfile *rf, size_t idx, const char *version,
			   struct sl_err *err)
{
	const struct sl_reqfile_entry *e;
	char *name, *text;
	int rc;

	if (idx >= rf->nentries)
		return sl_error(err, SL_EINVAL, "no entry %zu in '%s'", idx, rf->label);
	e = &rf->entries[idx];
	if (e->kind != SL_REQLINE_REQUIREMENT || !e->req || e->url || !e->has_span)
		return sl_error(err, SL_EINVAL, "%s:%lu: not a requirement with a version to pin",
				rf->label, e->line);
	name = written_name(e);
	if (!name) { /* rebuilt from the parsed requirement */
		struct sl_buf b = SL_BUF_INIT;
		sl_buf_addstr(&b, e->req->name);
		for (size_t i = 0; i < e->req->nextras; i++)
			sl_buf_addf(&b, "%s%s", i ? "," : "[", e->req->extras[i]);
		if (e->req->nextras)
			sl_buf_addch(&b, ']');
		name = sl_buf_detach(&b, NULL);
	}
	text = sl_xasprintf("%s==%s", name, version);
	rc = sl_reqfile_replace(rf, idx, text, err);
	free(name);
	free(text);
	return rc;
}

/* Where a mark "  # PREFIX..." ends raw[0..end): its offset, or end when
 * there is none (what follows the prefix holds no further '#'). */
static size_t find_mark(const char *raw, size_t end, const char *prefix)
{
	struct sl_buf pat = SL_BUF_INIT;
	size_t at = end;

	sl_buf_addf(&pat, "  # %s", prefix);
	for (size_t i = end >= pat.len ? end - pat.len + 1 : 0; i-- > 0;) {
		if (memcmp(raw + i, pat.buf, pat.len) == 0) {
			if (!memchr(raw + i + pat.len, '#', end - i - pat.len))
				at = i;
			break;
		}
	}
	sl_buf_release(&pat);
	return at;
}

int sl_reqfile_set_mark(struct sl_reqfile *rf, size_t idx, const char *prefix, const char *mark,
			struct sl_err *err)
{
	struct reqfile_entries got = {NULL, 0, 0};
	struct sl_reqfile_entry *e;
	struct sl_buf t = SL_BUF_INIT;
	size_t end, keep;
	int rc = 0;

	if (idx >= rf->nentries || !is_req_kind(rf->entries[idx].kind))
		return sl_error(err, SL_EINVAL, "no requirement at entry %zu of '%s'", idx,
				rf->label);
	if (mark && (strncmp(mark, prefix, strlen(prefix)) != 0 || strpbrk(mark, "\r\n#") ||
		     !sl_utf8_valid(mark, strlen(mark))))
		return sl_error(err, SL_EINVAL, "a mark is one line of UTF-8 starting '%s'",
				prefix);
	e = &rf->entries[idx];
	for (end = e->raw_len; end && (e->raw[end - 1] == '\n' || e->raw[end - 1] == '\r');)
		end--;
	keep = find_mark(e->raw, end, prefix);
	sl_buf_add(&t, e->raw, keep);
	if (mark)
		sl_buf_addf(&t, "  # %s", mark);
	sl_buf_add(&t, e->raw + end, e->raw_len - end);
	if (t.len != e->raw_len || memcmp(t.buf, e->raw, t.len) != 0) {
		reqfile_split(t.buf, t.len, e->line, &got);
		if (got.n != 1 || got.v[0].kind != e->kind ||
		    strcmp(got.v[0].req_text ? got.v[0].req_text : "", e->req_text) != 0) {
			rc = sl_error(err, SL_EINVAL, "%s:%lu: a comment would change the line",
				      rf->label, e->line);
			entries_release(&got);
		} else {
			reqfile_entry_release(e);
			*e = got.v[0];
			free(got.v);
			reqfile_refresh(rf);
		}
	}
	sl_buf_release(&t);
	return rc;
}

static bool ends_in_backslash(const struct sl_reqfile_entry *e)
{
	size_t n = e->raw_len;

	while (n > 0 && (e->raw[n - 1] == '\n' || e->raw[n - 1] == '\r'))
		n--;
	return n > 0 && e->raw[n - 1] == '\\' && e->kind != SL_REQLINE_COMMENT;
}

int sl_reqfile_append_comment(struct sl_reqfile *rf, const char *text, struct sl_err *err)
{
	struct reqfile_entries got = {NULL, 0, 0};
	struct sl_buf t = SL_BUF_INIT;
	const char *eol = eol_text(rf->eol);
	struct sl_reqfile_entry *last = rf->nentries ? &rf->entries[rf->nentries - 1] : NULL;
	size_t want = last ? 2 : 1;

	if (strpbrk(text, "\r\n") || !sl_utf8_valid(text, strlen(text)))
		return sl_error(err, SL_EINVAL, "a comment is one line of UTF-8");
	if (last)
		sl_buf_add(&t, last->raw, last->raw_len);
	if (last && !rf->final_newline)
		sl_buf_addstr(&t, t.len && t.buf[t.len - 1] == '\r' && eol[0] == '\n' ? "\r" : eol);
	if (last && ends_in_backslash(last))
		sl_buf_addstr(&t, eol); /* a blank line ends the continuation */
	sl_buf_addf(&t, "# %s%s", text, eol);
	reqfile_split(t.buf, t.len, last ? last->line : 1, &got);
	sl_buf_release(&t);
	if (got.n < want || got.v[got.n - 1].kind != SL_REQLINE_COMMENT) {
		entries_release(&got);
		return sl_error(err, SL_EINVAL, "'# %s' does not read as a comment line", text);
	}
	rf->entries = sl_xrealloc(rf->entries, (rf->nentries + got.n) * sizeof(*rf->entries));
	if (last) {
		reqfile_entry_release(&rf->entries[rf->nentries - 1]);
		rf->nentries--;
	}
	memcpy(&rf->entries[rf->nentries], got.v, got.n * sizeof(*got.v));
	rf->nentries += got.n;
	free(got.v);
	reqfile_refresh(rf);
	return 0;
}

int sl_reqfile_drop_final_newline(struct sl_reqfile *rf, struct sl_err *err)
{
	struct sl_reqfile_entry *last;
	struct reqfile_entries got = {NULL, 0, 0};
	size_t n;

	if (!rf->final_newline || !rf->nentries)
		return 0;
	last = &rf->entries[rf->nentries - 1];
	n = last->raw_len;
	if (n >= 2 && last->raw[n - 2] == '\r' && last->raw[n - 1] == '\n')
		n -= 2;
	else if (n && (last->raw[n - 1] == '\n' || last->raw[n - 1] == '\r'))
		n--;
	reqfile_split(last->raw, n, last->line, &got);
	if (got.n != 1 || got.v[0].kind != last->kind) {
		entries_release(&got);
		return sl_error(err, SL_EINVAL,
				"%s:%lu: the last line means something else without "
				"its line break",
				rf->label, last->line);
	}
	reqfile_entry_release(last);
	*last = got.v[0];
	free(got.v);
	reqfile_refresh(rf);
	return 0;
}
