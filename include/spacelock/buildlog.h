/* buildlog.h: what a Space's build log or run log proves.
 *
 * A build log (as copied from the Space page, possibly headed by the
 * failure summary block, or as saved from the Hub's SSE log endpoint) is
 * read line by line with bounded memory.  The reader records facts (the
 * "Build Queued" header, the base image and so the Python actually used,
 * the sdk pinned by the platform step), every Dockerfile step's outcome
 * keyed by its instruction text, the failures pip and BuildKit report, and
 * one observation (evidence.h) per pip line that names a package.  When
 * the log holds several builds only the last is kept, with what was said
 * about it; warnings about the input itself (damaged bytes, the headers
 * of earlier builds) are kept whatever build they are in.
 *
 * Readers only observe: a CACHED pip step is reported as such (its
 * versions are not in the log), and nothing is guessed.  Strengths:
 * Successfully installed / Requirement already satisfied (ver) / Downloading
 * or Processing a distribution file are SL_EV_PIP with a version; Collecting
 * and Resolved-to-commit are SL_EV_MENTION; the platform step's own "==" pins
 * are SL_EV_PIN; freeze output printed into a log is SL_EV_INSTALLED.  When
 * a later pip line of the same build shows another version of a package,
 * the earlier SL_EV_PIP observation becomes a versionless mention.  Warnings
 * (file:line: message) are collected in the result; the library never
 * prints.  Details: docs/logs.md. */
#ifndef SPACELOCK_BUILDLOG_H
#define SPACELOCK_BUILDLOG_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "evidence.h"
#include "failrules.h"

/* Longest log line kept; the rest of a longer line is dropped with a
 * warning.  Also the largest SSE event accepted. */
#define SL_BUILDLOG_LINE_MAX (1024 * 1024)
/* At most this many warnings are kept; the rest are only counted. */
#define SL_BUILDLOG_WARN_MAX 100
/* At most this many steps and failures per build (more is not a real
 * Dockerfile); further ones are counted in a warning. */
#define SL_BUILDLOG_STEP_MAX 4096
#define SL_BUILDLOG_FAIL_MAX 256
/* At most this many package observations per build (a real one has a few
 * per installed package); further pip lines are counted in a warning. */
#define SL_BUILDLOG_OBS_MAX 20000

enum sl_log_kind {
	SL_LOG_BUILD = 0, /* a build log: "===== Build Queued at ..." */
	SL_LOG_RUN = 1,	  /* a container log: "===== Application Startup at ..." */
};

enum sl_step_outcome {
	SL_STEP_NONE = 0, /* echoed, but no DONE/CACHED/ERROR seen (log cut) */
	SL_STEP_DONE,
	SL_STEP_CACHED,
	SL_STEP_ERROR,
};

/* What a step does, read from its instruction text (bit flags). */
enum sl_step_flag {
	SL_STEP_FROM = 1 << 0,		   /* FROM: the base image */
	SL_STEP_PIP = 1 << 1,		   /* runs `pip install` */
	SL_STEP_PLATFORM = 1 << 2,	   /* pip installs packages the builder chose */
	SL_STEP_SDK = 1 << 3,		   /* ... among them the sdk pin (gradio[oauth]==X) */
	SL_STEP_REQUIREMENTS = 1 << 4,	   /* pip install -r requirements.txt */
	SL_STEP_PRE_REQUIREMENTS = 1 << 5, /* pip install -r pre-requirements.txt */
	SL_STEP_PSEUDO = 1 << 6,	   /* "Restoring cache", "Pushing image", ... */
};

struct sl_build_step {
	char *instruction;  /* the text after "--> ", as printed */
	unsigned long line; /* input line of its "--> " echo */
	enum sl_step_outcome outcome;
	char *duration; /* seconds as printed after DONE ("1.2"), or NULL */
	unsigned flags; /* enum sl_step_flag bits */
	int exit_code;	/* from "--> ERROR: process ... exit code: N", else -1 */
	char *stage;	/* "base 5/6" when the failure summary names it, or NULL */
	size_t nobs;	/* observations made while this step's output ran */
	size_t key;	/* hash of the normalised instruction (step lookups) */
};

