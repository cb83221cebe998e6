/* dynload.h: a shared library loaded on first use.
 *
 * libcurl and libarchive bring some thirty further libraries (OpenSSL,
 * GnuTLS, Kerberos, LDAP, libxml2, ...) whose loading and constructors
 * cost about 10 ms at the start of every command, although most commands
 * never touch the network or an archive.  Their wrappers (http.c,
 * archive.c) therefore load them with dlopen when first needed, the way
 * git keeps its HTTP transport out of the main program.  Calls still go
 * through the libraries' own declarations: each wrapper keeps a table of
 * pointers typed with __typeof__ of the real function. */
#ifndef SPACELOCK_DYNLOAD_H
#define SPACELOCK_DYNLOAD_H

#include <stddef.h>

#include "spacelock/error.h"

struct sl_dynsym {
	const char *name;
	void **slot; /* where the function's address goes */
};

/* Loads soname (e.g. "libcurl.so.4") and fills every slot; SL_EINVAL with
 * "cannot load <soname>: <why> (is the <package> package installed?)".
 * Loaded once per library: a later call with the same *loaded flag set
 * returns 0 at once.  Not thread-safe on the first call. */
int sl_dynload(const char *soname, const char *package, const struct sl_dynsym *syms, size_t n,
	       int *loaded, struct sl_err *err);

#endif
