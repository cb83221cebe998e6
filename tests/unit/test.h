/* test.h: the unit-test harness.  A t_<module>.c binary counts checks and
 * ends with "# passed N failed M", which tests/run.sh adds up.  Table-driven
 * tests read tests/unit/data/<module>.data, one case a line, fields split by
 * TAB, '#' lines and blank lines skipped. */
#ifndef SPACELOCK_TEST_H
#define SPACELOCK_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_passed, t_failed;

static __attribute__((unused)) void t_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static __attribute__((unused)) void t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stdout, "FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	t_failed++;
}

/* CHECK(cond, "what was expected %s", ...) */
#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond)                                                                          \
			t_passed++;                                                                \
		else                                                                               \
			t_fail(__FILE__, __LINE__, __VA_ARGS__);                                   \
	} while (0)

#define CHECK_STR(got, want, ctx)                                                                  \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		if ((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0))               \
			t_passed++;                                                                \
		else                                                                               \
			t_fail(__FILE__, __LINE__, "%s: got '%s', want '%s'", (ctx),               \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");                            \
	} while (0)

static __attribute__((unused)) int t_done(void)
{
	printf("# passed %d failed %d\n", t_passed, t_failed);
	return t_failed ? 1 : 0;
}

/* Splits line (modified in place) at TABs into at most max fields;
 * returns the count.  The literal field "\e" stands for an empty string. */
static __attribute__((unused)) int t_fields(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	size_t len = strlen(line);
	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	while (n < max) {
		char *tab = strchr(p, '\t');
		if (tab)
			*tab = '\0';
		f[n++] = strcmp(p, "\\e") == 0 ? (char *)"" : p;
		if (!tab)
			break;
		p = tab + 1;
	}
	return n;
}

/* Calls fn(fields, nfields, lineno) for each case line of a data file. */
static __attribute__((unused)) void t_each_case(const char *path,
						void (*fn)(char **f, int n, int lineno))
{
	FILE *fp = fopen(path, "r");
	char line[8192];
	int lineno = 0;
	if (!fp) {
		t_fail(__FILE__, __LINE__, "cannot open %s", path);
		return;
	}
	while (fgets(line, sizeof(line), fp)) {
		char *f[16];
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		fn(f, t_fields(line, f, 16), lineno);
	}
	fclose(fp);
}

/* Path of a data file relative to the source tree (tests run from the top). */
#define T_DATA(name) "tests/unit/data/" name

#endif
