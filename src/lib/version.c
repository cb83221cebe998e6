/* version.c: PEP 440 versions, parsed, printed and ordered as the latest
 * pypa/packaging does (packaging.version.Version).
 *
 * The parser is a hand-written, deterministic reading of packaging's
 * VERSION_PATTERN: every optional part is taken greedily, which accepts
 * exactly the language of that (possessive) regular expression.  A version
 * is one allocation: the struct, its release and local arrays and a
 * lowercased copy of the input that all numbers point into. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "version_private.h"

static const char zero_digit[] = "0";

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether t starts with the lowercase word w in any case (w has letters
 * only, so c | 0x20 == letter holds for exactly that letter's two cases). */
static bool word_at(const char *t, const char *w, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if ((t[k] | 0x20) != w[k])
			return false;
	return true;
}

static int is_sep(int c)
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

/* The scanner works on the lowercased copy t[0..len) (NUL-terminated). */
struct scan {
	char *t;
	size_t len, i;
	struct sl_version *v;
};

static size_t skip_space(const char *t, size_t i, size_t len)
{
	size_t n;

	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		if (c > ' ' && c < 0x80) /* the common case: no space here */
			break;
		if ((n = sl_version_space_len(t + i)) == 0 || i + n > len)
			break;
		i += n;
	}
	return i;
}

/* Reads digits at i into *num (leading zeros dropped); returns the count. */
static size_t read_num(struct scan *sc, size_t i, struct sl_num *num)
{
	size_t j = i;

	while (j < sc->len && is_digit(sc->t[j]))
		j++;
	if (j > i && num) {
		size_t k = i;
		while (k + 1 < j && sc->t[k] == '0')
			k++;
		num->p = sc->t + k;
		num->n = j - k;
	}
	return j - i;
}

static size_t opt_sep(const struct scan *sc, size_t i)
{
	return i < sc->len && is_sep(sc->t[i]) ? i + 1 : i;
}

/* The spellings of a segment's letters, longest first where one is a
 * prefix of another (the regular expression's alternation order). */
struct word {
	const char *w;
	size_t n;
	int kind;
};

/* [sep] letters [sep] [digits]: the common shape of pre, post and dev. */
static bool letter_segment(struct scan *sc, const struct word *words, int *kind, struct sl_num *num)
{
	size_t j = opt_sep(sc, sc->i);
	const struct word *w;
	char c = j < sc->len ? (char)(sc->t[j] | 0x20) : '\0';

	if (c < 'a' || c > 'z')
		return false;
	for (w = words; w->w; w++)
		if (w->w[0] == c && j + w->n <= sc->len && word_at(sc->t + j, w->w, w->n))
			break;
	if (!w->w)
		return false;
	*kind = w->kind;
	j = opt_sep(sc, j + w->n);
	num->p = zero_digit;
	num->n = 1;
	j += read_num(sc, j, num);
	sc->i = j;
	return true;
}

static void scan_release(struct scan *sc)
{
	struct sl_version *v = sc->v;

	while (sc->i + 1 < sc->len && sc->t[sc->i] == '.' && is_digit(sc->t[sc->i + 1])) {
		sc->i++;
		sc->i += read_num(sc, sc->i, &v->rel[v->nrel++]);
	}
	v->ntrim = v->nrel;
	while (v->ntrim > 0 && v->rel[v->ntrim - 1].n == 1 && v->rel[v->ntrim - 1].p[0] == '0')
		v->ntrim--;
}

