/* pep508_bench.c: spacelock's side of bench/bench_pep508.sh.  Reads the
 * same input files as the Python side and prints operations per second:
 *   requirement-parse  parse a PEP 508 requirement (name, extras,
 *                      specifier set, URL, marker)
 *   marker-eval        parse a marker and evaluate it against the target
 * Usage: pep508_bench REQUIREMENTS MARKERS (one case a line). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spacelock/marker.h"
#include "spacelock/requirement.h"

struct lines {
	char **v;
	size_t n;
};

static void load(const char *path, struct lines *l)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0;
	ssize_t len;

	if (!fp) {
		perror(path);
		exit(2);
	}
	while ((len = getline(&line, &cap, fp)) > 0) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (l->n == alloc) {
			alloc = alloc ? alloc * 2 : 1024;
			l->v = realloc(l->v, alloc * sizeof(char *));
			if (!l->v)
				exit(2);
		}
		l->v[l->n++] = strdup(line);
	}
	free(line);
	fclose(fp);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t parse_all(const struct lines *l, const struct sl_env *env)
{
	struct sl_err err;
	size_t ok = 0;

	(void)env;
	for (size_t i = 0; i < l->n; i++) {
		struct sl_requirement *r;
		if (sl_requirement_parse(l->v[i], &r, &err) == 0) {
			ok++;
			sl_requirement_free(r);
		}
	}
	return ok;
}

static size_t eval_all(const struct lines *l, const struct sl_env *env)
{
	struct sl_err err;
	size_t yes = 0;

	for (size_t i = 0; i < l->n; i++) {
		struct sl_marker *m;
		bool out = false;
		if (sl_marker_parse(l->v[i], &m, &err) == 0) {
			if (sl_marker_eval(m, env, NULL, &out, &err) == 0 && out)
				yes++;
			sl_marker_free(m);
		}
	}
	return yes;
}

/* BENCH_SECONDS: how long each measure runs (default 0.5 s); the shell
 * side pairs one run of this program with one of the Python side. */
static double run_seconds(void)
{
	const char *s = getenv("BENCH_SECONDS");
	double v = s ? strtod(s, NULL) : 0.5;
	return v > 0 ? v : 0.5;
}

/* Runs fn over all lines for BENCH_SECONDS; prints ops/s. */
static void measure(const char *name, size_t (*fn)(const struct lines *, const struct sl_env *),
		    const struct lines *l, const struct sl_env *env)
{
	double t0 = now(), t;
	size_t rounds = 0, sink = 0;

	do {
		sink += fn(l, env);
		rounds++;
		t = now() - t0;
	} while (t < run_seconds());
	printf("%s %.0f ops/s (%zu)\n", name, (double)(rounds * l->n) / t, sink / rounds);
}

int main(int argc, char **argv)
{
	struct lines reqs = {0}, markers = {0};
	struct sl_env *env = sl_env_new();

	if (argc != 3) {
		fprintf(stderr, "usage: pep508_bench REQUIREMENTS MARKERS\n");
		return 2;
	}
	load(argv[1], &reqs);
	load(argv[2], &markers);
	measure("requirement-parse", parse_all, &reqs, env);
	measure("marker-eval", eval_all, &markers, env);
	sl_env_free(env);
	return 0;
}
