/* fsync_signal.c: an LD_PRELOAD for tests/scripts/cleanup_signals.sh.
 * When SPACELOCK_TEST_FSYNC_SIGNAL is set, the process sends itself that
 * signal on its first fsync(2): the signal then lands exactly while an
 * atomic write's temporary file exists (written, not yet renamed), which
 * no timing from outside can hit reliably. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

int fsync(int fd)
{
	static int (*real)(int);
	const char *sig = getenv("SPACELOCK_TEST_FSYNC_SIGNAL");

	if (sig && *sig)
		kill(getpid(), (int)strtol(sig, NULL, 10));
	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}
