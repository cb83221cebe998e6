/* piplog_step.c: the pip commands of a RUN step: which words are pip
 * install's requirement arguments, whether the step installs the Space's
 * requirements or pre-requirements, and whether it is the platform step
 * (the builder's own pip install of the sdk, gradio[oauth]==X, with
 * uvicorn, spaces, ...), whose arguments name the sdk and are observed as
 * pins and mentions. */
#include <stdlib.h>
#include <string.h>

#include "buildlog_private.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"

/* ---- RUN steps: which pip command installs what ---- */

/* Shell-like words of a command: quotes removed, "&&", "||", ";" and "|"
 * returned as their own words. */
struct words {
	char **v;
	size_t n, cap;
};

static void words_add(struct words *w, struct sl_buf *b)
{
	sl_xgrow((void **)&w->v, &w->cap, w->n + 1, sizeof(*w->v));
	w->v[w->n++] = sl_buf_detach(b, NULL);
}

static void split_words(const char *s, struct words *w)
{
	struct sl_buf b = SL_BUF_INIT;
	bool any = false;

	for (; *s; s++) {
		char c = *s;
		if (c == ' ' || c == '\t' || c == '\n') {
			if (any)
				words_add(w, &b);
			any = false;
		} else if (c == '&' || c == '|' || c == ';') {
			if (any)
				words_add(w, &b);
			sl_buf_addch(&b, c);
			if ((c == '&' || c == '|') && s[1] == c)
				sl_buf_addch(&b, *++s);
			words_add(w, &b);
			any = false;
		} else if (c == '"' || c == '\'') {
			any = true;
			for (s++; *s && *s != c; s++) {
				if (c == '"' && *s == '\\' && s[1])
					s++;
				sl_buf_addch(&b, *s);
			}
			if (!*s)
				break;
		} else if (c == '\\' && s[1]) {
			any = true;
			sl_buf_addch(&b, *++s);
		} else { /* a run of ordinary characters at once */
			size_t n = strcspn(s, " \t\n&|;\"'\\");
			any = true;
			if (n == 0)
				n = 1; /* a lone '\\' at the end */
			sl_buf_add(&b, s, n);
			s += n - 1;
		}
	}
	if (any)
		words_add(w, &b);
	sl_buf_release(&b);
}

static void words_free(struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
}

static bool is_sep(const char *w)
{
	return strcmp(w, "&&") == 0 || strcmp(w, "||") == 0 || strcmp(w, ";") == 0 ||
	       strcmp(w, "|") == 0 || strcmp(w, "&") == 0;
}

/* pip install options that take a separate value */
static bool takes_value(const char *o)
{
	static const char *const opts[] = {"-r",
					   "--requirement",
					   "-c",
					   "--constraint",
					   "-e",
					   "--editable",
					   "-t",
					   "--target",
					   "--platform",
					   "--python-version",
					   "--implementation",
					   "--abi",
					   "--root",
					   "--prefix",
					   "--src",
					   "--upgrade-strategy",
					   "-i",
					   "--index-url",
					   "--extra-index-url",
					   "-f",
					   "--find-links",
					   "--no-binary",
					   "--only-binary",
					   "--progress-bar",
					   "--root-user-action",
					   "--report",
					   "--trusted-host",
					   "--log",
					   "--cache-dir",
					   "--proxy",
					   "--retries",
					   "--timeout",
					   "--exists-action",
					   "--cert",
					   "--client-cert",
					   "--config-settings",
					   "-C",
					   "--global-option",
					   "--python",
					   "--keyring-provider",
					   "--use-feature",
					   "--use-deprecated",
					   "--group"};

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (strcmp(o, opts[i]) == 0)
			return true;
	return false;
}

static const char *base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static void requirement_file(struct sl_build_step *step, const char *file)
{
	step->flags |= strcmp(base(file), "pre-requirements.txt") == 0 ? SL_STEP_PRE_REQUIREMENTS
								       : SL_STEP_REQUIREMENTS;
}

/* Reads one "pip install ..." command from w->v[i]; its requirement
 * arguments go to args.  Returns the index after the command. */
static size_t pip_command(struct words *w, size_t i, struct sl_build_step *step, struct words *args)
{
	step->flags |= SL_STEP_PIP;
	for (; i < w->n && !is_sep(w->v[i]); i++) {
		const char *a = w->v[i];
		if (takes_value(a) && i + 1 < w->n) {
			if (strcmp(a, "-r") == 0 || strcmp(a, "--requirement") == 0)
				requirement_file(step, w->v[i + 1]);
			i++;
		} else if (strncmp(a, "-r", 2) == 0 && a[2] && a[2] != '-') {
			requirement_file(step, a + 2);
		} else if (strncmp(a, "--requirement=", 14) == 0) {
			requirement_file(step, a + 14);
		} else if (a[0] != '-') {
			struct sl_buf b = SL_BUF_INIT;
			sl_buf_addstr(&b, a);
			words_add(args, &b);
		}
	}
	return i;
}

static bool pip_install_at(struct words *w, size_t i, size_t *next)
{
	const char *b = base(w->v[i]);

	if ((strcmp(b, "pip") == 0 || strcmp(b, "pip3") == 0) && i + 1 < w->n &&
	    strcmp(w->v[i + 1], "install") == 0) {
		*next = i + 2;
		return true;
	}
	if (strncmp(b, "python", 6) == 0 && i + 3 < w->n && strcmp(w->v[i + 1], "-m") == 0 &&
	    strcmp(w->v[i + 2], "pip") == 0 && strcmp(w->v[i + 3], "install") == 0) {
		*next = i + 4;
		return true;
	}
	return false;
}

