/* snapshot.c: read every input into observations, then merge them into a
 * lock.  The merge (snapshot_merge.c) decides; this file only gathers. */
#include "spacelock/snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot_private.h"
#include "spacelock/buildlog.h"
#include "spacelock/card.h"
#include "spacelock/distinfo.h"
#include "spacelock/fileio.h"
#include "spacelock/freeze.h"
#include "spacelock/mem.h"
#include "spacelock/name.h"
#include "spacelock/reqfile.h"
#include "spacelock/requirement.h"

/* The name a dir file gets in the lock. */
static char *dir_name(const struct snap *s, const char *file)
{
	const char *label = s->in->dir_label ? s->in->dir_label : s->in->dir;

	if (!*label || strcmp(label, ".") == 0)
		return sl_xstrdup(file);
	return sl_xasprintf("%s/%s", label, file);
}

/* An empty input proves nothing; say which one, it is likely a mistake
 * (a truncated download, the wrong file). */
static void warn_empty(struct snap *s, const char *path, const char *name)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
		snap_warn(s, "%s: the file is empty", name);
}

static void add_input(struct snap *s, const char *kind, const char *name)
{
	char *t = sl_xasprintf("%s: %s", kind, name);

	sl_lock_strv_add(&s->lock->inputs, &s->lock->n_inputs, t);
	free(t);
}

/* ---- the card ---- */

static void card_to_space(struct sl_lock_space *sp, const struct sl_card *card)
{
	const struct sl_card_value *pre = sl_card_get(card, "preload_from_hub");

	sl_lock_set(&sp->sdk, sl_card_string(card, "sdk"));
	sl_lock_set(&sp->sdk_version, sl_card_string(card, "sdk_version"));
	sl_lock_set(&sp->python_version, sl_card_string(card, "python_version"));
	sl_lock_set(&sp->app_file, sl_card_string(card, "app_file"));
	sl_lock_set(&sp->suggested_hardware, sl_card_string(card, "suggested_hardware"));
	sl_lock_set(&sp->startup_duration_timeout,
		    sl_card_string(card, "startup_duration_timeout"));
	if (pre && pre->style == SL_CARD_SEQUENCE) {
		for (size_t i = 0; i < pre->nitems; i++)
			if (pre->items[i])
				sl_lock_strv_add(&sp->preload_from_hub, &sp->n_preload_from_hub,
						 pre->items[i]);
	} else if (pre && pre->value && *pre->value) {
		sl_lock_strv_add(&sp->preload_from_hub, &sp->n_preload_from_hub, pre->value);
	}
}

static int read_card(struct snap *s)
{
	char *path = sl_xasprintf("%s/README.md", s->in->dir);
	char *name = dir_name(s, "README.md");
	struct sl_buf b = SL_BUF_INIT;
	struct sl_card *card = NULL;
	int rc = sl_file_read(path, SL_CARD_MAX_BYTES, &b, s->err);

	if (!rc)
		rc = sl_card_parse(name, b.buf, b.len, &card, s->err);
	if (!rc) {
		card_to_space(&s->lock->space, card);
		for (size_t i = 0; i < card->nwarnings; i++)
			sl_lock_add_warning(s->lock, card->warnings[i]);
		warn_empty(s, path, name);
		add_input(s, "card", name);
	}
	sl_card_free(card);
	sl_buf_release(&b);
	free(path);
	free(name);
	return rc;
}

/* ---- requirements files ---- */

static void add_direct(struct snap *s, const struct sl_reqfile_entry *e, const char *source)
{
	struct sl_obs o = {0};
	char *version = snap_exact_pin(e->req);

	o.name = e->name;
	o.version = version;
	o.strength = version ? SL_EV_PIN : SL_EV_MENTION;
	o.origin = SL_ORIGIN_DIRECT;
	o.requirement = e->req_text ? e->req_text : e->text;
	o.vcs_url = e->url;
	o.source = (char *)source;
	o.line = e->line;
	o.text = e->text;
	sl_obs_list_add(&s->obs, &o);
	free(version);
}

/* url without a password written in it ("https://u:pw@host/" gives
 * "https://u@host/"): a secret is never stored.  A ${VAR} reference, which
 * pip expands from the environment, is no secret and is kept. */
