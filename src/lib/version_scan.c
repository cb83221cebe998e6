/* version_scan.c: reading a PEP 440 version, as packaging's VERSION_PATTERN
 * does.
 *
 * A hand-written, deterministic reading of that regular expression: every
 * optional part is taken greedily, which accepts exactly the language of
 * the (possessive) pattern.  A version is one allocation: the struct, its
 * release and local arrays and a copy of the input that all numbers point
 * into.  The scanner walks that copy with a pointer and relies on its
 * terminating NUL instead of bounds checks: NUL is neither a digit, a
 * letter, a separator nor a space, so every loop stops there.  It is the
 * hot path of `check` and of the PEP 440 bench (bench/bench_pep440.sh): no
 * allocation beyond the one block, and letters dispatch on their first
 * character rather than through a table search. */
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "version_private.h"

static const char zero_digit[] = "0";

static bool is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

static bool is_alnum(char c)
{
	return is_digit(c) || (unsigned char)((c | 0x20) - 'a') < 26;
}

static bool is_sep(char c)
{
	return c == '.' || c == '_' || c == '-';
}

size_t sl_version_space_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if ((u[0] >= 9 && u[0] <= 13) || (u[0] >= 0x1c && u[0] <= 0x20))
		return 1;
	if (u[0] == 0xc2 && (u[1] == 0x85 || u[1] == 0xa0))
		return 2;
	if (u[0] == 0xe1 && u[1] == 0x9a && u[2] == 0x80)
		return 3;
	if (u[0] == 0xe2 && u[1] == 0x80 &&
	    ((u[2] >= 0x80 && u[2] <= 0x8a) || u[2] == 0xa8 || u[2] == 0xa9 || u[2] == 0xaf))
		return 3;
	if (u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f)
		return 3;
	if (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	return 0;
}

static char *skip_space(char *p)
{
	size_t n;

	/* the common cases, the end or a printable ASCII byte, leave at once */
	while (*p && ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x80)) {
		if ((n = sl_version_space_len(p)) == 0)
			break;
		p += n;
	}
	return p;
}

/* Reads the digits at p (there is at least one) into *num, leading zeros
 * dropped; returns the end. */
static char *read_num(char *p, struct sl_num *num)
{
	char *q;

	while (*p == '0' && is_digit(p[1]))
		p++;
	for (q = p + 1; is_digit(*q); q++)
		;
	num->p = p;
	num->n = (size_t)(q - p);
	return q;
}

/* Whether p starts with the lowercase word w, in any case (w has letters
 * only: c | 0x20 equals a letter for exactly its two cases). */
static bool word_at(const char *p, const char *w)
{
	for (; *w; p++, w++)
		if ((*p | 0x20) != *w)
			return false;
	return true;
}

/* The suffix segments in the order the pattern allows them. */
enum stage { STAGE_PRE, STAGE_POST, STAGE_DEV, STAGE_DONE };

/* The spelling of a suffix segment at p that may come at stage *st or
 * later, longest first where one is a prefix of another (the pattern's
 * alternation order): its length, or 0.  *st becomes the segment's stage,
 * *kind its pre-release kind.  One switch on the first letter instead of
 * trying pre, post and dev in turn. */
static size_t suffix_word(const char *p, enum stage *st, int *kind)
{
	enum stage at = *st;

	switch (*p | 0x20) {
	case 'a': *kind = SL_PRE_A; break;
	case 'b': *kind = SL_PRE_B; break;
	case 'c': *kind = SL_PRE_RC; break;
	case 'd': *st = STAGE_DEV; return word_at(p, "dev") ? 3 : 0;
	case 'p':
		*kind = SL_PRE_RC;
		if (at == STAGE_PRE && word_at(p, "pre"))
			return word_at(p, "preview") ? 7 : 3;
		*st = STAGE_POST;
		return at <= STAGE_POST && word_at(p, "post") ? 4 : 0;
	case 'r':
		*kind = SL_PRE_RC;
		if (at == STAGE_PRE && (p[1] | 0x20) == 'c')
			return 2;
		*st = STAGE_POST;
		return at > STAGE_POST ? 0 : word_at(p, "rev") ? 3 : 1;
	default: return 0;
	}
	if (at != STAGE_PRE) /* a, b and c spell pre-releases only */
		return 0;
	if (*kind == SL_PRE_A && word_at(p, "alpha"))
		return 5;
	return *kind == SL_PRE_B && word_at(p, "beta") ? 4 : 1;
}

static char *scan_release(char *p, struct sl_version *v)
{
	while (*p == '.' && is_digit(p[1]))
		p = read_num(p + 1, &v->rel[v->nrel++]);
	v->ntrim = v->nrel;
	while (v->ntrim > 0 && v->rel[v->ntrim - 1].n == 1 && v->rel[v->ntrim - 1].p[0] == '0')
		v->ntrim--;
	return p;
}

/* The number of a suffix segment whose word ends at p: [sep] [digits]
 * (none reads as 0); returns the end. */
static char *segment_num(char *p, struct sl_num *num)
{
	p += is_sep(*p);
	if (is_digit(*p))
		return read_num(p, num);
	num->p = zero_digit;
	num->n = 1;
	return p;
}

/* [sep] word [sep] [digits] for pre, post and dev in that order, each
 * optional, and -N as an implicit post-release. */
