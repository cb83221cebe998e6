/* lockfile_write.c: the lock model to JSON text, streamed.
 *
 * No tree is built: the members of every object are written in the byte
 * order of their keys, by hand, with jsonw.h's pretty layout, and the text
 * goes to the file 64 KiB at a time.  Memory is the lock model plus one
 * chunk, whatever the lock's size (a cJSON tree of a 50,000-package lock
 * took several times the lock model).  The size is bounded by
 * SL_LOCKFILE_MAX_BYTES, the bound the reader has: a lock larger than any
 * reader accepts is refused, and no file is left. */
#include "spacelock/lockfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lockfile_private.h"
#include "spacelock/fileio.h"
#include "spacelock/jsonw.h"

/* Text is handed to the sink in chunks of about this size. */
#define CHUNK_BYTES (64u * 1024)

/* Where the text goes. */
enum sink {
	SINK_BUF,   /* stays in the buffer (sl_lockfile_dump) */
	SINK_COUNT, /* counted and dropped: how large the lock is */
	SINK_FD,    /* written to fd */
};

struct lockw {
	struct sl_jsonw j;
	struct sl_buf *out; /* the text not yet handed on */
	enum sink sink;
	int fd;
	size_t total;	 /* bytes handed on so far */
	bool over;	 /* total passed SL_LOCKFILE_MAX_BYTES: stop */
	int write_errno; /* a failed write(2), or 0 */
};

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return errno;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Hands on what the buffer holds (at least CHUNK_BYTES of it unless
 * final), and stops the writer once the lock is over the bound. */
static void flush(struct lockw *w, bool final)
{
	if (w->sink == SINK_BUF || (!final && w->out->len < CHUNK_BYTES))
		return;
	w->total += w->out->len;
	if (w->total > SL_LOCKFILE_MAX_BYTES)
		w->over = true;
	if (w->sink == SINK_FD && !w->over && !w->write_errno)
		w->write_errno = write_all(w->fd, w->out->buf, w->out->len);
	sl_buf_reset(w->out);
}

static bool stopped(const struct lockw *w)
{
	return w->over || w->write_errno;
}

/* A string member, null when s is NULL. */
static void field_str(struct lockw *w, const char *key, const char *s)
{
	sl_jsonw_field_string(&w->j, key, s);
}

/* A string member left out when s is NULL. */
static void field_opt(struct lockw *w, const char *key, const char *s)
{
	if (s)
		sl_jsonw_field_string(&w->j, key, s);
}

static void field_strv(struct lockw *w, const char *key, char *const *v, size_t n)
{
	sl_jsonw_field_strings(&w->j, key, v, n);
}

static void write_space(struct lockw *w, const struct sl_lock_space *s)
{
	sl_jsonw_key(&w->j, "space");
	sl_jsonw_object_begin(&w->j);
	field_str(w, "app_file", s->app_file);
	field_str(w, "hardware", s->hardware);
	field_str(w, "id", s->id);
	field_strv(w, "preload_from_hub", s->preload_from_hub, s->n_preload_from_hub);
	field_str(w, "python_version", s->python_version);
	field_str(w, "revision", s->revision);
	field_str(w, "sdk", s->sdk);
	field_str(w, "sdk_version", s->sdk_version);
	if (s->secrets_known) /* absent when not known */
		field_strv(w, "secrets", s->secrets, s->n_secrets);
	field_str(w, "startup_duration_timeout", s->startup_duration_timeout);
	field_str(w, "suggested_hardware", s->suggested_hardware);
	field_strv(w, "system_packages", s->system_packages, s->n_system_packages);
	if (s->variables_known)
		field_strv(w, "variables", s->variables, s->n_variables);
	sl_jsonw_object_end(&w->j);
}

static void write_runtime(struct lockw *w, const struct sl_lock_runtime *r)
{
	sl_jsonw_key(&w->j, "runtime");
	sl_jsonw_object_begin(&w->j);
	field_str(w, "base_image", r->base_image);
	field_str(w, "build_status", r->build_status);
	field_str(w, "build_time", r->build_time);
	field_str(w, "built_commit", r->built_commit);
	field_str(w, "digest", r->digest);
	if (r->n_platform_step) /* absent when no log shows the step */
		field_strv(w, "platform_step", r->platform_step, r->n_platform_step);
	field_str(w, "python", r->python);
	field_str(w, "python_source", r->python_source);
	sl_jsonw_object_end(&w->j);
}

