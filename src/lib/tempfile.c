/* tempfile.c: the registry of live temporaries, their removal on a
 * signal, and the sweep of stale ones (tempfile.h).
 *
 * The registry is a fixed array of atomic pointers: registering is a
 * compare-and-swap into a free slot, done with the cleaned-up signals
 * blocked so that a temporary exists on disk only while it is in the
 * registry; whoever exchanges a slot back to NULL owns the entry (the
 * code that made it, or the signal handler, which then never returns to
 * it).  An entry's fields are written before it is published and never
 * changed after, so the handler reads them without a lock. */
#include "spacelock/tempfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "spacelock/mem.h"

#define LIVE_MAX 64
#define RANDOM_LEN 6 /* mkstemp's and mkdtemp's XXXXXX */
#define TMP_INFIX ".tmp."

_Static_assert(ATOMIC_POINTER_LOCK_FREE == 2,
	       "the signal handler needs a lock-free pointer exchange");

struct sl_temp {
	char *path;
	int fd; /* a file's descriptor; a directory's, for its lock and unlinkat */
	bool is_dir;
	const char *const *entries; /* a directory's files */
	int slot;
};

static _Atomic(struct sl_temp *) live[LIVE_MAX];
static struct timespec run_start;
static bool started;

void sl_temp_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
}

void sl_temp_begin(void)
{
	if (started)
		return;
	clock_gettime(CLOCK_REALTIME, &run_start);
	started = true;
}

const char *sl_temp_path(const struct sl_temp *t)
{
	return t->path;
}

/* ---- the registry ---- */

