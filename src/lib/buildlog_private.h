/* buildlog_private.h: state shared by buildlog.c (framing: headers,
 * steps, summary, failures) and piplog.c (pip's own lines). */
#ifndef SPACELOCK_BUILDLOG_PRIVATE_H
#define SPACELOCK_BUILDLOG_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spacelock/buf.h"
#include "spacelock/buildlog.h"
#include "spacelock/failrules.h"
#include "spacelock/freeze.h"
#include "spacelock/sse.h"
#include "linesplit.h"

#define NO_OBS ((size_t)-1)
/* The longest line prefix of an indented or quoted copy. */
#define LOG_PREFIX_MAX 16

/* What pip's Collecting lines said about a package, for the later lines
 * (Downloading, Successfully installed) that only carry name and version. */
struct pkgctx {
	char *canon;
	enum sl_origin origin;
	char *required_by;
	char *requirement;
	char *vcs_url;
	char *vcs_commit;
	size_t pip_obs;	   /* index of its latest SL_EV_PIP observation, or NO_OBS */
	bool platform_arg; /* named on the command line of a platform step */
};

struct pkgmap {
	struct pkgctx *v; /* open addressing, cap a power of two */
	size_t cap, n;
};

enum log_format { FMT_UNDECIDED = 0, FMT_PLAIN, FMT_SSE };

/* Warnings in the order they were made (seq), in two lists: what is said
 * about the input (its bytes, framing, headers) outlives a build; what is
 * said about a build's content goes with the build when a later one
 * replaces it.  Each list keeps at most SL_BUILDLOG_WARN_MAX and counts
 * the rest; finish() merges them by seq into the log's warnings. */
struct blog_warning {
	char *text;
	unsigned long seq;
};
struct blog_warnings {
	struct blog_warning *v;
	size_t n, cap, dropped;
};

struct sl_buildlog_state {
	/* input framing */
	enum log_format format;
	struct sl_buf sniff;	/* first bytes, held until the format is known */
	struct linesplit split; /* plain text */
	struct sl_sse *sse;
	int utf16;	   /* 0: UTF-8; 1: UTF-16LE, 2: UTF-16BE (a BOM said so) */
	struct sl_buf u16; /* UTF-16 bytes not yet decoded, after a BOM of their own */
	int prefix_len;	   /* the copy's line prefix ("    ", "> ", a tab): -1 undecided */
	char prefix[LOG_PREFIX_MAX];
	int quoted; /* -1 undecided, 0 no, 1 the prefix is "> " (a quoted copy) */
	bool warned_utf8, warned_ansi;
	struct sl_buf clean;  /* the current line, sanitised */
	unsigned long lineno; /* input line of the current line */
	/* the lines fed now belong to a build that a later header (already
	 * found by the file reader) replaces: only what outlives the build is
	 * read from them (see skim_line) */
	bool skim;
	void *skim_tables; /* buildlog_skim.c's lookup tables, made on first use */

	struct blog_warnings warn_input, warn_build, warn_run;
	unsigned long warn_seq;

	/* sections (buildlog_section.c) */
	enum sl_log_kind section; /* the section the lines belong to */
	bool seen_build, seen_run;
	bool default_used;		  /* a line came before any header */
	enum sl_log_kind default_section; /* the section of such lines */
	unsigned char *obs_sec;		  /* the section of each observation (tagged late) */
	size_t obs_sec_cap, obs_tagged;
	size_t first_obs[2]; /* index of each section's first observation, or SIZE_MAX */

	/* build structure */
	size_t step; /* 1 + index of the step whose output runs, 0 none */
	bool seen_header;
	bool in_traceback;
	bool steps_capped, fails_capped, obs_capped;
	bool summary_failed; /* the summary block says the job failed */
	/* the sdk came from a summary's "cache miss:" line, a stand-in for the
	 * platform step that a later echo of the step itself replaces */
	int sdk_miss; /* 0: not from a miss; 1: a miss read outside a build section; 2: in one */
	size_t misses_cap; /* allocated entries of log->misses */

	/* pip */
	struct pkgmap names;
	struct sl_buf canon; /* scratch: a canonical name */
	char *collect_canon; /* the last "Collecting" with a URL: its name or NULL */
	char *collect_url;
	struct sl_freeze_lines freeze;

