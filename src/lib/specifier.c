/* specifier.c: PEP 440 specifier sets with the semantics of the latest
 * pypa/packaging (SpecifierSet.contains, str, canonical deduplication).
 *
 * packaging 26 turns each clause into version ranges; for one version the
 * answer is "inside every clause's range", which is what match_clause
 * computes directly:
 *   ==V      public(x) == V (x == V exactly when V has a local label)
 *   ==V.*    V.dev0 <= x < (V with its last release number + 1).dev0
 *   <=V      public(x) <= V              >=V  x >= V
 *   <V       x < V if V is a pre-release, else x < V.dev0
 *   >V       x >= V.dev(N+1) if V is V'.devN; x >= V'.post(N+1).dev0 if V
 *            is V'.postN; else x > V and x is not V, V+local or V.postN
 *   ~=V      V <= x < (V without its last release number, last + 1).dev0
 *   ===S     the string, ASCII case-insensitively
 * and != is the complement of ==. */
#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/specifier.h"
#include "version_private.h"

enum op { OP_ARB, OP_CE, OP_EQ, OP_NE, OP_LE, OP_GE, OP_LT, OP_GT };

static const char *const op_names[] = {"===", "~=", "==", "!=", "<=", ">=", "<", ">"};

struct clause {
	int op;
	bool wildcard, has_local;
	char *str;	       /* op + version: the sort key and printed form */
	const char *ver;       /* the version as written (inside str), spaces removed */
	char *canon;	       /* packaging's _canonical_spec, for dedup */
	struct sl_version *v;  /* parsed version (wildcard: its prefix); NULL for === */
	struct sl_version *lo; /* derived lower bound, see match_clause */
	struct sl_version *hi; /* derived upper bound */
};

struct sl_specset {
	struct clause *c;
	size_t n;
	bool has_arbitrary;
};

static void clause_release(struct clause *c)
{
	free(c->str);
	free(c->canon);
	sl_version_free(c->v);
	sl_version_free(c->lo);
	sl_version_free(c->hi);
}

void sl_specset_free(struct sl_specset *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		clause_release(&s->c[i]);
	free(s->c);
	free(s);
}

/* Where a clause sits in the whole input, for messages. */
struct where {
	const char *all;  /* the whole set string */
	const char *item; /* start of the clause */
	size_t item_len;  /* its length (spaces trimmed) */
	struct sl_err *err;
};

static int clause_error(const struct where *w, size_t at, const char *what)
{
	struct sl_buf b = SL_BUF_INIT;
	size_t col = (size_t)(w->item - w->all) + at + 1;

	if (w->item_len > 80)
		sl_buf_addf(&b, "invalid specifier '%.77s...': ", w->item);
	else
		sl_buf_addf(&b, "invalid specifier '%.*s': ", (int)w->item_len, w->item);
	sl_buf_addf(&b, "%s at column %zu", what, col);
	sl_error(w->err, SL_EPARSE, "%s", b.buf);
	sl_buf_release(&b);
	return SL_EPARSE;
}

static int read_op(const char *p, size_t len, size_t *oplen)
{
	static const int two[] = {OP_CE, OP_EQ, OP_NE, OP_LE, OP_GE};

	if (len >= 3 && memcmp(p, "===", 3) == 0) {
		*oplen = 3;
		return OP_ARB;
	}
	for (size_t k = 0; k < sizeof(two) / sizeof(two[0]); k++) {
		if (len >= 2 && memcmp(p, op_names[two[k]], 2) == 0) {
			*oplen = 2;
			return two[k];
		}
	}
	*oplen = 1;
	if (len >= 1 && (p[0] == '<' || p[0] == '>'))
		return p[0] == '<' ? OP_LT : OP_GT;
	return -1;
}

static struct sl_version *derive(const struct sl_version *v, size_t nrel, bool bump_last, bool keep,
				 bool bump_post, int dev)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_version *d;
	int why;
	size_t col;

	sl_version_format_derived(&b, v, nrel, bump_last, keep, keep, bump_post, dev);
	d = sl_version_scan(b.buf, b.len, &why, &col);
	sl_buf_release(&b);
	if (!d) /* a derived version is always valid */
		abort();
	return d;
}