static void block_signals(sigset_t *old)
{
	sigset_t set;

	sl_temp_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void restore_signals(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

static bool publish(struct sl_temp *t)
{
	for (int i = 0; i < LIVE_MAX; i++) {
		struct sl_temp *expected = NULL;
		if (atomic_compare_exchange_strong(&live[i], &expected, t)) {
			t->slot = i;
			return true;
		}
	}
	return false;
}

/* Takes t out of the registry and frees it, unless a signal handler took
 * it first (it is then removing it, and the process is ending). */
static void withdraw(struct sl_temp *t)
{
	if (atomic_exchange(&live[t->slot], NULL) != t)
		return;
	if (t->fd >= 0)
		close(t->fd);
	free(t);
}

static struct sl_temp *temp_new(const char *path, bool is_dir, const char *const *entries)
{
	struct sl_temp *t = sl_xcalloc(1, sizeof(*t) + strlen(path) + 1);

	t->path = (char *)(t + 1); /* one allocation: nothing to free twice */
	memcpy(t->path, path, strlen(path) + 1);
	t->fd = -1;
	t->is_dir = is_dir;
	t->entries = entries;
	return t;
}

/* ---- stale temporaries ---- */

static bool random_suffix(const char *s)
{
	for (int i = 0; i < RANDOM_LEN; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return false;
	}
	return s[RANDOM_LEN] == '\0';
}

/* name is one of entries, or the temporary of an atomic write of one. */
static bool is_entry(const char *name, const char *const *entries)
{
	for (size_t i = 0; entries[i]; i++) {
		size_t n = strlen(entries[i]);
		if (strncmp(name, entries[i], n) != 0)
			continue;
		if (name[n] == '\0')
			return true;
		if (strncmp(name + n, TMP_INFIX, strlen(TMP_INFIX)) == 0 &&
		    random_suffix(name + n + strlen(TMP_INFIX)))
			return true;
	}
	return false;
}

static bool older_than_run(const struct stat *st)
{
	return st->st_mtim.tv_sec < run_start.tv_sec ||
	       (st->st_mtim.tv_sec == run_start.tv_sec && st->st_mtim.tv_nsec < run_start.tv_nsec);
}

static bool ours(const struct stat *st, bool want_dir)
{
	bool kind = want_dir ? S_ISDIR(st->st_mode) : S_ISREG(st->st_mode);

	return kind && st->st_uid == geteuid() && older_than_run(st);
}

/* Empties a stale directory when everything in it is ours (regular files
 * named by entries); anything else and it is left as it is. */
static bool clear_dir(int fd, const char *const *entries)
{
	int dup_fd = dup(fd);
	DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	struct dirent *de;
	struct stat st;
	bool only_ours = true;

	if (!d) {
		if (dup_fd >= 0)
			close(dup_fd);
		return false;
	}
	while (only_ours && (de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			only_ours = is_entry(de->d_name, entries) &&
				    fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
				    S_ISREG(st.st_mode);
	rewinddir(d);
	while (only_ours && (de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			unlinkat(fd, de->d_name, 0);
	closedir(d);
	return only_ours;
}

/* Removes name in the directory at when it is a dead run's temporary: our
 * kind, our user, older than this run, and its lock free (a live run
 * holds it). */
static void remove_if_stale(int at, const char *name, const char *const *entries)
{
	bool want_dir = entries != NULL;
	struct stat st, again;
	int fd;

	if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !ours(&st, want_dir))
		return;
	fd = openat(at, name,
		    O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | (want_dir ? O_DIRECTORY : 0));
	if (fd < 0)
		return;
	if (fstat(fd, &again) == 0 && again.st_dev == st.st_dev && again.st_ino == st.st_ino &&
	    flock(fd, LOCK_EX | LOCK_NB) == 0) {
		if (!want_dir)
			unlinkat(at, name, 0);
		else if (clear_dir(fd, entries))
			unlinkat(at, name, AT_REMOVEDIR);
	}
	close(fd);
}

/* Sweeps dir for stale "PREFIX" + six random characters: files, or
 * directories holding entries when entries is not NULL. */
static void sweep(const char *dir, const char *prefix, const char *const *entries)
{
	size_t plen = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	sl_temp_begin();
	while ((de = readdir(d)))
		if (strncmp(de->d_name, prefix, plen) == 0 && random_suffix(de->d_name + plen))
			remove_if_stale(dirfd(d), de->d_name, entries);
	closedir(d);
}

/* ---- files ---- */

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return sl_xstrdup(".");
	if (slash == path)
		return sl_xstrdup("/");
	return sl_xstrndup(path, (size_t)(slash - path));
}

/* Whether dir was swept in this run, and now it is.  One sweep per
 * directory: a cache directory of thousands of entries written hundreds of
 * times in a run is read once, not once per write. */
static bool swept_before(const char *dir)
{
	static char **seen;
	static size_t n, cap;

	for (size_t i = 0; i < n; i++)
		if (strcmp(seen[i], dir) == 0)
			return true;
	sl_xgrow((void **)&seen, &cap, n + 1, sizeof(*seen));
	seen[n++] = sl_xstrdup(dir);
	return false;
}

static void sweep_beside(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = dir_of(path);
	char *prefix = sl_xasprintf("%s" TMP_INFIX, slash ? slash + 1 : path);

	if (!swept_before(dir))
		sweep(dir, prefix, NULL);
	free(prefix);
	free(dir);
}

/* What went wrong, for the message: errno's text, or a full registry. */
static const char *cause(int saved)
{
	return saved > 0 ? strerror(saved) : "too many temporary files at once";
}

int sl_temp_file(const char *path, struct sl_temp **out, struct sl_err *err)
{
	char *tmpl = sl_xasprintf("%s" TMP_INFIX "XXXXXX", path);
	struct sl_temp *t = NULL;
	sigset_t old;
	int fd, saved = 0;

	sweep_beside(path);
	block_signals(&old);
	fd = mkostemp(tmpl, O_CLOEXEC);
	if (fd < 0) {
		saved = errno;
	} else {
		t = temp_new(tmpl, false, NULL);
		t->fd = fd;
		if (!publish(t)) {
			unlink(tmpl);
			close(fd);
			free(t);
			fd = -1;
			saved = -1;
		}
	}
	restore_signals(&old);
	free(tmpl);
	if (fd < 0)
		return sl_error(err, SL_EWRITE, "cannot write '%s': %s", path, cause(saved));
	flock(fd, LOCK_EX); /* new, so never contended: a sweep sees it held */
	*out = t;
	return fd;
}

int sl_temp_commit(struct sl_temp *t, const char *dest, struct sl_err *err)
{
	/* rename before withdrawing: a signal in between finds nothing to
	 * remove under the temporary name, and the file complete */
	if (rename(t->path, dest) != 0) {
		int saved = errno;
		sl_temp_remove(t);
		return sl_error(err, SL_EWRITE, "cannot write '%s': %s", dest, strerror(saved));
	}
	withdraw(t);
	return 0;
}

/* ---- directories ---- */

int sl_temp_dir(const char *parent, const char *prefix, const char *const *entries,
		struct sl_temp **out, struct sl_err *err)
{
	char *tmpl = sl_xasprintf("%s/%sXXXXXX", parent, prefix);
	static const char *const nothing[] = {NULL};
	struct sl_temp *t = NULL;
	sigset_t old;
	int saved = 0;

	if (!entries)
		entries = nothing; /* the sweep then takes directories, empty ones */
	sweep(parent, prefix, entries);
	block_signals(&old);
	if (!mkdtemp(tmpl)) {
		saved = errno;
	} else {
		t = temp_new(tmpl, true, entries);
		t->fd = open(tmpl, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (t->fd < 0 || !publish(t)) {
			saved = t->fd < 0 ? errno : -1;
			if (t->fd >= 0)
				close(t->fd);
			rmdir(tmpl);
			free(t);
		}
	}
	restore_signals(&old);
	free(tmpl);
	if (saved)
		return sl_error(err, SL_EWRITE, "cannot create a temporary directory in '%s': %s",
				parent, cause(saved));
	flock(t->fd, LOCK_EX);
	*out = t;
	return 0;
}

int sl_temp_mkdir(const char *path, struct sl_temp **out, struct sl_err *err)
{
	struct sl_temp *t = temp_new(path, true, NULL);
	struct stat st;
	sigset_t old;
	int saved = 0;

	*out = NULL;
	block_signals(&old);
	if (mkdir(path, 0777) != 0)
		saved = errno;
	else if (!publish(t)) {
		rmdir(path);
		saved = -1;
	}
	restore_signals(&old);
	if (!saved) {
		*out = t;
		return 1;
	}
	free(t);
	if (saved == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return sl_error(err, SL_EWRITE, "cannot create '%s': %s", path, cause(saved));
}

void sl_temp_keep(struct sl_temp *t)
{
	if (t)
		withdraw(t);
}

/* Async-signal-safe: a directory's entries by unlinkat on its descriptor. */
static void remove_entries(const struct sl_temp *t)
{
	for (size_t i = 0; t->fd >= 0 && t->entries && t->entries[i]; i++)
		unlinkat(t->fd, t->entries[i], 0);
}

void sl_temp_remove(struct sl_temp *t)
{
	if (!t)
		return;
	/* remove, then withdraw: a signal in between removes it again, harmlessly */
	if (t->is_dir) {
		remove_entries(t);
		rmdir(t->path);
	} else {
		unlink(t->path);
	}
	withdraw(t);
}

void sl_temp_remove_all(void)
{
	struct sl_temp *dirs[LIVE_MAX];
	size_t n = 0;
	bool progress = true;
	int saved = errno;

	for (int i = 0; i < LIVE_MAX; i++) {
		struct sl_temp *t = atomic_exchange(&live[i], NULL);
		if (t && t->is_dir)
			dirs[n++] = t;
		else if (t)
			unlink(t->path);
	}
	for (size_t i = 0; i < n; i++)
		remove_entries(dirs[i]);
	/* nested directories (fetch's DIR holds its temporary one) in any
	 * order: retry until a pass removes nothing more */
	while (progress) {
		progress = false;
		for (size_t i = 0; i < n; i++)
			if (dirs[i] && (rmdir(dirs[i]->path) == 0 || errno != ENOTEMPTY)) {
				dirs[i] = NULL;
				progress = true;
			}
	}
	errno = saved;
}
