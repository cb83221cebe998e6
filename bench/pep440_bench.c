/* pep440_bench.c: spacelock's side of bench/bench_pep440.sh.  Reads the
 * same input files as the Python side and prints operations per second:
 *   version-compare   parse two version strings and compare them
 *   specifier-match   parse a specifier set and a version, then match
 * Usage: pep440_bench PAIRS MATCHES (files of TAB-separated lines). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "spacelock/specifier.h"
#include "spacelock/version.h"

struct cases {
	char **a, **b;
	size_t n;
};

static void load(const char *path, struct cases *c)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0;

	if (!fp) {
		perror(path);
		exit(2);
	}
	while (getline(&line, &cap, fp) > 0) {
		char *tab = strchr(line, '\t'), *nl = strchr(line, '\n');
		if (!tab)
			continue;
		if (nl)
			*nl = '\0';
		*tab = '\0';
		if (c->n == alloc) {
			alloc = alloc ? alloc * 2 : 1024;
			c->a = realloc(c->a, alloc * sizeof(char *));
			c->b = realloc(c->b, alloc * sizeof(char *));
			if (!c->a || !c->b)
				exit(2);
		}
		c->a[c->n] = strdup(line);
		c->b[c->n++] = strdup(tab + 1);
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

/* sl_version_compare_str: parses both (as packaging's Version(a) and
 * Version(b) do) and compares them. */
static long compare_all(const struct cases *c)
{
	long less = 0;

	for (size_t i = 0; i < c->n; i++) {
		int r;
		if (sl_version_compare_str(c->a[i], c->b[i], &r, NULL))
			exit(3);
		less += r < 0;
	}
	return less;
}

static long match_all(const struct cases *c)
{
	long yes = 0;

	for (size_t i = 0; i < c->n; i++) {
		struct sl_specset *s;
		bool in = false;
		if (sl_specset_parse(c->a[i], &s, NULL) ||
		    sl_specset_contains_str(s, c->b[i], SL_PRE_INCLUDE, &in, NULL))
			exit(3);
		yes += in;
		sl_specset_free(s);
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

/* Runs fn over the cases for BENCH_SECONDS. */
static void measure(const char *name, long (*fn)(const struct cases *), const struct cases *c)
{
	double t0 = now(), t;
	long rounds = 0, check = 0;

	do {
		check += fn(c);
		rounds++;
		t = now() - t0;
	} while (t < run_seconds());
	printf("%s %.0f ops/s (%ld rounds, checksum %ld)\n", name,
	       (double)rounds * (double)c->n / t, rounds, check / rounds);
}

int main(int argc, char **argv)
{
	struct cases pairs = {0}, matches = {0};

	if (argc != 3) {
		fprintf(stderr, "usage: %s PAIRS MATCHES\n", argv[0]);
		return 2;
	}
	load(argv[1], &pairs);
	load(argv[2], &matches);
	measure("version-compare", compare_all, &pairs);
	measure("specifier-match", match_all, &matches);
	return 0;
}
