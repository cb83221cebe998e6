/* piplog.c: pip's own lines in a build or run log (Collecting,
 * Downloading, Requirement already satisfied, Successfully installed,
 * Resolved ... to commit, pip's ERROR lines), and the pip commands of a
 * RUN step (which one is the platform step). */
#include <stdlib.h>
#include <string.h>

#include "buildlog_private.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/version.h"
#include "spacelock/wheelname.h"

#define STARTS(s, len, lit) ((len) >= sizeof(lit) - 1 && memcmp((s), (lit), sizeof(lit) - 1) == 0)

/* ---- the name map (canonical name -> what pip said about it) ---- */

static size_t hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void map_grow(struct pkgmap *m)
{
	struct pkgmap old = *m;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->v = sl_xcalloc(m->cap, sizeof(*m->v));
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++) {
		if (!old.v[i].canon)
			continue;
		size_t j = hash(old.v[i].canon) & (m->cap - 1);
		while (m->v[j].canon)
			j = (j + 1) & (m->cap - 1);
		m->v[j] = old.v[i];
		m->n++;
	}
	free(old.v);
}

/* Returns the entry for a canonical name, creating it when create. */
static struct pkgctx *map_get(struct pkgmap *m, const char *canon, bool create)
{
	size_t j;

	if (m->cap == 0 && !create)
		return NULL;
	if (create && (m->n + 1) * 2 > m->cap)
		map_grow(m);
	j = hash(canon) & (m->cap - 1);
	while (m->v[j].canon) {
		if (strcmp(m->v[j].canon, canon) == 0)
			return &m->v[j];
		j = (j + 1) & (m->cap - 1);
	}
	if (!create)
		return NULL;
	m->v[j].canon = sl_xstrdup(canon);
	m->v[j].pip_obs = NO_OBS;
	m->n++;
	return &m->v[j];
}

void piplog_reset(struct sl_buildlog_state *st)
{
	/* a skimmed build named no package: nothing to clear */
	for (size_t i = 0; st->names.n && i < st->names.cap; i++) {
		struct pkgctx *c = &st->names.v[i];
		if (!c->canon)
			continue;
		free(c->canon);
		free(c->required_by);
		free(c->requirement);
		free(c->vcs_url);
		free(c->vcs_commit);
	}
	if (st->names.n)
		memset(st->names.v, 0, st->names.cap * sizeof(*st->names.v));
	st->names.n = 0;
	free(st->collect_canon);
	free(st->collect_url);
	st->collect_canon = st->collect_url = NULL;
}

struct pkgctx *piplog_ctx_for(struct sl_buildlog *log, const char *name, size_t len, bool create)
{
	struct sl_buf *c = &log->state->canon;

	sl_buf_reset(c);
	sl_name_canonical_buf(name, len, c);
	return map_get(&log->state->names, c->buf, create);
}

static void set_str(char **dst, const char *s)
{
	if (!s || (*dst && strcmp(*dst, s) == 0))
		return;
	free(*dst);
	*dst = sl_xstrdup(s);
}

static int origin_rank(enum sl_origin o)
{
	return o == SL_ORIGIN_DIRECT	   ? 3
	       : o == SL_ORIGIN_PLATFORM   ? 2
	       : o == SL_ORIGIN_TRANSITIVE ? 1
					   : 0;
}

/* The next character of s[0..n) in PEP 503 canonical form (lower case,
 * a run of "-_." as one '-'), from *i on; -1 at the end. */