static char *without_password(const char *url, bool *had)
{
	const char *sep = strstr(url, "://");
	const char *host = sep ? sep + 3 : url;
	size_t n = strcspn(host, "/?#");
	const char *at = memrchr(host, '@', n);
	const char *colon = at ? memchr(host, ':', (size_t)(at - host)) : NULL;
	size_t pw = colon ? (size_t)(at - colon - 1) : 0;

	*had = false;
	if (!colon || (pw > 3 && colon[1] == '$' && colon[2] == '{' && at[-1] == '}'))
		return sl_xstrdup(url);
	*had = true;
	return sl_xasprintf("%.*s%s", (int)(colon - url), url, at);
}

/* pip's index options, recorded in the lock as the files set them (the
 * last --index-url wins, as in pip). */
static void add_index_option(struct snap *s, const struct sl_reqfile_opt *o, const char *where)
{
	struct sl_lock_index *ix = &s->lock->index;
	char *v = NULL;
	bool had = false;

	if (strcmp(o->name, "--pre") == 0)
		ix->pre = true;
	else if (strcmp(o->name, "--no-index") == 0)
		ix->no_index = true;
	if (!o->value)
		return;
	v = without_password(o->value, &had);
	if (strcmp(o->name, "--index-url") == 0)
		sl_lock_set(&ix->index_url, v);
	else if (strcmp(o->name, "--extra-index-url") == 0)
		sl_lock_strv_add(&ix->extra_index_urls, &ix->n_extra_index_urls, v);
	else if (strcmp(o->name, "--find-links") == 0)
		sl_lock_strv_add(&ix->find_links, &ix->n_find_links, v);
	else if (strcmp(o->name, "--trusted-host") == 0)
		sl_lock_strv_add(&ix->trusted_hosts, &ix->n_trusted_hosts, v);
	else
		had = false;
	if (had)
		snap_warn(s, "%s: the password in %s's URL is not stored in the lock", where,
			  o->name);
	free(v);
}

static int read_reqfile(struct snap *s, const char *file)
{
	char *path = sl_xasprintf("%s/%s", s->in->dir, file);
	char *name = dir_name(s, file);
	struct sl_buf b = SL_BUF_INIT;
	struct sl_reqfile *rf = NULL;
	int rc = 0;

	if (access(path, F_OK) != 0)
		goto out;
	rc = sl_file_read(path, SL_REQFILE_MAX_BYTES, &b, s->err);
	if (!rc)
		rc = sl_reqfile_refuse_binary(b.buf, b.len, name, s->err);
	if (!rc)
		rc = sl_reqfile_parse(b.buf, b.len, name, &rf, s->err);
	if (rc)
		goto out;
	for (size_t i = 0; i < rf->nentries; i++) {
		const struct sl_reqfile_entry *e = &rf->entries[i];
		if (e->name && (e->kind == SL_REQLINE_REQUIREMENT || e->kind == SL_REQLINE_URL ||
				e->kind == SL_REQLINE_EDITABLE))
			add_direct(s, e, name);
		else if (e->kind == SL_REQLINE_INCLUDE)
			snap_warn(s, "%s:%lu: '%s' is not followed: snapshot reads only %s", name,
				  e->line, e->text, file);
		else if (e->kind == SL_REQLINE_URL || e->kind == SL_REQLINE_EDITABLE)
			snap_warn(s, "%s:%lu: '%s': no project name, so it cannot be matched", name,
				  e->line, e->text);
		for (size_t k = 0; e->kind == SL_REQLINE_OPTION && k < e->nopts; k++) {
			char *where = sl_xasprintf("%s:%lu", name, e->line);
			add_index_option(s, &e->opts[k], where);
			free(where);
		}
	}
	for (size_t i = 0; i < rf->nwarnings; i++)
		sl_lock_add_warning(s->lock, rf->warnings[i]);
	warn_empty(s, path, name);
	add_input(s, "requirements", name);
out:
	sl_reqfile_free(rf);
	sl_buf_release(&b);
	free(path);
	free(name);
	return rc;
}

