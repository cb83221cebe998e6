/* reqfile.c: pip requirements files split into logical lines that keep
 * their exact bytes; rendering, lookup and the file-level facts.
 *
 * The splitting follows pip's preprocess(): content.splitlines(), then
 * join_lines() (a line ending in '\' continues, unless it is a comment
 * line; a continued line loses its leading and trailing backslashes; a
 * comment line ends the join, with a space put before it). */
#include "spacelock/reqfile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reqfile_private.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/requirement.h"
#include "spacelock/textenc.h"

size_t reqfile_eol_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

	switch (u[i]) {
	case '\n':
	case '\v':
	case '\f':
	case 0x1c:
	case 0x1d:
	case 0x1e: return 1;
	case '\r': return i + 1 < len && u[i + 1] == '\n' ? 2 : 1;
	case 0xC2: return i + 1 < len && u[i + 1] == 0x85 ? 2 : 0;
	case 0xE2:
		return i + 2 < len && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)
			   ? 3
			   : 0;
	default: return 0;
	}
}

size_t reqfile_char(const char *s, size_t len, uint32_t *cp)
{
	size_t n;

	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	n = sl_utf8_next(s, len, cp);
	if (n == 0) {
		*cp = 0xFFFFFFFF;
		n = 1;
	}
	return n;
}

void *reqfile_grow(void *p, size_t n, size_t elem)
{
	if (n == 0 || (n & (n - 1)) == 0)
		p = sl_xrealloc(p, (n ? 2 * n : 1) * elem);
	return p;
}

bool reqfile_pyspace(uint32_t c)
{
	return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
	       c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

/* pip's COMMENT_RE.match: the first non-space character is '#'. */
static bool is_comment_line(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t c;

	while (i < len) {
		size_t n = reqfile_char(s + i, len - i, &c);
		if (!reqfile_pyspace(c))
			return c == '#';
		i += n;
	}
	return false;
}

static void join_add(struct reqfile_joined *j, size_t *cap, const char *s, size_t n, size_t raw_off)
{
	if (j->len + n + 1 > *cap) {
		size_t want = j->len + n + 1;
		sl_xgrow((void **)&j->s, cap, want, 1);
		j->map = sl_xrealloc(j->map, *cap * sizeof(*j->map));
	}
	memcpy(j->s + j->len, s, n);
	for (size_t k = 0; k < n; k++)
		j->map[j->len + k] = raw_off + k;
	j->len += n;
	j->s[j->len] = '\0';
}

/* Reads one logical line starting at text[pos]; returns the offset after
 * it and fills j and the number of physical lines. */
static size_t read_logical(const char *text, size_t len, size_t pos, struct reqfile_joined *j,
			   unsigned long *nphys)
{
	size_t start = pos, cap = 0;

	*nphys = 0;
	j->s = NULL, j->len = 0, j->map = NULL;
	join_add(j, &cap, "", 0, 0);
	while (pos < len) {
		size_t ls = pos, le = pos, t = 0;

		while (le < len && (t = reqfile_eol_at(text, len, le)) == 0)
			le++;
		pos = le + t;
		(*nphys)++;
		if (is_comment_line(text + ls, le - ls)) {
			join_add(j, &cap, " ", 1, ls - start);
			join_add(j, &cap, text + ls, le - ls, ls - start);
			break;
		}
		if (le == ls || text[le - 1] != '\\') {
			join_add(j, &cap, text + ls, le - ls, ls - start);
			break;
		}
		/* str.strip("\\"): backslashes go from both ends */
		while (ls < le && text[ls] == '\\')
			ls++;
		while (le > ls && text[le - 1] == '\\')
			le--;
		join_add(j, &cap, text + ls, le - ls, ls - start);
	}
	return pos;
}

void reqfile_split(const char *text, size_t len, unsigned long first_line,
		   struct reqfile_entries *out)
{
	size_t pos = 0;
	unsigned long line = first_line;

	while (pos < len) {
		struct reqfile_joined j;
		struct sl_reqfile_entry *e;
		unsigned long nphys;
		size_t end = read_logical(text, len, pos, &j, &nphys);

		sl_xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v));
		e = &out->v[out->n++];
		memset(e, 0, sizeof(*e));
		e->line = line;
		e->nlines = nphys;
		e->raw = sl_xmalloc(end - pos + 1);
		memcpy(e->raw, text + pos, end - pos);
		e->raw[end - pos] = '\0';
		e->raw_len = end - pos;
		reqfile_analyse(e, &j);
		free(j.s);
		free(j.map);
		line += nphys;
		pos = end;
	}
}

void reqfile_entry_release(struct sl_reqfile_entry *e)
{
	free(e->raw);
	free(e->text);
	free(e->req_text);
	sl_requirement_free(e->req);
	free(e->name);
	free(e->url);
	free(e->include);
	for (size_t i = 0; i < e->nopts; i++)
		free(e->opts[i].value);
	free(e->opts);
	free(e->comment);
	for (size_t i = 0; i < e->nenv; i++)
		free(e->env[i]);
	free(e->env);
	free(e->warning);
	memset(e, 0, sizeof(*e));
}