static int canon_next(const char *s, size_t n, size_t *i)
{
	char c;

	if (*i >= n)
		return -1;
	c = s[(*i)++];
	if (c == '-' || c == '_' || c == '.') {
		while (*i < n && (s[*i] == '-' || s[*i] == '_' || s[*i] == '.'))
			(*i)++;
		return '-';
	}
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* Canonical names equal, compared as they are walked: no copies. */
static bool same_name(const char *a, size_t alen, const char *b)
{
	size_t blen = strlen(b), i = 0, j = 0;
	int ca, cb;

	do {
		ca = canon_next(a, alen, &i);
		cb = canon_next(b, blen, &j);
	} while (ca == cb && ca >= 0);
	return ca == cb;
}

/* ---- observations ---- */

/* A later pip line showing another version of the same package (a newer
 * download while backtracking, an upgrade of what the image had) means the
 * earlier one is not what ended up installed: it becomes a mention. */
static void demote(struct sl_buildlog *log, struct pkgctx *c, const char *version)
{
	struct sl_obs *o;

	if (c->pip_obs == NO_OBS || c->pip_obs >= log->obs.n)
		return;
	/* another section's install (a run log's pip, the build before it)
	 * is not undone by this one */
	if (blog_obs_section(log, c->pip_obs) != log->state->section) {
		c->pip_obs = NO_OBS;
		return;
	}
	o = &log->obs.v[c->pip_obs];
	if (version && o->version && strcmp(o->version, version) == 0)
		return;
	o->strength = SL_EV_MENTION;
	free(o->version);
	o->version = NULL;
	c->pip_obs = NO_OBS;
}

void piplog_observe(struct sl_buildlog *log, const struct seen *s, const char *text)
{
	struct sl_buildlog_state *st = log->state;
	struct sl_build_step *step = blog_current_step(log);
	struct pkgctx *c;
	struct sl_obs o = {0};
	char short_name[128], *name;

	if (!blog_obs_room(log))
		return;
	c = piplog_ctx_for(log, s->name, s->name_len, true);
	/* the list copies it again: a short name needs no heap copy here */
	name = s->name_len < sizeof(short_name) ? short_name : sl_xmalloc(s->name_len + 1);
	memcpy(name, s->name, s->name_len);
	name[s->name_len] = '\0';
	if (s->strength == SL_EV_PIP)
		demote(log, c, s->version);
	if (origin_rank(s->origin) > origin_rank(c->origin))
		c->origin = s->origin;
	set_str(&c->required_by, s->required_by);
	set_str(&c->requirement, s->requirement);
	set_str(&c->vcs_url, s->vcs_url);
	set_str(&c->vcs_commit, s->vcs_commit);
	o.name = name;
	o.version = (char *)s->version;
	o.strength = s->strength;
	o.origin = s->origin != SL_ORIGIN_UNKNOWN ? s->origin : c->origin;
	o.requirement = (char *)(s->requirement ? s->requirement : c->requirement);
	o.required_by = (char *)(s->origin != SL_ORIGIN_UNKNOWN ? s->required_by : c->required_by);
	o.vcs_url = (char *)(s->vcs_url ? s->vcs_url : c->vcs_url);
	o.vcs_commit = (char *)(s->vcs_commit ? s->vcs_commit : c->vcs_commit);
	o.source = log->source;
	o.line = st->lineno;
	o.text = (char *)text;
	sl_obs_list_add(&log->obs, &o);
	if (s->strength == SL_EV_PIP && s->version)
		c->pip_obs = log->obs.n - 1;
	if (step)
		step->nobs++;
	if (name != short_name)
		free(name);
}

/* ---- requirement text as pip prints it ---- */

static bool name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.';
}

static size_t name_span(const char *s)
{
	size_t n = 0;

	while (name_char((unsigned char)s[n])) /* not strspn: its table costs more than a name */
		n++;
	while (n && !((s[n - 1] >= 'a' && s[n - 1] <= 'z') ||
		      (s[n - 1] >= 'A' && s[n - 1] <= 'Z') || (s[n - 1] >= '0' && s[n - 1] <= '9')))
		n--;
	return sl_name_is_valid(s, n) ? n : 0;
}

static bool is_url(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz+");
	return (n > 0 && strncmp(s + n, "://", 3) == 0) || s[0] == '/' || strncmp(s, "./", 2) == 0;
}