static void scan_suffixes(struct scan *sc)
{
	static const struct word pre_words[] = {
	    {"alpha", 5, SL_PRE_A}, {"a", 1, SL_PRE_A},	       {"beta", 4, SL_PRE_B},
	    {"b", 1, SL_PRE_B},	    {"preview", 7, SL_PRE_RC}, {"pre", 3, SL_PRE_RC},
	    {"c", 1, SL_PRE_RC},    {"rc", 2, SL_PRE_RC},      {NULL, 0, 0},
	};
	static const struct word post_words[] = {
	    {"post", 4, 1}, {"rev", 3, 1}, {"r", 1, 1}, {NULL, 0, 0}};
	static const struct word dev_words[] = {{"dev", 3, 1}, {NULL, 0, 0}};
	struct sl_version *v = sc->v;
	int kind;

	if (letter_segment(sc, pre_words, &kind, &v->pre_n))
		v->pre = kind;
	if (sc->i + 1 < sc->len && sc->t[sc->i] == '-' && is_digit(sc->t[sc->i + 1])) {
		sc->i += 1 + read_num(sc, sc->i + 1, &v->post_n);
		v->has_post = true;
	} else if (letter_segment(sc, post_words, &kind, &v->post_n)) {
		v->has_post = true;
	}
	if (letter_segment(sc, dev_words, &kind, &v->dev_n))
		v->has_dev = true;
}

/* +seg([._-]seg)*; returns false when '+' is not followed by a segment. */
static bool scan_local(struct scan *sc)
{
	struct sl_version *v = sc->v;
	size_t i = sc->i + 1;

	if (i >= sc->len || !is_alnum(sc->t[i]))
		return false;
	for (;;) {
		size_t j = i;
		bool num = true;
		while (j < sc->len && is_alnum(sc->t[j])) {
			num = num && is_digit(sc->t[j]);
			if (sc->t[j] >= 'A' && sc->t[j] <= 'Z')
				sc->t[j] += 32; /* labels are kept lowercase */
			j++;
		}
		struct sl_lseg *seg = &v->local[v->nlocal++];
		seg->p = sc->t + i;
		seg->n = j - i;
		seg->num = num;
		if (num) {
			while (seg->n > 1 && seg->p[0] == '0') {
				seg->p++;
				seg->n--;
			}
		}
		sc->i = j;
		if (j + 1 < sc->len && is_sep(sc->t[j]) && is_alnum(sc->t[j + 1]))
			i = j + 1;
		else
			return true;
	}
}

static struct sl_version *alloc_version(const char *s, size_t len)
{
	/* n numbers need n - 1 separators: at most len / 2 + 1 of each */
	size_t seps = len / 2 + 1;
	struct sl_version *v;
	char *t;

	/* one block: struct, text, then the two arrays (aligned) */
	size_t text_end = sizeof(*v) + len + 1;
	size_t rel_off = (text_end + 15) & ~(size_t)15;
	size_t loc_off = rel_off + seps * sizeof(struct sl_num);
	v = sl_xmalloc(loc_off + seps * sizeof(struct sl_lseg));
	/* field by field: a memset of the struct costs more than the parse */
	v->nrel = v->ntrim = v->nlocal = 0;
	v->pre = SL_PRE_NONE;
	v->has_post = v->has_dev = false;
	v->pre_n.p = v->post_n.p = v->dev_n.p = zero_digit;
	v->pre_n.n = v->post_n.n = v->dev_n.n = 1;
	t = v->text;
	memcpy(t, s, len); /* letters are lowercased where they are read */
	t[len] = '\0';
	v->rel = (struct sl_num *)((char *)v + rel_off);
	v->local = (struct sl_lseg *)((char *)v + loc_off);
	v->epoch.p = zero_digit;
	v->epoch.n = 1;
	return v;
}

static struct sl_version *scan_fail(struct sl_version *v, int *why, size_t *col, int w, size_t at)
{
	free(v);
	*why = w;
	*col = at;
	return NULL;
}

struct sl_version *sl_version_scan(const char *s, size_t len, int *why, size_t *col)
{
	struct scan sc = {NULL, len, 0, NULL};
	struct sl_num first;
	size_t nd;

