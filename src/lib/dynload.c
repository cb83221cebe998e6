/* dynload.c: a shared library loaded on first use (see dynload.h). */
#include "dynload.h"

#include <dlfcn.h>

int sl_dynload(const char *soname, const char *package, const struct sl_dynsym *syms, size_t n,
	       int *loaded, struct sl_err *err)
{
	void *h;

	if (*loaded)
		return 0;
	h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return sl_error(err, SL_EINVAL, "cannot load %s: %s (is the %s package installed?)",
				soname, dlerror(), package);
	for (size_t i = 0; i < n; i++) {
		*syms[i].slot = dlsym(h, syms[i].name);
		if (!*syms[i].slot)
			return sl_error(err, SL_EINVAL, "cannot load %s: no %s in it", soname,
					syms[i].name);
	}
	*loaded = 1;
	return 0;
}