enum sl_failure_kind {
	SL_FAIL_RESOLUTION = 0,	 /* pip: Cannot install A and B / ResolutionImpossible */
	SL_FAIL_NO_DISTRIBUTION, /* pip: No matching distribution / Could not find a version */
	SL_FAIL_WHEEL_BUILD,	 /* pip: Failed building wheel / Failed to build X */
	SL_FAIL_PYTHON,		 /* pip: X requires a different Python */
	SL_FAIL_PIP,		 /* any other "ERROR: " line of pip */
	SL_FAIL_STEP,		 /* BuildKit: --> ERROR: process "..." did not complete */
	SL_FAIL_JOB,		 /* the summary: Job failed with exit code N / job error */
	SL_FAIL_RUNTIME, /* run log: runtime error panel, the exception ending a traceback */
};

struct sl_build_failure {
	enum sl_failure_kind kind;
	enum sl_log_kind section; /* the section it was seen in */
	char *subject;		  /* the package(s) or command concerned, or NULL */
	char *text;		  /* the line, sanitised and bounded */
	unsigned long line;
	/* the failure rule (data/failure-rules.txt) its line matches and that
	 * rule's bucket ("requirements-conflict", "cuda-init", ...), or NULL */
	char *rule, *bucket;
};

/* One "cache miss: [stage n/m] INSTRUCTION" line of the failure summary. */
struct sl_cache_miss {
	char *stage;	   /* "base 5/6" */
	char *instruction; /* "RUN pip install ..." */
	unsigned long line;
};

struct sl_buildlog {
	enum sl_log_kind kind;
	char *source;	       /* the label given (path), used in observations */
	bool sse;	       /* the input was a server-sent-event stream */
	unsigned long lines;   /* log lines read (decoded lines for SSE) */
	unsigned long skimmed; /* of them, lines of builds a later header replaces that a
				  file reader only skimmed (nothing of them is kept) */

	/* header: "===== Build Queued at T / Commit SHA: C =====" or
	 * "===== Application Startup at T =====" */
	char *queued_at;  /* "2026-05-13 16:43:56", or NULL */
	char *commit;	  /* short SHA as printed, or NULL */
	char *started_at; /* run logs: application start time, or NULL */
	unsigned builds;  /* Build Queued headers seen; only the last build is kept */
	unsigned runs;	  /* Application Startup headers seen; only the last is kept */
	/* the sections read (a file may hold a build and a run log, either
	 * order); lines before any header belong to the kind asked for */
	bool has_build, has_run;
	/* lines that look like a step, a header or pip's but sit behind another
	 * indentation or quoting than the log's: not read, the log is partial */
	unsigned long unread;
	/* lines of an indented or quoted copy without the copy's prefix: the
	 * file mixes prefixes, so what one part hides cannot be told from what
	 * the log never said; the log is partial */
	unsigned long mixed;

	/* the first "--> FROM" of the build */
	char *base_image;     /* "docker.io/library/python:3.13" (no digest), or NULL */
	char *base_digest;    /* "sha256:f3c3...", or NULL */
	char *python;	      /* "3.13", "3.8.9": the python image's tag version, or NULL */
	char *site_python;    /* "3.13" from a /lib/python3.13/site-packages path, or NULL */
	bool site_python_run; /* ... read in a run section (the app's own traceback) */
	char *pip_version;    /* from pip's "[notice] A new release of pip ...: X -> Y", or NULL */

	/* the platform step (era 1/2: its own RUN; era 3: the one resolver run) */
	char *sdk;	   /* "gradio" or "streamlit", or NULL */
	char *sdk_version; /* the pinned version ("4.31.0"), or NULL */
	char *
	    *platform_reqs; /* its requirement arguments as written, e.g. "gradio[oauth]==4.31.0" */
	size_t nplatform_reqs;

	/* the failure summary block a copied log may start with */
	bool has_summary;
	char *cache_stats;	/* the one-line JSON of cache statistics, or NULL */
	char *logs_unavailable; /* "SSE is not enabled" from "Failed to retrieve error logs: ...",
				   or NULL */
	struct sl_cache_miss *misses;
	size_t nmisses;

	bool build_failed;  /* a step failed or the summary says the job failed */
	bool runtime_error; /* run logs: the Space failed to start or crashed */

	struct sl_build_step *steps; /* in order of first echo */
	size_t nsteps;
	struct sl_build_failure *failures; /* in input order */
	size_t nfailures;
	struct sl_obs_list obs; /* package observations, in input order */