static void write_evidence(struct lockw *w, const struct sl_lock_evidence *e)
{
	sl_jsonw_object_begin(&w->j);
	field_opt(w, "kind", sl_strength_name(e->kind));
	sl_jsonw_field_int(&w->j, "line", (long long)e->line);
	field_opt(w, "source", e->source);
	field_opt(w, "text", e->text);
	field_opt(w, "version", e->version);
	sl_jsonw_object_end(&w->j);
}

static void write_metadata(struct lockw *w, const struct sl_lock_metadata *m)
{
	sl_jsonw_key(&w->j, "metadata");
	sl_jsonw_object_begin(&w->j);
	field_strv(w, "provides_extra", m->provides_extra, m->n_provides_extra);
	field_strv(w, "requires_dist", m->requires_dist, m->n_requires_dist);
	field_str(w, "requires_python", m->requires_python);
	sl_jsonw_object_end(&w->j);
}

static void write_request(struct lockw *w, const struct sl_lock_request *q)
{
	sl_jsonw_object_begin(&w->j);
	field_opt(w, "by", sl_origin_name(q->by));
	if (q->line)
		sl_jsonw_field_int(&w->j, "line", (long long)q->line);
	field_opt(w, "parent", q->parent);
	field_opt(w, "requirement", q->requirement);
	field_opt(w, "source", q->source);
	sl_jsonw_object_end(&w->j);
}

/* "requests", left out when there is none. */
static void write_requests(struct lockw *w, const struct sl_lock_request *v, size_t n)
{
	if (!n)
		return;
	sl_jsonw_key(&w->j, "requests");
	sl_jsonw_array_begin(&w->j);
	for (size_t i = 0; i < n; i++)
		write_request(w, &v[i]);
	sl_jsonw_array_end(&w->j);
}

static void write_vcs(struct lockw *w, const struct sl_lock_package *p)
{
	if (!p->vcs_url && !p->vcs_commit)
		return;
	sl_jsonw_key(&w->j, "vcs");
	sl_jsonw_object_begin(&w->j);
	field_str(w, "commit", p->vcs_commit);
	field_str(w, "url", p->vcs_url);
	sl_jsonw_object_end(&w->j);
}

/* Keys in byte order: "requests" sorts before "required_by". */
static void write_package(struct lockw *w, const struct sl_lock_package *p)
{
	sl_jsonw_object_begin(&w->j);
	sl_jsonw_key(&w->j, "evidence");
	sl_jsonw_array_begin(&w->j);
	for (size_t i = 0; i < p->n_evidence; i++)
		write_evidence(w, &p->evidence[i]);
	sl_jsonw_array_end(&w->j);
	if (p->inferred)
		lockfile_inferred_write(&w->j, p->inferred);
	if (p->metadata)
		write_metadata(w, p->metadata);
	field_opt(w, "name", p->name);
	field_opt(w, "origin", sl_origin_name(p->origin));
	write_requests(w, p->requests, p->n_requests);
	if (p->n_required_by)
		field_strv(w, "required_by", p->required_by, p->n_required_by);
	write_vcs(w, p);
	field_str(w, "version", p->version);
	sl_jsonw_object_end(&w->j);
}

static void write_incomplete(struct lockw *w, const struct sl_lock *lock)
{
	sl_jsonw_key(&w->j, "incomplete");
	sl_jsonw_array_begin(&w->j);
	for (size_t i = 0; i < lock->n_incomplete && !stopped(w); i++) {
		const struct sl_lock_incomplete *e = &lock->incomplete[i];
		sl_jsonw_object_begin(&w->j);
		field_str(w, "remedy", e->remedy);
		write_requests(w, e->requests, e->n_requests);
		field_opt(w, "what", e->what);
		field_opt(w, "why", e->why);
		sl_jsonw_object_end(&w->j);
		flush(w, false);
	}
	sl_jsonw_array_end(&w->j);
}

static void write_packages(struct lockw *w, const struct sl_lock *lock)
{
	sl_jsonw_key(&w->j, "packages");
	sl_jsonw_array_begin(&w->j);
	for (size_t i = 0; i < lock->n_packages && !stopped(w); i++) {
		write_package(w, &lock->packages[i]);
		flush(w, false);
	}
	sl_jsonw_array_end(&w->j);
}

