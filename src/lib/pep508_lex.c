/* pep508_lex.c: the PEP 508 tokenizer, a C rendering of the regular
 * expressions in packaging's _tokenizer.py and Specifier._regex.
 *
 * Each matcher answers "does token T match at position p, and how long
 * is it", as Python's re.match does: alternatives are tried in order and
 * the first that succeeds wins; \b is a boundary between a word character
 * and a non-word one.  Python's word characters and whitespace are
 * Unicode classes; outside ASCII they are approximated (see is_word). */
#include <stdio.h>
#include <string.h>

#include "pep508_private.h"
#include "spacelock/buf.h"
#include "spacelock/textenc.h"

#define NOMATCH ((size_t)-1)

/* ---- UTF-8 ------------------------------------------------------------ */

/* Decodes the code point at s[0..n); the input is known to be valid. */
static unsigned long cp_at(const char *s, size_t n, size_t *clen)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp;
	size_t k;

	if (n == 0) {
		*clen = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*clen = 1;
		return u[0];
	}
	k = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : 2;
	if (k > n)
		k = n;
	cp = u[0] & (0x7f >> k);
	for (size_t i = 1; i < k; i++)
		cp = (cp << 6) | (u[i] & 0x3f);
	*clen = k;
	return cp;
}

static void add_utf8(struct sl_buf *b, unsigned long cp)
{
	char o[4];
	size_t n;

	if (cp < 0x80) {
		o[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		o[0] = (char)(0xf0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	sl_buf_add(b, o, n);
}

/* ---- character classes ------------------------------------------------ */

static bool is_space_cp(unsigned long cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 ||
	       cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

size_t pep508_space_len(const char *s, size_t len)
{
	size_t k;
	unsigned long cp = cp_at(s, len, &k);

	return k && is_space_cp(cp) ? k : 0;
}

static bool is_ascii_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Python's \w: letters, digits and '_'.  Outside ASCII, letters are
 * assumed except for whitespace and the common punctuation blocks. */
static bool is_word(unsigned long cp)
{
	if (cp < 0x80)
		return is_ascii_alnum((int)cp) || cp == '_';
	if (is_space_cp(cp))
		return false;
	if (cp < 0xc0)
		return cp == 0xaa || cp == 0xb2 || cp == 0xb3 || cp == 0xb5 || cp == 0xb9 ||
		       cp == 0xba || (cp >= 0xbc && cp <= 0xbe);
	if (cp == 0xd7 || cp == 0xf7)
		return false;
	if ((cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x20a0 && cp <= 0x20ff) ||
	    (cp >= 0x2190 && cp <= 0x2bff) || (cp >= 0x2e00 && cp <= 0x2e7f) ||
	    (cp >= 0x3000 && cp <= 0x3003) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0x1f000 && cp <= 0x1faff))
		return false;
	return true;
}

static bool word_before(const struct pep508_lex *lx, size_t p)
{
	size_t start = p, k;

	if (p == 0)
		return false;
	start--;
	while (start > 0 && ((unsigned char)lx->src[start] & 0xc0) == 0x80)
		start--;
	return is_word(cp_at(lx->src + start, lx->len - start, &k));
}

static bool word_at(const struct pep508_lex *lx, size_t p)
{
	size_t k;

	return p < lx->len && is_word(cp_at(lx->src + p, lx->len - p, &k));
}

static bool boundary(const struct pep508_lex *lx, size_t p)
{
	return word_before(lx, p) != word_at(lx, p);
}

/* ---- the Specifier regex ---------------------------------------------- */

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive literal w at s[p..n): the position after it, or NOMATCH. */
static size_t lit_ci(const char *s, size_t n, size_t p, const char *w)
{
	size_t k;

	if (p >= n || lower(s[p]) != w[0])
		return NOMATCH;
	k = strlen(w);

	if (n - p < k)
		return NOMATCH;
	for (size_t i = 0; i < k; i++)
		if (lower(s[p + i]) != w[i])
			return NOMATCH;
	return p + k;
}

static size_t digits(const char *s, size_t n, size_t p)
{
	while (p < n && is_digit(s[p]))
		p++;
	return p;
}

static size_t spaces(const char *s, size_t n, size_t p)
{
	size_t k;

	while (p < n) {
		unsigned char c = (unsigned char)s[p];
		if (c == ' ' || (c >= 0x09 && c <= 0x0d))
			p++;
		else if (c >= 0x1c && (k = pep508_space_len(s + p, n - p)) > 0)
			p += k;
		else
			break;
	}
	return p;
}

static bool is_sep(char c)
{
	return c == '-' || c == '_' || c == '.';
}

static size_t opt_sep(const char *s, size_t n, size_t p)
{
	return p < n && is_sep(s[p]) ? p + 1 : p;
}

/* One of words (in order) after an optional separator, then an optional
 * separator and digits: the shape of pre, post and dev segments. */
static size_t segment(const char *s, size_t n, size_t p, const char *const *words)
{
	size_t q = opt_sep(s, n, p), r = NOMATCH;

	for (size_t i = 0; words[i] && r == NOMATCH; i++)
		r = lit_ci(s, n, q, words[i]);
	if (r == NOMATCH)
		return p;
	return digits(s, n, opt_sep(s, n, r));
}

static size_t pre_post_dev(const char *s, size_t n, size_t p)
{
	static const char *const pre[] = {"alpha", "beta", "preview", "pre", "a",
					  "b",	   "c",	   "rc",      NULL};
	static const char *const post[] = {"post", "rev", "r", NULL};
	static const char *const dev[] = {"dev", NULL};

	p = segment(s, n, p, pre);
	if (p + 1 < n && s[p] == '-' && is_digit(s[p + 1]))
		p = digits(s, n, p + 1);
	else
		p = segment(s, n, p, post);
	return segment(s, n, p, dev);
}

static size_t local_label(const char *s, size_t n, size_t p, bool any_case)
{
	size_t q;

	if (p >= n || s[p] != '+')
		return p;
	q = p + 1;
#define LABEL_CH(c) (any_case ? is_ascii_alnum(c) : (is_digit(c) || ((c) >= 'a' && (c) <= 'z')))
	if (q >= n || !LABEL_CH(s[q]))
		return p;
	while (q < n && LABEL_CH(s[q]))
		q++;
	while (q + 1 < n && is_sep(s[q]) && LABEL_CH(s[q + 1])) {
		q++;
		while (q < n && LABEL_CH(s[q]))
			q++;
	}
#undef LABEL_CH
	return q;
}

/* v? epoch? release: the position after, or NOMATCH. */
static size_t version_head(const char *s, size_t n, size_t p, int min_parts)
{
	size_t q;
	int parts = 1;

	if (p < n && lower(s[p]) == 'v')
		p++;
	q = digits(s, n, p);
	/* the epoch is optional: "9!" without a release after it backtracks */
	if (q > p && q + 1 < n && s[q] == '!' && is_digit(s[q + 1]))
		p = q + 1;
	q = digits(s, n, p);
	if (q == p)
		return NOMATCH;
	while (q + 1 < n && s[q] == '.' && is_digit(s[q + 1])) {
		q = digits(s, n, q + 1);
		parts++;
	}
	return parts >= min_parts ? q : NOMATCH;
}

static size_t arbitrary(const char *s, size_t n, size_t p)
{
	size_t k;

	while (p < n && s[p] != ';' && s[p] != ')' && pep508_space_len(s + p, n - p) == 0) {
		cp_at(s + p, n - p, &k);
		p += k;
	}
	return p;
}

/* packaging's Specifier._specifier_regex_str matched at s[0..n): the
 * length of the match, or 0 when none. */
static size_t spec_match(const char *s, size_t n)
{
	size_t p;

	if (n < 2)
		return 0;
	if (n >= 3 && s[0] == '=' && s[1] == '=' && s[2] == '=')
		return arbitrary(s, n, spaces(s, n, 3));
	if ((s[0] == '=' || s[0] == '!') && s[1] == '=') {
		p = version_head(s, n, spaces(s, n, 2), 1);
		if (p == NOMATCH)
			return 0;
		if (p + 1 < n && s[p] == '.' && s[p + 1] == '*')
			return p + 2;
		return local_label(s, n, pre_post_dev(s, n, p), true);
	}
	if (s[0] == '~' && s[1] == '=') {
		p = version_head(s, n, spaces(s, n, 2), 2);
		return p == NOMATCH ? 0 : pre_post_dev(s, n, p);
	}
	if (s[0] == '<' || s[0] == '>') {
		p = s[1] == '=' ? 2 : 1;
		p = version_head(s, n, spaces(s, n, p), 1);
		return p == NOMATCH ? 0 : pre_post_dev(s, n, p);
	}
	return 0;
}

bool pep508_is_specifier(const char *s, size_t n)
{
	size_t m = spec_match(s, n);

	return m > 0 && spaces(s, n, m) == n;
}

/* ---- tokens ------------------------------------------------------------- */

/* A keyword w of k bytes between word boundaries at p: k, or 0. */
static size_t keyword_n(const struct pep508_lex *lx, size_t p, const char *w, size_t k)
{
	if (lx->len - p < k || memcmp(lx->src + p, w, k) != 0)
		return 0;
	return boundary(lx, p) && boundary(lx, p + k) ? k : 0;
}

#define keyword(lx, p, w) keyword_n(lx, p, w, sizeof(w) - 1)

/* The variable token at p: its length (0 if none) and, in *var, the
 * enum pep508_var it names. */
static size_t variable(const struct pep508_lex *lx, size_t p, int *var)
{
#define V(name, v)                                                                                 \
	{                                                                                          \
		name, sizeof(name) - 1, v                                                          \
	}
	static const struct {
		const char *name;
		size_t len;
		int var;
	} names[] = {
	    V("python_version", VAR_PYTHON_VERSION),
	    V("python_full_version", VAR_PYTHON_FULL_VERSION),
	    V("os_name", VAR_OS_NAME),
	    V("os.name", VAR_OS_NAME),
	    V("sys_platform", VAR_SYS_PLATFORM),
	    V("sys.platform", VAR_SYS_PLATFORM),
	    V("platform_release", VAR_PLATFORM_RELEASE),
	    V("platform_system", VAR_PLATFORM_SYSTEM),
	    V("platform_version", VAR_PLATFORM_VERSION),
	    V("platform.version", VAR_PLATFORM_VERSION),
	    V("platform_machine", VAR_PLATFORM_MACHINE),
	    V("platform.machine", VAR_PLATFORM_MACHINE),
	    V("platform_python_implementation", VAR_PLATFORM_PYTHON_IMPLEMENTATION),
	    V("platform.python_implementation", VAR_PLATFORM_PYTHON_IMPLEMENTATION),
	    V("python_implementation", VAR_PLATFORM_PYTHON_IMPLEMENTATION),
	    V("implementation_name", VAR_IMPLEMENTATION_NAME),
	    V("implementation_version", VAR_IMPLEMENTATION_VERSION),
	    V("extras", VAR_EXTRAS),
	    V("extra", VAR_EXTRA),
	    V("dependency_groups", VAR_DEPENDENCY_GROUPS),
	};
#undef V
	const char *s = lx->src + p;
	size_t k, rest = lx->len - p;

	if (rest < 5 || (s[0] != 'p' && s[0] != 'o' && s[0] != 's' && s[0] != 'i' && s[0] != 'e' &&
			 s[0] != 'd'))
		return 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].name[0] != s[0] || names[i].len > rest ||
		    names[i].name[names[i].len - 1] != s[names[i].len - 1])
			continue;
		if ((k = keyword_n(lx, p, names[i].name, names[i].len)) > 0) {
			*var = names[i].var;
			return k;
		}
	}
	return 0;
}

