/* git.c: git as a subprocess (git.h).  posix_spawnp with pipes; one poll
 * loop feeds stdin and drains stdout and stderr together, so neither side
 * blocks on a full pipe. */
#include "spacelock/git.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spacelock/mem.h"

#define OUT_MAX ((size_t)1 << 20)

extern char **environ;

struct child {
	pid_t pid;
	int in, out, errfd; /* our ends; -1 when closed */
};

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static int spawn(const char *dir, const char *const *args, struct child *c, struct sl_err *err)
{
	int p[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}};
	posix_spawn_file_actions_t fa;
	size_t n = 0;
	const char **argv;
	int rc;

	while (args[n])
		n++;
	argv = sl_xcalloc(n + 4, sizeof(*argv));
	argv[0] = "git";
	argv[1] = "-C";
	argv[2] = dir;
	memcpy(argv + 3, args, n * sizeof(*argv));
	for (int i = 0; i < 3; i++)
		if (pipe2(p[i], O_CLOEXEC) != 0) {
			free(argv);
			return sl_error(err, SL_EIO, "cannot run git: %s", strerror(errno));
		}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0][0], 0);
	posix_spawn_file_actions_adddup2(&fa, p[1][1], 1);
	posix_spawn_file_actions_adddup2(&fa, p[2][1], 2);
	rc = posix_spawnp(&c->pid, "git", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(argv);
	close(p[0][0]);
	close(p[1][1]);
	close(p[2][1]);
	c->in = p[0][1];
	c->out = p[1][0];
	c->errfd = p[2][0];
	if (rc != 0) {
		close_fd(&c->in);
		close_fd(&c->out);
		close_fd(&c->errfd);
		return sl_error(err, SL_EIO, "cannot run git: %s", strerror(rc));
	}
	return 0;
}

/* Reads what fd has into b (bounded); closes it at the end. */
static void drain(int *fd, struct sl_buf *b)
{
	char chunk[4096];
	ssize_t n = read(*fd, chunk, sizeof(chunk));

	if (n > 0 && b && b->len + (size_t)n <= OUT_MAX)
		sl_buf_add(b, chunk, (size_t)n);
	else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
		close_fd(fd);
}

static void pump(struct child *c, const char *input, struct sl_buf *out, struct sl_buf *errb)
{
	size_t left = input ? strlen(input) : 0;

	if (!left)
		close_fd(&c->in);
	while (c->in >= 0 || c->out >= 0 || c->errfd >= 0) {
		struct pollfd fds[3] = {
		    {c->in, POLLOUT, 0}, {c->out, POLLIN, 0}, {c->errfd, POLLIN, 0}};
		if (poll(fds, 3, -1) < 0 && errno != EINTR)
			break;
		if (fds[0].revents & (POLLOUT | POLLERR | POLLHUP)) {
			ssize_t w = write(c->in, input, left);
			if (w > 0) {
				input += w;
				left -= (size_t)w;
			}
			if (w < 0 || !left)
				close_fd(&c->in);
		}
		if (fds[1].revents)
			drain(&c->out, out);
		if (fds[2].revents)
			drain(&c->errfd, errb);
	}
}

static void describe(const char *const *args, struct sl_buf *b)
{
	sl_buf_addstr(b, "git");
	for (size_t i = 0; args[i] && i < 3; i++) {
		sl_buf_addch(b, ' ');
		sl_buf_addstr(b, args[i]);
	}
}

int sl_git_run(const char *dir, const char *const *args, const char *input, struct sl_buf *out,
	       struct sl_err *err)
{
	struct child c;
	struct sl_buf errb = SL_BUF_INIT, what = SL_BUF_INIT;
	void (*old)(int) = signal(SIGPIPE, SIG_IGN); /* git may exit before reading stdin */
	int status = 0, rc;

	rc = spawn(dir, args, &c, err);
	if (rc == 0) {
		pump(&c, input, out, &errb);
		while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	signal(SIGPIPE, old);
	if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
		const char *line = errb.buf;
		describe(args, &what);
		while (*line == '\n')
			line++;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && !*line)
			rc = sl_error(err, SL_EIO, "cannot run git: not found");
		else
			rc = sl_error(err, SL_EWRITE, "%s in '%s' failed: %.*s", what.buf, dir,
				      (int)strcspn(line, "\n"), *line ? line : "no message");
	}
	sl_buf_release(&errb);
	sl_buf_release(&what);
	return rc;
}