void piplog_req_release(struct req *r)
{
	free(r->name);
	free(r->url);
	free(r->pin);
}

void piplog_req_parse(const char *s, struct req *r)
{
	size_t n;
	const char *p;

	memset(r, 0, sizeof(*r));
	s += strspn(s, " \t");
	if (is_url(s)) {
		r->url = sl_xstrndup(s, strcspn(s, " \t"));
		r->name = sl_freeze_egg_name(r->url);
		return;
	}
	n = name_span(s);
	if (!n)
		return;
	r->name = sl_xstrndup(s, n);
	p = s + n;
	if (*p == '[')
		p += strcspn(p, "]") + (strchr(p, ']') ? 1 : 0);
	p += strspn(p, " \t");
	if (*p == '@') {
		p++;
		p += strspn(p, " \t");
		r->url = sl_xstrndup(p, strcspn(p, " \t;"));
	} else if (strncmp(p, "==", 2) == 0 && p[2] != '=') {
		size_t v = strcspn(p + 2, " \t,;");
		if (p[2 + v] != ',' && !memchr(p + 2, '*', v) && sl_freeze_version_ok(p + 2, v))
			r->pin = sl_xstrndup(p + 2, v);
	}
}

/* Splits "REQ (from CHAIN)" at the last " (from "; returns the chain's
 * start (NUL-terminated in place) or NULL. */
static char *split_from(char *s)
{
	char *from = NULL, *p = s;
	size_t len;

	while ((p = strstr(p, " (from ")) != NULL)
		from = p++;
	if (!from)
		return NULL;
	len = strlen(from);
	if (from[len - 1] != ')')
		return NULL;
	from[len - 1] = '\0';
	*from = '\0';
	return from + 7;
}

/* The origin of a requirement as pip printed it: "(from -r file (line N))"
 * is the Space's own request, "(from parent...)" a dependency of parent,
 * and no "from" a command-line argument of the step's pip command. */
static enum sl_origin origin_of(struct sl_buildlog *log, const char *name, const char *chain,
				char **parent)
{
	struct sl_build_step *step = blog_current_step(log);
	struct pkgctx *c;

	*parent = NULL;
	if (chain && (strncmp(chain, "-r ", 3) == 0 || strncmp(chain, "-c ", 3) == 0))
		return SL_ORIGIN_DIRECT;
	if (chain) {
		size_t n = name_span(chain);
		/* "gradio==4.31.0 (from gradio[oauth]==4.31.0)": the extras request itself */
		if (n && !(name && same_name(chain, n, name))) {
			*parent = sl_xstrndup(chain, n);
			return SL_ORIGIN_TRANSITIVE;
		}
	}
	if (!step || !(step->flags & (SL_STEP_PIP | SL_STEP_PLATFORM)))
		return step ? SL_ORIGIN_UNKNOWN : SL_ORIGIN_DIRECT;
	if (step->flags & SL_STEP_PLATFORM) {
		c = name ? piplog_ctx_for(log, name, strlen(name), false) : NULL;
		if (c && c->platform_arg)
			return SL_ORIGIN_PLATFORM;
		return step->flags & (SL_STEP_REQUIREMENTS | SL_STEP_PRE_REQUIREMENTS)
			   ? SL_ORIGIN_UNKNOWN
			   : SL_ORIGIN_PLATFORM;
	}
	return SL_ORIGIN_DIRECT;
}

/* ---- the lines ---- */

static void collecting(struct sl_buildlog *log, const char *rest, const char *line)
{
	struct sl_buildlog_state *st = log->state;
	char *s = sl_xstrdup(rest);
	char *chain = split_from(s);
	char *parent;
	struct req r;
	struct seen o = {0};

	piplog_req_parse(s, &r);
	free(st->collect_canon);
	free(st->collect_url);
	st->collect_canon = r.name ? sl_name_canonical(r.name) : NULL;
	st->collect_url = r.url ? sl_xstrdup(r.url) : NULL;
	if (r.name) {
		o.origin = origin_of(log, r.name, chain, &parent);
		o.name = r.name;
		o.name_len = strlen(r.name);
		o.strength = SL_EV_MENTION;
		o.requirement = s;
		o.required_by = parent;
		o.vcs_url = r.url;
		piplog_observe(log, &o, line);
		free(parent);
	}
	piplog_req_release(&r);
	free(s);
}

