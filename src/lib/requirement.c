/* requirement.c: PEP 508 dependency specifiers, parsed as packaging's
 * _parser.parse_requirement and Requirement() do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pep508_private.h"
#include "spacelock/buf.h"
#include "spacelock/jsonw.h"
#include "spacelock/mem.h"
#include "spacelock/requirement.h"
#include "spacelock/specifier.h"

struct parsed {
	char *name;
	char **extras;
	size_t nextras, cap;
	struct sl_buf spec; /* clause texts joined by ',' as written */
	char *url;
	struct sl_marker *marker;
};

static void parsed_release(struct parsed *p)
{
	free(p->name);
	for (size_t i = 0; i < p->nextras; i++)
		free(p->extras[i]);
	free(p->extras);
	sl_buf_release(&p->spec);
	free(p->url);
	sl_marker_free(p->marker);
}

static char *token_dup(const struct pep508_lex *lx, size_t start)
{
	return sl_xstrndup(lx->src + start, lx->pos - start);
}

static void add_extra(struct parsed *p, char *extra)
{
	if (p->nextras == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4;
		p->extras = sl_xrealloc(p->extras, p->cap * sizeof(char *));
	}
	p->extras[p->nextras++] = extra;
}

/* extras_list = identifier (wsp* ',' wsp* identifier)* */
static int parse_extras_list(struct pep508_lex *lx, struct parsed *p, struct sl_err *err)
{
	size_t n, start = lx->pos;
	int rc;

	if (!pep508_accept(lx, TOK_IDENTIFIER))
		return 0;
	add_extra(p, token_dup(lx, start));
	for (;;) {
		pep508_accept(lx, TOK_WS);
		if (pep508_check(lx, TOK_IDENTIFIER, &n))
			return pep508_error(lx, err, lx->pos, lx->pos,
					    "expected comma between extra names");
		if (!pep508_accept(lx, TOK_COMMA))
			return 0;
		pep508_accept(lx, TOK_WS);
		start = lx->pos;
		if ((rc = pep508_expect(lx, TOK_IDENTIFIER, "extra name after comma", err)) < 0)
			return rc;
		add_extra(p, token_dup(lx, start));
	}
}

/* extras = ('[' wsp* extras_list? wsp* ']')? */
static int parse_extras(struct pep508_lex *lx, struct parsed *p, struct sl_err *err)
{
	size_t open = lx->pos;
	int rc;

	if (!pep508_accept(lx, TOK_LBRACKET))
		return 0;
	pep508_accept(lx, TOK_WS);
	if ((rc = parse_extras_list(lx, p, err)) < 0)
		return rc;
	pep508_accept(lx, TOK_WS);
	if (!pep508_accept(lx, TOK_RBRACKET))
		return pep508_error(lx, err, open, lx->pos,
				    "expected matching ']' for '[', after extras");
	return 0;
}

/* A clause followed by ".*" or "+local" that its operator cannot take. */
static int bad_trail(struct pep508_lex *lx, size_t start, struct sl_err *err)
{
	const char *clause = lx->src + start;
	size_t n;

	if (pep508_check(lx, TOK_PREFIX_TRAIL, &n)) {
		bool eq = strncmp(clause, "!=", 2) == 0 ||
			  (strncmp(clause, "==", 2) == 0 && strncmp(clause, "===", 3) != 0);
		return pep508_error(lx, err, start, lx->pos + 1,
				    eq ? ".* suffix cannot be used with pre-release, post-release, "
					 "dev or local versions"
				       : ".* suffix can only be used with `==` or `!=` operators");
	}
	if (pep508_check(lx, TOK_LOCAL_TRAIL, &n))
		return pep508_error(lx, err, start, lx->pos,
				    "local version label can only be used with `==` or `!=` "
				    "operators");
	return 0;
}

