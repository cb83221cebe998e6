/* t_failrules.c: the failure rules (failrules.h): every rule of
 * data/failure-rules.txt recognises a real line of tests/fixtures/logs, every
 * real log gets the bucket tests/unit/data/failrules.data says, the earliest
 * cause wins over symptoms, and a bad rules file is refused with file:line. */
#include <dirent.h>

#include "spacelock/failrules.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "test.h"

#define LOGS "tests/fixtures/logs"

static struct sl_failrules *fr;

static void read_fixture(const char *file, struct sl_buf *b)
{
	struct sl_err err = {0};
	char *path = sl_xasprintf(LOGS "/%s", file);

	CHECK(sl_file_read(path, 1 << 22, b, &err) == 0, "%s reads: %s", path, err.msg);
	free(path);
}

/* Issue 15 names the buckets; the data defines exactly those. */
static void test_buckets(void)
{
	static const char *const ids[] = {"building",
					  "drift",
					  "quota-auth",
					  "api-auth",
					  "cuda-init",
					  "no-cuda",
					  "zerogpu-worker",
					  "illegal-duration",
					  "requirements-conflict",
					  "no-distribution",
					  "wheel-build",
					  "missing-module"};
	size_t n = sizeof(ids) / sizeof(ids[0]);

	CHECK(sl_failrules_bucket_count(fr) == n, "%zu buckets", sl_failrules_bucket_count(fr));
	for (size_t i = 0; i < n; i++) {
		const struct sl_failbucket *b = sl_failrules_bucket(fr, ids[i]);
		CHECK(b && b->n_steps >= 2, "bucket %s with ordered steps", ids[i]);
	}
}

/* Marks in seen[] each rule that sl_failrules_match or sl_failrules_mark
 * picks for a line: 1, or 2 when the rule's subject template also finds a
 * subject there. */
static void mark_lines(const struct sl_buf *b, char *seen)
{
	size_t i = 0;

	while (i < b->len) {
		const char *nl = memchr(b->buf + i, '\n', b->len - i);
		size_t n = nl ? (size_t)(nl - (b->buf + i)) : b->len - i;
		const struct sl_failrule *two[2] = {sl_failrules_match(fr, b->buf + i, n),
						    sl_failrules_mark(fr, b->buf + i, n)};
		const char *at;
		size_t k;

		for (int j = 0; j < 2; j++) {
			const struct sl_failrule *r = two[j];
			if (!r)
				continue;
			char *s = &seen[r - sl_failrules_rule(fr, 0)];
			bool subj =
			    r->subject && sl_failrule_subject(r, b->buf + i, n, &at, &k) && k;
			*s = *s == 2 || subj ? 2 : 1;
		}
		i += n + 1;
	}
}

/* A rule's kind is one the log reader records (buildlog.h's failure kinds,
 * the run panel's lines, the failure summary's; buildlog_panel.c). */
static bool known_kind(const char *k)
{
	static const char *const kinds[] = {"resolution",
					    "no-distribution",
					    "wheel-build",
					    "python",
					    "runtime",
					    "runtime-heading",
					    "summary-failed",
					    "summary-job",
					    "summary-cache-miss",
					    "summary-logs-unavailable",
					    "summary-heading"};

	for (size_t i = 0; k && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(k, kinds[i]) == 0)
			return true;
	return !k;
}

/* Each rule is the one chosen for at least one real line: it matches real
 * wording and no rule above it hides it. */
static void test_every_rule_seen(void)
{
	size_t n = sl_failrules_count(fr);
	char *seen = sl_xcalloc(n ? n : 1, 1);
	DIR *d = opendir(LOGS);
	struct dirent *e;

	CHECK(d != NULL, LOGS " exists");
	while (d && (e = readdir(d))) {
		struct sl_buf b = SL_BUF_INIT;
		if (e->d_name[0] == '.')
			continue;
		read_fixture(e->d_name, &b);
		mark_lines(&b, seen);
		sl_buf_release(&b);
	}
	if (d)
		closedir(d);
	CHECK(n >= 20, "%zu rules", n);
	for (size_t i = 0; i < n; i++) {
		const struct sl_failrule *r = sl_failrules_rule(fr, i);
		CHECK(seen[i], "rule '%s' (failure-rules.txt:%lu) matches a line in " LOGS, r->id,
		      r->line);
		CHECK(!r->subject || seen[i] == 2,
		      "rule '%s' (failure-rules.txt:%lu): its subject is found in a line of " LOGS,
		      r->id, r->line);
		CHECK(known_kind(r->kind), "rule '%s': kind '%s' is one the log reader knows",
		      r->id, r->kind);
	}
	free(seen);
}

