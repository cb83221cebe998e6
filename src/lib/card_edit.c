/* card_edit.c: one card value rewritten at its libyaml marks, or one line
 * added, and the card read again to prove the edit means what was asked. */
#include "spacelock/card_edit.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "spacelock/card.h"
#include "spacelock/mem.h"

void sl_card_edit_info_release(struct sl_card_edit_info *info)
{
	if (!info)
		return;
	free(info->old_raw);
	free(info->new_raw);
	memset(info, 0, sizeof(*info));
}

bool sl_card_has_front_matter(const char *data, size_t len)
{
	size_t i = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	if (len - i < 3 || memcmp(data + i, "---", 3) != 0)
		return false;
	for (i += 3; i < len && data[i] != '\n'; i++)
		if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r')
			return false;
	return i < len;
}

/* A plain scalar that every YAML reader takes as this string: no number,
 * boolean or null look-alike, no indicator characters. */
static bool plain_safe(const char *v)
{
	static const char *const words[] = {"true", "false", "yes", "no", "on", "off",
					    "null", "y",     "n",   "~",  NULL};
	bool alpha = false;

	if (!*v || !((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z')))
		return false;
	for (const char *p = v; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			alpha = true;
		else if (!(*p >= '0' && *p <= '9') && !strchr("-_./", *p))
			return false;
	}
	for (size_t i = 0; words[i]; i++)
		if (strcasecmp(v, words[i]) == 0)
			return false;
	return alpha;
}

/* A plain scalar YAML reads as a number (3.10 is the float 3.1): the one
 * case where a value that already says the right thing must be quoted. */
static bool numeric(const char *s)
{
	bool digits = false, dot = false;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits = true;
		else if (*s == '.' && !dot)
			dot = true;
		else if ((*s == 'e' || *s == 'E') && digits)
			return s[1] != '\0';
		else
			return false;
	}
	return digits;
}

static char *render(const char *value, enum sl_card_style style, unsigned flags)
{
	struct sl_buf b = SL_BUF_INIT;

	if (style == SL_CARD_SINGLE) {
		sl_buf_addch(&b, '\'');
		for (const char *p = value; *p; p++) {
			if (*p == '\'')
				sl_buf_addch(&b, '\'');
			sl_buf_addch(&b, *p);
		}
		sl_buf_addch(&b, '\'');
	} else if (style == SL_CARD_DOUBLE || (flags & SL_CARD_EDIT_QUOTE) || !plain_safe(value)) {
		sl_buf_addch(&b, '"');
		for (const char *p = value; *p; p++) {
			if (*p == '"' || *p == '\\')
				sl_buf_addch(&b, '\\');
			sl_buf_addch(&b, *p);
		}
		sl_buf_addch(&b, '"');
	} else {
		sl_buf_addstr(&b, value);
	}
	return sl_buf_detach(&b, NULL);
}

static unsigned long line_at(const char *data, size_t off)
{
	unsigned long line = 1;

	for (size_t i = 0; i < off; i++)
		line += data[i] == '\n';
	return line;
}

/* The card's line ending: that of the opening "---" line. */
static const char *card_eol(const struct sl_card *card, const char *data)
{
	return card->fm_start >= 2 && data[card->fm_start - 2] == '\r' ? "\r\n" : "\n";
}

/* The first line of the front matter that holds a key: its indentation,
 * or -1 when the card is a flow mapping ("{...}"). */
static long key_indent(const struct sl_card *card, const char *data)
{
	size_t p = card->fm_start;

	while (p < card->fm_end) {
		size_t s = p;
		while (p < card->fm_end && data[p] == ' ')
			p++;
		if (p < card->fm_end && data[p] != '#' && data[p] != '\n' && data[p] != '\r')
			return data[p] == '{' ? -1 : (long)(p - s);
		while (p < card->fm_end && data[p] != '\n')
			p++;
		p++;
	}
	return 0;
}

/* Where the line after the value of v starts. */
static size_t after_value(const struct sl_card_value *v, const char *data, size_t fm_end)
{
	size_t p = v->end;

	if (p > 0 && data[p - 1] == '\n')
		return p;
	while (p < fm_end && data[p] != '\n')
		p++;
	return p < fm_end ? p + 1 : fm_end;
}

/* The byte just after "key:" on the line that holds key, for a key whose
 * value is empty (YAML null) and so has no span of its own. */
static size_t after_colon(const struct sl_card *card, const char *data, const char *key)
{
	size_t klen = strlen(key);

	for (size_t p = card->fm_start; p < card->fm_end;) {
		size_t s = p;
		while (s < card->fm_end && data[s] == ' ')
			s++;
		if (s + klen < card->fm_end && memcmp(data + s, key, klen) == 0) {
			size_t c = s + klen;
			while (c < card->fm_end && data[c] == ' ')
				c++;
			if (c < card->fm_end && data[c] == ':')
				return c + 1;
		}
		while (p < card->fm_end && data[p] != '\n')
			p++;
		p++;
	}
	return 0;
}

static int edit(struct sl_buf *doc, const struct sl_card *card, const char *key, const char *value,
		unsigned flags, const char *const *after, struct sl_card_edit_info *info,
		struct sl_err *err)
{
	const struct sl_card_value *v = sl_card_get(card, key);
	struct sl_buf out = SL_BUF_INIT;
	size_t at, cut = 0;
	char *raw;

	if (v && v->style >= SL_CARD_LITERAL)
		return sl_error(err, SL_EINVAL, "%s:%lu:%lu: '%s' is a %s, not rewritten",
				card->path, v->line, v->col, key, sl_card_style_name(v->style));
	if (v && v->value && strcmp(v->value, value) == 0 &&
	    (v->style != SL_CARD_PLAIN || !(flags & SL_CARD_EDIT_QUOTE) || !numeric(v->raw))) {
		info->done = SL_CARD_EDIT_SAME;
		info->old_raw = sl_xstrdup(v->raw);
		info->new_raw = sl_xstrdup(v->raw);
		info->line = v->line;
		return 0;
	}
	raw = render(value, v ? v->style : SL_CARD_PLAIN, flags);
	if (v && v->end > v->start) {
		at = v->start, cut = v->end - v->start;
		sl_buf_add(&out, doc->buf, at);
		sl_buf_addstr(&out, raw);
		info->line = v->line;
	} else if (v) {
		at = after_colon(card, doc->buf, key);
		if (!at) {
			free(raw);
			return sl_error(err, SL_EINVAL, "%s:%lu: '%s' has no value to rewrite",
					card->path, v->line, key);
		}
		sl_buf_add(&out, doc->buf, at);
		sl_buf_addf(&out, " %s", raw);
		info->line = line_at(doc->buf, at);
	} else {
		const struct sl_card_value *sib = NULL;
		long indent = key_indent(card, doc->buf);
		if (indent < 0) {
			free(raw);
			return sl_error(err, SL_EINVAL,
					"%s: the card is a flow mapping ({...}); '%s' not added",
					card->path, key);
		}
		for (size_t i = 0; after && after[i]; i++)
			if (sl_card_get(card, after[i]))
				sib = sl_card_get(card, after[i]);
		at = sib ? after_value(sib, doc->buf, card->fm_end) : card->fm_end;
		sl_buf_add(&out, doc->buf, at);
		sl_buf_addf(&out, "%*s%s: %s%s", (int)indent, "", key, raw,
			    card_eol(card, doc->buf));
		info->line = line_at(doc->buf, at);
	}
	sl_buf_add(&out, doc->buf + at + cut, doc->len - at - cut);
	info->done = v ? SL_CARD_EDIT_REPLACED : SL_CARD_EDIT_ADDED;
	info->old_raw = v ? sl_xstrdup(v->raw) : NULL;
	info->new_raw = raw;
	sl_buf_release(doc);
	*doc = out;
	return 0;
}

/* Reads the edited card again: it must parse and hold exactly value. */
static int verify(const struct sl_buf *doc, const char *path, const char *key, const char *value,
		  struct sl_err *err)
{
	struct sl_card *card;
	const char *got;
	int rc = sl_card_parse(path, doc->buf, doc->len, &card, err);

	if (rc)
		return rc;
	got = sl_card_string(card, key);
	if (!got || strcmp(got, value) != 0)
		rc = sl_error(err, SL_EINVAL, "%s: after the edit '%s' reads '%s', not '%s'", path,
			      key, got ? got : "(nothing)", value);
	sl_card_free(card);
	return rc;
}

int sl_card_edit_set(struct sl_buf *doc, const char *path, const char *key, const char *value,
		     unsigned flags, const char *const *after, struct sl_card_edit_info *info,
		     struct sl_err *err)
{
	struct sl_card_edit_info mine = {0};
	struct sl_card *card;
	struct sl_buf before = SL_BUF_INIT;
	int rc;

	if (!info)
		info = &mine;
	memset(info, 0, sizeof(*info));
	rc = sl_card_parse(path, doc->buf, doc->len, &card, err);
	if (rc)
		return rc;
	sl_buf_add(&before, doc->buf, doc->len);
	rc = edit(doc, card, key, value, flags, after, info, err);
	sl_card_free(card);
	if (rc == 0 && info->done != SL_CARD_EDIT_SAME)
		rc = verify(doc, path, key, value, err);
	if (rc) {
		sl_buf_release(doc);
		*doc = before;
		sl_card_edit_info_release(info);
	} else {
		sl_buf_release(&before);
	}
	sl_card_edit_info_release(&mine);
	return rc;
}

void sl_card_edit_create(struct sl_buf *doc, const char *key, const char *value, unsigned flags)
{
	struct sl_buf out = SL_BUF_INIT;
	size_t bom = doc->len >= 3 && memcmp(doc->buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	const char *nl = memchr(doc->buf + bom, '\n', doc->len - bom);
	const char *eol = nl && nl > doc->buf + bom && nl[-1] == '\r' ? "\r\n" : "\n";
	char *raw = render(value, SL_CARD_PLAIN, flags);

	sl_buf_add(&out, doc->buf, bom);
	sl_buf_addf(&out, "---%s%s: %s%s---%s", eol, key, raw, eol, eol);
	sl_buf_add(&out, doc->buf + bom, doc->len - bom);
	free(raw);
	sl_buf_release(doc);
	*doc = out;
}