/* version_many = (SPECIFIER (WS? ',' WS? SPECIFIER)*)? */
static int parse_version_many(struct pep508_lex *lx, struct parsed *p, struct sl_err *err)
{
	size_t n, start;
	int rc;

	while (pep508_check(lx, TOK_SPECIFIER, &n)) {
		start = lx->pos;
		sl_buf_add(&p->spec, lx->src + start, n);
		lx->pos += n;
		if ((rc = bad_trail(lx, start, err)) < 0)
			return rc;
		pep508_accept(lx, TOK_WS);
		if (!pep508_accept(lx, TOK_COMMA))
			break;
		sl_buf_addch(&p->spec, ',');
		pep508_accept(lx, TOK_WS);
	}
	return 0;
}

/* specifier = '(' WS? version_many WS? ')' | WS? version_many WS? */
static int parse_specifier(struct pep508_lex *lx, struct parsed *p, struct sl_err *err)
{
	size_t open = lx->pos;
	bool paren = pep508_accept(lx, TOK_LPAREN);
	int rc;

	pep508_accept(lx, TOK_WS);
	if ((rc = parse_version_many(lx, p, err)) < 0)
		return rc;
	pep508_accept(lx, TOK_WS);
	if (paren && !pep508_accept(lx, TOK_RPAREN))
		return pep508_error(lx, err, open, lx->pos,
				    "expected matching ')' for '(', after version specifier");
	return 0;
}

/* requirement_marker = ';' marker WS? */
static int parse_req_marker(struct pep508_lex *lx, struct parsed *p, size_t span_start,
			    const char *expected, struct sl_err *err)
{
	char msg[160];
	int rc;

	if (!pep508_accept(lx, TOK_SEMICOLON)) {
		snprintf(msg, sizeof(msg), "expected %s or end", expected);
		return pep508_error(lx, err, span_start, lx->pos, msg);
	}
	if ((rc = pep508_parse_marker(lx, &p->marker, err)) < 0)
		return rc;
	pep508_accept(lx, TOK_WS);
	return 0;
}

/* requirement_details = '@' URL (WS requirement_marker?)?
 *                     | specifier WS? requirement_marker? */
static int parse_details(struct pep508_lex *lx, struct parsed *p, struct sl_err *err)
{
	size_t n, start;
	int rc;

	if (pep508_accept(lx, TOK_AT)) {
		pep508_accept(lx, TOK_WS);
		start = lx->pos;
		if ((rc = pep508_expect(lx, TOK_URL, "URL after @", err)) < 0)
			return rc;
		p->url = token_dup(lx, start);
		if (pep508_check(lx, TOK_END, &n))
			return 0;
		if ((rc = pep508_expect(lx, TOK_WS, "whitespace after URL", err)) < 0)
			return rc;
		if (pep508_check(lx, TOK_END, &n))
			return 0;
		return parse_req_marker(lx, p, start, "semicolon (after URL and whitespace)", err);
	}
	start = lx->pos;
	if ((rc = parse_specifier(lx, p, err)) < 0)
		return rc;
	pep508_accept(lx, TOK_WS);
	if (pep508_check(lx, TOK_END, &n))
		return 0;
	return parse_req_marker(lx, p, start,
				p->spec.len ? "comma (within version specifier), semicolon (after "
					      "version specifier)"
					    : "semicolon (after name with no version specifier)",
				err);
}