/* The bounds match_clause needs, from the parsed clause version. */
static void derive_bounds(struct clause *c)
{
	const struct sl_version *v = c->v;

	if (c->wildcard) {
		c->lo = derive(v, v->nrel, false, false, false, 0);
		c->hi = derive(v, v->nrel, true, false, false, 0);
	} else if (c->op == OP_LT && !sl_version_is_prerelease(v)) {
		c->hi = derive(v, v->nrel, false, true, false, 0);
	} else if (c->op == OP_GT && v->has_dev) {
		c->lo = derive(v, v->nrel, false, true, false, 1);
	} else if (c->op == OP_GT && v->has_post) {
		c->lo = derive(v, v->nrel, false, true, true, 0);
	} else if (c->op == OP_CE) {
		c->hi = derive(v, v->nrel - 1, true, false, false, 0);
	}
}

/* One allocation for the printed clause; ver points into it. */
static void set_text(struct clause *c, const char *p, size_t len)
{
	size_t no = strlen(op_names[c->op]);

	c->str = sl_xmalloc(no + len + 1);
	memcpy(c->str, op_names[c->op], no);
	memcpy(c->str + no, p, len);
	c->str[no + len] = '\0';
	c->ver = c->str + no;
}

static int parse_arbitrary(struct clause *c, const struct where *w, size_t at)
{
	const char *p = w->item + at;
	size_t len = w->item_len - at;

	for (size_t i = 0; i < len; i++) {
		if (p[i] == ';' || p[i] == ')' || sl_version_space_len(p + i))
			return clause_error(w, at + i,
					    "'===' takes one word without spaces, ';' or ')'");
	}
	set_text(c, p, len);
	return 0;
}

static int version_error(const struct where *w, size_t at, const char *p, size_t len, int why,
			 size_t col)
{
	struct sl_buf b = SL_BUF_INIT;
	int rc;

	sl_version_describe(&b, p, len, why, col, 0);
	/* describe ends with " at column N"; clause_error adds our own */
	char *cut = strstr(b.buf, " at column ");
	if (cut)
		*cut = '\0';
	rc = clause_error(w, at + col, b.buf);
	sl_buf_release(&b);
	return rc;
}

static int parse_version_part(struct clause *c, const struct where *w, size_t at)
{
	const char *p = w->item + at;
	size_t len = w->item_len - at;
	int why;
	size_t col;

	c->wildcard = len >= 2 && p[len - 2] == '.' && p[len - 1] == '*';
	if (c->wildcard && c->op != OP_EQ && c->op != OP_NE)
		return clause_error(w, at + len - 2, "'.*' is only allowed with '==' and '!='");
	if (c->wildcard && (len < 3 || p[len - 3] < '0' || p[len - 3] > '9'))
		return clause_error(w, at + len - 2, "'.*' must follow a release number");
	c->v = sl_version_scan(p, len - (c->wildcard ? 2 : 0), &why, &col);
	if (!c->v)
		return version_error(w, at, p, len, why, col);
	if (c->wildcard && (c->v->pre || c->v->has_post || c->v->has_dev || c->v->nlocal))
		return clause_error(
		    w, at + len - 2,
		    "'.*' must follow the release numbers (no pre, post, dev or local part)");
	c->has_local = c->v->nlocal > 0;
	if (c->has_local && c->op != OP_EQ && c->op != OP_NE)
		return clause_error(w, at + (size_t)(strchr(p, '+') - p),
				    "a local version label is only allowed with '==' and '!='");
	if (c->op == OP_CE && c->v->nrel < 2)
		return clause_error(w, at, "'~=' needs at least two release numbers");
	set_text(c, p, len);
	derive_bounds(c);
	return 0;
}

/* packaging's _canonical_spec, only needed to deduplicate. */
static void make_canon(struct clause *c)
{
	struct sl_buf b = SL_BUF_INIT;

	sl_buf_addstr(&b, op_names[c->op]);
	if (c->op == OP_ARB || c->wildcard)
		sl_buf_addstr(&b, c->ver);
	else if (c->op == OP_CE)
		sl_version_format(&b, c->v, true);
	else
		sl_version_format_trimmed(&b, c->v);
	c->canon = sl_buf_detach(&b, NULL);
}