static void free_warnings(struct sl_reqfile *rf)
{
	for (size_t i = 0; i < rf->nwarnings; i++)
		free(rf->warnings[i]);
	free(rf->warnings);
	rf->warnings = NULL;
	rf->nwarnings = 0;
}

/* Counts LF, CRLF and CR breaks; the most frequent wins, ties go to the
 * kind seen first. */
static void eol_facts(struct sl_reqfile *rf)
{
	size_t count[4] = {0, 0, 0, 0}, order[4] = {0, 0, 0, 0}, seen = 0;
	const struct sl_reqfile_entry *last = rf->nentries ? &rf->entries[rf->nentries - 1] : NULL;
	int best = SL_EOL_NONE, kinds = 0;

	for (size_t k = 0; k < rf->nentries; k++) {
		const struct sl_reqfile_entry *e = &rf->entries[k];
		for (size_t i = 0; i < e->raw_len; i++) {
			int kind = SL_EOL_NONE;
			if (e->raw[i] == '\n')
				kind = SL_EOL_LF;
			else if (e->raw[i] == '\r' && i + 1 < e->raw_len && e->raw[i + 1] == '\n')
				kind = SL_EOL_CRLF, i++;
			else if (e->raw[i] == '\r')
				kind = SL_EOL_CR;
			if (kind != SL_EOL_NONE && count[kind]++ == 0)
				order[kind] = ++seen;
		}
	}
	for (int k = SL_EOL_LF; k <= SL_EOL_CR; k++) {
		if (!count[k])
			continue;
		kinds++;
		if (best == SL_EOL_NONE || count[k] > count[best] ||
		    (count[k] == count[best] && order[k] < order[best]))
			best = k;
	}
	rf->eol = (enum sl_eol)best;
	rf->mixed_eol = kinds > 1;
	rf->final_newline = false;
	if (last && last->raw_len) {
		size_t i = last->raw_len - 1;
		/* a break ends the text if one starts in its last 3 bytes and reaches the end */
		for (size_t back = 0; back < 3 && back <= i; back++) {
			size_t at = i - back, n = reqfile_eol_at(last->raw, last->raw_len, at);
			if (n && at + n == last->raw_len)
				rf->final_newline = true;
		}
	}
}

void reqfile_refresh(struct sl_reqfile *rf)
{
	unsigned long line = 1;

	free_warnings(rf);
	for (size_t i = 0; i < rf->nentries; i++) {
		struct sl_reqfile_entry *e = &rf->entries[i];
		e->line = line;
		line += e->nlines;
		if (!e->warning)
			continue;
		rf->warnings = reqfile_grow(rf->warnings, rf->nwarnings, sizeof(char *));
		rf->warnings[rf->nwarnings++] =
		    sl_xasprintf("%s:%lu: %s", rf->label, e->line, e->warning);
	}
	eol_facts(rf);
}

/* pip honours a PEP 263 "coding: NAME" comment in the first two lines of
 * a file without BOM; spacelock reads UTF-8 regardless, so a declaration of
 * anything else is reported on its line. */
static void coding_warning(struct sl_reqfile *rf, const char *text, size_t len)
{
	static const char *const utf8[] = {"utf-8", "utf_8", "utf8", "u8", "ascii", "us-ascii"};
	size_t pos = 0;

	for (unsigned long line = 1; line <= 2 && pos < len; line++) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, i, n;
		const char *c =
		    text[pos] == '#' ? memmem(text + pos, end - pos, "coding", 6) : NULL;
		bool ok = false;

		pos = end + 1;
		if (!c || c + 6 >= text + end || (c[6] != ':' && c[6] != '='))
			continue;
		for (i = (size_t)(c - text) + 7; i < end && text[i] && strchr(" \t\r\f\v", text[i]);
		     i++)
			;
		for (n = 0; i + n < end && (isalnum((unsigned char)text[i + n]) ||
					    (text[i + n] && strchr("-_.", text[i + n])));
		     n++)
			;
		for (size_t k = 0; n && k < sizeof(utf8) / sizeof(utf8[0]); k++)
			ok |= strlen(utf8[k]) == n && strncasecmp(utf8[k], text + i, n) == 0;
		for (size_t k = 0; n && !ok && k < rf->nentries; k++) {
			struct sl_reqfile_entry *e = &rf->entries[k];
			if (e->line <= line && line < e->line + e->nlines && !e->warning)
				e->warning = sl_xasprintf("declares encoding '%.*s', which pip "
							  "would use; read as UTF-8",
							  (int)n, text + i);
		}
	}
}

