/* fuzz_token.c: the token file on arbitrary bytes, through the real file
 * layer (--token-file, a memfd).  A token found is cleaned (no line break, no
 * surrounding blank, not empty) and never part of its source's
 * description. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "spacelock/token.h"

/* A memfd: a regular file with a path (/proc/self/fd/N) that leaves
 * nothing behind. */
static char path[64];
static int fd = -1;

static void setup(void)
{
	fd = memfd_create("token", 0);
	if (fd < 0)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	unsetenv("HF_TOKEN");
	unsetenv("HUGGING_FACE_HUB_TOKEN");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_token tok = {NULL, NULL};
	struct sl_err err = {0};

	if (fd < 0)
		setup();
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if (sl_token_find(path, &tok, &err) == 0 && tok.value) {
		size_t n = strlen(tok.value);
		if (n == 0 || strpbrk(tok.value, "\r\n") || strchr(" \t", tok.value[0]) ||
		    strchr(" \t", tok.value[n - 1]))
			abort();
		if (!tok.source || (n >= 4 && strstr(tok.source, tok.value)))
			abort();
	}
	sl_token_release(&tok);
	return 0;
}