/* Old pip printed whole URLs, with "+" as "%2B". */
static char *file_token(const char *s)
{
	size_t n = strcspn(s, " \t");
	char *t = sl_xmalloc(n + 1), *d = t;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && strchr("0123456789abcdefABCDEF", s[i + 1]) &&
		    s[i + 1] && strchr("0123456789abcdefABCDEF", s[i + 2]) && s[i + 2]) {
			char hex[3] = {s[i + 1], s[i + 2], '\0'};
			*d++ = (char)strtol(hex, NULL, 16);
			i += 2;
		} else {
			*d++ = s[i];
		}
	}
	*d = '\0';
	return t;
}

/* "Downloading x-1.0-py3-none-any.whl (12 kB)", "Using cached ...",
 * "Processing ./x-1.0.tar.gz (from y)": a distribution file chosen by pip. */
static void download(struct sl_buildlog *log, const char *rest, const char *line, bool processing)
{
	char *file = file_token(rest), *s, *chain, *parent = NULL;
	struct sl_wheelname w;
	struct seen o = {0};

	/* metadata-first downloads are only candidates: half of a modern
	 * pip's Downloading lines, dropped before any parsing */
	if (sl_wheelname_is_metadata(file)) {
		free(file);
		return;
	}
	s = sl_xstrdup(rest);
	chain = split_from(s);
	if (sl_wheelname_parse(file, &w, NULL) == 0) {
		o.name = w.name;
		o.name_len = strlen(w.name);
		o.version = w.version;
		o.strength = SL_EV_PIP;
		/* "Processing" stands for "Collecting": it says who asked */
		if (chain || processing)
			o.origin = origin_of(log, w.name, chain, &parent);
		o.required_by = parent;
		piplog_observe(log, &o, line);
		sl_wheelname_release(&w);
	}
	free(parent);
	free(s);
	free(file);
}

/* "Requirement already satisfied: REQ in PATH (from CHAIN) (VERSION)" */
static void satisfied(struct sl_buildlog *log, const char *rest, const char *line)
{
	char *s = sl_xstrdup(rest);
	size_t len = strlen(s);
	char *open, *in, *chain, *parent = NULL, *version = NULL;
	struct req r;
	struct seen o = {0};

	if (len > 2 && s[len - 1] == ')' && (open = strrchr(s, '(')) != NULL && open > s &&
	    open[-1] == ' ' && sl_freeze_version_ok(open + 1, (size_t)(s + len - 1 - open - 1))) {
		version = sl_xstrndup(open + 1, (size_t)(s + len - 1 - open - 1));
		open[-1] = '\0';
	}
	chain = split_from(s);
	in = strstr(s, " in ");
	if (in)
		*in = '\0';
	piplog_req_parse(s, &r);
	if (r.name) {
		o.origin = origin_of(log, r.name, chain, &parent);
		o.name = r.name;
		o.name_len = strlen(r.name);
		o.version = version;
		o.strength = version ? SL_EV_PIP : SL_EV_MENTION;
		o.requirement = s;
		o.required_by = parent;
		o.vcs_url = r.url;
		piplog_observe(log, &o, line);
	}
	free(parent);
	free(version);
	piplog_req_release(&r);
	free(s);
}

