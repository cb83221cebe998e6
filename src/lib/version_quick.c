/* version_quick.c: comparing two version strings without building either
 * version (sl_version_compare_str's fast path).
 *
 * Most versions are written in the normal form packaging prints:
 *     [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]
 * For two such strings, each number fits in 64 bits and the release has at
 * most QUICK_REL components, the order needs no copy of the text, no
 * struct sl_version and no digit-by-digit compare: the numbers are read as
 * integers in one pass.  Anything else (another spelling, whitespace, a
 * long number, two local labels on the same public version, an error) is
 * left to the full scanner, so the result is always the one
 * sl_version_cmp gives; tests/unit/t_version.c compares the two on every
 * case of its tables. */
#include <stdint.h>

#include "version_private.h"

#define QUICK_REL 8
#define QUICK_DIGITS 18 /* 10^18 < 2^63: no overflow */

struct quick {
	uint64_t epoch, rel[QUICK_REL], pre_n, post_n, dev_n;
	unsigned nrel, ntrim;
	int pre; /* enum sl_pre_kind */
	bool has_post, has_dev, has_local;
};

/* Reads the digits at *pp into *out; false when there are none or too
 * many. */
static bool quick_num(const char **pp, uint64_t *out)
{
	const char *p = *pp;
	uint64_t v = 0;
	unsigned d;

	while ((d = (unsigned char)(*p - '0')) < 10) {
		v = v * 10 + d;
		p++;
	}
	if (p == *pp || p - *pp > QUICK_DIGITS)
		return false;
	*out = v;
	*pp = p;
	return true;
}

static bool quick_alnum(char c)
{
	return (unsigned char)(c - '0') < 10 || (unsigned char)((c | 0x20) - 'a') < 26;
}

/* A local label seg([._-]seg)* at p, up to the end of the string. */
static bool quick_local(const char *p)
{
	for (;;) {
		if (!quick_alnum(*p))
			return false;
		while (quick_alnum(*p))
			p++;
		if (*p == '\0')
			return true;
		if (*p != '.' && *p != '_' && *p != '-')
			return false;
		p++;
	}
}

static bool quick_release(const char **pp, struct quick *q)
{
	const char *p = *pp;

	if (!quick_num(&p, &q->rel[0]))
		return false;
	if (*p == '!') {
		q->epoch = q->rel[0];
		p++;
		if (!quick_num(&p, &q->rel[0]))
			return false;
	}
	q->nrel = 1;
	while (*p == '.' && (unsigned char)(p[1] - '0') < 10) {
		if (q->nrel == QUICK_REL)
			return false;
		p++;
		if (!quick_num(&p, &q->rel[q->nrel++]))
			return false;
	}
	q->ntrim = q->nrel;
	while (q->ntrim > 0 && q->rel[q->ntrim - 1] == 0)
		q->ntrim--;
	*pp = p;
	return true;
}

/* {a|b|rc}N, .postN, .devN, each optional, in that order. */
static bool quick_suffixes(const char **pp, struct quick *q)
{
	const char *p = *pp;

	if (p[0] == 'a' || p[0] == 'b') {
		q->pre = p[0] == 'a' ? SL_PRE_A : SL_PRE_B;
		p++;
	} else if (p[0] == 'r' && p[1] == 'c') {
		q->pre = SL_PRE_RC;
		p += 2;
	}
	if (q->pre && !quick_num(&p, &q->pre_n))
		return false;
	if (p[0] == '.' && p[1] == 'p' && p[2] == 'o' && p[3] == 's' && p[4] == 't') {
		p += 5;
		if (!quick_num(&p, &q->post_n))
			return false;
		q->has_post = true;
	}
	if (p[0] == '.' && p[1] == 'd' && p[2] == 'e' && p[3] == 'v') {
		p += 4;
		if (!quick_num(&p, &q->dev_n))
			return false;
		q->has_dev = true;
	}
	*pp = p;
	return true;
}

/* Reads s in the normal form into *q; false for anything else. */
static bool quick_read(const char *s, struct quick *q)
{
	q->epoch = q->pre_n = q->post_n = q->dev_n = 0;
	q->pre = SL_PRE_NONE;
	q->has_post = q->has_dev = q->has_local = false;
	if (!quick_release(&s, q) || !quick_suffixes(&s, q))
		return false;
	if (*s == '+') {
		q->has_local = true;
		return quick_local(s + 1);
	}
	return *s == '\0';
}

static int quick_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

/* packaging's _cmpkey without the local label, as version.c's cmp_full */
static int quick_pre_rank(const struct quick *q)
{
	if (q->pre == SL_PRE_NONE)
		return !q->has_post && q->has_dev ? -1 : 3;
	return q->pre - 1;
}

static int quick_base_cmp(const struct quick *a, const struct quick *b)
{
	unsigned n = a->ntrim < b->ntrim ? a->ntrim : b->ntrim;
	int r;

	if ((r = quick_u64(a->epoch, b->epoch)) != 0)
		return r;
	for (unsigned i = 0; i < n; i++)
		if ((r = quick_u64(a->rel[i], b->rel[i])) != 0)
			return r;
	if ((r = quick_u64(a->ntrim > n, b->ntrim > n)) != 0)
		return r;
	if ((r = quick_u64((uint64_t)(quick_pre_rank(a) + 1), (uint64_t)(quick_pre_rank(b) + 1))))
		return r;
	if (a->pre && (r = quick_u64(a->pre_n, b->pre_n)) != 0)
		return r;
	if ((r = quick_u64(a->has_post, b->has_post)) != 0)
		return r;
	if (a->has_post && (r = quick_u64(a->post_n, b->post_n)) != 0)
		return r;
	if ((r = quick_u64(!a->has_dev, !b->has_dev)) != 0)
		return r;
	return a->has_dev ? quick_u64(a->dev_n, b->dev_n) : 0;
}

bool sl_version_quick_cmp(const char *a, const char *b, int *out)
{
	struct quick qa, qb;
	int r;

	if (!quick_read(a, &qa) || !quick_read(b, &qb))
		return false;
	r = quick_base_cmp(&qa, &qb);
	if (r == 0 && qa.has_local && qb.has_local)
		return false; /* the labels decide: the full compare reads them */
	if (r == 0)
		r = (int)qa.has_local - (int)qb.has_local; /* no label sorts first */
	*out = r;
	return true;
}