static int parse_clause(struct clause *c, const struct where *w)
{
	size_t oplen, at;
	int rc;

	memset(c, 0, sizeof(*c));
	c->op = read_op(w->item, w->item_len, &oplen);
	if (c->op < 0)
		return clause_error(w, 0, "expected an operator (==, !=, <=, >=, <, >, ~=, ===)");
	at = oplen;
	while (at < w->item_len && sl_version_space_len(w->item + at))
		at += sl_version_space_len(w->item + at);
	if (c->op == OP_ARB)
		rc = parse_arbitrary(c, w, at);
	else if (at == w->item_len)
		rc = clause_error(w, at, "expected a version");
	else
		rc = parse_version_part(c, w, at);
	return rc;
}

static int cmp_clause_str(const void *a, const void *b)
{
	return strcmp(((const struct clause *)a)->str, ((const struct clause *)b)->str);
}

/* Sort order for finding duplicates: canonical key, then position. */
static int cmp_canon_index(const void *a, const void *b, void *base)
{
	const struct clause *c = base;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int r = strcmp(c[i].canon, c[j].canon);

	return r ? r : (i > j) - (i < j);
}

/* packaging: tuple(dict.fromkeys(sorted(specs, key=str))). */
static void sort_and_dedup(struct sl_specset *s)
{
	size_t *idx, kept = 0;
	bool *dup;

	if (s->n < 2)
		return;
	qsort(s->c, s->n, sizeof(s->c[0]), cmp_clause_str);
	idx = sl_xmalloc(s->n * sizeof(*idx));
	dup = sl_xcalloc(s->n, sizeof(*dup));
	for (size_t i = 0; i < s->n; i++) {
		idx[i] = i;
		make_canon(&s->c[i]);
	}
	qsort_r(idx, s->n, sizeof(*idx), cmp_canon_index, s->c);
	for (size_t k = 1; k < s->n; k++)
		dup[idx[k]] = strcmp(s->c[idx[k]].canon, s->c[idx[k - 1]].canon) == 0;
	for (size_t i = 0; i < s->n; i++) {
		if (dup[i])
			clause_release(&s->c[i]);
		else
			s->c[kept++] = s->c[i];
	}
	s->n = kept;
	free(idx);
	free(dup);
}

/* Trims Python whitespace from both ends of [*p, *p + *len). */
static void trim(const char **p, size_t *len)
{
	size_t n;

	while (*len && (n = sl_version_space_len(*p)) > 0 && n <= *len) {
		*p += n;
		*len -= n;
	}
	for (;;) {
		size_t k = *len, hit = 0;
		unsigned char last = k ? (unsigned char)(*p)[k - 1] : 0;
		if (!k || (last > ' ' && last < 0x80)) /* the common case */
			break;
		for (size_t back = 1; back <= 3 && back <= k; back++) {
			n = sl_version_space_len(*p + k - back);
			if (n == back)
				hit = back;
		}
		if (!hit)
			break;
		*len -= hit;
	}
}

int sl_specset_parse(const char *s, struct sl_specset **out, struct sl_err *err)
{
	struct sl_specset *set = sl_xcalloc(1, sizeof(*set));
	size_t cap = 0;
	const char *p = s;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		const char *item = p;
		trim(&item, &len);
		if (len > 0) {
			struct where w = {s, item, len, err};
			sl_xgrow((void **)&set->c, &cap, set->n + 1, sizeof(set->c[0]));
			if (parse_clause(&set->c[set->n], &w) != 0) {
				clause_release(&set->c[set->n]);
				sl_specset_free(set);
				return SL_EPARSE;
			}
			set->has_arbitrary |= set->c[set->n].op == OP_ARB;
			set->n++;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	sort_and_dedup(set);
	*out = set;
	return 0;
}

static bool ascii_caseeq(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a;
		int y = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;
		if (x != y)
			return false;
		if (!x)
			return true;
	}
}

