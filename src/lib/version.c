/* version.c: PEP 440 versions, printed and ordered as the latest
 * pypa/packaging does (packaging.version.Version); version_scan.c reads
 * them. */
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "version_private.h"

static const char zero_digit[] = "0";

static bool is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
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

static int parse_error(const char *s, size_t len, int why, size_t col, struct sl_err *err)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_buf_addstr(&b, "invalid version ");
	add_quoted(&b, s);
	sl_buf_addstr(&b, ": ");
	sl_version_describe(&b, s, len, why, col, 0);
	sl_error(err, SL_EPARSE, "%s", b.buf);
	sl_buf_release(&b);
	return SL_EPARSE;
}

/* Parses s into room (cap bytes; 0 for the heap), or says why not. */
static int parse_in(void *room, size_t cap, const char *s, struct sl_version **out,
		    struct sl_err *err)
{
	int why;
	size_t col, len = strlen(s);
	struct sl_version *v = sl_version_scan_in(room, cap, s, len, &why, &col);

	if (!v)
		return parse_error(s, len, why, col, err);
	*out = v;
	return 0;
}

int sl_version_parse(const char *s, struct sl_version **out, struct sl_err *err)
{
	return parse_in(NULL, 0, s, out, err);
}

int sl_version_parse_in(union sl_version_room *room, const char *s, struct sl_version **out,
			struct sl_err *err)
{
	return parse_in(room, sizeof(*room), s, out, err);
}

void sl_version_room_release(union sl_version_room *room, struct sl_version *v)
{
	if ((void *)v != (void *)room)
		free(v);
}

void sl_version_free(struct sl_version *v)
{
	free(v);
}

int sl_num_cmp(const struct sl_num *a, const struct sl_num *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	/* most numbers have a digit or two: a call to memcmp costs more */
	for (size_t i = 0; i < a->n; i++)
		if (a->p[i] != b->p[i])
			return a->p[i] < b->p[i] ? -1 : 1;
	return 0;
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
	union sl_version_room ra, rb;
	struct sl_version *va, *vb;
	int rc;

	if (sl_version_quick_cmp(a, b, out))
		return 0;
	if ((rc = sl_version_parse_in(&ra, a, &va, err)) != 0)
		return rc;
	if ((rc = sl_version_parse_in(&rb, b, &vb, err)) != 0) {
		sl_version_room_release(&ra, va);
		return rc;
	}
	*out = sl_version_cmp(va, vb);
	sl_version_room_release(&ra, va);
	sl_version_room_release(&rb, vb);
	return 0;
}
