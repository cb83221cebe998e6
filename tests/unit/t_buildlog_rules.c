/* t_buildlog_rules.c: the log reader goes by the failure rules it is given
 * (sl_buildlog_judge), so a newcomer extends the log wing with paragraphs
 * of data/failure-rules.txt and no C: a new wording of the failure
 * summary (kind summary-*) that is also a column-0 line (the prefix of an
 * indented copy is told by it), a new pip line naming several packages
 * ("subjects: list"), a new run panel line (kind runtime) and a new cause
 * for the verdict.  The same log read with the embedded rules alone
 * recognises none of them, so nothing of it is in C. */
#include "spacelock/buf.h"
#include "spacelock/buildlog.h"
#include "spacelock/datafile.h"
#include "spacelock/failrules.h"
#include "test.h"

static const char extra_rules[] = "\n"
				  "rule: test-summary-heading\n"
				  "match: Bau fehlgeschlagen\n"
				  "anchor: line\n"
				  "bucket: building\n"
				  "role: marks\n"
				  "kind: summary-failed\n"
				  "column0: yes\n"
				  "explain: a summary heading in another wording\n"
				  "source: https://example.invalid/summary\n"
				  "\n"
				  "rule: test-pip-compile\n"
				  "match: Could not compile wheels:\n"
				  "anchor: start\n"
				  "bucket: wheel-build\n"
				  "role: cause\n"
				  "kind: wheel-build\n"
				  "subject: Could not compile wheels: {}\n"
				  "subjects: list\n"
				  "explain: a pip wording naming several packages\n"
				  "source: https://example.invalid/pip\n"
				  "\n"
				  "rule: test-panel-reason\n"
				  "match: Container died:\n"
				  "anchor: start\n"
				  "bucket: building\n"
				  "role: marks\n"
				  "kind: runtime\n"
				  "explain: a run panel's reason in another wording\n"
				  "source: https://example.invalid/panel\n";

/* An indented copy: its first line, the new summary heading, is the one
 * that tells the prefix; then a build whose pip names two packages. */
static const char build_log[] =
    "    Bau fehlgeschlagen\n"
    "    ===== Build Queued at 2026-05-13 16:43:56 / Commit SHA: 1f2685e "
    "=====\n"
    "    \n"
    "    --> RUN pip install -r requirements.txt\n"
    "    Could not compile wheels: alpha, beta\n";

static const char run_log[] = "===== Application Startup at 2026-05-13 16:56:02 =====\n"
			      "Container died: out of memory\n";

static struct sl_buildlog *read_log(const char *text, enum sl_log_kind kind,
				    const struct sl_failrules *fr)
{
	struct sl_buildlog *log = sl_buildlog_new(kind, "t.log");
	struct sl_err err = {0};

	sl_buildlog_judge(log, fr);
	CHECK(sl_buildlog_feed(log, text, strlen(text), &err) == 0, "feed: %s", err.msg);
	CHECK(sl_buildlog_finish(log, &err) == 0, "finish: %s", err.msg);
	return log;
}

static void test_extended(const struct sl_failrules *fr)
{
	struct sl_buildlog *log = read_log(build_log, SL_LOG_BUILD, fr);

	CHECK(log->has_summary && log->build_failed, "the new summary heading is read");
	CHECK_STR(log->commit, "1f2685e", "the copy's prefix, told by the new column-0 line");
	CHECK(log->nfailures == 2, "one failure per package named: %zu", log->nfailures);
	if (log->nfailures == 2) {
		CHECK_STR(log->failures[0].subject, "alpha", "first package");
		CHECK_STR(log->failures[1].subject, "beta", "second package");
		CHECK_STR(sl_failure_kind_name(log->failures[0].kind), "wheel-build", "its kind");
		CHECK_STR(log->failures[0].rule, "test-pip-compile", "its rule");
	}
	CHECK(log->verdict.n >= 1, "a verdict");
	if (log->verdict.n) {
		CHECK_STR(log->verdict.hits[0].rule->id, "test-pip-compile", "the new cause wins");
		CHECK(log->verdict.hits[0].line == 5, "on the log's line 5: %lu",
		      log->verdict.hits[0].line);
		CHECK_STR(log->verdict.hits[0].text, "Could not compile wheels: alpha, beta",
			  "the line, without the copy's prefix");
	}
	sl_buildlog_free(log);

	log = read_log(run_log, SL_LOG_RUN, fr);
	CHECK(log->runtime_error, "the new panel reason is a runtime error");
	CHECK(log->nfailures == 1 && log->failures[0].kind == SL_FAIL_RUNTIME,
	      "and a runtime failure");
	sl_buildlog_free(log);
}

/* The embedded rules know none of the new wording. */
static void test_embedded(const struct sl_failrules *fr)
{
	struct sl_buildlog *log = read_log(build_log, SL_LOG_BUILD, fr);

	CHECK(!log->has_summary, "no summary without the paragraph");
	CHECK(log->nfailures == 0, "no failure without the paragraph: %zu", log->nfailures);
	CHECK(log->verdict.n == 0, "no verdict without the paragraph");
	sl_buildlog_free(log);
	log = read_log(run_log, SL_LOG_RUN, fr);
	CHECK(!log->runtime_error, "no runtime error without the paragraph");
	sl_buildlog_free(log);
}

int main(void)
{
	const struct sl_datafile *f = sl_datafile_find("failure-rules.txt");
	struct sl_failrules *embedded = NULL, *extended = NULL;
	struct sl_buf text = SL_BUF_INIT;
	struct sl_err err = {0};

	CHECK(f != NULL, "failure-rules.txt is embedded");
	if (!f)
		return t_done();
	sl_buf_add(&text, f->text, f->len);
	sl_buf_addstr(&text, extra_rules);
	CHECK(sl_failrules_parse("extended.txt", text.buf, text.len, &extended, &err) == 0,
	      "the extended rules parse: %s", err.msg);
	CHECK(sl_failrules_load(&embedded, &err) == 0, "the embedded rules: %s", err.msg);
	if (extended && embedded) {
		test_extended(extended);
		test_embedded(embedded);
	}
	sl_failrules_free(extended);
	sl_failrules_free(embedded);
	sl_buf_release(&text);
	return t_done();
}
