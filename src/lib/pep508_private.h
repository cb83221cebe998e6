/* pep508_private.h: the tokenizer shared by the marker and requirement
 * parsers.  It mirrors packaging's _tokenizer.py: each token kind is
 * matched at the current position exactly as the Python regex would
 * (prefix match, first alternative, \b word boundaries). */
#ifndef SPACELOCK_PEP508_PRIVATE_H
#define SPACELOCK_PEP508_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "spacelock/buf.h"
#include "spacelock/error.h"

enum pep508_tok {
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_LBRACKET,
	TOK_RBRACKET,
	TOK_SEMICOLON,
	TOK_COMMA,
	TOK_QUOTED,     /* '...' or "..." */
	TOK_OP,         /* === == ~= != <= >= < > */
	TOK_BOOLOP,     /* and, or */
	TOK_IN,
	TOK_NOT,
	TOK_VARIABLE,
	TOK_SPECIFIER,  /* one PEP 440 clause, packaging's Specifier regex */
	TOK_AT,
	TOK_URL,        /* [^ \t]+ */
	TOK_IDENTIFIER, /* \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b */
	TOK_PREFIX_TRAIL,
	TOK_LOCAL_TRAIL,
	TOK_WS, /* [ \t]+ */
	TOK_END,
};

struct pep508_lex {
	const char *src;
	size_t len;
	size_t pos;
	const char *what; /* "requirement" or "marker", for messages */
};

/* Starts a lexer over s; SL_EPARSE if s is not valid UTF-8. */
int pep508_lex_init(struct pep508_lex *lx, const char *s, const char *what, struct sl_err *err);

/* True when token t matches at the current position; *n gets its length
 * (0 for TOK_END).  Nothing is consumed. */
bool pep508_check(const struct pep508_lex *lx, enum pep508_tok t, size_t *n);

/* Consumes token t if it is next; returns whether it did. */
bool pep508_accept(struct pep508_lex *lx, enum pep508_tok t);

/* Consumes token t or fails with "expected <expected>". */
int pep508_expect(struct pep508_lex *lx, enum pep508_tok t, const char *expected,
		  struct sl_err *err);

/* Records a syntax error over [start, end) of the source: "invalid <what>
 * '<src>': <msg> at column N" (or "at columns S-E" for a span).
 * Returns SL_EPARSE. */
int pep508_error(const struct pep508_lex *lx, struct sl_err *err, size_t start, size_t end,
		 const char *msg);

/* Decodes a quoted-string token (quotes included) as Python's
 * ast.literal_eval would, appending the value to out.  Returns false for
 * what Python rejects (and for \N{...}, NUL and lone surrogates, which a
 * C string cannot carry faithfully). */
bool pep508_unquote(const char *tok, size_t len, struct sl_buf *out);

/* True when op+value (value of vlen bytes) is one valid PEP 440 specifier
 * by packaging's Specifier regex (\s* around it allowed). */
bool pep508_is_specifier(const char *op, const char *value, size_t vlen);

/* Length of Python \s whitespace at s (0 if none). */
size_t pep508_space_len(const char *s, size_t len);

#endif