	if (memchr(s, '\0', len))
		len = strlen(s);
	sc.len = len;
	sc.v = alloc_version(s, len);
	sc.t = sc.v->text;
	sc.i = skip_space(sc.t, 0, len);
	if (sc.i == len)
		return scan_fail(sc.v, why, col, SL_VWHY_EMPTY, sc.i);
	if ((sc.t[sc.i] | 0x20) == 'v')
		sc.i++;
	if ((nd = read_num(&sc, sc.i, &first)) == 0)
		return scan_fail(sc.v, why, col, SL_VWHY_DIGIT, sc.i);
	sc.i += nd;
	if (sc.i < len && sc.t[sc.i] == '!') {
		sc.v->epoch = first;
		sc.i++;
		if ((nd = read_num(&sc, sc.i, &first)) == 0)
			return scan_fail(sc.v, why, col, SL_VWHY_EPOCH, sc.i);
		sc.i += nd;
	}
	sc.v->rel[sc.v->nrel++] = first;
	scan_release(&sc);
	scan_suffixes(&sc);
	if (sc.i < len && sc.t[sc.i] == '+' && !scan_local(&sc))
		return scan_fail(sc.v, why, col, SL_VWHY_LOCAL, sc.i + 1);
	sc.i = skip_space(sc.t, sc.i, len);
	if (sc.i != len)
		return scan_fail(sc.v, why, col, SL_VWHY_JUNK, sc.i);
	return sc.v;
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

/* Appends s for an error message, cut to a readable length. */
static void add_quoted(struct sl_buf *b, const char *s)
{
	size_t n = strlen(s);

	if (n > 80)
		sl_buf_addf(b, "'%.77s...'", s);
	else
		sl_buf_addf(b, "'%s'", s);
}

int sl_version_parse(const char *s, struct sl_version **out, struct sl_err *err)
{
	int why;
	size_t col;
	struct sl_version *v = sl_version_scan(s, strlen(s), &why, &col);
	struct sl_buf b = SL_BUF_INIT;

	if (v) {
		*out = v;
		return 0;
	}
	sl_buf_addstr(&b, "invalid version ");
	add_quoted(&b, s);
	sl_buf_addstr(&b, ": ");
	sl_version_describe(&b, s, strlen(s), why, col, 0);
	sl_error(err, SL_EPARSE, "%s", b.buf);
	sl_buf_release(&b);
	return SL_EPARSE;
}

void sl_version_free(struct sl_version *v)
{
	free(v);
}

int sl_num_cmp(const struct sl_num *a, const struct sl_num *b)
{
	int r;

	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	r = memcmp(a->p, b->p, a->n);
	return (r > 0) - (r < 0);
}

static int is_zero(const struct sl_num *n)
{
	return n->n == 1 && n->p[0] == '0';
}

/* packaging's _cmpkey suffix: (pre_rank, pre_n, post_rank, post_n,
 * dev_rank, dev_n). */
static int pre_rank(const struct sl_version *v)
{
	if (v->pre == SL_PRE_NONE)
		return !v->has_post && v->has_dev ? -1 : 3;
	return v->pre - 1;
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

static int cmp_release(const struct sl_version *a, const struct sl_version *b)
{
	size_t n = a->ntrim < b->ntrim ? a->ntrim : b->ntrim;
	int r;

	for (size_t i = 0; i < n; i++)
		if ((r = sl_num_cmp(&a->rel[i], &b->rel[i])) != 0)
			return r;
	return cmp_int(a->ntrim > n, b->ntrim > n);
}

static int cmp_suffix(const struct sl_version *a, const struct sl_version *b)
{
	int r;

	if ((r = cmp_int(pre_rank(a), pre_rank(b))) != 0)
		return r;
	if (a->pre && (r = sl_num_cmp(&a->pre_n, &b->pre_n)) != 0)
		return r;
	if ((r = cmp_int(a->has_post, b->has_post)) != 0)
		return r;
	if (a->has_post && (r = sl_num_cmp(&a->post_n, &b->post_n)) != 0)
		return r;
	if ((r = cmp_int(!a->has_dev, !b->has_dev)) != 0)
		return r;
	return a->has_dev ? sl_num_cmp(&a->dev_n, &b->dev_n) : 0;
}

static int cmp_lseg(const struct sl_lseg *a, const struct sl_lseg *b)
{
	int r;

	if (a->num != b->num)
		return a->num ? 1 : -1; /* strings sort before numbers */
	if (a->num) {
		struct sl_num x = {a->p, a->n}, y = {b->p, b->n};
		return sl_num_cmp(&x, &y);
	}
	r = memcmp(a->p, b->p, a->n < b->n ? a->n : b->n);
	if (r)
		return r > 0 ? 1 : -1;
	return cmp_int(a->n > b->n, a->n < b->n);
}

static int cmp_local(const struct sl_version *a, size_t na, const struct sl_version *b)
{
	size_t n = na < b->nlocal ? na : b->nlocal;
	int r;

	for (size_t i = 0; i < n; i++)
		if ((r = cmp_lseg(&a->local[i], &b->local[i])) != 0)
			return r;
	return cmp_int(na > n, b->nlocal > n);
}

static int cmp_full(const struct sl_version *a, const struct sl_version *b, bool a_local)
{
	int r;

	if ((r = sl_num_cmp(&a->epoch, &b->epoch)) != 0)
		return r;
	if ((r = cmp_release(a, b)) != 0)
		return r;
	if ((r = cmp_suffix(a, b)) != 0)
		return r;
	return cmp_local(a, a_local ? a->nlocal : 0, b);
}

int sl_version_cmp(const struct sl_version *a, const struct sl_version *b)
{
	return cmp_full(a, b, true);
}

int sl_version_cmp_public(const struct sl_version *a, const struct sl_version *b)
{
	return cmp_full(a, b, false);
}

bool sl_version_same_base_pre(const struct sl_version *a, const struct sl_version *b)
{
	if (sl_num_cmp(&a->epoch, &b->epoch) != 0 || cmp_release(a, b) != 0 || a->pre != b->pre)
		return false;
	return !a->pre || sl_num_cmp(&a->pre_n, &b->pre_n) == 0;
}

static void add_num(struct sl_buf *b, const struct sl_num *n)
{
	sl_buf_add(b, n->p, n->n);
}

static void format_base(struct sl_buf *b, const struct sl_version *v, size_t nrel, bool bump)
{
	if (!is_zero(&v->epoch)) {
		add_num(b, &v->epoch);
		sl_buf_addch(b, '!');
	}
	for (size_t i = 0; i < nrel; i++) {
		if (i)
			sl_buf_addch(b, '.');
		if (!bump || i + 1 < nrel) {
			add_num(b, &v->rel[i]);
			continue;
		}
		/* the last component plus one, on its digit string */
		size_t start = b->len, n = v->rel[i].n;
		sl_buf_addch(b, '0');
		add_num(b, &v->rel[i]);
		char *d = b->buf + start;
		size_t k = n;
		while (d[k] == '9')
			d[k--] = '0';
		d[k]++;
		if (d[0] == '0') {
			memmove(d, d + 1, n);
			b->len--;
			b->buf[b->len] = '\0';
		}
	}
}

static void format_pre(struct sl_buf *b, const struct sl_version *v)
{
	static const char *const names[] = {"", "a", "b", "rc"};

	if (v->pre) {
		sl_buf_addstr(b, names[v->pre]);
		add_num(b, &v->pre_n);
	}
}

static void format_rest(struct sl_buf *b, const struct sl_version *v, bool local)
{
	format_pre(b, v);
	if (v->has_post) {
		sl_buf_addstr(b, ".post");
		add_num(b, &v->post_n);
	}
	if (v->has_dev) {
		sl_buf_addstr(b, ".dev");
		add_num(b, &v->dev_n);
	}
	for (size_t i = 0; local && i < v->nlocal; i++) {
		sl_buf_addch(b, i ? '.' : '+');
		sl_buf_add(b, v->local[i].p, v->local[i].n);
	}
}

void sl_version_format(struct sl_buf *b, const struct sl_version *v, bool local)
{
	format_base(b, v, v->nrel, false);
	format_rest(b, v, local);
}

void sl_version_format_trimmed(struct sl_buf *b, const struct sl_version *v)
{
	format_base(b, v, v->ntrim ? v->ntrim : 1, false);
	format_rest(b, v, true);
}

/* Appends n plus one. */
static void add_num_plus_one(struct sl_buf *b, const struct sl_num *n)
{
	struct sl_version tmp = {0};
	struct sl_num one = *n;

	tmp.epoch.p = zero_digit;
	tmp.epoch.n = 1;
	tmp.rel = &one;
	tmp.nrel = 1;
	format_base(b, &tmp, 1, true);
}

void sl_version_format_derived(struct sl_buf *b, const struct sl_version *v, size_t nrel,
			       bool bump_last, bool keep_pre, bool keep_post, bool bump_post,
			       int dev)
{
	format_base(b, v, nrel, bump_last);
	if (keep_pre)
		format_pre(b, v);
	if (keep_post && v->has_post) {
		sl_buf_addstr(b, ".post");
		if (bump_post)
			add_num_plus_one(b, &v->post_n);
		else
			add_num(b, &v->post_n);
	}
	if (dev == 0)
		sl_buf_addstr(b, ".dev0");
	else if (dev > 0 && v->has_dev) {
		sl_buf_addstr(b, ".dev");
		add_num_plus_one(b, &v->dev_n);
	}
}

char *sl_version_normalize(const struct sl_version *v)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_version_format(&b, v, true);
	return sl_buf_detach(&b, NULL);
}

char *sl_version_public(const struct sl_version *v)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_version_format(&b, v, false);
	return sl_buf_detach(&b, NULL);
}

