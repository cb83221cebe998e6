/* reqfile_opts.c: the options part of a requirements-file line, read as
 * pip reads it: shlex.split() (POSIX quoting), then optparse with pip's
 * requirements-file options (long option abbreviations, --opt=value,
 * -xVALUE), the checks pip's option callbacks make, and the options pip
 * accepts but ignores on a given kind of line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reqfile_private.h"
#include "spacelock/mem.h"

enum opt_scope { SCOPE_GLOBAL, SCOPE_REQ, SCOPE_ANY_REQ };

struct reqfile_optdef {
	const char *spelling; /* a long option as optparse knows it */
	const char *canon;    /* what we report */
	char shrt;
	bool value;
	enum opt_scope scope; /* REQ: --hash (requirement lines); ANY_REQ: also editables */
};

/* pip's SUPPORTED_OPTIONS + SUPPORTED_OPTIONS_REQ (latest pip). */
static const struct reqfile_optdef OPTS[] = {
    {"--index-url", "--index-url", 'i', true, SCOPE_GLOBAL},
    {"--pypi-url", "--index-url", 0, true, SCOPE_GLOBAL},
    {"--extra-index-url", "--extra-index-url", 0, true, SCOPE_GLOBAL},
    {"--no-index", "--no-index", 0, false, SCOPE_GLOBAL},
    {"--constraint", "--constraint", 'c', true, SCOPE_GLOBAL},
    {"--requirement", "--requirement", 'r', true, SCOPE_GLOBAL},
    {"--editable", "--editable", 'e', true, SCOPE_GLOBAL},
    {"--find-links", "--find-links", 'f', true, SCOPE_GLOBAL},
    {"--no-binary", "--no-binary", 0, true, SCOPE_GLOBAL},
    {"--only-binary", "--only-binary", 0, true, SCOPE_GLOBAL},
    {"--prefer-binary", "--prefer-binary", 0, false, SCOPE_GLOBAL},
    {"--require-hashes", "--require-hashes", 0, false, SCOPE_GLOBAL},
    {"--no-require-hashes", "--no-require-hashes", 0, false, SCOPE_GLOBAL},
    {"--pre", "--pre", 0, false, SCOPE_GLOBAL},
    {"--all-releases", "--all-releases", 0, true, SCOPE_GLOBAL},
    {"--only-final", "--only-final", 0, true, SCOPE_GLOBAL},
    {"--trusted-host", "--trusted-host", 0, true, SCOPE_GLOBAL},
    {"--use-feature", "--use-feature", 0, true, SCOPE_GLOBAL},
    {"--hash", "--hash", 0, true, SCOPE_REQ},
    {"--config-settings", "--config-settings", 'C', true, SCOPE_ANY_REQ},
};
#define NOPTS (sizeof(OPTS) / sizeof(OPTS[0]))

void reqfile_warn(struct sl_reqfile_entry *e, const char *msg)
{
	if (!e->warning)
		e->warning = sl_xstrdup(msg);
}

void reqfile_warnf(struct sl_reqfile_entry *e, char *owned)
{
	if (!e->warning)
		e->warning = owned;
	else
		free(owned);
}

