/* failrules.c: the failure rules of data/failure-rules.txt (failrules.h):
 * read and checked paragraph by paragraph with datafile.h, then matched
 * against log lines.  The rules are data so that a new message is one
 * paragraph, not C. */
#include "spacelock/failrules.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "spacelock/datafile.h"
#include "spacelock/mem.h"
#include "spacelock/redact.h"

#define RULES_FILE "failure-rules.txt"

/* The bytes a rule's match needs, so most lines are refused without a
 * search: a line lacking one of them cannot match. */
struct byteset {
	uint64_t w[4];
};

struct sl_failrules {
	struct sl_failbucket **buckets; /* pointers stay put while the array grows */
	size_t n_buckets;
	struct sl_failrule *rules;
	struct byteset *needs; /* one per rule */
	size_t n_rules;
};

static void byteset_add(struct byteset *b, unsigned char c)
{
	b->w[c >> 6] |= (uint64_t)1 << (c & 63);
}

static bool byteset_covers(const struct byteset *have, const struct byteset *need)
{
	return !((need->w[0] & ~have->w[0]) | (need->w[1] & ~have->w[1]) |
		 (need->w[2] & ~have->w[2]) | (need->w[3] & ~have->w[3]));
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void sl_failrules_free(struct sl_failrules *fr)
{
	if (!fr)
		return;
	for (size_t i = 0; i < fr->n_buckets; i++) {
		free(fr->buckets[i]->id);
		free(fr->buckets[i]->title);
		free_strv(fr->buckets[i]->steps, fr->buckets[i]->n_steps);
		free(fr->buckets[i]);
	}
	for (size_t i = 0; i < fr->n_rules; i++) {
		struct sl_failrule *r = &fr->rules[i];
		free(r->id);
		free(r->match);
		free(r->kind);
		free(r->subject);
		free(r->explain);
		free_strv(r->steps, r->n_steps);
		free(r->source);
	}
	free(fr->buckets);
	free(fr->rules);
	free(fr->needs);
	free(fr);
}

/* Every value of key in st, in order, as new strings. */
static char **values_of(const struct sl_stanza *st, const char *key, size_t *n)
{
	char **v = NULL;

	*n = 0;
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->fields[i].key, key) == 0) {
			v = sl_xrealloc(v, (*n + 1) * sizeof(*v));
			v[(*n)++] = sl_xstrdup(st->fields[i].value);
		}
	return v;
}

static unsigned long line_of(const struct sl_stanza *st, const char *key)
{
	for (size_t i = 0; i < st->n; i++)
		if (strcmp(st->fields[i].key, key) == 0)
			return st->fields[i].line;
	return st->line;
}

/* An id as the data must spell it: lowercase letters, digits and '-'. */
static int check_id(const char *name, const struct sl_stanza *st, const char *key,
		    struct sl_err *err)
{
	const char *v = sl_stanza_get(st, key);

	if (strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(v))
		return sl_error(err, SL_EPARSE,
				"%s:%lu: '%s' must be lowercase letters, digits "
				"and '-', not '%s'",
				name, line_of(st, key), key, v);
	return 0;
}

static int add_bucket(struct sl_failrules *fr, const char *name, const struct sl_stanza *st,
		      struct sl_err *err)
{
	static const char *const known[] = {"bucket", "title", "step", "source", NULL};
	struct sl_failbucket *b;
	int rc;

	if ((rc = sl_stanza_check(name, st, known, known, err)) != 0 ||
	    (rc = check_id(name, st, "bucket", err)) != 0)
		return rc;
	if (sl_failrules_bucket(fr, sl_stanza_get(st, "bucket")))
		return sl_error(err, SL_EPARSE, "%s:%lu: bucket '%s' is defined twice", name,
				st->line, sl_stanza_get(st, "bucket"));
	b = sl_xcalloc(1, sizeof(*b));
	b->id = sl_xstrdup(sl_stanza_get(st, "bucket"));
	b->title = sl_xstrdup(sl_stanza_get(st, "title"));
	b->steps = values_of(st, "step", &b->n_steps);
	fr->buckets = sl_xrealloc(fr->buckets, (fr->n_buckets + 1) * sizeof(*fr->buckets));
	fr->buckets[fr->n_buckets++] = b;
	return 0;
}

