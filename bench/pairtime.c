/* bench/pairtime.c: runs two commands in turns (A B A B ...) and prints,
 * for each pair, the wall milliseconds and peak RSS (kB) of each side:
 *     ms_a ms_b rss_a rss_b
 * With one command, prints "ms_a rss_a" per run.  A shell loop around
 * `date` would add a fork of its own to every sample and round the clock;
 * this forks only the command under test and reads its peak memory from
 * wait4(), so both sides pay the same, small, overhead.
 *
 * usage: pairtime [-n PAIRS] [-w WARMUP] [-a STDIN_A] [-b STDIN_B]
 *                 -- A ARGS... [-- B ARGS...]
 * Output of the commands goes to /dev/null; their exit status is ignored
 * (check exits 1 when it finds problems), but a command that cannot be run
 * at all (exit 127 from the child) ends the measurement with status 2. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sample {
	double ms;
	long rss_kb;
	int failed_to_start;
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0644);
	if (f < 0) {
		perror(path);
		_exit(127);
	}
	dup2(f, fd);
	close(f);
}

static struct sample run(char **argv, const char *stdin_path)
{
	struct sample s = {0, 0, 0};
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		redirect(stdin_path ? stdin_path : "/dev/null", 0, O_RDONLY);
		redirect("/dev/null", 1, O_WRONLY);
		redirect("/dev/null", 2, O_WRONLY);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	struct rusage ru;
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
		s.failed_to_start = 1;
		return s;
	}
	s.ms = now_ms() - t0;
	s.rss_kb = ru.ru_maxrss;
	s.failed_to_start = WIFEXITED(status) && WEXITSTATUS(status) == 127;
	return s;
}

static int usage(void)
{
	fputs(
	    "usage: pairtime [-n PAIRS] [-w WARMUP] [-a STDIN_A] [-b STDIN_B] -- A... [-- B...]\n",
	    stderr);
	return 2;
}

int main(int argc, char **argv)
{
	int pairs = 5, warmup = 1, i = 1;
	const char *in_a = NULL, *in_b = NULL;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (i + 1 >= argc)
			return usage();
		if (strcmp(argv[i], "-n") == 0)
			pairs = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-w") == 0)
			warmup = (int)strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-a") == 0)
			in_a = argv[++i];
		else if (strcmp(argv[i], "-b") == 0)
			in_b = argv[++i];
		else
			return usage();
	}
	if (i + 1 >= argc || pairs < 1)
		return usage();
	char **a = argv + i + 1, **b = NULL;
	for (int j = i + 1; j < argc; j++)
		if (strcmp(argv[j], "--") == 0) {
			argv[j] = NULL;
			b = argv + j + 1;
			break;
		}
	if (b && !*b)
		return usage();
	/* warm-up: the first run of each side fills the page cache */
	for (int w = 0; w < warmup; w++) {
		run(a, in_a);
		if (b)
			run(b, in_b);
	}
	for (int p = 0; p < pairs; p++) {
		struct sample sa = run(a, in_a);
		if (sa.failed_to_start) {
			fprintf(stderr, "pairtime: %s could not be run\n", a[0]);
			return 2;
		}
		if (!b) {
			printf("%.3f %ld\n", sa.ms, sa.rss_kb);
			continue;
		}
		struct sample sb = run(b, in_b);
		if (sb.failed_to_start) {
			fprintf(stderr, "pairtime: %s could not be run\n", b[0]);
			return 2;
		}
		printf("%.3f %.3f %ld %ld\n", sa.ms, sb.ms, sa.rss_kb, sb.rss_kb);
		fflush(stdout);
	}
	return 0;
}
