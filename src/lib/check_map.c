/* check_map.c: a small string -> size_t hash map for the check (open
 * addressing, FNV-1a).  Keys are borrowed and must outlive the map. */
#include <stdlib.h>
#include <string.h>

#include "check_private.h"
#include "spacelock/mem.h"

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void grow(struct check_map *m)
{
	struct check_map old = *m;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->keys = sl_xcalloc(m->cap, sizeof(*m->keys));
	m->vals = sl_xcalloc(m->cap, sizeof(*m->vals));
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i])
			check_map_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

/* key is borrowed: it must outlive the map.  The first value put wins. */
void check_map_put(struct check_map *m, const char *key, size_t val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	for (i = hash_str(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return;
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
}

bool check_map_get(const struct check_map *m, const char *key, size_t *val)
{
	if (!m->cap)
		return false;
	for (size_t i = hash_str(key) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1)) {
		if (strcmp(m->keys[i], key) == 0) {
			*val = m->vals[i];
			return true;
		}
	}
	return false;
}

void check_map_release(struct check_map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