	/* the panels' lines and the column-0 lines, from the failure rules
	 * (buildlog_panel.c), made on first use */
	struct blog_panel *panel;
	/* the rule of the text blog_rule was last asked about, on this line
	 * (log->lines): a line is matched once, whoever asks */
	unsigned long memo_line;
	const char *memo_at;
	size_t memo_len;
	const struct sl_failrule *memo_rule;
	/* the verdict (sl_buildlog_judge): each section's first hit of each
	 * bucket and role, all that decides the verdict (buildlog_fail.c) */
	const struct sl_failrules *judge_rules; /* borrowed; NULL: no verdict asked for */
	struct sl_failverdict hits[2];		/* by enum sl_log_kind; hits in line order */
};

/* buildlog_section.c: a header line starts a section (s NUL-terminated). */
void blog_header(struct sl_buildlog *log, const char *s, size_t len);
/* The section observation i was made in. */
enum sl_log_kind blog_obs_section(const struct sl_buildlog *log, size_t i);
/* Sets has_build / has_run once the log is read. */
void blog_sections_finish(struct sl_buildlog *log);
/* How many bytes of a sanitised line are the copy's prefix (deciding the
 * prefix on the first line that can only be at column 0). */
size_t blog_unprefix(struct sl_buildlog *log, const char *s, size_t n);
/* The same once decided, without deciding. */
size_t blog_prefix_skip(const struct sl_buildlog_state *st, const char *s, size_t n);
/* Counts a line that is a step or header behind another prefix. */
void blog_check_unread(struct sl_buildlog *log, const char *s, size_t n);

/* buildlog_steps.c: one sanitised, unprefixed line to its reader; the
 * summary's cache misses linked to their steps' stages; the lines so far
 * made a run section when nothing yet says build (a pasted crash). */
void blog_parse_line(struct sl_buildlog *log, const char *s, size_t len);
void blog_link_stages(struct sl_buildlog *log);
void blog_headerless_run(struct sl_buildlog *log);

/* buildlog_panel.c: a line of the Space page's panels (the failure
 * summary, the run panel; s NUL-terminated) read, or false; a skimmed
 * line that matters (a header or a summary line, s NUL-terminated); does
 * s[0..n) match a rule of a line only at column 0; the table's end. */
bool blog_panel_line(struct sl_buildlog *log, const char *s, size_t len);
void blog_skim_read(struct sl_buildlog *log, const char *s, size_t n);
bool blog_column0_rule(struct sl_buildlog *log, const char *s, size_t n);
void blog_panel_free(struct sl_buildlog_state *st);

