/* doctor_private.h: what the doctor's files share (doctor.h is the API).
 * doctor.c holds the findings, the logs and the rendering; doctor_card.c
 * lints the card and requirements; doctor_app.c reads the app's Python as
 * text; doctor_quota.c explains ZeroGPU quota from its data file. */
#ifndef SPACELOCK_DOCTOR_PRIVATE_H
#define SPACELOCK_DOCTOR_PRIVATE_H

#include "spacelock/card.h"
#include "spacelock/doctor.h"

struct doctor_log {
	char *label;
	unsigned long first; /* its first line in the doctor's line count */
};

/* A name the app reads from the environment. */
struct doctor_secret {
	char *name, *file;
	unsigned long line;
};

struct sl_doctor {
	const struct sl_failrules *fr;
	struct sl_doctor_finding *f;
	size_t n, cap;
	struct sl_doctor_gpu_call *gpu;
	size_t n_gpu;
	struct sl_doctor_tier *tiers;
	size_t n_tiers;
	struct doctor_secret *secrets;
	size_t n_secrets;
	struct sl_failverdict verdict;
	struct doctor_log *logs;
	size_t n_logs;
	unsigned long lines;
	bool failure_added; /* the verdict is one of the findings */
	char *space_id, *stage, *error_message, *hw_requested, *hw_current;
	char *quota_as_of;
	bool sorted;
};

/* What the lint steps know about the Space checkout. */
struct doctor_space {
	const char *dir;
	struct sl_card *card;
	const char *sdk, *sdk_version, *hardware; /* hardware: the Hub's, else the card's */
	bool zerogpu;				  /* on ZeroGPU, or written for it */
	bool no_app_code;			  /* the app's files are not in dir */
	bool uses_gpu;				  /* some @spaces.GPU function */
	char *download_file;			  /* a model download at import time, or NULL */
	unsigned long download_line;
};

/* Adds a finding; fix may be NULL. */
void doctor_add(struct sl_doctor *d, const char *id, enum sl_doctor_severity sev, const char *file,
		unsigned long line, const char *fix, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* The card and requirements.txt (doctor_card.c); sp->card is read. */
void doctor_lint_card(struct sl_doctor *d, struct doctor_space *sp);
int doctor_lint_requirements(struct sl_doctor *d, struct doctor_space *sp, struct sl_err *err);

/* The app's Python files (doctor_app.c): GPU calls, CUDA at import,
 * secrets, X-IP-Token, downloads at start-up. */
int doctor_lint_app(struct sl_doctor *d, struct doctor_space *sp, struct sl_err *err);

/* The quota data and each GPU call's explanation (doctor_quota.c). */
int doctor_quota(struct sl_doctor *d, struct sl_err *err);

/* The text of the log line of hit i of the verdict ("" if none). */
const char *doctor_hit_text(const struct sl_doctor *d, size_t i);

/* Hit i of the verdict, with the log and line (in that log) it was seen at. */
const struct sl_failrule *doctor_hit(const struct sl_doctor *d, size_t i, const char **label,
				     unsigned long *line);

/* Whether hardware is a GPU flavor (not cpu-*). */
bool doctor_is_gpu_hardware(const char *hardware);

#endif