static char *scan_suffixes(char *p, struct sl_version *v)
{
	enum stage st = STAGE_PRE;
	int kind;

	while (*p && st != STAGE_DONE) {
		if (st <= STAGE_POST && *p == '-' && is_digit(p[1])) {
			p = read_num(p + 1, &v->post_n);
			v->has_post = true;
			st = STAGE_DEV;
			continue;
		}
		char *q = p + is_sep(*p);
		size_t n = suffix_word(q, &st, &kind);
		if (n == 0)
			return p;
		q += n;
		if (st == STAGE_PRE) {
			v->pre = kind;
			p = segment_num(q, &v->pre_n);
		} else if (st == STAGE_POST) {
			v->has_post = true;
			p = segment_num(q, &v->post_n);
		} else {
			v->has_dev = true;
			p = segment_num(q, &v->dev_n);
		}
		st++;
	}
	return p;
}

/* seg([._-]seg)* after a '+' (p points at the first segment's first
 * byte, a letter or digit); labels are kept lowercase.  Returns the end. */
static char *scan_local(char *p, struct sl_version *v)
{
	for (;;) {
		struct sl_lseg *seg = &v->local[v->nlocal++];
		char *q = p;
		bool num = true;

		/* digits have the 0x20 bit already: one OR lowercases the run */
		for (; is_alnum(*q); q++) {
			num = num && is_digit(*q);
			*q |= 0x20;
		}
		if (num)
			while (q - p > 1 && *p == '0')
				p++;
		seg->p = p;
		seg->n = (size_t)(q - p);
		seg->num = num;
		if (!is_sep(*q) || !is_alnum(q[1]))
			return q;
		p = q + 1;
	}
}

/* Where a version of len bytes of text puts its arrays, and its size. */
struct layout {
	size_t rel_off, loc_off, size;
};

static struct layout layout_for(size_t len)
{
	/* n numbers need n - 1 separators: at most len / 2 + 1 of each */
	size_t seps = len / 2 + 1;
	struct layout l;

	/* one block: struct, text, then the two arrays (aligned) */
	l.rel_off = (sizeof(struct sl_version) + len + 1 + 15) & ~(size_t)15;
	l.loc_off = l.rel_off + seps * sizeof(struct sl_num);
	l.size = l.loc_off + seps * sizeof(struct sl_lseg);
	return l;
}

static void init_version(struct sl_version *v, const struct layout *l, const char *s, size_t len)
{
	/* field by field: a memset of the struct costs more than the parse */
	v->nrel = v->ntrim = v->nlocal = 0;
	v->pre = SL_PRE_NONE;
	v->has_post = v->has_dev = false;
	v->pre_n.p = v->post_n.p = v->dev_n.p = v->epoch.p = zero_digit;
	v->pre_n.n = v->post_n.n = v->dev_n.n = v->epoch.n = 1;
	memcpy(v->text, s, len);
	v->text[len] = '\0';
	v->rel = (struct sl_num *)((char *)v + l->rel_off);
	v->local = (struct sl_lseg *)((char *)v + l->loc_off);
}

static bool scan_fail(const struct sl_version *v, int *why, size_t *col, int w, const char *at)
{
	*why = w;
	*col = (size_t)(at - v->text);
	return false;
}

/* Reads v->text into v; false with *why and *col on a syntax error. */
static bool scan(struct sl_version *v, int *why, size_t *col)
{
	char *p = skip_space(v->text);

	if (*p == '\0')
		return scan_fail(v, why, col, SL_VWHY_EMPTY, p);
	p += (*p | 0x20) == 'v';
	if (!is_digit(*p))
		return scan_fail(v, why, col, SL_VWHY_DIGIT, p);
	p = read_num(p, &v->rel[0]);
	if (*p == '!') {
		v->epoch = v->rel[0];
		if (!is_digit(*++p))
			return scan_fail(v, why, col, SL_VWHY_EPOCH, p);
		p = read_num(p, &v->rel[0]);
	}
	v->nrel = 1;
	p = scan_release(p, v);
	if (*p == '\0') /* most versions end with the release */
		return true;
	p = scan_suffixes(p, v);
	if (*p == '+') {
		if (!is_alnum(p[1]))
			return scan_fail(v, why, col, SL_VWHY_LOCAL, p + 1);
		p = scan_local(p + 1, v);
	}
	p = skip_space(p);
	if (*p != '\0')
		return scan_fail(v, why, col, SL_VWHY_JUNK, p);
	return true;
}

struct sl_version *sl_version_scan_in(void *room, size_t cap, const char *s, size_t len, int *why,
				      size_t *col)
{
	struct layout l = layout_for(len);
	struct sl_version *v = l.size <= cap ? room : sl_xmalloc(l.size);

	init_version(v, &l, s, len);
	if (scan(v, why, col))
		return v;
	if (v != room)
		free(v);
	return NULL;
}

struct sl_version *sl_version_scan(const char *s, size_t len, int *why, size_t *col)
{
	const char *nul = memchr(s, '\0', len);

	return sl_version_scan_in(NULL, 0, s, nul ? (size_t)(nul - s) : len, why, col);
}

void sl_version_describe(struct sl_buf *b, const char *s, size_t len, int why, size_t col,
			 size_t col_base)
{
	unsigned char c = col < len ? (unsigned char)s[col] : 0;

	switch (why) {
	case SL_VWHY_EMPTY: sl_buf_addstr(b, "empty version"); return;
	case SL_VWHY_DIGIT: sl_buf_addstr(b, "expected a release number"); break;
	case SL_VWHY_EPOCH: sl_buf_addstr(b, "expected a release number after '!'"); break;
	case SL_VWHY_LOCAL: sl_buf_addstr(b, "expected a letter or digit after '+'"); break;
	default:
		if (c > 0x20 && c < 0x7f)
			sl_buf_addf(b, "unexpected '%c'", c);
		else
			sl_buf_addf(b, "unexpected byte 0x%02x", c);
		break;
	}
	sl_buf_addf(b, " at column %zu", col + col_base + 1);
}
