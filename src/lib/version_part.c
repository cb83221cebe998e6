/* version_part.c: which part of a PEP 440 version changed (diff classifies
 * every upgrade with it).  It reads the parsed form of version.c rather
 * than the text, so 2.0 -> 2.0.0 is no change and 1.0rc1 -> 1.0c1 neither. */
#include <string.h>

#include "version_private.h"

static const struct sl_num zero = {"0", 1};

static const struct sl_num *release_at(const struct sl_version *v, size_t i)
{
	return i < v->ntrim ? &v->rel[i] : &zero;
}

/* The index of the first release number that differs, or SIZE_MAX. */
static size_t first_release_difference(const struct sl_version *a, const struct sl_version *b)
{
	size_t n = a->ntrim > b->ntrim ? a->ntrim : b->ntrim;

	for (size_t i = 0; i < n; i++)
		if (sl_num_cmp(release_at(a, i), release_at(b, i)) != 0)
			return i;
	return (size_t)-1;
}

static bool pre_differs(const struct sl_version *a, const struct sl_version *b)
{
	return a->pre != b->pre || (a->pre && sl_num_cmp(&a->pre_n, &b->pre_n) != 0);
}

static bool optional_differs(bool has_a, const struct sl_num *na, bool has_b,
			     const struct sl_num *nb)
{
	return has_a != has_b || (has_a && sl_num_cmp(na, nb) != 0);
}

enum sl_version_part sl_version_diff_part(const struct sl_version *a, const struct sl_version *b)
{
	size_t i;

	if (sl_num_cmp(&a->epoch, &b->epoch) != 0)
		return SL_VPART_EPOCH;
	if ((i = first_release_difference(a, b)) != (size_t)-1)
		return i == 0 ? SL_VPART_MAJOR : i == 1 ? SL_VPART_MINOR : SL_VPART_PATCH;
	if (pre_differs(a, b))
		return SL_VPART_PRE;
	if (optional_differs(a->has_post, &a->post_n, b->has_post, &b->post_n))
		return SL_VPART_POST;
	if (optional_differs(a->has_dev, &a->dev_n, b->has_dev, &b->dev_n))
		return SL_VPART_DEV;
	return sl_version_cmp(a, b) != 0 ? SL_VPART_LOCAL : SL_VPART_NONE;
}

const char *sl_version_part_name(enum sl_version_part part)
{
	static const char *const names[] = {NULL,	   "epoch", "major", "minor", "patch",
					    "pre-release", "post",  "dev",   "local"};

	return (unsigned)part < sizeof(names) / sizeof(names[0]) ? names[part] : NULL;
}
