/* t_tempfile.c: temporaries are removed by sl_temp_remove_all (what the
 * signal handler runs), and a later run removes exactly the stale ones of
 * our naming: never a live run's (locked), a newer one, another name, or
 * a directory holding something that is not ours.  The signals themselves
 * are tested end to end by tests/scripts/cleanup_signals.sh. */
#include <fcntl.h>
#include <ftw.h>
#include <sys/file.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "spacelock/tempfile.h"
#include "test.h"

static const char *const hub_entries[] = {"README.md", "build.log", NULL};

static char *path_in(const char *dir, const char *name)
{
	return sl_xasprintf("%s/%s", dir, name);
}

/* A file (or directory) named name in dir, last changed age seconds ago
 * (negative: in the future). */
static void make(const char *dir, const char *name, bool is_dir, long age)
{
	char *p = path_in(dir, name);
	struct timespec t[2];

	if (is_dir) {
		CHECK(mkdir(p, 0700) == 0, "mkdir %s", p);
	} else {
		FILE *fp = fopen(p, "w");
		CHECK(fp != NULL, "create %s", p);
		if (fp)
			fclose(fp);
	}
	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= age;
	t[1] = t[0];
	utimensat(AT_FDCWD, p, t, 0);
	free(p);
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void rm_rf(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static bool exists(const char *dir, const char *name)
{
	char *p = path_in(dir, name);
	bool yes = access(p, F_OK) == 0;

	free(p);
	return yes;
}

static void test_stale_files(void)
{
	char dir[] = "/tmp/sl-tempfile-XXXXXX";
	struct sl_err err;
	char *locked, *out;
	int fd;

	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	make(dir, "out.json.tmp.AbC123", false, 3600); /* stale: removed */
	make(dir, "out.json.tmp.xyz789", false, 3600); /* stale: removed */
	make(dir, "out.json.tmp.AbC12", false, 3600);  /* not our naming */
	make(dir, "out.json.tmp.AbC1234", false, 3600);
	make(dir, "out.json.tmp.Ab-123", false, 3600);
	make(dir, "out.json.tmp.dIr123", true, 3600);	 /* a directory */
	make(dir, "other.json.tmp.AbC123", false, 3600); /* another file's */
	make(dir, "out.json.tmp.Future", false, -3600);	 /* newer than the run */
	make(dir, "out.json.tmp.Locked", false, 3600);	 /* a live run's */
	make(dir, "out.json.tmp.NotMe1", false, 3600);	 /* another user's, below */
	if (geteuid() == 0) {
		char *p = path_in(dir, "out.json.tmp.NotMe1");
		CHECK(chown(p, 65534, 65534) == 0, "give a temporary to another user");
		free(p);
	}
	locked = path_in(dir, "out.json.tmp.Locked");
	fd = open(locked, O_RDONLY);
	CHECK(fd >= 0 && flock(fd, LOCK_EX) == 0, "hold the lock a live writer holds");
	out = path_in(dir, "out.json");
	CHECK(sl_file_write_atomic(out, "{}\n", 3, &err) == 0, "write: %s", err.msg);
	CHECK(!exists(dir, "out.json.tmp.AbC123") && !exists(dir, "out.json.tmp.xyz789"),
	      "stale temporaries of out.json removed");
	CHECK(exists(dir, "out.json.tmp.AbC12") && exists(dir, "out.json.tmp.AbC1234") &&
		  exists(dir, "out.json.tmp.Ab-123"),
	      "names that are not exactly ours kept");
	CHECK(exists(dir, "out.json.tmp.dIr123"), "a directory with a file's name kept");
	CHECK(exists(dir, "other.json.tmp.AbC123"), "another file's temporary kept");
	CHECK(exists(dir, "out.json.tmp.Future"), "a temporary newer than the run kept");
	CHECK(exists(dir, "out.json.tmp.Locked"), "a live run's (locked) temporary kept");
	if (geteuid() == 0)
		CHECK(exists(dir, "out.json.tmp.NotMe1"), "another user's temporary kept");
	else
		printf("# skip: another user's temporary: only root can give a file away\n");
	CHECK(exists(dir, "out.json"), "the output written");
	close(fd);
	free(locked);
	free(out);
	rm_rf(dir);
}

static void test_stale_dirs(void)
{
	char dir[] = "/tmp/sl-tempdir-XXXXXX";
	struct sl_temp *t;
	struct sl_err err;

	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	make(dir, ".spacelock-hub-Stale1", true, 0);
	make(dir, ".spacelock-hub-Stale1/build.log", false, 3600);
	make(dir, ".spacelock-hub-Stale1/README.md.tmp.AbC123", false, 3600);
	make(dir, ".spacelock-hub-Other1", true, 0);
	make(dir, ".spacelock-hub-Other1/notes.txt", false, 3600);
	make(dir, ".spacelock-hub-Empty1", true, 0);
	/* the directories' own times: a killed run's, an hour ago */
	for (int i = 0; i < 3; i++) {
		const char *n[] = {".spacelock-hub-Stale1", ".spacelock-hub-Other1",
				   ".spacelock-hub-Empty1"};
		char *p = path_in(dir, n[i]);
		struct timespec t2[2];
		clock_gettime(CLOCK_REALTIME, &t2[0]);
		t2[0].tv_sec -= 3600;
		t2[1] = t2[0];
		utimensat(AT_FDCWD, p, t2, 0);
		free(p);
	}
	CHECK(sl_temp_dir(dir, ".spacelock-hub-", hub_entries, &t, &err) == 0, "temp dir: %s",
	      err.msg);
	CHECK(!exists(dir, ".spacelock-hub-Stale1"), "a stale directory of ours removed whole");
	CHECK(!exists(dir, ".spacelock-hub-Empty1"), "an empty stale one removed");
	CHECK(exists(dir, ".spacelock-hub-Other1/notes.txt"),
	      "a directory holding a file not ours left as it is");
	sl_temp_remove(t);
	rm_rf(dir);
}

/* A handler like the CLI's: remove, then end by the same signal. */
static void on_signal(int sig)
{
	sl_temp_remove_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The child: temporaries of every kind, nested, then a signal. */
static void child_interrupted(const char *target)
{
	struct sl_temp *made, *tdir, *tfile;
	struct sl_err err;
	char *inner, *entry;
	FILE *fp;

	signal(SIGTERM, on_signal);
	if (sl_temp_mkdir(target, &made, &err) != 1 ||
	    sl_temp_dir(target, ".spacelock-hub-", hub_entries, &tdir, &err) != 0)
		_exit(2);
	entry = path_in(sl_temp_path(tdir), "build.log");
	fp = fopen(entry, "w");
	if (!fp)
		_exit(3);
	fclose(fp);
	inner = path_in(sl_temp_path(tdir), "README.md");
	if (sl_temp_file(inner, &tfile, &err) < 0)
		_exit(4);
	raise(SIGTERM);
	_exit(5); /* not reached: the handler ends the process */
}

/* What the signal handler runs: every live temporary goes, nested
 * directories in any order, entries first, and the process ends by the
 * signal (in a child, so the process that ends is not this test). */
static void test_remove_all(void)
{
	char dir[] = "/tmp/sl-removeall-XXXXXX";
	char *target;
	int status = 0;
	pid_t pid;

	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	target = path_in(dir, "fetched");
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		child_interrupted(target);
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "child ran");
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "ended by the signal (status %#x)", status);
	CHECK(access(target, F_OK) != 0, "file, entry, temporary and created directory all gone");
	CHECK(rmdir(dir) == 0, "nothing else left");
	free(target);
}

static void test_mkdir_existing(void)
{
	char dir[] = "/tmp/sl-mkdir-XXXXXX";
	struct sl_temp *t = (struct sl_temp *)1;
	struct sl_err err;

	CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	CHECK(sl_temp_mkdir(dir, &t, &err) == 0 && t == NULL, "an existing directory is not ours");
	CHECK(rmdir(dir) == 0, "and stays");
}

int main(void)
{
	sl_temp_begin();
	test_stale_files();
	test_stale_dirs();
	test_remove_all();
	test_mkdir_existing();
	return t_done();
}