/* "Successfully installed a-1.0 huggingface-hub-0.20.3" */
static void installed(struct sl_buildlog *log, const char *rest, const char *line)
{
	const char *p = rest;

	while (*p) {
		size_t n;
		char *name, *version;
		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (n && sl_wheelname_split_name_version(p, n, &name, &version, NULL) == 0) {
			struct seen o = {.name = name,
					 .name_len = strlen(name),
					 .version = version,
					 .strength = SL_EV_PIP};
			piplog_observe(log, &o, line);
			free(name);
			free(version);
		} else if (n) {
			blog_warn(log, "'%.*s' in 'Successfully installed' is not <name>-<version>",
				  (int)(n > 80 ? 80 : n), p);
		}
		p += n;
	}
}

/* "Successfully uninstalled x-1.0": that version is gone. */
static void uninstalled(struct sl_buildlog *log, const char *rest)
{
	char *name, *version;
	size_t n = strcspn(rest, " \t");
	struct pkgctx *c;

	if (sl_wheelname_split_name_version(rest, n, &name, &version, NULL) < 0)
		return;
	c = piplog_ctx_for(log, name, strlen(name), false);
	if (c && c->pip_obs != NO_OBS && c->pip_obs < log->obs.n &&
	    strcmp(log->obs.v[c->pip_obs].version, version) == 0)
		demote(log, c, NULL);
	free(name);
	free(version);
}

/* "Resolved https://github.com/x/y.git to commit <sha>" */
static void resolved(struct sl_buildlog *log, const char *rest, const char *line)
{
	struct sl_buildlog_state *st = log->state;
	const char *to = strstr(rest, " to commit ");
	char *url, *sha;

	if (!to)
		return;
	url = sl_xstrndup(rest, (size_t)(to - rest));
	sha = sl_xstrndup(to + 11, strcspn(to + 11, " \t"));
	if (st->collect_canon) {
		struct seen o = {.name = st->collect_canon,
				 .name_len = strlen(st->collect_canon),
				 .strength = SL_EV_MENTION,
				 .vcs_url = st->collect_url ? st->collect_url : url,
				 .vcs_commit = sha};
		piplog_observe(log, &o, line);
	} else {
		blog_warn(log, "commit %.40s of '%.120s' is not tied to a project name in the log",
			  sha, url);
	}
	free(url);
	free(sha);
}

/* The failure kinds a failure rule's "kind" names for pip's lines. */
static bool pip_kind(const char *name, enum sl_failure_kind *out)
{
	static const enum sl_failure_kind kinds[] = {SL_FAIL_RESOLUTION, SL_FAIL_NO_DISTRIBUTION,
						     SL_FAIL_WHEEL_BUILD, SL_FAIL_PYTHON};

	for (size_t i = 0; name && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(name, sl_failure_kind_name(kinds[i])) == 0) {
			*out = kinds[i];
			return true;
		}
	return false;
}

/* "a b, c": one failure per name */
static void fail_each(struct sl_buildlog *log, enum sl_failure_kind kind, const char *p, size_t n,
		      const char *line)
{
	const char *end = p + n;

	while (p < end) {
		size_t k;
		while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
			p++;
		for (k = 0; p + k < end && p[k] != ' ' && p[k] != '\t' && p[k] != ','; k++)
			;
		if (k)
			blog_fail(log, kind, p, k, line);
		p += k;
	}
}

/* A pip line a failure rule knows (data/failure-rules.txt: its kind and
 * where the line names the package or, "subjects: list", the packages):
 * which lines say which failure is data, not C, "ERROR:" or not ("Failed
 * to build a b").  A rule without a subject ("ResolutionImpossible")
 * repeats the failure pip just reported, so it takes that one's subject.
 * False when no rule with a pip kind matches the line (the message,
 * without the blanks or quoting before it: the text blog_fail and the
 * verdict match, so the line is matched once). */