/* packages.txt: one apt package a line, as `xargs apt-get install` reads. */
static int read_packages_txt(struct snap *s)
{
	char *path = sl_xasprintf("%s/packages.txt", s->in->dir);
	char *name = dir_name(s, "packages.txt");
	struct sl_buf b = SL_BUF_INIT;
	int rc = 0;

	if (access(path, F_OK) == 0 && (rc = sl_file_read(path, 1u << 20, &b, s->err)) == 0) {
		for (char *p = b.buf; *p;) {
			size_t n = strcspn(p, " \t\r\n");
			if (n > 0 && *p != '#') {
				char *t = sl_xstrndup(p, n);
				sl_lock_strv_add(&s->lock->space.system_packages,
						 &s->lock->space.n_system_packages, t);
				free(t);
			}
			p += n + strspn(p + n, " \t\r\n");
		}
		warn_empty(s, path, name);
		add_input(s, "packages", name);
	}
	sl_buf_release(&b);
	free(path);
	free(name);
	return rc;
}

static int read_dir(struct snap *s)
{
	int rc = read_card(s);

	if (!rc)
		rc = read_reqfile(s, "pre-requirements.txt");
	if (!rc)
		rc = read_reqfile(s, "requirements.txt");
	if (!rc)
		rc = read_packages_txt(s);
	return rc;
}

/* ---- logs, freezes, site-packages ---- */

static const char *label_of(const struct sl_snapshot_file *f)
{
	return f->label ? f->label : f->path;
}

/* One file given twice (--build-log F --run-log F: a build and a run log
 * pasted into one file) is read once: its sections say what it holds. */
static bool read_before(struct snap *s, const char *path)
{
	struct stat sb;

	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return false;
	for (size_t i = 0; i < s->nread; i++)
		if (s->read_dev[i] == sb.st_dev && s->read_ino[i] == sb.st_ino)
			return true;
	s->read_dev = sl_xrealloc(s->read_dev, (s->nread + 1) * sizeof(*s->read_dev));
	s->read_ino = sl_xrealloc(s->read_ino, (s->nread + 1) * sizeof(*s->read_ino));
	s->read_dev[s->nread] = sb.st_dev;
	s->read_ino[s->nread++] = sb.st_ino;
	return false;
}

/* The reader streams the log: memory stays bounded whatever its size. */
static int read_log(struct snap *s, const struct sl_snapshot_file *f, enum sl_log_kind kind)
{
	struct sl_buildlog *log;
	int rc;

	if (read_before(s, f->path)) {
		add_input(s, kind == SL_LOG_BUILD ? "build-log" : "run-log", label_of(f));
		return 0;
	}
	rc = sl_buildlog_read_file(f->path, label_of(f), kind, &log, s->err);
	if (rc)
		return rc;
	for (size_t i = 0; i < log->obs.n; i++)
		sl_obs_list_add(&s->obs, &log->obs.v[i]);
	for (size_t i = 0; i < log->nwarnings; i++)
		sl_lock_add_warning(s->lock, log->warnings[i]);
	sl_xgrow((void **)&s->logs, &s->cap_logs, s->nlogs + 1, sizeof(*s->logs));
	s->logs[s->nlogs++] = log;
	warn_empty(s, f->path, label_of(f));
	add_input(s, kind == SL_LOG_BUILD ? "build-log" : "run-log", label_of(f));
	return 0;
}

static int read_freeze(struct snap *s, const struct sl_snapshot_file *f)
{
	struct sl_obs_list tmp = SL_OBS_LIST_INIT;
	int rc = sl_freeze_read_file(f->path, &tmp, s->err);

	if (rc < 0) {
		sl_obs_list_release(&tmp);
		if (f->label)
			sl_err_prefix(s->err, "%s", f->label);
		return rc;
	}
	for (size_t i = 0; i < tmp.n; i++)
		sl_lock_set(&tmp.v[i].source, label_of(f));
	/* moved, not copied: a large freeze was held twice */
	sl_obs_list_move(&s->obs, &tmp);
	warn_empty(s, f->path, label_of(f));
	add_input(s, "freeze", label_of(f));
	return 0;
}

/* A skipped distribution is installed at a version nobody can read: it is
 * named (so the merge reports it incomplete unless another input proves
 * its version), never locked. */
static void mention_skipped(struct snap *s, const struct sl_dist_skipped *k)
{
	struct sl_obs o = {0};

	if (!k->name || !sl_name_is_valid(k->name, strlen(k->name)))
		return;
	o.name = k->name;
	o.strength = SL_EV_MENTION;
	o.origin = SL_ORIGIN_UNKNOWN;
	o.source = k->path;
	o.text = k->why;
	sl_obs_list_add(&s->obs, &o);
}

