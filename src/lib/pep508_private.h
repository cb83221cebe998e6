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
#include "spacelock/marker.h"

enum pep508_tok {
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_LBRACKET,
	TOK_RBRACKET,
	TOK_SEMICOLON,
	TOK_COMMA,
	TOK_QUOTED, /* '...' or "..." */
	TOK_OP,	    /* === == ~= != <= >= < > */
	TOK_BOOLOP, /* and, or */
	TOK_IN,
	TOK_NOT,
	TOK_VARIABLE,
	TOK_SPECIFIER, /* one PEP 440 clause, packaging's Specifier regex */
	TOK_AT,
	TOK_URL,	/* [^ \t]+ */
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
 * '<src>': <msg> at column N" (or "at columns S-E" for a span, no location
 * for PEP508_NOWHERE).  Returns SL_EPARSE. */
#define PEP508_NOWHERE ((size_t)-1)
int pep508_error(const struct pep508_lex *lx, struct sl_err *err, size_t start, size_t end,
		 const char *msg);

/* Decodes a quoted-string token (quotes included) as Python's
 * ast.literal_eval would, appending the value to out.  Returns false for
 * what Python rejects, and for \N{...} (no Unicode name table here) and
 * lone surrogates.  A NUL from an escape is stored as PEP508_NUL (the
 * overlong form, which valid input never contains) so values stay C
 * strings and compare as Python would. */
#define PEP508_NUL "\xc0\x80"
bool pep508_unquote(const char *tok, size_t len, struct sl_buf *out);

/* True when the n bytes at s are one valid PEP 440 specifier by
 * packaging's Specifier regex (\s* around it allowed). */
bool pep508_is_specifier(const char *s, size_t n);

/* Length of Python \s whitespace at s (0 if none). */
size_t pep508_space_len(const char *s, size_t len);

/* ---- markers (marker.c, marker_env.c) ---------------------------------- */

enum pep508_var {
	VAR_PYTHON_VERSION,
	VAR_PYTHON_FULL_VERSION,
	VAR_OS_NAME,
	VAR_SYS_PLATFORM,
	VAR_PLATFORM_RELEASE,
	VAR_PLATFORM_SYSTEM,
	VAR_PLATFORM_VERSION,
	VAR_PLATFORM_MACHINE,
	VAR_PLATFORM_PYTHON_IMPLEMENTATION,
	VAR_IMPLEMENTATION_NAME,
	VAR_IMPLEMENTATION_VERSION,
	VAR_EXTRA,
	VAR_EXTRAS, /* set-valued from here on */
	VAR_DEPENDENCY_GROUPS,
	VAR_COUNT,
};
#define VAR_FIRST_SET VAR_EXTRAS

struct env_set {
	bool defined;
	char **items;
	size_t n;
};

struct sl_env {
	char *str[VAR_FIRST_SET];		       /* string variables, never NULL */
	struct env_set set[VAR_COUNT - VAR_FIRST_SET]; /* extras, dependency_groups */
};

/* The canonical name of a variable ("os_name"). */
const char *pep508_var_name(enum pep508_var v);

/* The variable named exactly name (canonical names only), or -1. */
int pep508_var_lookup(const char *name, size_t len);

/* A variable token as written ("os.name", "python_implementation") to its
 * variable, or -1. */
int pep508_var_from_token(const char *tok, size_t len);

/* The variable token at the lexer's position: the enum pep508_var it
 * names (aliases resolved), with its length in *n; -1 and *n 0 if none. */
int pep508_variable(const struct pep508_lex *lx, size_t *n);

/* packaging's _parse_marker at the lexer's position (the caller checks
 * what follows); extra values are normalised as packaging does. */
int pep508_parse_marker(struct pep508_lex *lx, struct sl_marker **out, struct sl_err *err);

#endif