/* The Nth "### source:" block of text (1-based), or all of it for 0. */
static void block_of(const struct sl_buf *b, int want, const char **start, size_t *len)
{
	const char *p = b->buf, *end = b->buf + b->len, *from = NULL;
	int k = 0;

	*start = b->buf;
	*len = b->len;
	if (want == 0)
		return;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		if (strncmp(p, "### source:", 11) == 0) {
			if (from)
				break;
			if (++k == want)
				from = next;
		}
		p = next;
	}
	*start = from ? from : end;
	*len = (size_t)((from ? p : end) - *start);
}

static void others_of(const struct sl_failverdict *v, char *out, size_t cap)
{
	out[0] = '\0';
	for (size_t i = 1; i < v->n; i++)
		snprintf(out + strlen(out), cap - strlen(out), "%s%s", i > 1 ? " " : "",
			 v->hits[i].rule->bucket->id);
	if (!out[0])
		snprintf(out, cap, "-");
}

static void golden_case(char **f, int n, int lineno)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_failverdict v = {0};
	const char *start;
	size_t len;
	char ctx[512], others[256];

	CHECK(n == 5, "failrules.data:%d has 5 fields", lineno);
	if (n != 5)
		return;
	read_fixture(f[0], &b);
	block_of(&b, atoi(f[1]), &start, &len);
	CHECK(len > 0, "failrules.data:%d: block %s of %s exists", lineno, f[1], f[0]);
	sl_failrules_classify(fr, start, len, &v);
	snprintf(ctx, sizeof(ctx), "failrules.data:%d %s block %s", lineno, f[0], f[1]);
	CHECK_STR(v.n ? v.hits[0].rule->bucket->id : "-", f[2], ctx);
	CHECK_STR(v.n ? v.hits[0].rule->id : "-", f[3], ctx);
	others_of(&v, others, sizeof(others));
	CHECK_STR(others, f[4], ctx);
	sl_failverdict_release(&v);
	sl_buf_release(&b);
}

static void test_glob(void)
{
	const char *s = "ERROR: Wheel 'x' located at /tmp/x.whl is invalid.";

	CHECK(sl_failrules_glob_in("Wheel '*' located at * is invalid", s, strlen(s)), "glob");
	CHECK(sl_failrules_glob_in("is invalid", s, strlen(s)), "plain substring");
	CHECK(!sl_failrules_glob_in("invalid*located", s, strlen(s)), "pieces in order");
	CHECK(!sl_failrules_glob_in("is invalid", s, 10), "only within the length");
	CHECK(sl_failrules_glob_in("a**b", "xaby", 4), "stars in a row");
	CHECK(sl_failrules_glob_in("ab*", "ab", 2), "trailing star");
}

/* A symptom first, then a cause of another bucket, then a cause of the
 * symptom's bucket: the cause wins, the symptom's bucket stays listed once. */
static void test_verdict_order(void)
{
	const char *log = "build error\n"
			  "Job failed with exit code: 1\n"
			  "ModuleNotFoundError: No module named 'audioop'\n"
			  "failed to create containerd task: x\n"
			  "ERROR: No matching distribution found for x\n";
	struct sl_failverdict v = {0};

	sl_failrules_classify(fr, log, strlen(log), &v);
	CHECK(v.n == 3, "three buckets, got %zu", v.n);
	if (v.n == 3) {
		CHECK_STR(v.hits[0].rule->bucket->id, "missing-module", "winner");
		CHECK(v.hits[0].line == 3, "winner's line %lu", v.hits[0].line);
		CHECK_STR(v.hits[1].rule->id, "build-job-failed", "first symptom kept");
		CHECK_STR(v.hits[2].rule->bucket->id, "no-distribution", "later cause listed");
	}
	sl_failverdict_release(&v);
	CHECK(sl_failrules_match(fr, "", 0) == NULL, "empty line");
}

static void bad(const char *text, const char *want)
{
	struct sl_failrules *out = (struct sl_failrules *)1;
	struct sl_err err = {0};
	int rc = sl_failrules_parse("r.txt", text, strlen(text), &out, &err);

	CHECK(rc == SL_EPARSE && out == NULL, "refused: %s", want);
	CHECK(strstr(err.msg, want) != NULL, "message '%s' has '%s'", err.msg, want);
}