static bool rule_id_taken(const struct sl_failrules *fr, const char *id)
{
	for (size_t i = 0; i < fr->n_rules; i++)
		if (strcmp(fr->rules[i].id, id) == 0)
			return true;
	return false;
}

/* key's value, when given, is want. */
static int check_value(const char *name, const struct sl_stanza *st, const char *key,
		       const char *want, struct sl_err *err)
{
	const char *v = sl_stanza_get(st, key);

	if (v && strcmp(v, want) != 0)
		return sl_error(err, SL_EPARSE, "%s:%lu: '%s' can only be %s, not '%s'", name,
				line_of(st, key), key, want, v);
	return 0;
}

/* The optional keys: an anchor the matcher knows, a kind spelt as an id,
 * a subject template with one "{}", a list of subjects only with a
 * template, column 0 only for an anchored match. */
static int check_optional(const char *name, const struct sl_stanza *st, struct sl_err *err)
{
	const char *anchor = sl_stanza_get(st, "anchor"), *subject = sl_stanza_get(st, "subject");
	const char *hole = subject ? strstr(subject, "{}") : NULL;
	int rc;

	if ((rc = check_value(name, st, "subjects", "list", err)) != 0 ||
	    (rc = check_value(name, st, "column0", "yes", err)) != 0)
		return rc;
	if (sl_stanza_get(st, "subjects") && !subject)
		return sl_error(err, SL_EPARSE, "%s:%lu: 'subjects' needs a 'subject' template",
				name, line_of(st, "subjects"));
	if (sl_stanza_get(st, "column0") && !anchor)
		return sl_error(err, SL_EPARSE,
				"%s:%lu: 'column0' needs an anchor (start or line): a line "
				"at column 0 starts with its match",
				name, line_of(st, "column0"));

	if (anchor && strcmp(anchor, "start") != 0 && strcmp(anchor, "line") != 0)
		return sl_error(err, SL_EPARSE, "%s:%lu: 'anchor' must be start or line, not '%s'",
				name, line_of(st, "anchor"), anchor);
	if (sl_stanza_get(st, "kind") && (rc = check_id(name, st, "kind", err)) != 0)
		return rc;
	if (subject && (!hole || hole == subject || strstr(hole + 2, "{}")))
		return sl_error(err, SL_EPARSE,
				"%s:%lu: 'subject' needs text, then one '{}' where the subject "
				"is: '%s'",
				name, line_of(st, "subject"), subject);
	return 0;
}

/* The checks a rule paragraph must pass before it is kept. */
static int check_rule(const struct sl_failrules *fr, const char *name, const struct sl_stanza *st,
		      struct sl_err *err)
{
	static const char *const known[] = {"rule", "match",   "anchor",   "bucket",  "role",
					    "kind", "subject", "subjects", "column0", "explain",
					    "step", "source",  NULL};
	static const char *const required[] = {"rule",	  "match",  "bucket", "role",
					       "explain", "source", NULL};
	const char *role, *match;
	int rc;

	if ((rc = sl_stanza_check(name, st, known, required, err)) != 0 ||
	    (rc = check_id(name, st, "rule", err)) != 0)
		return rc;
	if (rule_id_taken(fr, sl_stanza_get(st, "rule")))
		return sl_error(err, SL_EPARSE, "%s:%lu: rule '%s' is defined twice", name,
				st->line, sl_stanza_get(st, "rule"));
	if (!sl_failrules_bucket(fr, sl_stanza_get(st, "bucket")))
		return sl_error(err, SL_EPARSE, "%s:%lu: no bucket '%s' above this rule", name,
				line_of(st, "bucket"), sl_stanza_get(st, "bucket"));
	role = sl_stanza_get(st, "role");
	if (strcmp(role, "cause") != 0 && strcmp(role, "symptom") != 0 &&
	    strcmp(role, "marks") != 0)
		return sl_error(err, SL_EPARSE,
				"%s:%lu: 'role' must be cause, symptom or marks, not '%s'", name,
				line_of(st, "role"), role);
	match = sl_stanza_get(st, "match");
	if (strspn(match, "*") == strlen(match))
		return sl_error(err, SL_EPARSE, "%s:%lu: 'match' needs text besides '*'", name,
				line_of(st, "match"));
	return check_optional(name, st, err);
}