static int refuse_binary(const char *text, size_t len, const char *label, struct sl_err *err)
{
	const char *nul = memchr(text, '\0', len);
	size_t bad = 0, i = 0;

	if (nul) {
		unsigned long line = 1;
		for (const char *p = text; p < nul; p++)
			line += *p == '\n';
		return sl_error(err, SL_EPARSE,
				"%s:%lu: binary file (a NUL byte), not a requirements file", label,
				line);
	}
	while (i < len) {
		size_t ok = sl_utf8_invalid_at(text + i, len - i);
		for (size_t k = i; k < i + ok; k++)
			bad += (unsigned char)text[k] < 0x20 && !strchr("\t\n\r\f\v", text[k]);
		i += ok;
		if (i < len) {
			bad++;
			i++;
		}
	}
	if (bad >= 8 && bad * 4 > len)
		return sl_error(
		    err, SL_EPARSE,
		    "%s: binary data, not a requirements file (%zu of %zu bytes are not "
		    "text)",
		    label, bad, len);
	return 0;
}

int sl_reqfile_refuse_binary(const void *data, size_t len, const char *label, struct sl_err *err)
{
	struct sl_buf text = SL_BUF_INIT;
	struct sl_textenc_info info;
	int rc = sl_textenc_decode(data, len, label, &info, &text, err);

	if (!rc)
		rc = refuse_binary(text.buf, text.len, label, err);
	sl_buf_release(&text);
	return rc;
}

int sl_reqfile_parse(const void *data, size_t len, const char *label, struct sl_reqfile **out,
		     struct sl_err *err)
{
	struct sl_buf text = SL_BUF_INIT;
	struct reqfile_entries list = {NULL, 0, 0};
	struct sl_reqfile *rf;
	struct sl_textenc_info info;
	int rc = sl_textenc_decode(data, len, label, &info, &text, err);

	if (rc) {
		sl_buf_release(&text);
		return rc;
	}
	reqfile_split(text.buf, text.len, 1, &list);
	rf = sl_xcalloc(1, sizeof(*rf));
	rf->label = sl_xstrdup(label);
	rf->enc = info;
	rf->entries = list.v;
	rf->nentries = list.n;
	/* line numbers are needed first */
	reqfile_refresh(rf);
	if (info.enc == SL_TEXTENC_UTF8 && !info.bom) {
		coding_warning(rf, text.buf, text.len);
		reqfile_refresh(rf);
	}
	sl_buf_release(&text);
	*out = rf;
	return 0;
}

int sl_reqfile_load(const char *path, struct sl_reqfile **out, struct sl_err *err)
{
	struct sl_buf data = SL_BUF_INIT;
	int rc = sl_file_read(path, SL_REQFILE_MAX_BYTES, &data, err);

	if (rc == 0)
		rc = sl_reqfile_parse(data.buf, data.len, path, out, err);
	sl_buf_release(&data);
	return rc;
}

void sl_reqfile_free(struct sl_reqfile *rf)
{
	if (!rf)
		return;
	for (size_t i = 0; i < rf->nentries; i++)
		reqfile_entry_release(&rf->entries[i]);
	free(rf->entries);
	free_warnings(rf);
	free(rf->label);
	free(rf);
}

void sl_reqfile_render(const struct sl_reqfile *rf, struct sl_buf *out)
{
	struct sl_buf text = SL_BUF_INIT;

	if (rf->enc.enc == SL_TEXTENC_UTF8 && !rf->enc.bom) {
		for (size_t i = 0; i < rf->nentries; i++)
			sl_buf_add(out, rf->entries[i].raw, rf->entries[i].raw_len);
		return;
	}
	for (size_t i = 0; i < rf->nentries; i++)
		sl_buf_add(&text, rf->entries[i].raw, rf->entries[i].raw_len);
	sl_textenc_encode(text.buf, text.len, &rf->enc, out);
	sl_buf_release(&text);
}

int sl_reqfile_write(const struct sl_reqfile *rf, const char *path, struct sl_err *err)
{
	struct sl_buf b = SL_BUF_INIT;
	int rc;

	sl_reqfile_render(rf, &b);
	rc = sl_file_write_atomic(path, b.buf, b.len, err);
	sl_buf_release(&b);
	return rc;
}

long sl_reqfile_find(const struct sl_reqfile *rf, const char *name, size_t from)
{
	char *want = sl_name_canonical(name);
	long found = -1;

	for (size_t i = from; i < rf->nentries && found < 0; i++) {
		const char *have = rf->entries[i].name;
		if (have && strcmp(have, want) == 0)
			found = (long)i;
	}
	free(want);
	return found;
}

const char *sl_reqline_kind_name(enum sl_reqline_kind kind)
{
	static const char *const names[] = {"blank", "comment", "requirement", "editable",
					    "url",   "option",	"include",     "unknown"};

	if ((unsigned)kind >= sizeof(names) / sizeof(names[0]))
		return "unknown";
	return names[kind];
}