static bool shell_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* shlex.split(s) in POSIX mode (comments off), words with positions. */
const char *reqfile_shlex(const char *s, size_t len, size_t base, struct reqfile_words *out)
{
	size_t i = 0;
	struct sl_buf b = SL_BUF_INIT;

	for (;;) {
		struct reqfile_word *w;
		size_t start;
		bool verbatim = true;

		while (i < len && shell_space(s[i]))
			i++;
		if (i >= len)
			break;
		start = i;
		sl_buf_reset(&b);
		while (i < len && !shell_space(s[i])) {
			char c = s[i];
			if (c == '\\') {
				if (i + 1 >= len) {
					sl_buf_release(&b);
					return "no escaped character";
				}
				sl_buf_addch(&b, s[i + 1]);
				i += 2, verbatim = false;
			} else if (c == '\'' || c == '"') {
				verbatim = false;
				for (i++; i < len && s[i] != c; i++) {
					if (c == '"' && s[i] == '\\' && i + 1 < len &&
					    (s[i + 1] == '"' || s[i + 1] == '\\'))
						i++;
					sl_buf_addch(&b, s[i]);
				}
				if (i >= len) {
					sl_buf_release(&b);
					return "no closing quotation";
				}
				i++;
			} else {
				sl_buf_addch(&b, c);
				i++;
			}
		}
		sl_xgrow((void **)&out->v, &out->cap, out->n + 1, sizeof(*out->v));
		w = &out->v[out->n++];
		w->val = sl_xstrndup(b.buf, b.len);
		w->start = base + start;
		w->end = base + i;
		w->verbatim = verbatim;
	}
	sl_buf_release(&b);
	return NULL;
}

/* optparse's _match_abbrev: an exact long option or a unique prefix. */
static const struct reqfile_optdef *match_long(const char *opt, size_t n, char **why)
{
	const struct reqfile_optdef *hit = NULL;
	int hits = 0;

	for (size_t k = 0; k < NOPTS; k++) {
		if (strlen(OPTS[k].spelling) == n && memcmp(OPTS[k].spelling, opt, n) == 0)
			return &OPTS[k];
	}
	for (size_t k = 0; k < NOPTS; k++) {
		if (strncmp(OPTS[k].spelling, opt, n) == 0 && strlen(OPTS[k].spelling) > n)
			hit = &OPTS[k], hits++;
	}
	if (hits == 1)
		return hit;
	*why = sl_xasprintf(hits ? "ambiguous option: %.*s" : "no such option: %.*s", (int)n, opt);
	return NULL;
}

static const struct reqfile_optdef *match_short(char c)
{
	for (size_t k = 0; k < NOPTS; k++) {
		if (OPTS[k].shrt == c)
			return &OPTS[k];
	}
	return NULL;
}

/* The checks pip's option callbacks make (parser.error there). */
static char *check_value(const struct reqfile_optdef *d, const char *v)
{
	if (strcmp(d->canon, "--hash") == 0) {
		const char *colon = strchr(v, ':');
		size_t n = colon ? (size_t)(colon - v) : 0;
		if (!colon)
			return sl_xasprintf("arguments to --hash must be a hash name followed by a "
					    "value, like --hash=sha256:abcde...");
		if (!((n == 6 && (memcmp(v, "sha256", 6) == 0 || memcmp(v, "sha384", 6) == 0 ||
				  memcmp(v, "sha512", 6) == 0))))
			return sl_xasprintf("allowed hash algorithms for --hash are sha256, "
					    "sha384, sha512");
	} else if (strcmp(d->canon, "--config-settings") == 0 && !strchr(v, '=')) {
		return sl_xasprintf("arguments to --config-settings must be of the form KEY=VAL");
	} else if ((strcmp(d->canon, "--no-binary") == 0 ||
		    strcmp(d->canon, "--only-binary") == 0) &&
		   v[0] == '-') {
		return sl_xasprintf("--no-binary / --only-binary option requires 1 argument");
	}
	return NULL;
}

static void add_opt(struct reqfile_line *l, const struct reqfile_optdef *d, const char *value,
		    size_t word)
{
	struct sl_reqfile_entry *e = l->e;

	e->opts = reqfile_grow(e->opts, e->nopts, sizeof(*e->opts));
	e->opts[e->nopts].name = d->canon;
	e->opts[e->nopts].value = value ? sl_xstrdup(value) : NULL;
	e->nopts++;
	if (strcmp(d->canon, "--editable") == 0 && l->nedit++ == 0)
		l->edit_word = word, l->editable = d;
}

/* Takes the value of option d: the rest of the word (after '=' or a short
 * option letter), else the next word.  Returns an error message or NULL. */
