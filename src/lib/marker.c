/* marker.c: PEP 508 environment markers: the recursive-descent parser of
 * packaging's _parser.py, the normal form of str(Marker) and evaluation
 * as markers.py does it (see marker.h for the rules). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "pep508_private.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/specifier.h"
#include "spacelock/version.h"

/* Python recurses per parenthesis level; we bound it instead. */
#define MAX_DEPTH 300

enum mop { OP_LT, OP_LE, OP_EQ, OP_NE, OP_GE, OP_GT, OP_COMPAT, OP_ARBITRARY, OP_IN, OP_NOT_IN };

static const char *const op_names[] = {
    "<", "<=", "==", "!=", ">=", ">", "~=", "===", "in", "not in"};

struct operand {
	int var;	   /* an enum pep508_var, or -1 for a quoted value */
	const char *value; /* the decoded value when var < 0 (in the arena) */
};

/* A node is a list (packaging's MarkerList: atoms joined by and/or, from
 * the top level or a parenthesis) or a comparison (a MarkerItem tuple). */
struct mnode {
	bool is_list;
	struct operand lhs, rhs;
	enum mop op;
	struct mitem *items;
	size_t n;
};

struct mitem {
	struct mnode *node;
	bool is_or; /* "or" (else "and") joins the previous item and this one */
};

/* Every node and value of a marker lives in one arena, freed at once. */
struct chunk {
	struct chunk *next;
	size_t used, cap;
	max_align_t data[];
};

struct sl_marker {
	struct mnode *root;
	struct chunk *arena;
};