static int parse_all(struct pep508_lex *lx, struct parsed *p, struct sl_err *err)
{
	size_t start;
	int rc;

	pep508_accept(lx, TOK_WS);
	start = lx->pos;
	if ((rc = pep508_expect(lx, TOK_IDENTIFIER,
				"package name at the start of dependency specifier", err)) < 0)
		return rc;
	p->name = token_dup(lx, start);
	pep508_accept(lx, TOK_WS);
	if ((rc = parse_extras(lx, p, err)) < 0)
		return rc;
	pep508_accept(lx, TOK_WS);
	if ((rc = parse_details(lx, p, err)) < 0)
		return rc;
	return pep508_expect(lx, TOK_END, "end of dependency specifier", err);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Moves the parsed parts into a requirement: extras sorted and
 * deduplicated (packaging keeps a set), the specifier parsed as a set. */
static int build(struct pep508_lex *lx, struct parsed *p, struct sl_requirement **out,
		 struct sl_err *err)
{
	struct sl_requirement *r;
	struct sl_specset *spec;
	struct sl_err serr;
	size_t k = 0;

	if (sl_specset_parse(p->spec.buf, &spec, &serr) < 0) {
		/* its column counts in the joined clauses, not in our input */
		char *at = strstr(serr.msg, " at column ");
		if (at)
			*at = '\0';
		return pep508_error(lx, err, PEP508_NOWHERE, PEP508_NOWHERE, serr.msg);
	}
	r = sl_xcalloc(1, sizeof(*r));
	if (p->nextras > 1)
		qsort(p->extras, p->nextras, sizeof(char *), cmp_str);
	for (size_t i = 0; i < p->nextras; i++) {
		if (k > 0 && strcmp(p->extras[k - 1], p->extras[i]) == 0)
			free(p->extras[i]);
		else
			p->extras[k++] = p->extras[i];
	}
	r->name = p->name;
	r->extras = p->extras;
	r->nextras = k;
	r->spec = spec;
	r->url = p->url;
	r->marker = p->marker;
	sl_buf_release(&p->spec);
	memset(p, 0, sizeof(*p));
	*out = r;
	return 0;
}

int sl_requirement_parse(const char *s, struct sl_requirement **out, struct sl_err *err)
{
	struct pep508_lex lx;
	struct parsed p = {0};
	int rc;

	if ((rc = pep508_lex_init(&lx, s, "requirement", err)) < 0)
		return rc;
	sl_buf_init(&p.spec);
	rc = parse_all(&lx, &p, err);
	if (rc == 0)
		rc = build(&lx, &p, out, err);
	parsed_release(&p);
	return rc;
}

void sl_requirement_free(struct sl_requirement *r)
{
	if (!r)
		return;
	free(r->name);
	for (size_t i = 0; i < r->nextras; i++)
		free(r->extras[i]);
	free(r->extras);
	sl_specset_free(r->spec);
	free(r->url);
	sl_marker_free(r->marker);
	free(r);
}

char *sl_requirement_to_json(const struct sl_requirement *r)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jsonw w;
	char *spec = sl_specset_to_string(r->spec);
	char *marker = r->marker ? sl_marker_to_string(r->marker) : NULL;

	if (r->marker && !marker) {
		free(spec);
		return NULL;
	}
	sl_jsonw_init(&w, &b);
	sl_jsonw_object_begin(&w);
	sl_jsonw_field_string(&w, "name", r->name);
	sl_jsonw_field_strings(&w, "extras", r->extras, r->nextras);
	sl_jsonw_field_string(&w, "specifier", spec);
	sl_jsonw_field_string(&w, "url", r->url);
	sl_jsonw_field_string(&w, "marker", marker);
	sl_jsonw_object_end(&w);
	free(spec);
	free(marker);
	return sl_buf_detach(&b, NULL);
}

char *sl_requirement_to_string(const struct sl_requirement *r)
{
	struct sl_buf b = SL_BUF_INIT;
	char *spec = sl_specset_to_string(r->spec);
	char *marker = r->marker ? sl_marker_to_string(r->marker) : NULL;

	if (r->marker && !marker) {
		free(spec);
		return NULL;
	}
	sl_buf_addstr(&b, r->name);
	if (r->nextras) {
		sl_buf_addch(&b, '[');
		for (size_t i = 0; i < r->nextras; i++)
			sl_buf_addf(&b, "%s%s", i ? "," : "", r->extras[i]);
		sl_buf_addch(&b, ']');
	}
	sl_buf_addstr(&b, spec);
	if (r->url)
		sl_buf_addf(&b, " @ %s%s", r->url, marker ? " " : "");
	if (marker)
		sl_buf_addf(&b, "; %s", marker);
	free(spec);
	free(marker);
	return sl_buf_detach(&b, NULL);
}

void sl_requirement_add_unmarked(struct sl_buf *b, const char *req)
{
	const char *semi = strchr(req, ';');
	size_t n = semi ? (size_t)(semi - req) : strlen(req);

	while (n && req[n - 1] == ' ')
		n--;
	sl_buf_add(b, req, n);
}