/* The whole lock, sorted first, then handed to the sink. */
static void write_lock(struct lockw *w, struct sl_lock *lock)
{
	sl_lock_sort(lock);
	sl_jsonw_init_pretty(&w->j, w->out);
	sl_jsonw_object_begin(&w->j);
	write_incomplete(w, lock);
	lockfile_index_write(&w->j, &lock->index);
	field_strv(w, "inputs", lock->inputs, lock->n_inputs);
	sl_jsonw_field_int(&w->j, "lockfile_version", sl_lock_format_of(lock));
	write_packages(w, lock);
	write_runtime(w, &lock->runtime);
	write_space(w, &lock->space);
	field_strv(w, "warnings", lock->warnings, lock->n_warnings);
	sl_jsonw_object_end(&w->j);
	sl_buf_addch(w->out, '\n');
	flush(w, true);
}

void sl_lockfile_dump(struct sl_lock *lock, struct sl_buf *out)
{
	struct lockw w = {.out = out, .sink = SINK_BUF, .fd = -1};

	write_lock(&w, lock);
}

static int too_large(const char *path, const struct sl_lock *lock, struct sl_err *err)
{
	bool out = strcmp(path, "-") == 0;

	return sl_error(err, SL_ELIMIT,
			"cannot write %s%s%s: the lock (%zu packages) would be larger than %u MiB, "
			"the most a lockfile may be (the limit of every reader)",
			out ? "to standard output" : "'", out ? "" : path, out ? "" : "'",
			lock->n_packages, SL_LOCKFILE_MAX_BYTES / (1024 * 1024));
}

static int write_failed(const char *path, int cause, struct sl_err *err)
{
	if (strcmp(path, "-") == 0)
		return sl_error(err, SL_EWRITE, "cannot write to standard output: %s",
				strerror(cause));
	return sl_error(err, SL_EWRITE, "cannot write '%s': %s", path, strerror(cause));
}

/* Writes the lock to fd, giving up past the bound. */
static int stream_to(int fd, struct sl_lock *lock, const char *path, struct sl_err *err)
{
	struct sl_buf b = SL_BUF_INIT;
	struct lockw w = {.out = &b, .sink = SINK_FD, .fd = fd};

	write_lock(&w, lock);
	sl_buf_release(&b);
	if (w.over)
		return too_large(path, lock, err);
	return w.write_errno ? write_failed(path, w.write_errno, err) : 0;
}

/* How many bytes the lock takes, without keeping them. */
static size_t measure(struct sl_lock *lock)
{
	struct sl_buf b = SL_BUF_INIT;
	struct lockw w = {.out = &b, .sink = SINK_COUNT, .fd = -1};

	write_lock(&w, lock);
	sl_buf_release(&b);
	return w.total;
}

/* A device or pipe (/dev/null, /dev/stdout, a FIFO) cannot be replaced by
 * a rename: it is written in place. */
static bool is_special(const char *path)
{
	struct stat st;

	return strcmp(path, "-") != 0 && stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	       !S_ISDIR(st.st_mode);
}

/* Standard output or a device: what is written cannot be taken back, so
 * the size is known before the first byte. */
static int write_in_place(struct sl_lock *lock, const char *path, struct sl_err *err)
{
	bool out = strcmp(path, "-") == 0;
	int fd, rc;

	if (measure(lock) > SL_LOCKFILE_MAX_BYTES)
		return too_large(path, lock, err);
	if (out && fflush(stdout) != 0)
		return write_failed(path, errno, err);
	fd = out ? STDOUT_FILENO : open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return write_failed(path, errno, err);
	rc = stream_to(fd, lock, path, err);
	if (!out && close(fd) != 0 && rc == 0)
		rc = write_failed(path, errno, err);
	return rc;
}

int sl_lockfile_write(struct sl_lock *lock, const char *path, struct sl_err *err)
{
	struct sl_atomic a;
	int rc;

	if (strcmp(path, "-") == 0 || is_special(path))
		return write_in_place(lock, path, err);
	if ((rc = sl_file_atomic_open(&a, path, 0, err)) != 0)
		return rc;
	if ((rc = stream_to(a.fd, lock, path, err)) != 0) {
		sl_file_atomic_abort(&a);
		return rc;
	}
	return sl_file_atomic_commit(&a, err);
}