static int add_rule(struct sl_failrules *fr, const char *name, const struct sl_stanza *st,
		    struct sl_err *err)
{
	struct sl_failrule r = {0};
	int rc;

	if ((rc = check_rule(fr, name, st, err)) != 0)
		return rc;
	r.id = sl_xstrdup(sl_stanza_get(st, "rule"));
	r.match = sl_xstrdup(sl_stanza_get(st, "match"));
	r.bucket = sl_failrules_bucket(fr, sl_stanza_get(st, "bucket"));
	r.cause = strcmp(sl_stanza_get(st, "role"), "cause") == 0;
	r.mark = strcmp(sl_stanza_get(st, "role"), "marks") == 0;
	r.anchor = !sl_stanza_get(st, "anchor")			       ? SL_FAILRULE_ANYWHERE
		   : strcmp(sl_stanza_get(st, "anchor"), "start") == 0 ? SL_FAILRULE_START
								       : SL_FAILRULE_LINE;
	r.kind = sl_stanza_get(st, "kind") ? sl_xstrdup(sl_stanza_get(st, "kind")) : NULL;
	r.subject = sl_stanza_get(st, "subject") ? sl_xstrdup(sl_stanza_get(st, "subject")) : NULL;
	r.subject_list = sl_stanza_get(st, "subjects") != NULL;
	r.column0 = sl_stanza_get(st, "column0") != NULL;
	r.explain = sl_xstrdup(sl_stanza_get(st, "explain"));
	r.steps = values_of(st, "step", &r.n_steps);
	r.source = sl_xstrdup(sl_stanza_get(st, "source"));
	r.line = st->line;
	fr->rules = sl_xrealloc(fr->rules, (fr->n_rules + 1) * sizeof(*fr->rules));
	fr->needs = sl_xrealloc(fr->needs, (fr->n_rules + 1) * sizeof(*fr->needs));
	memset(&fr->needs[fr->n_rules], 0, sizeof(*fr->needs));
	for (const char *p = r.match; *p; p++)
		if (*p != '*')
			byteset_add(&fr->needs[fr->n_rules], (unsigned char)*p);
	fr->rules[fr->n_rules++] = r;
	return 0;
}

static int add_stanza(struct sl_failrules *fr, const char *name, const struct sl_stanza *st,
		      struct sl_err *err)
{
	if (strcmp(st->fields[0].key, "bucket") == 0)
		return add_bucket(fr, name, st, err);
	if (strcmp(st->fields[0].key, "rule") == 0)
		return add_rule(fr, name, st, err);
	return sl_error(err, SL_EPARSE,
			"%s:%lu: a paragraph starts with 'bucket' or 'rule', "
			"not '%s'",
			name, st->line, st->fields[0].key);
}

int sl_failrules_parse(const char *name, const char *text, size_t len, struct sl_failrules **out,
		       struct sl_err *err)
{
	struct sl_stanzas s;
	struct sl_failrules *fr;
	int rc;

	*out = NULL;
	if ((rc = sl_stanzas_parse(name, text, len, &s, err)) != 0)
		return rc;
	fr = sl_xcalloc(1, sizeof(*fr));
	for (size_t i = 0; rc == 0 && i < s.n; i++)
		rc = add_stanza(fr, name, &s.v[i], err);
	sl_stanzas_release(&s);
	if (rc) {
		sl_failrules_free(fr);
		return rc;
	}
	*out = fr;
	return 0;
}

int sl_failrules_load(struct sl_failrules **out, struct sl_err *err)
{
	const struct sl_datafile *f = sl_datafile_find(RULES_FILE);

	*out = NULL;
	if (!f)
		return sl_error(err, SL_EINVAL, "%s is not embedded in this build", RULES_FILE);
	return sl_failrules_parse(f->name, f->text, f->len, out, err);
}

