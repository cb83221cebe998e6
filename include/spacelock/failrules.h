/* failrules.h: why a Space failed, recognised from its log lines with rules
 * kept as data (data/failure-rules.txt, embedded; see that file for the
 * format).
 *
 * A rule finds one message in one line ("No matching distribution found
 * for") and names its bucket (issue 15's ids: building, requirements-
 * conflict, cuda-init, ...), what the message means and where the wording
 * was seen.  A bucket carries the ordered next steps.  Over a whole log the
 * earliest line that states a cause wins; lines that only say that
 * something failed ("Job failed with exit code") win only when no cause is
 * in the log; the other buckets seen are listed after the winner.
 *
 * Typical use, line by line (the log reader, buildlog.h, keeps the verdict
 * of every log it reads when asked: sl_buildlog_judge) or on a whole plain
 * text (sl_failrules_classify):
 *
 *     struct sl_failrules *fr;
 *     if (sl_failrules_load(&fr, &err) != 0) ...
 *     const struct sl_failrule *r = sl_failrules_match(fr, line, len);
 *     if (r) sl_failverdict_add(&v, r, lineno, line, len);
 *     ...  v.hits[0] is the verdict, v.hits[1..] the other buckets seen
 *     sl_failverdict_release(&v); sl_failrules_free(fr);
 */
#ifndef SPACELOCK_FAILRULES_H
#define SPACELOCK_FAILRULES_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct sl_failbucket {
	char *id;     /* "requirements-conflict" */
	char *title;  /* one line */
	char **steps; /* ordered */
	size_t n_steps;
};

/* Where a rule's match must sit in the line. */
enum sl_failrule_anchor {
	SL_FAILRULE_ANYWHERE = 0,
	SL_FAILRULE_START, /* "anchor: start": the line starts with it */
	SL_FAILRULE_LINE,  /* "anchor: line": it is the whole line (blanks at the end aside) */
};

struct sl_failrule {
	char *id;    /* "pip-no-matching-distribution" */
	char *match; /* substring; '*' stands for any text */
	enum sl_failrule_anchor anchor;
	const struct sl_failbucket *bucket;
	bool cause; /* role: cause (true) or symptom */
	/* role "marks": the line marks something for the log reader (a panel's
	 * heading), it says neither why nor that something failed; only
	 * sl_failrules_mark finds such a rule */
	bool mark;
	/* what the log reader records for a line the rule matches ("resolution",
	 * "no-distribution", "wheel-build", "python" for pip's lines; "runtime",
	 * "runtime-heading" for a run log's panel), or NULL */
	char *kind;
	/* where the line names its subject: "Cannot install {} because" (the
	 * text between, "{}" at the end: up to the end of the line), or NULL */
	char *subject;
	/* "subjects: list": the subject names several packages, separated by
	 * blanks or commas ("Failed to build a b"): the reader records one
	 * failure for each */
	bool subject_list;
	/* "column0: yes": a log has this line only at column 0 (an anchored
	 * match), so the first such line of an indented or quoted copy tells
	 * the copy's prefix, and behind a quote mark or a tab it is a line the
	 * reader could not read (buildlog_section.c) */
	bool column0;
	char *explain; /* what the message means */
	char **steps;  /* steps for this message, before the bucket's */
	size_t n_steps;
	char *source;	    /* the first source URL */
	unsigned long line; /* of the rule in its data file */
};

struct sl_failrules; /* the rules and buckets of one data file */

/* Reads the embedded data/failure-rules.txt.  SL_EPARSE "failure-rules.txt:
 * LINE: ..." names a bad paragraph (only after editing the file). */
int sl_failrules_load(struct sl_failrules **out, struct sl_err *err);

/* The embedded rules, read once for the whole process (thread-safe) and
 * never freed: for readers that need them on every log, such as the log
 * reader's panel lines.  NULL when the data file is broken (t_failrules
 * says why). */
const struct sl_failrules *sl_failrules_shared(void);

/* Reads rules from text[0..len) (name labels messages): each paragraph is a
 * bucket or a rule; unknown keys, a rule naming an unknown bucket, a
 * repeated id, role other than cause or symptom, or an empty match
 * ('*' only) are SL_EPARSE "name:line: ...".  On failure *out is NULL. */
int sl_failrules_parse(const char *name, const char *text, size_t len, struct sl_failrules **out,
		       struct sl_err *err);
void sl_failrules_free(struct sl_failrules *fr);

size_t sl_failrules_count(const struct sl_failrules *fr);
const struct sl_failrule *sl_failrules_rule(const struct sl_failrules *fr, size_t i);
size_t sl_failrules_bucket_count(const struct sl_failrules *fr);
const struct sl_failbucket *sl_failrules_bucket_at(const struct sl_failrules *fr, size_t i);
/* The bucket called id, or NULL. */
const struct sl_failbucket *sl_failrules_bucket(const struct sl_failrules *fr, const char *id);

/* The first rule (in file order, role "marks" aside) whose match occurs in
 * line[0..len) where its anchor says, or NULL.  The line may hold any
 * bytes, a trailing newline included. */
const struct sl_failrule *sl_failrules_match(const struct sl_failrules *fr, const char *line,
					     size_t len);

/* The first rule of role "marks" (in file order) that line[0..len)
 * matches, or NULL. */
const struct sl_failrule *sl_failrules_mark(const struct sl_failrules *fr, const char *line,
					    size_t len);

/* Where line[0..len) names the subject of rule r (r->subject): *at / *n
 * the text between the template's two parts, without quotes, blanks or a
 * final '.' around it.  False when r has no subject or the line does not
 * hold the template's first part. */
bool sl_failrule_subject(const struct sl_failrule *r, const char *line, size_t len, const char **at,
			 size_t *n);

/* Whether line[0..len) matches rule r where its anchor says (whatever r's
 * role). */
bool sl_failrule_matches(const struct sl_failrule *r, const char *line, size_t len);

/* Whether pattern (with '*' for any text) occurs in s[0..n). */
bool sl_failrules_glob_in(const char *pattern, const char *s, size_t n);

struct sl_failhit {
	const struct sl_failrule *rule;
	unsigned long line; /* 1-based line in the log */
	char *text;	    /* the line, without blanks around it, at most 300 bytes, or NULL */
};

/* The verdict on one log: hits[0] the winning hit (the earliest cause, else
 * the earliest symptom), then the first hit of each other bucket in log
 * order.  n == 0: nothing matched.  Start from {0}. */
struct sl_failverdict {
	struct sl_failhit *hits;
	size_t n;
};

/* Adds a matched line; lines must come in increasing order.  text[0..len)
 * (NULL: none) is the line, kept (trimmed, bounded, tokens redacted) while
 * the hit is in the verdict. */
void sl_failverdict_add(struct sl_failverdict *v, const struct sl_failrule *rule,
			unsigned long line, const char *text, size_t len);
void sl_failverdict_release(struct sl_failverdict *v);

/* Classifies every line of text[0..len) into *out (start from {0}). */
void sl_failrules_classify(const struct sl_failrules *fr, const char *text, size_t len,
			   struct sl_failverdict *out);

#endif