int pep508_variable(const struct pep508_lex *lx, size_t *n)
{
	int var = -1;

	*n = variable(lx, lx->pos, &var);
	return *n ? var : -1;
}

static size_t identifier(const struct pep508_lex *lx, size_t p)
{
	const char *s = lx->src;
	size_t e = p + 1;

	if (p >= lx->len || !is_ascii_alnum(s[p]) || !boundary(lx, p))
		return 0;
	while (e < lx->len && (is_ascii_alnum(s[e]) || is_sep(s[e])))
		e++;
	while (e > p + 1 && !boundary(lx, e))
		e--;
	return boundary(lx, e) ? e - p : 0;
}

static size_t quoted(const struct pep508_lex *lx, size_t p)
{
	const char *close;

	if (p >= lx->len || (lx->src[p] != '\'' && lx->src[p] != '"'))
		return 0;
	close = memchr(lx->src + p + 1, lx->src[p], lx->len - p - 1);
	return close ? (size_t)(close - (lx->src + p)) + 1 : 0;
}

static size_t op(const struct pep508_lex *lx, size_t p)
{
	const char *s = lx->src + p;
	size_t rest = lx->len - p;

	if (rest >= 2 && s[1] == '=' &&
	    (s[0] == '=' || s[0] == '~' || s[0] == '!' || s[0] == '<' || s[0] == '>'))
		return rest >= 3 && s[0] == '=' && s[2] == '=' ? 3 : 2;
	return rest >= 1 && (s[0] == '<' || s[0] == '>') ? 1 : 0;
}