static void *arena_alloc(struct chunk **arena, size_t n)
{
	struct chunk *c = *arena;
	size_t align = sizeof(max_align_t), cap;
	void *p;

	n = (n + align - 1) / align * align;
	if (!c || c->cap - c->used < n) {
		cap = n > 512 ? n : 512;
		c = sl_xmalloc(sizeof(*c) + cap);
		c->next = *arena;
		c->used = 0;
		c->cap = cap;
		*arena = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

static const char *arena_strndup(struct chunk **arena, const char *s, size_t n)
{
	char *p = arena_alloc(arena, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void arena_free(struct chunk *c)
{
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
}

void sl_marker_free(struct sl_marker *m)
{
	if (!m)
		return;
	arena_free(m->arena);
	free(m);
}

/* ---- parsing ------------------------------------------------------------ */

struct mparse {
	struct pep508_lex *lx;
	struct chunk *arena;
	struct sl_buf tmp; /* scratch for decoding values */
	struct sl_err *err;
};

static int parse_list(struct mparse *mp, int depth, struct mnode **out);

/* marker_var = VARIABLE | QUOTED_STRING */
static int parse_var(struct mparse *mp, struct operand *o)
{
	struct pep508_lex *lx = mp->lx;
	size_t n, start = lx->pos;

	if ((o->var = pep508_variable(lx, &n)) >= 0) {
		lx->pos += n;
		return 0;
	}
	if (!pep508_check(lx, TOK_QUOTED, &n))
		return pep508_error(lx, mp->err, start, start,
				    "expected a marker variable or quoted string");
	lx->pos += n;
	sl_buf_reset(&mp->tmp);
	if (!pep508_unquote(lx->src + start, n, &mp->tmp))
		return pep508_error(lx, mp->err, start, start + n, "invalid quoted string");
	o->value = arena_strndup(&mp->arena, mp->tmp.buf, mp->tmp.len);
	return 0;
}

/* marker_op = IN | NOT WS IN | OP */
static int parse_op(struct pep508_lex *lx, enum mop *op, struct sl_err *err)
{
	size_t n;
	int rc;

	if (pep508_accept(lx, TOK_IN)) {
		*op = OP_IN;
		return 0;
	}
	if (pep508_accept(lx, TOK_NOT)) {
		if ((rc = pep508_expect(lx, TOK_WS, "whitespace after 'not'", err)) < 0 ||
		    (rc = pep508_expect(lx, TOK_IN, "'in' after 'not'", err)) < 0)
			return rc;
		*op = OP_NOT_IN;
		return 0;
	}
	if (!pep508_check(lx, TOK_OP, &n))
		return pep508_error(
		    lx, err, lx->pos, lx->pos,
		    "expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, "
		    "in, not in");
	for (int i = OP_LT; i <= OP_ARBITRARY; i++)
		if (strlen(op_names[i]) == n && memcmp(op_names[i], lx->src + lx->pos, n) == 0)
			*op = (enum mop)i;
	lx->pos += n;
	return 0;
}

static void canonicalize_value(struct mparse *mp, struct operand *o)
{
	sl_buf_reset(&mp->tmp);
	sl_name_canonical_buf(o->value, strlen(o->value), &mp->tmp);
	o->value = arena_strndup(&mp->arena, mp->tmp.buf, mp->tmp.len);
}

/* packaging's _normalize_extras: the literal compared with `extra`, or
 * tested for membership in extras/dependency_groups, is PEP 685-normalised. */
static void normalize_extra(struct mparse *mp, struct mnode *nd)
{
	if (nd->lhs.var == VAR_EXTRA && nd->rhs.var < 0)
		canonicalize_value(mp, &nd->rhs);
	else if (nd->rhs.var == VAR_EXTRA && nd->lhs.var < 0)
		canonicalize_value(mp, &nd->lhs);
	else if (nd->rhs.var >= VAR_FIRST_SET && nd->lhs.var < 0)
		canonicalize_value(mp, &nd->lhs);
}

/* marker_item = WS? marker_var WS? marker_op WS? marker_var WS? */
static int parse_item(struct mparse *mp, struct mnode **out)
{
	struct mnode *nd = arena_alloc(&mp->arena, sizeof(*nd));
	int rc;

	memset(nd, 0, sizeof(*nd));
	pep508_accept(mp->lx, TOK_WS);
	if ((rc = parse_var(mp, &nd->lhs)) < 0)
		return rc;
	pep508_accept(mp->lx, TOK_WS);
	if ((rc = parse_op(mp->lx, &nd->op, mp->err)) < 0)
		return rc;
	pep508_accept(mp->lx, TOK_WS);
	if ((rc = parse_var(mp, &nd->rhs)) < 0)
		return rc;
	pep508_accept(mp->lx, TOK_WS);
	normalize_extra(mp, nd);
	*out = nd;
	return 0;
}

/* marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS? */
static int parse_atom(struct mparse *mp, int depth, struct mnode **out)
{
	struct pep508_lex *lx = mp->lx;
	size_t n, open;
	int rc;

	pep508_accept(lx, TOK_WS);
	if (!pep508_check(lx, TOK_LPAREN, &n)) {
		rc = parse_item(mp, out);
		pep508_accept(lx, TOK_WS);
		return rc;
	}
	if (depth >= MAX_DEPTH)
		return pep508_error(lx, mp->err, lx->pos, lx->pos, "parentheses nested too deeply");
	open = lx->pos++;
	pep508_accept(lx, TOK_WS);
	if ((rc = parse_list(mp, depth + 1, out)) < 0)
		return rc;
	pep508_accept(lx, TOK_WS);
	if (!pep508_accept(lx, TOK_RPAREN))
		return pep508_error(lx, mp->err, open, lx->pos,
				    "expected matching ')' for '(', after marker expression");
	pep508_accept(lx, TOK_WS);
	return 0;
}

static void list_push(struct mparse *mp, struct mnode *list, struct mnode *item, bool is_or,
		      size_t *cap)
{
	if (list->n == *cap) {
		struct mitem *grown;
		*cap = *cap ? *cap * 2 : 2;
		grown = arena_alloc(&mp->arena, *cap * sizeof(*grown));
		if (list->n)
			memcpy(grown, list->items, list->n * sizeof(*grown));
		list->items = grown;
	}
	list->items[list->n].node = item;
	list->items[list->n++].is_or = is_or;
}

/* marker = marker_atom (BOOLOP marker_atom)* */
static int parse_list(struct mparse *mp, int depth, struct mnode **out)
{
	struct mnode *list = arena_alloc(&mp->arena, sizeof(*list)), *item;
	size_t cap = 0, n;
	bool is_or = false;
	int rc;

	memset(list, 0, sizeof(*list));
	list->is_list = true;
	for (;;) {
		if ((rc = parse_atom(mp, depth, &item)) < 0)
			return rc;
		list_push(mp, list, item, is_or, &cap);
		if (!pep508_check(mp->lx, TOK_BOOLOP, &n))
			break;
		is_or = n == 2;
		mp->lx->pos += n;
	}
	*out = list;
	return 0;
}

int pep508_parse_marker(struct pep508_lex *lx, struct sl_marker **out, struct sl_err *err)
{
	struct mparse mp = {.lx = lx, .err = err};
	struct mnode *root;
	int rc;

	sl_buf_init(&mp.tmp);
	rc = parse_list(&mp, 0, &root);
	sl_buf_release(&mp.tmp);
	if (rc < 0) {
		arena_free(mp.arena);
		return rc;
	}
	*out = sl_xmalloc(sizeof(**out));
	(*out)->root = root;
	(*out)->arena = mp.arena;
	return 0;
}

int sl_marker_parse(const char *s, struct sl_marker **out, struct sl_err *err)
{
	struct pep508_lex lx;
	struct sl_marker *m;
	int rc;

	if ((rc = pep508_lex_init(&lx, s, "marker", err)) < 0)
		return rc;
	if ((rc = pep508_parse_marker(&lx, &m, err)) < 0)
		return rc;
	if ((rc = pep508_expect(&lx, TOK_END, "end of marker expression", err)) < 0) {
		sl_marker_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

/* ---- the normal form ---------------------------------------------------- */

static bool format_operand(const struct operand *o, struct sl_buf *b)
{
	char q = '"';

	if (o->var >= 0) {
		sl_buf_addstr(b, pep508_var_name((enum pep508_var)o->var));
		return true;
	}
	if (strstr(o->value, PEP508_NUL))
		return false; /* a NUL has no place in a C string */
	if (strchr(o->value, '"')) {
		if (strchr(o->value, '\''))
			return false;
		q = '\'';
	}
	sl_buf_addch(b, q);
	sl_buf_addstr(b, o->value);
	sl_buf_addch(b, q);
	return true;
}

/* packaging's _format_marker: lists in parentheses except at the top, a
 * list of one atom unwrapped. */
static bool format_node(const struct mnode *nd, bool first, struct sl_buf *b)
{
	if (nd->is_list && nd->n == 1)
		return format_node(nd->items[0].node, first, b);
	if (!nd->is_list) {
		if (!format_operand(&nd->lhs, b))
			return false;
		sl_buf_addf(b, " %s ", op_names[nd->op]);
		return format_operand(&nd->rhs, b);
	}
	if (!first)
		sl_buf_addch(b, '(');
	for (size_t i = 0; i < nd->n; i++) {
		if (i > 0)
			sl_buf_addstr(b, nd->items[i].is_or ? " or " : " and ");
		if (!format_node(nd->items[i].node, false, b))
			return false;
	}
	if (!first)
		sl_buf_addch(b, ')');
	return true;
}

char *sl_marker_to_string(const struct sl_marker *m)
{
	struct sl_buf b = SL_BUF_INIT;

	if (!format_node(m->root, true, &b)) {
		sl_buf_release(&b);
		return NULL;
	}
	return sl_buf_detach(&b, NULL);
}

static bool node_uses_extra(const struct mnode *nd)
{
	for (size_t i = 0; i < nd->n; i++)
		if (node_uses_extra(nd->items[i].node))
			return true;
	return !nd->is_list && (nd->lhs.var == VAR_EXTRA || nd->rhs.var == VAR_EXTRA);
}

bool sl_marker_uses_extra(const struct sl_marker *m)
{
	return node_uses_extra(m->root);
}

/* ---- evaluation --------------------------------------------------------- */

struct eval_ctx {
	const struct sl_env *env;
	char *extra;	    /* normalised value of `extra` */
	char *full_version; /* python_full_version, repaired as packaging does */
};

static bool is_version_var(int v)
{
	return v == VAR_PYTHON_VERSION || v == VAR_PYTHON_FULL_VERSION ||
	       v == VAR_IMPLEMENTATION_VERSION || v == VAR_PLATFORM_RELEASE;
}

/* The string value of variable v, or NULL when it is set-valued. */
static const char *env_str(const struct eval_ctx *ctx, int v)
{
	if (v == VAR_EXTRA)
		return ctx->extra;
	if (v == VAR_PYTHON_FULL_VERSION)
		return ctx->full_version;
	return v < VAR_FIRST_SET ? ctx->env->str[v] : NULL;
}

static const struct env_set *env_set_of(const struct eval_ctx *ctx, int v)
{
	return &ctx->env->set[v - VAR_FIRST_SET];
}

static bool ascii_caseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* A copy of s without Python-whitespace at either end (str.strip()). */
static char *py_strip(const char *s)
{
	size_t n = strlen(s), start = 0, end = 0, i, k;

	while (start < n && (k = pep508_space_len(s + start, n - start)) > 0)
		start += k;
	for (i = start; i < n;) {
		if ((k = pep508_space_len(s + i, n - i)) > 0) {
			i += k;
			continue;
		}
		for (i++; i < n && ((unsigned char)s[i] & 0xc0) == 0x80; i++)
			;
		end = i;
	}
	return sl_xstrndup(s + start, end > start ? end - start : 0);
}

/* Specifier(op + rhs).contains(lhs, prereleases=True) when op + rhs is a
 * valid specifier; returns 1 (matched), 0 (not) or -1 (not a specifier:
 * the caller falls back to string comparison). */
static int version_match(enum mop op, const char *lhs, const char *rhs)
{
	char small[128], *text = small, *v_text;
	size_t olen = strlen(op_names[op]), rlen = strlen(rhs);
	struct sl_specset *spec = NULL;
	struct sl_version *v = NULL;
	int r = -1;

	if (olen + rlen >= sizeof(small))
		text = sl_xmalloc(olen + rlen + 1);
	memcpy(text, op_names[op], olen);
	memcpy(text + olen, rhs, rlen + 1);
	if (!pep508_is_specifier(text, olen + rlen)) {
		r = -1;
	} else if (op == OP_ARBITRARY) {
		/* === compares the raw strings, case-insensitively */
		v_text = py_strip(rhs);
		r = ascii_caseeq(lhs, v_text);
		free(v_text);
	} else if (sl_specset_parse(text, &spec, NULL) == 0) {
		r = sl_version_parse(lhs, &v, NULL) == 0 &&
		    sl_specset_contains(spec, v, SL_PRE_INCLUDE);
		sl_version_free(v);
		sl_specset_free(spec);
	}
	if (text != small)
		free(text);
	return r;
}

static bool set_has(const struct env_set *s, const char *lhs)
{
	bool found = false;

	for (size_t i = 0; i < s->n && !found; i++) {
		char *c = sl_name_canonical(s->items[i]);
		found = strcmp(c, lhs) == 0;
		free(c);
	}
	return found;
}

/* packaging's _eval_op on normalised operands; rhs_set when the right side
 * is extras or dependency_groups. */
static int eval_op(enum mop op, const char *lhs, const char *rhs, const struct env_set *rhs_set,
		   int key, bool *out, struct sl_err *err)
{
	int vm = is_version_var(key) && op != OP_IN && op != OP_NOT_IN ? version_match(op, lhs, rhs)
								       : -1;

	if (vm >= 0) {
		*out = vm == 1;
		return 0;
	}
	switch (op) {
	case OP_IN: *out = rhs_set ? set_has(rhs_set, lhs) : strstr(rhs, lhs) != NULL; return 0;
	case OP_NOT_IN:
		*out = rhs_set ? !set_has(rhs_set, lhs) : strstr(rhs, lhs) == NULL;
		return 0;
	case OP_LT:
	case OP_GT: *out = false; return 0;
	case OP_LE:
	case OP_EQ:
	case OP_GE: *out = !rhs_set && strcmp(lhs, rhs) == 0; return 0;
	case OP_NE: *out = rhs_set || strcmp(lhs, rhs) != 0; return 0;
	case OP_COMPAT:
	case OP_ARBITRARY: break;
	}
	return sl_error(err, SL_EINVAL, "undefined comparison '%s' on '%s' and '%s'", op_names[op],
			lhs, rhs_set ? pep508_var_name((enum pep508_var)key) : rhs);
}

static int undefined(int key, const char *name, struct sl_err *err)
{
	return sl_error(err, SL_EINVAL, "undefined environment name '%s'",
			key >= 0 ? pep508_var_name((enum pep508_var)key) : name);
}

static const char *operand_text(const struct operand *o)
{
	return o->var >= 0 ? pep508_var_name((enum pep508_var)o->var) : o->value;
}

/* One comparison, as packaging's _evaluate_markers does it: the variable
 * on the left if there is one, else the right-hand text names the key. */
static int eval_cmp(const struct mnode *nd, const struct eval_ctx *ctx, bool *out,
		    struct sl_err *err)
{
	const struct env_set *rhs_set = NULL;
	const char *lhs, *rhs, *name;
	char *canon = NULL;
	int key, rc;

	if (nd->lhs.var >= 0) {
		key = nd->lhs.var;
		if (key >= VAR_FIRST_SET && !env_set_of(ctx, key)->defined)
			return undefined(key, NULL, err);
		if (key >= VAR_FIRST_SET)
			return sl_error(
			    err, SL_EINVAL,
			    "set-valued marker '%s' can only be used with the membership "
			    "form (e.g. \"<name>\" in %s), not on the left of '%s'",
			    pep508_var_name((enum pep508_var)key),
			    pep508_var_name((enum pep508_var)key), op_names[nd->op]);
		lhs = env_str(ctx, key);
		rhs = operand_text(&nd->rhs);
	} else {
		lhs = nd->lhs.value;
		name = operand_text(&nd->rhs);
		key = pep508_var_lookup(name, strlen(name));
		if (key < 0 || (key >= VAR_FIRST_SET && !env_set_of(ctx, key)->defined))
			return undefined(key, name, err);
		rhs = env_str(ctx, key);
		if (key >= VAR_FIRST_SET) {
			rhs_set = env_set_of(ctx, key);
			rhs = "";
			lhs = canon = sl_name_canonical(lhs);
		}
	}
	rc = eval_op(nd->op, lhs, rhs, rhs_set, key, out, err);
	free(canon);
	return rc;
}

/* packaging's groups: and binds tighter than or; every atom is evaluated. */
static int eval_node(const struct mnode *nd, const struct eval_ctx *ctx, bool *out,
		     struct sl_err *err)
{
	bool any = false, all = true, v;
	int rc;

	if (!nd->is_list)
		return eval_cmp(nd, ctx, out, err);
	for (size_t i = 0; i < nd->n; i++) {
		if (i > 0 && nd->items[i].is_or) {
			any = any || all;
			all = true;
		}
		if ((rc = eval_node(nd->items[i].node, ctx, &v, err)) < 0)
			return rc;
		all = all && v;
	}
	*out = any || all;
	return 0;
}

int sl_marker_eval(const struct sl_marker *m, const struct sl_env *env, const char *extra,
		   bool *out, struct sl_err *err)
{
	struct eval_ctx ctx = {.env = env};
	const char *full = env->str[VAR_PYTHON_FULL_VERSION];
	size_t n = strlen(full);
	bool result;
	int rc;

	if (!extra)
		extra = env->str[VAR_EXTRA];
	ctx.extra = sl_name_canonical(extra);
	/* packaging repairs untagged builds' "3.11.1+" into a valid version */
	ctx.full_version =
	    n && full[n - 1] == '+' ? sl_xasprintf("%slocal", full) : sl_xstrdup(full);
	rc = eval_node(m->root, &ctx, &result, err);
	free(ctx.extra);
	free(ctx.full_version);
	if (rc == 0)
		*out = result;
	return rc;
}
