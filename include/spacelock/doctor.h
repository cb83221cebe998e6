/* doctor.h: the mechanical part of the duplicate-and-troubleshoot guide for
 * a (ZeroGPU) Space: lint a checkout, explain what its GPU calls cost in
 * quota, compare it with its source, read the Hub's runtime stage, and
 * classify failure logs into one bucket with ordered next steps
 * (docs/commands/doctor.md).
 *
 * A struct sl_doctor collects findings from each step the caller runs, in
 * any combination, then renders them as text or JSON.  Everything it reads
 * is text (the card, requirements files, the app's Python read as text:
 * no Python runs).  Data that changes lives in data files: the failure
 * rules (failrules.h) and ZeroGPU's quotas (data/zerogpu-quota.txt).
 * Nothing here prints. */
#ifndef SPACELOCK_DOCTOR_H
#define SPACELOCK_DOCTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diff.h"
#include "error.h"
#include "failrules.h"

enum sl_doctor_severity { SL_DOCTOR_INFO = 0, SL_DOCTOR_WARNING, SL_DOCTOR_ERROR };

struct sl_doctor_finding {
	char *id; /* stable: "card-sdk-version-inexact", "app-cuda-at-import", ... */
	enum sl_doctor_severity severity;
	char *file;	    /* "README.md", "app.py", ... or NULL */
	unsigned long line; /* 1-based, 0 when none */
	char *message;	    /* why it matters, one line */
	char *fix;	    /* what to do (the spacelock command when one exists), or NULL */
};

/* A function decorated with @spaces.GPU and what one call requests. */
struct sl_doctor_gpu_call {
	char *function; /* the decorated def's name */
	char *file;
	unsigned long line; /* of the decorator */
	char *duration;	    /* as written ("120", "get_duration"), NULL: the default */
	long seconds;	    /* requested per call; for a callable, the largest
			       number it returns; -1 when not known */
	long min_seconds;   /* a callable's smallest return, else = seconds */
	bool callable;	    /* duration is a function of the inputs */
	int factor;	    /* quota factor: 2 for size="xlarge", else 1 */
};

/* A quota tier (data/zerogpu-quota.txt). */
struct sl_doctor_tier {
	char *id, *label, *as_of, *source;
	long daily_seconds;
};

struct sl_doctor; /* the findings of one run */

/* A new, empty doctor that classifies logs with fr (borrowed; may be NULL
 * when no log will be given).  Free with sl_doctor_free. */
struct sl_doctor *sl_doctor_new(const struct sl_failrules *fr);
void sl_doctor_free(struct sl_doctor *d);

/* Lints the Space checkout dir: the card (README.md), requirements.txt and
 * the app's Python files (the card's app_file and every *.py at the top of
 * dir, bounded), and explains the quota of each @spaces.GPU function.
 * hardware is what the Space runs on when known (the Hub's), else NULL
 * (the card's suggested_hardware is used).  SL_EIO / SL_EPARSE when
 * README.md cannot be read or has no valid front matter. */
int sl_doctor_lint_dir(struct sl_doctor *d, const char *dir, const char *hardware, unsigned flags,
		       struct sl_err *err);

/* sl_doctor_lint_dir's flags: dir holds no app code (a Space fetched from
 * the Hub brings its card and requirements only), so its absence is no
 * finding. */
#define SL_DOCTOR_NO_APP_CODE 1u

/* Reads one Python file's text[0..len) as the lint reads the app (named
 * file in findings): its @spaces.GPU functions, the environment names it
 * reads, gradio_client calls without X-IP-Token.  For a file outside a
 * checkout (and the fuzz target); quota is not explained. */
void sl_doctor_lint_python(struct sl_doctor *d, const char *file, const char *text, size_t len);

/* Classifies one log (text[0..len), named label in findings) together with
 * the logs given before it: the earliest cause over all of them wins.
 * The log reader (buildlog.h) reads it, plain, SSE or UTF-16, and judges
 * its lines with the doctor's rules; lines are the decoded log's.  A text
 * the reader refuses (binary data) is a "log-unread" warning. */
void sl_doctor_add_log(struct sl_doctor *d, const char *label, const char *text, size_t len);

/* The same for the log in the file path ("-": stdin; label NULL: the
 * path), read a chunk at a time.  0, or the reader's error (SL_EIO: it
 * cannot be read; binary data is the warning, not an error). */
int sl_doctor_add_log_file(struct sl_doctor *d, const char *label, const char *path,
			   struct sl_err *err);

/* What the Hub says about a Space id: any of them may be NULL. */
struct sl_doctor_runtime {
	const char *id, *stage, *error_message, *hardware_requested, *hardware_current;
};
void sl_doctor_add_runtime(struct sl_doctor *d, const struct sl_doctor_runtime *rt);

/* What a duplicate checklist catches against its source, from their diff:
 * hardware, visibility-free runtime fields (sdk, sdk_version, Python),
 * secret and variable names missing in the duplicate, and diff's top
 * package findings. */
void sl_doctor_add_diff(struct sl_doctor *d, const struct sl_diff *diff);

/* Findings in the order they are rendered (errors first, then by file and
 * line); borrowed. */
size_t sl_doctor_count(const struct sl_doctor *d);
const struct sl_doctor_finding *sl_doctor_finding_at(const struct sl_doctor *d, size_t i);
/* The GPU calls found and the quota tiers (for the explanation). */
size_t sl_doctor_gpu_count(const struct sl_doctor *d);
const struct sl_doctor_gpu_call *sl_doctor_gpu_at(const struct sl_doctor *d, size_t i);
size_t sl_doctor_tier_count(const struct sl_doctor *d);
const struct sl_doctor_tier *sl_doctor_tier_at(const struct sl_doctor *d, size_t i);
/* How many calls of g fit in a day of tier t's quota (0 when none does);
 * -1 when g's duration is not known. */
long sl_doctor_calls_per_day(const struct sl_doctor_gpu_call *g, const struct sl_doctor_tier *t);

/* The failure verdict: the winning rule (NULL: no log given or nothing
 * matched) with the log and line it was seen at. */
const struct sl_failrule *sl_doctor_cause(const struct sl_doctor *d, const char **label,
					  unsigned long *line);

/* Whether an error-level finding or a classified failure was found (the
 * command's exit 1). */
bool sl_doctor_failed(const struct sl_doctor *d);

/* Renders everything found: text for people, JSON for scripts
 * ({"findings":[{id,severity,file,line,message,fix}],"bucket",...}). */
void sl_doctor_render_text(const struct sl_doctor *d, struct sl_buf *out);
void sl_doctor_render_json(const struct sl_doctor *d, struct sl_buf *out);

const char *sl_doctor_severity_name(enum sl_doctor_severity s);

#endif