static bool match_eq(const struct clause *c, const struct sl_version *x)
{
	if (c->wildcard)
		return sl_version_cmp(x, c->lo) >= 0 && sl_version_cmp(x, c->hi) < 0;
	if (c->has_local)
		return sl_version_cmp(x, c->v) == 0;
	return sl_version_cmp_public(x, c->v) == 0;
}

/* x is the parsed version (NULL when it is not PEP 440), text what '==='
 * compares with. */
static bool match_clause(const struct clause *c, const struct sl_version *x, const char *text)
{
	if (c->op == OP_ARB)
		return ascii_caseeq(text, c->ver);
	if (!x)
		return false;
	switch (c->op) {
	case OP_EQ: return match_eq(c, x);
	case OP_NE: return !match_eq(c, x);
	case OP_LE: return sl_version_cmp_public(x, c->v) <= 0;
	case OP_GE: return sl_version_cmp(x, c->v) >= 0;
	case OP_LT: return sl_version_cmp(x, c->hi ? c->hi : c->v) < 0;
	case OP_GT:
		if (c->lo)
			return sl_version_cmp(x, c->lo) >= 0;
		return sl_version_cmp(x, c->v) > 0 && !sl_version_same_base_pre(x, c->v);
	default: /* OP_CE */ return sl_version_cmp(x, c->v) >= 0 && sl_version_cmp(x, c->hi) < 0;
	}
}

static bool contains(const struct sl_specset *s, const struct sl_version *x, const char *text,
		     enum sl_prerelease_mode mode)
{
	for (size_t i = 0; i < s->n; i++)
		if (!match_clause(&s->c[i], x, text))
			return false;
	return !(mode == SL_PRE_EXCLUDE && x && sl_version_is_prerelease(x));
}

bool sl_specset_contains(const struct sl_specset *s, const struct sl_version *v,
			 enum sl_prerelease_mode mode)
{
	char *text = s->has_arbitrary ? sl_version_normalize(v) : NULL;
	bool r = contains(s, v, text, mode);

	free(text);
	return r;
}

int sl_specset_contains_str(const struct sl_specset *s, const char *version,
			    enum sl_prerelease_mode mode, bool *out, struct sl_err *err)
{
	union sl_version_room room;
	struct sl_version *x = NULL;
	int rc = sl_version_parse_in(&room, version, &x, err);

	if (rc != 0 && !s->has_arbitrary)
		return rc;
	*out = contains(s, x, version, mode);
	sl_version_room_release(&room, x);
	return 0;
}

char *sl_specset_to_string(const struct sl_specset *s)
{
	struct sl_buf b = SL_BUF_INIT;

	for (size_t i = 0; i < s->n; i++) {
		if (i)
			sl_buf_addch(&b, ',');
		sl_buf_addstr(&b, s->c[i].str);
	}
	return sl_buf_detach(&b, NULL);
}

size_t sl_specset_count(const struct sl_specset *s)
{
	return s->n;
}

const char *sl_specset_op(const struct sl_specset *s, size_t i)
{
	return i < s->n ? op_names[s->c[i].op] : NULL;
}

const char *sl_specset_version(const struct sl_specset *s, size_t i)
{
	return i < s->n ? s->c[i].ver : NULL;
}

const char *sl_specset_exact_pin(const struct sl_specset *s)
{
	const char *pin = NULL;
	size_t found = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct clause *c = &s->c[i];
		if ((c->op == OP_EQ && !c->wildcard) || c->op == OP_ARB) {
			pin = c->ver;
			found++;
		}
	}
	return found == 1 ? pin : NULL;
}

int sl_prerelease_mode_parse(const char *s, enum sl_prerelease_mode *out, struct sl_err *err)
{
	if (strcmp(s, "default") == 0)
		*out = SL_PRE_DEFAULT;
	else if (strcmp(s, "true") == 0)
		*out = SL_PRE_INCLUDE;
	else if (strcmp(s, "false") == 0)
		*out = SL_PRE_EXCLUDE;
	else
		return sl_error(err, SL_EINVAL,
				"invalid pre-release mode '%s': use default, true or false", s);
	return 0;
}