	/* why the log says it failed, when asked for (sl_buildlog_judge):
	 * every line kept (a build a later one replaces, a run a restart
	 * replaces, are not; the failure summary is) judged by the failure
	 * rules (failrules.h, data/failure-rules.txt), one look per line:
	 * hits[0] the earliest cause, else the earliest symptom, then the
	 * first hit of each other bucket.  A hit's line counts the decoded
	 * log's lines (an SSE stream's text, not its events), as `lines`;
	 * its text is the line.  Empty when not asked for. */
	struct sl_failverdict verdict;

	char **warnings; /* "file:line: message", at most SL_BUILDLOG_WARN_MAX */
	size_t nwarnings;
	size_t warnings_dropped; /* warnings beyond the cap */

	struct sl_buildlog_state *state; /* private parser state */
};

/* Reads a build or run log from path ("-" is stdin), detecting a plain log
 * or an SSE stream; label (NULL: the path) names the input in
 * observations and messages.  On success *out is a new log owned by the
 * caller (sl_buildlog_free).  Errors: SL_EIO (cannot open/read), SL_EPARSE
 * (binary file, not a log), with "label: ..." in err.  Damaged input that
 * still reads (cut events, long lines, NUL bytes, invalid UTF-8) gives
 * warnings, not errors.  A regular file holding several builds is read
 * faster than a stream (the builds before the last are only skimmed),
 * with the same result. */
int sl_buildlog_read_file(const char *path, const char *label, enum sl_log_kind kind,
			  struct sl_buildlog **out, struct sl_err *err);

/* The same into a log made with sl_buildlog_new (and set up, e.g. with
 * sl_buildlog_judge), finished here; its label (source) names the input.
 * On error the log holds what was read and must still be freed. */
int sl_buildlog_read_into(struct sl_buildlog *log, const char *path, struct sl_err *err);

/* Asks for the verdict (log->verdict), before the first feed: every line
 * kept is then judged by the failure rules fr (borrowed: the verdict's
 * rules are fr's, so fr must outlive the log), which also name the
 * failures' rules.  Off by default: a lock needs no verdict, and judging
 * costs a look at every line. */
void sl_buildlog_judge(struct sl_buildlog *log, const struct sl_failrules *fr);

/* Incremental use (the Hub client feeds network chunks):
 *   log = sl_buildlog_new(kind, label);
 *   sl_buildlog_feed(log, bytes, n, err) ... as often as needed;
 *   sl_buildlog_finish(log, err);
 * feed() takes raw bytes in arbitrary chunks, detects SSE vs plain text on
 * the first non-empty line, and returns SL_EPARSE for binary input (the
 * log must then be freed).  finish() flushes a last line without newline,
 * reports an SSE event cut mid-stream as a warning, and completes the
 * derived facts; call it exactly once. */
struct sl_buildlog *sl_buildlog_new(enum sl_log_kind kind, const char *source);
int sl_buildlog_feed(struct sl_buildlog *log, const char *data, size_t len, struct sl_err *err);
int sl_buildlog_finish(struct sl_buildlog *log, struct sl_err *err);

/* Feeds one already-decoded log line (no newline; NULs and invalid UTF-8
 * are tolerated) that was found at input line lineno (0: one past the
 * previous).  Used by feed() and by callers with their own framing. */
void sl_buildlog_feed_line(struct sl_buildlog *log, const char *line, size_t len,
			   unsigned long lineno);

/* Frees the log and everything it owns; NULL is fine. */
void sl_buildlog_free(struct sl_buildlog *log);

/* Names for output: "none", "done", "cached", "error"; "resolution",
 * "no-distribution", "wheel-build", "python", "pip", "step", "job",
 * "runtime"; "build", "run". */
const char *sl_step_outcome_name(enum sl_step_outcome o);
const char *sl_failure_kind_name(enum sl_failure_kind k);
const char *sl_log_kind_name(enum sl_log_kind k);

/* Returns the step whose instruction matches text (whitespace runs and a
 * leading RUN's --mount/--link options ignored, so the command quoted in
 * an ERROR line finds its step), or NULL. */
const struct sl_build_step *sl_buildlog_find_step(const struct sl_buildlog *log, const char *text);

#endif