static size_t span_of(const char *s, size_t n, size_t p, const char *reject)
{
	size_t q = p;

	while (q < n && !strchr(reject, s[q]))
		q++;
	return q - p;
}

static size_t single(const struct pep508_lex *lx, size_t p, char c)
{
	return p < lx->len && lx->src[p] == c ? 1 : 0;
}

bool pep508_check(const struct pep508_lex *lx, enum pep508_tok t, size_t *n)
{
	const char *s = lx->src + lx->pos;
	size_t p = lx->pos, rest = lx->len - lx->pos, k = 0;

	switch (t) {
	case TOK_LPAREN: k = single(lx, p, '('); break;
	case TOK_RPAREN: k = single(lx, p, ')'); break;
	case TOK_LBRACKET: k = single(lx, p, '['); break;
	case TOK_RBRACKET: k = single(lx, p, ']'); break;
	case TOK_SEMICOLON: k = single(lx, p, ';'); break;
	case TOK_COMMA: k = single(lx, p, ','); break;
	case TOK_AT: k = single(lx, p, '@'); break;
	case TOK_QUOTED: k = quoted(lx, p); break;
	case TOK_OP: k = op(lx, p); break;
	case TOK_BOOLOP: k = keyword(lx, p, "or") ? 2 : keyword(lx, p, "and") ? 3 : 0; break;
	case TOK_IN: k = keyword(lx, p, "in"); break;
	case TOK_NOT: k = keyword(lx, p, "not"); break;
	case TOK_VARIABLE: k = variable(lx, p, &(int){0}); break;
	case TOK_SPECIFIER: k = spec_match(s, rest); break;
	case TOK_URL: k = span_of(s, rest, 0, " \t"); break;
	case TOK_IDENTIFIER: k = identifier(lx, p); break;
	case TOK_PREFIX_TRAIL: k = rest >= 2 && s[0] == '.' && s[1] == '*' ? 2 : 0; break;
	case TOK_LOCAL_TRAIL: k = local_label(s, rest, 0, false); break;
	case TOK_WS:
		while (k < rest && (s[k] == ' ' || s[k] == '\t'))
			k++;
		break;
	case TOK_END: *n = 0; return rest == 0;
	}
	*n = k;
	return k > 0;
}