/* Broken distributions (no METADATA, a bad version, the same project
 * twice) do not stop the scan; they become warnings of the lock, and a
 * distribution whose version cannot be read is incomplete. */
static int read_site(struct snap *s)
{
	struct sl_dist_list l = SL_DIST_LIST_INIT;
	int rc = sl_distinfo_scan(s->in->site_packages, &l, s->err);

	if (rc >= 0) {
		sl_distinfo_to_obs(&l, &s->obs);
		for (size_t i = 0; i < l.n_skipped; i++)
			mention_skipped(s, &l.skipped[i]);
		for (size_t i = 0; i < l.n_warnings; i++)
			sl_lock_add_warning(s->lock, l.warnings[i]);
		add_input(s, "site-packages", s->in->site_packages);
	}
	sl_dist_list_release(&l);
	return rc < 0 ? rc : 0;
}

static int gather(struct snap *s)
{
	const struct sl_snapshot_inputs *in = s->in;
	int rc = 0;

	if (in->dir)
		rc = read_dir(s);
	for (size_t i = 0; !rc && i < in->n_build_logs; i++)
		rc = read_log(s, &in->build_logs[i], SL_LOG_BUILD);
	for (size_t i = 0; !rc && i < in->n_run_logs; i++)
		rc = read_log(s, &in->run_logs[i], SL_LOG_RUN);
	for (size_t i = 0; !rc && i < in->n_freezes; i++)
		rc = read_freeze(s, &in->freezes[i]);
	if (!rc && in->site_packages)
		rc = read_site(s);
	return rc;
}

static bool has_input(const struct sl_snapshot_inputs *in)
{
	return in->dir || in->n_build_logs || in->n_run_logs || in->n_freezes || in->site_packages;
}

/* NAMES only: the Hub client never keeps a value. */
static void names_to(char *const *names, char ***v, size_t *n, bool *known)
{
	*known = names != NULL;
	for (size_t i = 0; names && names[i]; i++)
		sl_lock_strv_add(v, n, names[i]);
}

int sl_snapshot_run(const struct sl_snapshot_inputs *in, struct sl_lock **out, struct sl_err *err)
{
	struct snap s = {.in = in, .err = err};
	int rc;

	if (!has_input(in))
		return sl_error(err, SL_EINVAL,
				"nothing to snapshot: give a Space directory, a build or run "
				"log, a freeze file or a site-packages directory");
	s.lock = sl_lock_new();
	sl_lock_set(&s.lock->space.id, in->space_id);
	sl_lock_set(&s.lock->space.revision, in->revision);
	sl_lock_set(&s.lock->space.hardware, in->hardware);
	names_to(in->secret_names, &s.lock->space.secrets, &s.lock->space.n_secrets,
		 &s.lock->space.secrets_known);
	names_to(in->variable_names, &s.lock->space.variables, &s.lock->space.n_variables,
		 &s.lock->space.variables_known);
	rc = gather(&s);
	if (!rc)
		snap_merge(&s);
	for (size_t i = 0; i < s.nlogs; i++)
		sl_buildlog_free(s.logs[i]);
	free(s.read_dev);
	free(s.read_ino);
	free(s.remedy);
	free(s.logs);
	sl_obs_list_release(&s.obs);
	if (rc) {
		sl_lock_free(s.lock);
		return rc;
	}
	sl_lock_sort(s.lock);
	*out = s.lock;
	return 0;
}

/* The card's first line, as card.c wants it: "---" after an optional BOM. */
static bool starts_with_front_matter(const char *path)
{
	char head[8];
	/* O_NONBLOCK and a regular file only: a FIFO is never waited on */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	ssize_t got = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
			  ? read(fd, head, sizeof(head))
			  : 0;
	size_t n = got > 0 ? (size_t)got : 0;
	size_t at = n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	if (fd >= 0)
		close(fd);
	if (n < at + 4 || memcmp(head + at, "---", 3) != 0)
		return false;
	return head[at + 3] && strchr(" \t\r\n", head[at + 3]);
}

bool sl_snapshot_is_checkout(const char *dir)
{
	char *readme = sl_xasprintf("%s/README.md", dir);
	char *reqs = sl_xasprintf("%s/requirements.txt", dir);
	bool yes = starts_with_front_matter(readme) || access(reqs, F_OK) == 0;

	free(readme);
	free(reqs);
	return yes;
}