static char *take_value(struct reqfile_line *l, const struct reqfile_optdef *d,
			const char *inline_val, size_t *k, const char *spelled)
{
	const char *v = inline_val;
	size_t word = *k;
	char *why;

	if (!v) {
		if (*k + 1 >= l->w.n)
			return sl_xasprintf("%s option requires 1 argument", spelled);
		word = ++*k;
		v = l->w.v[word].val;
	} else {
		word = SIZE_MAX; /* the value shares its word with the option */
	}
	why = check_value(d, v);
	if (!why)
		add_opt(l, d, v, word);
	return why;
}

static char *long_opt(struct reqfile_line *l, size_t *k)
{
	const char *arg = l->w.v[*k].val, *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
	char *why = NULL;
	const struct reqfile_optdef *d = match_long(arg, n, &why);

	if (!d)
		return why;
	if (d->value)
		return take_value(l, d, eq ? eq + 1 : NULL, k, d->spelling);
	if (eq)
		return sl_xasprintf("%s option does not take a value", d->spelling);
	add_opt(l, d, NULL, *k);
	return NULL;
}

static char *short_opt(struct reqfile_line *l, size_t *k)
{
	const char *arg = l->w.v[*k].val;
	const struct reqfile_optdef *d = match_short(arg[1]);
	char spelled[3] = {'-', arg[1], '\0'};

	if (!d)
		return sl_xasprintf("no such option: -%c", arg[1]);
	/* every short option pip allows here takes a value */
	return take_value(l, d, arg[2] ? arg + 2 : NULL, k, spelled);
}

/* optparse's _process_args over the words; positional words are counted
 * (pip ignores them). */
char *reqfile_parse_options(struct reqfile_line *l)
{
	for (size_t k = 0; k < l->w.n; k++) {
		const char *arg = l->w.v[k].val;
		char *why = NULL;

		if (strcmp(arg, "--") == 0) {
			l->nargs_ignored += l->w.n - k - 1;
			break;
		}
		if (arg[0] == '-' && arg[1] == '-')
			why = long_opt(l, &k);
		else if (arg[0] == '-' && arg[1])
			why = short_opt(l, &k);
		else
			l->nargs_ignored++;
		if (why)
			return why;
	}
	return NULL;
}

void reqfile_words_release(struct reqfile_words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i].val);
	free(w->v);
}

bool reqfile_is_req_kind(enum sl_reqline_kind k)
{
	return k == SL_REQLINE_REQUIREMENT || k == SL_REQLINE_URL || k == SL_REQLINE_EDITABLE;
}

/* The option-related warnings pip would print or silently act on. */
void reqfile_option_warnings(struct reqfile_line *l)
{
	struct sl_reqfile_entry *e = l->e;

	for (size_t i = 0; i < e->nopts; i++) {
		const struct reqfile_optdef *d = NULL;
		for (size_t k = 0; k < NOPTS && !d; k++)
			if (OPTS[k].canon == e->opts[i].name)
				d = &OPTS[k];
		bool own_e = e->kind == SL_REQLINE_EDITABLE && d == l->editable;
		if (reqfile_is_req_kind(e->kind) && d->scope == SCOPE_GLOBAL && !own_e)
			reqfile_warnf(
			    e, sl_xasprintf("option '%s' on a requirement line is ignored by pip",
					    d->canon));
		if (e->kind == SL_REQLINE_EDITABLE && d->scope == SCOPE_REQ)
			reqfile_warnf(
			    e, sl_xasprintf("option '%s' on an editable line is ignored by pip",
					    d->canon));
		if (!reqfile_is_req_kind(e->kind) && d->scope == SCOPE_REQ)
			reqfile_warn(e, "--hash without a requirement is ignored by pip");
	}
	if (l->nedit > 1)
		reqfile_warn(e, "only the first -e of a line is used by pip");
	if (l->nargs_ignored)
		reqfile_warn(e, "words after the options are ignored by pip");
}
