/* apply_io.c: the duplicate's files read from a directory and written
 * back, each atomically with its own mode, only once all of them are
 * computed and verified. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apply_private.h"
#include "spacelock/buf.h"
#include "spacelock/card.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"
#include "spacelock/reqfile.h"
#include "spacelock/textenc.h"
#include "spacelock/udiff.h"

static char *join(const char *dir, const char *name)
{
	return sl_xasprintf("%s/%s", dir && *dir ? dir : ".", name);
}

int sl_apply_read_dir(const char *dir, struct sl_apply_result *r, struct sl_err *err)
{
	for (int id = 0; id < SL_APPLY_NFILES; id++) {
		char *path = join(dir, sl_apply_file_name(id));
		size_t max = id == SL_APPLY_README ? SL_CARD_MAX_BYTES : SL_REQFILE_MAX_BYTES;
		struct sl_buf b = SL_BUF_INIT;
		struct stat st;
		int rc = 0;

		if (stat(path, &st) != 0 && errno == ENOENT) {
			sl_apply_set_file(r, id, NULL, 0, 0);
		} else if ((rc = sl_file_read(path, max, &b, err)) == 0) {
			sl_apply_set_file(r, id, b.buf, b.len, (unsigned)(st.st_mode & 07777));
		}
		sl_buf_release(&b);
		free(path);
		if (rc)
			return rc;
	}
	return 0;
}

int sl_apply_write(const char *dir, const struct sl_apply_result *r, struct sl_err *err)
{
	for (int id = 0; id < SL_APPLY_NFILES; id++) {
		const struct sl_apply_file *f = &r->files[id];
		char *path;
		int rc;

		if (!f->new_data)
			continue;
		path = join(dir, sl_apply_file_name(id));
		rc = sl_file_write_atomic_mode(path, f->new_data, f->new_len, f->mode, err);
		free(path);
		if (rc)
			return rc;
	}
	return 0;
}

/* A file's text for the diff: UTF-16 decoded, so the reader sees lines. */
static void shown(const char *data, size_t len, struct sl_buf *out)
{
	struct sl_textenc_info info;
	struct sl_err err;

	if (!data)
		return;
	if (len >= 2 && ((unsigned char)data[0] == 0xff || (unsigned char)data[0] == 0xfe) &&
	    sl_textenc_decode(data, len, "diff", &info, out, &err) == 0 &&
	    info.enc != SL_TEXTENC_UTF8)
		return;
	sl_buf_reset(out);
	sl_buf_add(out, data, len);
}

void sl_apply_diff(const struct sl_apply_result *r, struct sl_buf *out)
{
	for (int id = 0; id < SL_APPLY_NFILES; id++) {
		const struct sl_apply_file *f = &r->files[id];
		struct sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT;
		char *la, *lb;

		if (!f->new_data)
			continue;
		shown(f->old_data, f->old_len, &a);
		shown(f->new_data, f->new_len, &b);
		la = f->exists ? sl_xasprintf("a/%s", sl_apply_file_name(id))
			       : sl_xstrdup("/dev/null");
		lb = sl_xasprintf("b/%s", sl_apply_file_name(id));
		sl_udiff(a.buf, a.len, b.buf, b.len, la, lb, out);
		free(la);
		free(lb);
		sl_buf_release(&a);
		sl_buf_release(&b);
	}
}