static bool rule_fail(struct sl_buildlog *log, const char *line)
{
	const char *e = line + strspn(line, " \t>");
	const struct sl_failrule *r = blog_rule(log, e, strlen(e));
	const struct sl_build_failure *last =
	    log->nfailures ? &log->failures[log->nfailures - 1] : NULL;
	enum sl_failure_kind kind;
	const char *at;
	size_t n;
	bool has;

	if (!r || !pip_kind(r->kind, &kind))
		return false;
	has = sl_failrule_subject(r, e, strlen(e), &at, &n);
	if (has && r->subject_list)
		fail_each(log, kind, at, n, line);
	else if (has)
		blog_fail(log, kind, at, n, line);
	else if (last && last->kind == kind && last->subject)
		blog_fail(log, kind, last->subject, strlen(last->subject), line);
	else
		blog_fail(log, kind, NULL, 0, line);
	return true;
}

static void pip_error(struct sl_buildlog *log, const char *line)
{
	if (!rule_fail(log, line))
		blog_fail(log, SL_FAIL_PIP, NULL, 0, line);
}

/* "[notice] A new release of pip available: 22.3.1 -> 24.0" */
static void notice(struct sl_buildlog *log, const char *s)
{
	const char *colon = strstr(s, "A new release of pip");
	const char *arrow;

	if (!colon || !(colon = strchr(colon, ':')) || !(arrow = strstr(colon, " -> ")))
		return;
	colon += 1 + strspn(colon + 1, " ");
	if (arrow > colon && sl_freeze_version_ok(colon, (size_t)(arrow - colon)))
		blog_set(&log->pip_version, colon, (size_t)(arrow - colon));
}

#define AFTER(lit) (p + sizeof(lit) - 1)

bool piplog_line(struct sl_buildlog *log, const char *s, size_t len)
{
	size_t ind = strspn(s, " ");
	const char *p = s + ind;
	size_t n = len - ind;

	if (ind > 4) /* the output of a build backend, not pip's */
		return false;
	switch (p[0]) {
	case 'C':
		if (STARTS(p, n, "Collecting ")) {
			collecting(log, AFTER("Collecting "), s);
			return true;
		}
		break;
	case 'D':
		if (STARTS(p, n, "Downloading ")) {
			download(log, AFTER("Downloading "), s, false);
			return true;
		}
		break;
	case 'U':
		if (STARTS(p, n, "Using cached ")) {
			download(log, AFTER("Using cached "), s, false);
			return true;
		}
		break;
	case 'P':
		if (STARTS(p, n, "Processing ")) {
			download(log, AFTER("Processing "), s, true);
			return true;
		}
		break;
	case 'R':
		if (STARTS(p, n, "Requirement already satisfied: ")) {
			satisfied(log, AFTER("Requirement already satisfied: "), s);
			return true;
		}
		if (STARTS(p, n, "Requirement already satisfied (use --upgrade to upgrade): ")) {
			satisfied(
			    log,
			    AFTER("Requirement already satisfied (use --upgrade to upgrade): "), s);
			return true;
		}
		if (STARTS(p, n, "Requirement already up-to-date: ")) {
			satisfied(log, AFTER("Requirement already up-to-date: "), s);
			return true;
		}
		if (STARTS(p, n, "Resolved ")) {
			resolved(log, AFTER("Resolved "), s);
			return true;
		}
		break;
	case 'S':
		if (STARTS(p, n, "Successfully installed ")) {
			installed(log, AFTER("Successfully installed "), s);
			return true;
		}
		if (STARTS(p, n, "Successfully uninstalled ")) {
			uninstalled(log, AFTER("Successfully uninstalled "));
			return true;
		}
		break;
	case 'E':
		if (STARTS(p, n, "ERROR: ")) {
			pip_error(log, s);
			return true;
		}
		break;
	case '[':
		if (STARTS(p, n, "[notice] ")) {
			notice(log, p);
			return true;
		}
		break;
	}
	/* pip's other lines that say a failure ("Failed to build a b",
	 * "Package x requires a different Python"): the failure rules'.  pip
	 * prints them at column 0 and they start with a word; the lines of its
	 * progress, indented or drawn (bars, trees), are not matched at all */
	return ind == 0 && ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) &&
	       rule_fail(log, s);
}