bool pep508_accept(struct pep508_lex *lx, enum pep508_tok t)
{
	size_t n;

	if (!pep508_check(lx, t, &n))
		return false;
	lx->pos += n;
	return true;
}

int pep508_expect(struct pep508_lex *lx, enum pep508_tok t, const char *expected,
		  struct sl_err *err)
{
	char msg[160];

	if (pep508_accept(lx, t))
		return 0;
	snprintf(msg, sizeof(msg), "expected %s", expected);
	return pep508_error(lx, err, lx->pos, lx->pos, msg);
}

/* ---- errors ------------------------------------------------------------- */

/* 1-based column of byte offset p, counted in code points as Python does. */
static size_t column(const struct pep508_lex *lx, size_t p)
{
	size_t col = 1;

	for (size_t i = 0; i < p && i < lx->len; i++)
		if (((unsigned char)lx->src[i] & 0xc0) != 0x80)
			col++;
	return col;
}

int pep508_error(const struct pep508_lex *lx, struct sl_err *err, size_t start, size_t end,
		 const char *msg)
{
	enum { ECHO_MAX = 120 };
	size_t shown = lx->len;
	const char *dots = "";
	char where[64];

	if (shown > ECHO_MAX) {
		shown = ECHO_MAX - 3;
		while (shown > 0 && ((unsigned char)lx->src[shown] & 0xc0) == 0x80)
			shown--;
		dots = "...";
	}
	if (start == PEP508_NOWHERE)
		return sl_error(err, SL_EPARSE, "invalid %s '%.*s%s': %s", lx->what, (int)shown,
				lx->src, dots, msg);
	if (end > start)
		snprintf(where, sizeof(where), "columns %zu-%zu", column(lx, start),
			 column(lx, end) - 1);
	else
		snprintf(where, sizeof(where), "column %zu", column(lx, end));
	return sl_error(err, SL_EPARSE, "invalid %s '%.*s%s': %s at %s", lx->what, (int)shown,
			lx->src, dots, msg, where);
}