static struct sl_failrules *shared_rules;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void load_shared(void)
{
	struct sl_err err;

	if (sl_failrules_load(&shared_rules, &err) != 0)
		shared_rules = NULL;
}

const struct sl_failrules *sl_failrules_shared(void)
{
	pthread_once(&shared_once, load_shared);
	return shared_rules;
}

size_t sl_failrules_count(const struct sl_failrules *fr)
{
	return fr->n_rules;
}

const struct sl_failrule *sl_failrules_rule(const struct sl_failrules *fr, size_t i)
{
	return i < fr->n_rules ? &fr->rules[i] : NULL;
}

size_t sl_failrules_bucket_count(const struct sl_failrules *fr)
{
	return fr->n_buckets;
}

const struct sl_failbucket *sl_failrules_bucket_at(const struct sl_failrules *fr, size_t i)
{
	return i < fr->n_buckets ? fr->buckets[i] : NULL;
}

const struct sl_failbucket *sl_failrules_bucket(const struct sl_failrules *fr, const char *id)
{
	for (size_t i = 0; i < fr->n_buckets; i++)
		if (strcmp(fr->buckets[i]->id, id) == 0)
			return fr->buckets[i];
	return NULL;
}

/* needle[0..k) in s[0..n), or NULL.  memchr on the needle's first byte
 * then a compare: for log lines and short messages this is several times
 * faster than memmem, whose set-up is paid on every call. */
static const char *find(const char *s, size_t n, const char *needle, size_t k)
{
	const char *end = s + n;

	while ((size_t)(end - s) >= k) {
		const char *at = memchr(s, needle[0], (size_t)(end - s) - k + 1);
		if (!at)
			return NULL;
		if (memcmp(at + 1, needle + 1, k - 1) == 0)
			return at;
		s = at + 1;
	}
	return NULL;
}

/* Each '*'-separated piece of pattern, in order, anywhere after the last:
 * for an unanchored pattern the leftmost place of each piece is as good as
 * any, so one pass decides. */
bool sl_failrules_glob_in(const char *pattern, const char *s, size_t n)
{
	const char *end = s + n;

	while (*pattern) {
		size_t k = strcspn(pattern, "*");
		const char *at;

		if (k) {
			at = find(s, (size_t)(end - s), pattern, k);
			if (!at)
				return false;
			s = at + k;
		}
		pattern += k;
		pattern += *pattern == '*';
	}
	return true;
}

/* The match where the rule's anchor says: at the start, the pattern's
 * first piece there; as the whole line, the line (trailing blanks and a
 * newline aside) equal to a pattern without '*'. */
static bool anchored(const struct sl_failrule *r, const char *line, size_t len)
{
	size_t k = strcspn(r->match, "*");

	if (r->anchor == SL_FAILRULE_ANYWHERE)
		return sl_failrules_glob_in(r->match, line, len);
	if (len < k || memcmp(line, r->match, k) != 0)
		return false;
	if (r->anchor == SL_FAILRULE_START)
		return sl_failrules_glob_in(r->match + k, line + k, len - k);
	while (len > k && (line[len - 1] == ' ' || line[len - 1] == '\r' || line[len - 1] == '\n'))
		len--;
	return !r->match[k] && len == k;
}

bool sl_failrule_matches(const struct sl_failrule *r, const char *line, size_t len)
{
	return anchored(r, line, len);
}

/* The bytes of the line are gathered once, and only for a rule that may
 * match anywhere: an anchored one is refused by one compare. */
static const struct sl_failrule *first_match(const struct sl_failrules *fr, const char *line,
					     size_t len, bool marks)
{
	struct byteset have = {{0, 0, 0, 0}};
	bool gathered = false;

	for (size_t i = 0; i < fr->n_rules; i++) {
		const struct sl_failrule *r = &fr->rules[i];
		if (r->mark != marks)
			continue;
		if (r->anchor == SL_FAILRULE_ANYWHERE && !gathered) {
			for (size_t k = 0; k < len; k++)
				byteset_add(&have, (unsigned char)line[k]);
			gathered = true;
		}
		if ((r->anchor != SL_FAILRULE_ANYWHERE || byteset_covers(&have, &fr->needs[i])) &&
		    anchored(r, line, len))
			return r;
	}
	return NULL;
}