char *sl_version_base(const struct sl_version *v)
{
	struct sl_buf b = SL_BUF_INIT;

	format_base(&b, v, v->nrel, false);
	return sl_buf_detach(&b, NULL);
}

bool sl_version_is_prerelease(const struct sl_version *v)
{
	return v->pre != SL_PRE_NONE || v->has_dev;
}

bool sl_version_is_postrelease(const struct sl_version *v)
{
	return v->has_post;
}

bool sl_version_is_devrelease(const struct sl_version *v)
{
	return v->has_dev;
}

bool sl_version_has_local(const struct sl_version *v)
{
	return v->nlocal > 0;
}

static void evr_local(struct sl_buf *b, const struct sl_version *v)
{
	for (size_t i = 0; i < v->nlocal; i++) {
		const struct sl_lseg *s = &v->local[i];
		sl_buf_addch(b, i ? '.' : '-');
		if (s->num) {
			sl_buf_add(b, s->p, s->n);
			continue;
		}
		/* one alphabetic run for rpm: digits become A-J (below a-z,
		 * as 0-9 sort below a-z in packaging's string order) */
		for (size_t k = 0; k < s->n; k++)
			sl_buf_addch(b, is_digit(s->p[k]) ? 'A' + (s->p[k] - '0') : s->p[k]);
	}
}

