/* wheelname.c: wheel and sdist file names -> name, version, tags. */
#include "spacelock/wheelname.h"

#include <stdlib.h>
#include <string.h>

#include "spacelock/mem.h"
#include "spacelock/version.h"

static const char *const sdist_exts[] = {".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".zip", ".tar"};

static bool ends_with(const char *s, size_t len, const char *suffix, size_t *stem)
{
	size_t n = strlen(suffix);

	if (len <= n || strncasecmp(s + len - n, suffix, n) != 0)
		return false;
	*stem = len - n;
	return true;
}

static bool valid_version(const char *s, size_t len)
{
	char *v = sl_xstrndup(s, len);
	struct sl_version *ver = NULL;
	int rc = sl_version_parse(v, &ver, NULL);

	sl_version_free(ver);
	free(v);
	return rc == 0;
}

/* A project name: ASCII letters and digits, inner '-', '_', '.' (PEP 508). */
static bool valid_name(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		bool alnum =
		    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && ((c != '-' && c != '_' && c != '.') || i == 0 || i == len - 1))
			return false;
	}
	return true;
}

int sl_wheelname_split_name_version(const char *s, size_t len, char **name, char **version,
				    struct sl_err *err)
{
	for (size_t i = len; i > 0; i--) {
		if (s[i - 1] != '-')
			continue;
		if (valid_name(s, i - 1) && valid_version(s + i, len - i)) {
			*name = sl_xstrndup(s, i - 1);
			*version = sl_xstrndup(s + i, len - i);
			return 0;
		}
	}
	return sl_error(err, SL_EPARSE, "'%.*s' is not <name>-<version>",
			(int)(len > 200 ? 200 : len), s);
}

/* Splits a wheel stem at '-' into at most 7 parts; returns the count. */
static size_t split_dashes(const char *s, size_t len, const char **part, size_t *plen)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= len && n < 7; i++) {
		if (i == len || s[i] == '-') {
			part[n] = s + start;
			plen[n++] = i - start;
			start = i + 1;
		}
	}
	return n;
}

static bool valid_tag(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.'))
			return false;
	}
	return true;
}

static int parse_wheel(const char *s, size_t len, struct sl_wheelname *w, struct sl_err *err)
{
	const char *part[7];
	size_t plen[7];
	size_t n = split_dashes(s, len, part, plen);
	size_t t = n - 3; /* index of the python tag */

	if (n != 5 && n != 6)
		return sl_error(err, SL_EPARSE,
				"'%.*s.whl' does not have 5 or 6 '-' separated parts",
				(int)(len > 200 ? 200 : len), s);
	if (!valid_name(part[0], plen[0]) || !valid_version(part[1], plen[1]))
		return sl_error(err, SL_EPARSE, "'%.*s.whl' has no valid name and version",
				(int)(len > 200 ? 200 : len), s);
	/* a build tag starts with a digit */
	if (n == 6 && (plen[2] == 0 || part[2][0] < '0' || part[2][0] > '9'))
		return sl_error(err, SL_EPARSE, "'%.*s.whl' has an invalid build tag",
				(int)(len > 200 ? 200 : len), s);
	for (size_t i = t; i < n; i++)
		if (!valid_tag(part[i], plen[i]))
			return sl_error(err, SL_EPARSE, "'%.*s.whl' has an invalid tag",
					(int)(len > 200 ? 200 : len), s);
	w->name = sl_xstrndup(part[0], plen[0]);
	w->version = sl_xstrndup(part[1], plen[1]);
	w->build = n == 6 ? sl_xstrndup(part[2], plen[2]) : NULL;
	w->python_tag = sl_xstrndup(part[t], plen[t]);
	w->abi_tag = sl_xstrndup(part[t + 1], plen[t + 1]);
	w->platform_tag = sl_xstrndup(part[t + 2], plen[t + 2]);
	w->wheel = true;
	return 0;
}

/* Cuts a URL or path to its last component, without "#..." or "?...". */
static const char *base_name(const char *filename, size_t *len)
{
	const char *s = filename;
	const char *slash = strrchr(s, '/');
	size_t n;

	if (slash)
		s = slash + 1;
	n = strcspn(s, "#?");
	*len = n;
	return s;
}

bool sl_wheelname_is_metadata(const char *filename)
{
	size_t len, stem;
	const char *s = base_name(filename, &len);

	return ends_with(s, len, ".metadata", &stem);
}

int sl_wheelname_parse(const char *filename, struct sl_wheelname *out, struct sl_err *err)
{
	struct sl_wheelname w = {0};
	size_t len, stem;
	const char *s = base_name(filename, &len);
	int rc;

	if (ends_with(s, len, ".metadata", &stem)) {
		w.metadata = true;
		len = stem;
	}
	if (ends_with(s, len, ".whl", &stem)) {
		rc = parse_wheel(s, stem, &w, err);
		if (rc < 0) {
			sl_wheelname_release(&w);
			return rc;
		}
		*out = w;
		return 0;
	}
	for (size_t i = 0; i < sizeof(sdist_exts) / sizeof(sdist_exts[0]) && !w.metadata; i++) {
		if (!ends_with(s, len, sdist_exts[i], &stem))
			continue;
		rc = sl_wheelname_split_name_version(s, stem, &w.name, &w.version, err);
		if (rc < 0)
			return rc;
		*out = w;
		return 0;
	}
	return sl_error(err, SL_EPARSE, "'%.*s' is not a wheel or sdist file name",
			(int)(len > 200 ? 200 : len), s);
}

void sl_wheelname_release(struct sl_wheelname *w)
{
	free(w->name);
	free(w->version);
	free(w->build);
	free(w->python_tag);
	free(w->abi_tag);
	free(w->platform_tag);
	memset(w, 0, sizeof(*w));
}