const struct sl_failrule *sl_failrules_match(const struct sl_failrules *fr, const char *line,
					     size_t len)
{
	return first_match(fr, line, len, false);
}

const struct sl_failrule *sl_failrules_mark(const struct sl_failrules *fr, const char *line,
					    size_t len)
{
	return first_match(fr, line, len, true);
}

static bool trim_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\'' || c == '"' || c == '.';
}

bool sl_failrule_subject(const struct sl_failrule *r, const char *line, size_t len, const char **at,
			 size_t *n)
{
	const char *hole = r->subject ? strstr(r->subject, "{}") : NULL;
	const char *from, *to, *end = line + len;

	if (!hole)
		return false;
	from = find(line, len, r->subject, (size_t)(hole - r->subject));
	if (!from)
		return false;
	from += hole - r->subject;
	to = hole[2] ? find(from, (size_t)(end - from), hole + 2, strlen(hole + 2)) : NULL;
	if (!to)
		to = end;
	while (from < to && trim_byte(*from))
		from++;
	while (to > from && (trim_byte(to[-1]) || to[-1] == '\n' || to[-1] == '\r'))
		to--;
	*at = from;
	*n = (size_t)(to - from);
	return true;
}

static size_t hit_of_bucket(const struct sl_failverdict *v, const struct sl_failbucket *b)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->hits[i].rule->bucket == b)
			return i;
	return v->n;
}

static void insert_hit(struct sl_failverdict *v, size_t at, struct sl_failhit h)
{
	v->hits = sl_xrealloc(v->hits, (v->n + 1) * sizeof(*v->hits));
	memmove(&v->hits[at + 1], &v->hits[at], (v->n - at) * sizeof(*v->hits));
	v->hits[at] = h;
	v->n++;
}

static void remove_hit(struct sl_failverdict *v, size_t at)
{
	free(v->hits[at].text);
	memmove(&v->hits[at], &v->hits[at + 1], (v->n - at - 1) * sizeof(*v->hits));
	v->n--;
}

/* line[0..n) as a hit shows it: without blanks around it, at most 300
 * bytes, tokens redacted. */
static char *hit_text(const char *line, size_t n)
{
	char *s;

	while (n && (line[n - 1] == '\r' || line[n - 1] == '\n' || line[n - 1] == ' '))
		n--;
	while (n && (*line == ' ' || *line == '\t'))
		line++, n--;
	s = sl_xstrndup(line, n > 300 ? 300 : n);
	if (n > 300)
		memcpy(s + 296, "...", 4);
	sl_redact_tokens(s);
	return s;
}

void sl_failverdict_add(struct sl_failverdict *v, const struct sl_failrule *rule,
			unsigned long line, const char *text, size_t len)
{
	struct sl_failhit h = {rule, line, NULL};
	size_t same;

	if (v->n && rule->cause && !v->hits[0].rule->cause) {
		/* The first cause beats every symptom seen before it; the
		 * symptom's bucket stays listed unless it is the cause's. */
		same = hit_of_bucket(v, rule->bucket);
		if (same < v->n)
			remove_hit(v, same);
		h.text = text ? hit_text(text, len) : NULL;
		insert_hit(v, 0, h);
		return;
	}
	if (hit_of_bucket(v, rule->bucket) == v->n) {
		h.text = text ? hit_text(text, len) : NULL;
		insert_hit(v, v->n, h);
	}
}

void sl_failverdict_release(struct sl_failverdict *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->hits[i].text);
	free(v->hits);
	v->hits = NULL;
	v->n = 0;
}

void sl_failrules_classify(const struct sl_failrules *fr, const char *text, size_t len,
			   struct sl_failverdict *out)
{
	unsigned long line = 0;
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		const struct sl_failrule *r = sl_failrules_match(fr, text + i, n);

		line++;
		if (r)
			sl_failverdict_add(out, r, line, text + i, n);
		i += n + 1;
	}
}