/* buildlog.c */
void blog_warnings_clear(struct blog_warnings *w);
void blog_free_steps(struct sl_buildlog *log);
/* A warning about the current section's content (dropped with it). */
void blog_warn(struct sl_buildlog *log, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A warning about the input itself (kept whatever build it is in). */
void blog_warn_input(struct sl_buildlog *log, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Writes the sanitised form of a log line s[0..n) to out (reset first):
 * ANSI escapes and NUL bytes dropped, other control bytes made spaces,
 * invalid UTF-8 made '?'; sets *nul / *bad when it dropped NULs / replaced
 * bad bytes. */
void log_clean(const char *s, size_t n, struct sl_buf *out, bool *nul, bool *bad);
/* Length of the leading run of s[0..n) that log_clean keeps unchanged. */
size_t log_plain_prefix(const char *s, size_t n);
/* What a sanitised, unquoted line is: 1 a "===== Build Queued at" header,
 * 2 an "===== Application Startup at" header, 0 neither. */
int log_header_kind(const char *s, size_t len);
/* buildlog_panel.c: the bytes a skimmed line must start with to be read
 * at all (a header, a line of the failure summary block, a quoted copy's
 * line): 256 flags. */
const bool *log_skim_first_byte(struct sl_buildlog *log);
/* Must a skimmed line, sanitised and unquoted, be read: a header or a
 * line of the failure summary block?  (No C string needed.) */
bool log_skim_wanted(struct sl_buildlog *log, const char *s, size_t n);
/* The first four bytes of the texts log_skim_wanted looks for (all but the
 * JSON line's '{'), as a word, by their first byte: 0 none, any when two
 * texts differ there or a text is shorter than four bytes. */
void log_skim_prefixes(struct sl_buildlog *log, uint32_t by_first[256], uint32_t any);
/* The line splitter's callback for plain text: one line to the reader. */
int blog_plain_line(void *ctx, const char *line, size_t len, bool cut, unsigned long lineno);
/* One line of a build that a later header replaces: only what outlives
 * the build is read from it (headers, the summary block, damage). */
void blog_skim_line(struct sl_buildlog *log, const char *line, size_t len);
/* The same for a line already unquoted, that sanitising keeps as it is
 * and that log_skim_wanted says yes to. */
void blog_skim_wanted(struct sl_buildlog *log, const char *s, size_t n);

/* buildlog_file.c: bytes per read (tests make it small, so that small
 * inputs cross many reads and get skimmed). */
extern size_t blog_file_chunk;

/* buildlog_skim.c: feeds plain-text bytes (the format already decided)
 * whose lines all belong to builds that a later header replaces; the same
 * as sl_buildlog_feed with st->skim set, only faster. */
void blog_feed_skim(struct sl_buildlog *log, const char *data, size_t len);
/* buildlog.c: the same for SSE bytes: the Hub's usual events are read
 * straight from the bytes (sl_sse_hub_event), the rest decoded. */
void blog_feed_skim_sse(struct sl_buildlog *log, const char *data, size_t len);
/* Tests set it to use the SSE2 (or plain C) masks on a CPU with AVX2. */
extern bool blog_skim_no_avx2;
/* Is p[0..n) valid UTF-8, by the skim walk's vector check?  Only on a CPU
 * with AVX2; for tests, which compare it with sl_utf8_valid. */
#if defined(__x86_64__) && defined(__GNUC__)
bool blog_skim_utf8_check(const char *p, size_t n);
#endif
/* How many bytes of a quoted copy's "> " prefix a line starts with. */
static inline size_t log_quote_len(const char *s, size_t len)
{
	if (len == 0 || s[0] != '>')
		return 0;
	return len > 1 && s[1] == ' ' ? 2 : 1;
}
/* buildlog_fail.c: the log's failure rules (the verdict's, else the
 * embedded ones; NULL only for a broken data file); the first rule s[0..n)
 * matches, or NULL (asked again about the same text of the same line, the
 * answer kept). */
const struct sl_failrules *blog_rules(struct sl_buildlog *log);
const struct sl_failrule *blog_rule(struct sl_buildlog *log, const char *s, size_t n);
/* A failure of the current line (text: the line or its end). */
void blog_fail(struct sl_buildlog *log, enum sl_failure_kind kind, const char *subject,
	       size_t subject_len, const char *text);
/* The line s[0..n), read, judged for the verdict (when asked for). */
void blog_judge(struct sl_buildlog *log, const char *s, size_t n);
/* A section a later one of its kind replaces: its hits go with it. */
void blog_judge_drop(struct sl_buildlog *log, enum sl_log_kind sec);
/* The verdict from what the sections kept; frees the rest. */
void blog_judge_finish(struct sl_buildlog *log);
void blog_judge_release(struct sl_buildlog_state *st);
struct sl_build_step *blog_current_step(struct sl_buildlog *log);
/* False (and one warning) once the build has SL_BUILDLOG_OBS_MAX observations. */
bool blog_obs_room(struct sl_buildlog *log);
/* Sets *out (freeing the old value) to a copy of s[0..len). */
void blog_set(char **out, const char *s, size_t len);

/* piplog.c: what one pip line saw of a package, and what a requirement
 * string names; shared with piplog_step.c (the platform step's arguments). */
struct seen {
	const char *name;
	size_t name_len;
	const char *version; /* NUL-terminated or NULL */
	enum sl_strength strength;
	enum sl_origin origin;
	const char *requirement;
	const char *required_by;
	const char *vcs_url;
	const char *vcs_commit;
};

/* What a requirement string names: its name (or NULL for a bare URL
 * without #egg=), and its URL for direct references. */
struct req {
	char *name;
	char *url;
	char *pin; /* the version of a single "==X" clause, or NULL */
};
void piplog_req_parse(const char *s, struct req *r);
void piplog_req_release(struct req *r);
void piplog_observe(struct sl_buildlog *log, const struct seen *s, const char *text);
struct pkgctx *piplog_ctx_for(struct sl_buildlog *log, const char *name, size_t len, bool create);

/* piplog.c: returns true when the line was one of pip's. */
bool piplog_line(struct sl_buildlog *log, const char *line, size_t len);
/* piplog_step.c: reads a RUN instruction's pip commands: sets step flags, and when it is
 * the platform step, the log's sdk and platform requirements; emit: also
 * observe its arguments (pins and mentions, origin platform). */
void piplog_classify_step(struct sl_buildlog *log, struct sl_build_step *step, bool emit);
/* The sdk a summary's cache-miss instruction names, as the platform
 * step's stand-in (see piplog_step.c). */
void piplog_miss_sdk(struct sl_buildlog *log, char *instruction);
void piplog_reset(struct sl_buildlog_state *st);

#endif