static void test_bad_files(void)
{
	const char *b = "bucket: x\ntitle: t\nstep: s\nsource: u\n\n";
	char *t;

	bad("rule: a\nmatch: m\nbucket: x\nrole: cause\nexplain: e\nsource: u\n",
	    "r.txt:3: no bucket 'x' above this rule");
	t = sl_xasprintf("%srule: a\nmatch: m\nbucket: x\nrole: maybe\nexplain: e\nsource: u\n", b);
	bad(t, "r.txt:9: 'role' must be cause, symptom or marks");
	free(t);
	t = sl_xasprintf("%srule: a\nmatch: m\nanchor: end\nbucket: x\nrole: cause\nexplain: e\n"
			 "source: u\n",
			 b);
	bad(t, "r.txt:8: 'anchor' must be start or line");
	free(t);
	t = sl_xasprintf("%srule: a\nmatch: m\nbucket: x\nrole: cause\nsubject: {} of\nexplain: e\n"
			 "source: u\n",
			 b);
	bad(t, "r.txt:10: 'subject' needs text, then one '{}'");
	free(t);
	t = sl_xasprintf("%srule: a\nmatch: **\nbucket: x\nrole: cause\nexplain: e\nsource: u\n",
			 b);
	bad(t, "r.txt:7: 'match' needs text besides '*'");
	free(t);
	t = sl_xasprintf("%s%s", b, b);
	bad(t, "r.txt:6: bucket 'x' is defined twice");
	free(t);
	t = sl_xasprintf("%srule: a\nmatch: m\nbucket: x\nrole: cause\nexplain: e\n", b);
	bad(t, "r.txt:6: missing 'source'");
	free(t);
	bad("bucket: X\ntitle: t\nstep: s\nsource: u\n", "r.txt:1: 'bucket' must be lowercase");
	bad("why: x\n", "r.txt:1: a paragraph starts with 'bucket' or 'rule'");
	bad("bucket: x\ntitle: t\nstep: s\nsource: u\ncolor: red\n",
	    "r.txt:5: unknown key 'color'");
}

/* Anchors and subjects on lines as pip and the Space page print them. */
static void test_anchor_subject(void)
{
	static const char rules[] =
	    "bucket: x\ntitle: t\nstep: s\nsource: u\n\n"
	    "rule: heading\nmatch: Runtime error\nanchor: line\nbucket: x\nrole: marks\n"
	    "kind: runtime-heading\nexplain: e\nsource: u\n\n"
	    "rule: exit\nmatch: Exit code: * Reason:\nanchor: start\nbucket: x\nrole: marks\n"
	    "explain: e\nsource: u\n\n"
	    "rule: cannot\nmatch: conflicting dependencies\nbucket: x\nrole: cause\n"
	    "subject: Cannot install {} because\nexplain: e\nsource: u\n";
	static const char conflict[] = "Cannot install gradio==4.31.0 and gradio>=4.40.0 because "
				       "these package versions have conflicting dependencies.";
	struct sl_failrules *r = NULL;
	struct sl_err err = {0};
	const struct sl_failrule *hit;
	const char *at = NULL;
	size_t n = 0;

	CHECK(sl_failrules_parse("r.txt", rules, sizeof(rules) - 1, &r, &err) == 0, "parse: %s",
	      err.msg);
	if (!r)
		return;
	hit = sl_failrules_mark(r, "Runtime error \n", 15);
	CHECK(hit && strcmp(hit->id, "heading") == 0, "a heading alone on its line");
	CHECK(!sl_failrules_mark(r, "Runtime error. Scheduling failure", 33),
	      "not in a longer line");
	CHECK(!sl_failrules_match(r, "Runtime error", 13), "a mark never classifies");
	hit = sl_failrules_mark(r, "Exit code: 1. Reason: x", 23);
	CHECK(hit && strcmp(hit->id, "exit") == 0, "anchored at the start");
	CHECK(!sl_failrules_mark(r, "x Exit code: 1. Reason: x", 25), "not elsewhere");
	hit = sl_failrules_match(r, conflict, strlen(conflict));
	CHECK(hit && sl_failrule_subject(hit, conflict, strlen(conflict), &at, &n) && n == 33 &&
		  memcmp(at, "gradio==4.31.0 and gradio>=4.40.0", 33) == 0,
	      "the subject between the template's parts: '%.*s'", (int)n, at ? at : "");
	CHECK(!sl_failrule_subject(hit, "ResolutionImpossible", 20, &at, &n),
	      "no subject where the template's first part is not");
	sl_failrules_free(r);
}

int main(void)
{
	struct sl_err err = {0};

	CHECK(sl_failrules_load(&fr, &err) == 0, "embedded rules load: %s", err.msg);
	if (!fr)
		return t_done();
	test_buckets();
	test_every_rule_seen();
	test_anchor_subject();
	t_each_case("tests/unit/data/failrules.data", golden_case);
	test_glob();
	test_verdict_order();
	test_bad_files();
	sl_failrules_free(fr);
	return t_done();
}