int pep508_lex_init(struct pep508_lex *lx, const char *s, const char *what, struct sl_err *err)
{
	lx->src = s;
	lx->len = strlen(s);
	lx->pos = 0;
	lx->what = what;
	if (!sl_utf8_valid(s, lx->len))
		return sl_error(err, SL_EPARSE, "invalid %s: not valid UTF-8", what);
	return 0;
}

/* ---- Python string literals --------------------------------------------- */

static int hexval(char c)
{
	if (is_digit(c))
		return c - '0';
	c = lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* \xhh, \uhhhh, \Uhhhhhhhh: exactly k hex digits at s[*i..n). */
static bool hex_escape(const char *s, size_t n, size_t *i, size_t k, unsigned long *cp)
{
	*cp = 0;
	if (n - *i < k)
		return false;
	for (size_t j = 0; j < k; j++) {
		int h = hexval(s[*i + j]);
		if (h < 0)
			return false;
		*cp = (*cp << 4) | (unsigned long)h;
	}
	*i += k;
	return true;
}

/* One escape after a backslash at s[*i] (the character after it). */
static bool escape(const char *s, size_t n, size_t *i, struct sl_buf *out)
{
	static const char simple_in[] = "\\'\"abfnrtv", simple_out[] = "\\'\"\a\b\f\n\r\t\v";
	char c = s[(*i)++];
	const char *hit = strchr(simple_in, c);
	unsigned long cp = 0;

	if (c == '\n')
		return true;
	if (c == '\r') {
		if (*i < n && s[*i] == '\n')
			(*i)++;
		return true;
	}
	if (c && hit) {
		sl_buf_addch(out, simple_out[hit - simple_in]);
		return true;
	}
	if (c >= '0' && c <= '7') {
		cp = (unsigned long)(c - '0');
		for (int j = 0; j < 2 && *i < n && s[*i] >= '0' && s[*i] <= '7'; j++)
			cp = cp * 8 + (unsigned long)(s[(*i)++] - '0');
	} else if (c == 'x' || c == 'u' || c == 'U') {
		if (!hex_escape(s, n, i, c == 'x' ? 2 : c == 'u' ? 4 : 8, &cp))
			return false;
	} else if (c == 'N') {
		return false;
	} else {
		sl_buf_addch(out, '\\');
		(*i)--;
		return true;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return false;
	if (cp == 0)
		sl_buf_add(out, PEP508_NUL, 2);
	else
		add_utf8(out, cp);
	return true;
}

bool pep508_unquote(const char *tok, size_t len, struct sl_buf *out)
{
	const char *s = tok + 1;
	size_t n = len - 2, i = 0;

	while (i < n) {
		char c = s[i];
		if (c == '\n' || c == '\r')
			return false;
		if (c != '\\') {
			sl_buf_addch(out, c);
			i++;
			continue;
		}
		if (++i >= n)
			return false; /* the backslash escapes the closing quote */
		if (!escape(s, n, &i, out))
			return false;
	}
	return true;
}
