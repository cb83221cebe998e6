/* udiff.c: unified diffs.  Common leading and trailing lines are set
 * aside, the middle is aligned by a longest-common-subsequence table
 * (bounded: files apply rewrites are small, and a change touches few
 * lines), and the edit script is cut into hunks with three lines of
 * context, as diff -u does. */
#include "spacelock/udiff.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"

struct line {
	const char *p;
	size_t n; /* with its '\n' when it has one */
};

struct lines {
	struct line *v;
	size_t n;
};

static void split(const char *s, size_t len, struct lines *out)
{
	size_t cap = 0;

	out->v = NULL;
	out->n = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (s + i)) + 1 : len - i;
		sl_xgrow((void **)&out->v, &cap, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = (struct line){s + i, n};
		i += n;
	}
}

static bool same(const struct line *a, const struct line *b)
{
	return a->n == b->n && memcmp(a->p, b->p, a->n) == 0;
}

/* One step of the edit script: ' ' (both), '-' (a only), '+' (b only). */
struct op {
	char kind;
	size_t ai, bi; /* the line in a and in b at this step */
};

static void add_op(struct op **ops, size_t *n, size_t *cap, char kind, size_t ai, size_t bi)
{
	sl_xgrow((void **)ops, cap, *n + 1, sizeof(**ops));
	(*ops)[(*n)++] = (struct op){kind, ai, bi};
}

/* The edit script of the middle a[lo..ahi) against b[lo2..bhi). */
static void middle(const struct lines *a, size_t as, size_t ae, const struct lines *b, size_t bs,
		   size_t be, struct op **ops, size_t *n, size_t *cap)
{
	size_t na = ae - as, nb = be - bs, i = 0, j = 0;
	uint32_t *t;

	if (na == 0 || nb == 0 || (na + 1) * (nb + 1) > SL_UDIFF_MAX_CELLS) {
		for (size_t k = as; k < ae; k++)
			add_op(ops, n, cap, '-', k, bs);
		for (size_t k = bs; k < be; k++)
			add_op(ops, n, cap, '+', ae, k);
		return;
	}
	/* t[i][j]: the LCS length of a[as+i..ae) and b[bs+j..be) */
	t = sl_xcalloc((na + 1) * (nb + 1), sizeof(*t));
	for (size_t x = na; x-- > 0;)
		for (size_t y = nb; y-- > 0;)
			t[x * (nb + 1) + y] =
			    same(&a->v[as + x], &b->v[bs + y])
				? t[(x + 1) * (nb + 1) + y + 1] + 1
				: (t[(x + 1) * (nb + 1) + y] > t[x * (nb + 1) + y + 1]
				       ? t[(x + 1) * (nb + 1) + y]
				       : t[x * (nb + 1) + y + 1]);
	while (i < na || j < nb) {
		if (i < na && j < nb && same(&a->v[as + i], &b->v[bs + j])) {
			add_op(ops, n, cap, ' ', as + i, bs + j);
			i++, j++;
		} else if (j >= nb ||
			   (i < na && t[(i + 1) * (nb + 1) + j] >= t[i * (nb + 1) + j + 1])) {
			add_op(ops, n, cap, '-', as + i, bs + j);
			i++;
		} else {
			add_op(ops, n, cap, '+', as + i, bs + j);
			j++;
		}
	}
	free(t);
}

static void put_line(struct sl_buf *out, char kind, const struct line *l)
{
	sl_buf_addch(out, kind);
	sl_buf_add(out, l->p, l->n);
	if (l->n == 0 || l->p[l->n - 1] != '\n')
		sl_buf_addstr(out, "\n\\ No newline at end of file\n");
}

static void range(struct sl_buf *out, char sign, size_t start, size_t count)
{
	if (count == 1)
		sl_buf_addf(out, "%c%zu", sign, start + 1);
	else
		sl_buf_addf(out, "%c%zu,%zu", sign, count ? start + 1 : start, count);
}

/* Prints ops[from..to) as one hunk. */
static void hunk(const struct lines *a, const struct lines *b, const struct op *ops, size_t from,
		 size_t to, struct sl_buf *out)
{
	size_t ac = 0, bc = 0;

	for (size_t k = from; k < to; k++) {
		ac += ops[k].kind != '+';
		bc += ops[k].kind != '-';
	}
	sl_buf_addstr(out, "@@ ");
	range(out, '-', ops[from].ai, ac);
	sl_buf_addch(out, ' ');
	range(out, '+', ops[from].bi, bc);
	sl_buf_addstr(out, " @@\n");
	for (size_t k = from; k < to; k++)
		put_line(out, ops[k].kind,
			 ops[k].kind == '+' ? &b->v[ops[k].bi] : &a->v[ops[k].ai]);
}

static void hunks(const struct lines *a, const struct lines *b, const struct op *ops, size_t n,
		  struct sl_buf *out)
{
	const size_t ctx = 3;
	size_t k = 0;

	while (k < n) {
		size_t first, last, from, to;
		while (k < n && ops[k].kind == ' ')
			k++;
		if (k == n)
			break;
		first = last = k;
		/* extend while the next change is within 2*ctx unchanged lines */
		for (size_t q = k + 1; q < n; q++) {
			if (ops[q].kind == ' ')
				continue;
			if (q - last - 1 > 2 * ctx)
				break;
			last = q;
		}
		from = first > ctx ? first - ctx : 0;
		to = last + 1 + ctx < n ? last + 1 + ctx : n;
		hunk(a, b, ops, from, to, out);
		k = last + 1;
	}
}

void sl_udiff(const char *a, size_t alen, const char *b, size_t blen, const char *label_a,
	      const char *label_b, struct sl_buf *out)
{
	struct lines la, lb;
	struct op *ops = NULL;
	size_t n = 0, cap = 0, pre = 0, suf = 0;

	if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		return;
	split(a, alen, &la);
	split(b, blen, &lb);
	while (pre < la.n && pre < lb.n && same(&la.v[pre], &lb.v[pre]))
		pre++;
	while (suf < la.n - pre && suf < lb.n - pre &&
	       same(&la.v[la.n - 1 - suf], &lb.v[lb.n - 1 - suf]))
		suf++;
	for (size_t k = 0; k < pre; k++)
		add_op(&ops, &n, &cap, ' ', k, k);
	middle(&la, pre, la.n - suf, &lb, pre, lb.n - suf, &ops, &n, &cap);
	for (size_t k = 0; k < suf; k++)
		add_op(&ops, &n, &cap, ' ', la.n - suf + k, lb.n - suf + k);
	sl_buf_addf(out, "--- %s\n+++ %s\n", label_a, label_b);
	hunks(&la, &lb, ops, n, out);
	free(ops);
	free(la.v);
	free(lb.v);
}