char *sl_version_evr_key(const struct sl_version *v)
{
	static const char *const names[] = {"", "~a", "~b", "~rc"};
	struct sl_buf b = SL_BUF_INIT;

	if (!is_zero(&v->epoch)) {
		add_num(&b, &v->epoch);
		sl_buf_addch(&b, ':');
	}
	if (v->ntrim == 0)
		sl_buf_addch(&b, '0');
	for (size_t i = 0; i < v->ntrim; i++) {
		if (i)
			sl_buf_addch(&b, '.');
		add_num(&b, &v->rel[i]);
	}
	if (v->pre) {
		sl_buf_addstr(&b, names[v->pre]);
		add_num(&b, &v->pre_n);
	}
	if (v->has_post) {
		sl_buf_addstr(&b, ".post");
		add_num(&b, &v->post_n);
	}
	if (v->has_dev) {
		sl_buf_addstr(&b, pre_rank(v) == -1 ? "~~dev" : "~dev");
		add_num(&b, &v->dev_n);
	}
	evr_local(&b, v);
	return sl_buf_detach(&b, NULL);
}

int sl_version_compare_str(const char *a, const char *b, int *out, struct sl_err *err)
{
	struct sl_version *va, *vb;
	int rc;

	if ((rc = sl_version_parse(a, &va, err)) != 0)
		return rc;
	if ((rc = sl_version_parse(b, &vb, err)) != 0) {
		sl_version_free(va);
		return rc;
	}
	*out = sl_version_cmp(va, vb);
	sl_version_free(va);
	sl_version_free(vb);
	return 0;
}