/* The builder's own pip commands: the sdk pin (gradio[...]==X,
 * streamlit==X), the spaces package, or its base set (datasets with
 * huggingface-hub). */
static bool platform_args(const struct words *args, char **sdk, char **sdk_version)
{
	bool datasets = false, hub = false, platform = false;
	struct sl_buf canon = SL_BUF_INIT;

	for (size_t i = 0; i < args->n; i++) {
		struct req r;
		const char *c;
		piplog_req_parse(args->v[i], &r);
		if (!r.name) {
			piplog_req_release(&r);
			continue;
		}
		/* canonical once, compared with canonical literals (sl_name_eq
		 * would copy both sides for each of them) */
		sl_buf_reset(&canon);
		sl_name_canonical_buf(r.name, strlen(r.name), &canon);
		c = canon.buf;
		if ((strcmp(c, "gradio") == 0 || strcmp(c, "streamlit") == 0) && r.pin && !*sdk) {
			*sdk = sl_xstrdup(c);
			*sdk_version = sl_xstrdup(r.pin);
			platform = true;
		}
		if (strcmp(c, "spaces") == 0)
			platform = true;
		datasets |= strcmp(c, "datasets") == 0;
		hub |= strcmp(c, "huggingface-hub") == 0;
		piplog_req_release(&r);
	}
	sl_buf_release(&canon);
	return platform || (datasets && hub);
}

/* The platform step's arguments, as pins (==X) or mentions. */
static void platform_observations(struct sl_buildlog *log, const struct words *args)
{
	for (size_t i = 0; i < args->n; i++) {
		struct req r;
		struct pkgctx *c;
		piplog_req_parse(args->v[i], &r);
		if (r.name) {
			struct seen o = {.name = r.name,
					 .name_len = strlen(r.name),
					 .version = r.pin,
					 .strength = r.pin ? SL_EV_PIN : SL_EV_MENTION,
					 .origin = SL_ORIGIN_PLATFORM,
					 .requirement = args->v[i]};
			piplog_observe(log, &o, args->v[i]);
			c = piplog_ctx_for(log, r.name, strlen(r.name), true);
			c->platform_arg = true;
		}
		piplog_req_release(&r);
	}
}

static void drop_sdk(struct sl_buildlog *log)
{
	for (size_t i = 0; i < log->nplatform_reqs; i++)
		free(log->platform_reqs[i]);
	free(log->platform_reqs);
	free(log->sdk);
	free(log->sdk_version);
	log->platform_reqs = NULL;
	log->nplatform_reqs = 0;
	log->sdk = log->sdk_version = NULL;
	log->state->sdk_miss = 0;
}

void piplog_classify_step(struct sl_buildlog *log, struct sl_build_step *step, bool emit)
{
	struct words w = {0}, args = {0};
	char *sdk = NULL, *sdk_version = NULL;
	size_t i = 0, next;

	split_words(step->instruction, &w);
	while (i < w.n) {
		if (pip_install_at(&w, i, &next))
			i = pip_command(&w, next, step, &args);
		else
			i++;
	}
	if (args.n && platform_args(&args, &sdk, &sdk_version)) {
		step->flags |= SL_STEP_PLATFORM;
		if (sdk)
			step->flags |= SL_STEP_SDK;
		if (emit)
			platform_observations(log, &args);
		/* the step's own echo beats what a summary's cache miss said of
		 * it, whichever section came first in the file */
		if (sdk && emit && log->state->sdk_miss)
			drop_sdk(log);
		if (sdk && !log->sdk) {
			log->sdk = sdk;
			log->sdk_version = sdk_version;
			sdk = sdk_version = NULL;
			log->platform_reqs = args.v;
			log->nplatform_reqs = args.n;
			args.v = NULL;
			args.n = 0;
		}
	}
	free(sdk);
	free(sdk_version);
	words_free(&args);
	words_free(&w);
}

/* A stand-in read in a build section replaces one read outside any (a
 * summary pasted above a run log), so which one counts does not depend on
 * the order the sections were pasted in; otherwise the first one stays.
 * A miss that names no sdk leaves the one there. */
void piplog_miss_sdk(struct sl_buildlog *log, char *instruction)
{
	struct sl_buildlog_state *st = log->state;
	bool build = st->section == SL_LOG_BUILD;
	struct sl_build_step tmp = {.instruction = instruction};
	char *sdk = log->sdk, *version = log->sdk_version, **reqs = log->platform_reqs;
	size_t nreqs = log->nplatform_reqs;

	if (sdk && !(st->sdk_miss == 1 && build))
		return;
	log->sdk = log->sdk_version = NULL;
	log->platform_reqs = NULL;
	log->nplatform_reqs = 0;
	piplog_classify_step(log, &tmp, false);
	if (!log->sdk) {
		log->sdk = sdk;
		log->sdk_version = version;
		log->platform_reqs = reqs;
		log->nplatform_reqs = nreqs;
		return;
	}
	for (size_t i = 0; i < nreqs; i++)
		free(reqs[i]);
	free(reqs);
	free(sdk);
	free(version);
	st->sdk_miss = build ? 2 : 1;
}
