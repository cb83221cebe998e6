/* export.c: pylock.toml and hashed requirements.txt from a lock and the
 * index's file list.  Key order follows PEP 751's own order so that two
 * exports of one lock diff cleanly. */
#include "spacelock/export.h"

#include <stdlib.h>
#include <string.h>

#include "spacelock/index.h"
#include "spacelock/lock.h"
#include "spacelock/mem.h"
#include "spacelock/tomlw.h"

#define DEFAULT_INDEX "https://pypi.org"

/* The Spaces builder runs linux/x86_64 images (python:X, docs/spaces.md). */
static const char space_env[] = "sys_platform == 'linux' and platform_machine == 'x86_64'";

int sl_export_is_tool(const char *name)
{
	return strcmp(name, "pip") == 0 || strcmp(name, "setuptools") == 0 ||
	       strcmp(name, "wheel") == 0;
}

static const struct sl_index_release *release_of(const struct sl_export_opts *o, size_t i)
{
	if (!o->rels || o->rels[i].result != 0 || !o->rels[i].nfiles)
		return NULL;
	return &o->rels[i];
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool usable(const struct sl_index_file *f)
{
	return f->sha256 && f->url && f->filename && !f->yanked;
}

static int by_name(const void *a, const void *b)
{
	const struct sl_index_file *x = *(const struct sl_index_file *const *)a;
	const struct sl_index_file *y = *(const struct sl_index_file *const *)b;
	return strcmp(x->filename, y->filename);
}

/* The usable files, sorted by file name (the index's order may vary). */
static size_t files_of(const struct sl_index_release *rel, const struct sl_index_file ***out)
{
	size_t n = 0;

	*out = sl_xcalloc(rel->nfiles + 1, sizeof(**out));
	for (size_t i = 0; i < rel->nfiles; i++)
		if (usable(&rel->files[i]))
			(*out)[n++] = &rel->files[i];
	qsort(*out, n, sizeof(**out), by_name);
	return n;
}

/* { name = "...", url = "...", upload-time = ..., size = N, hashes = { sha256 = "..." } }:
 * size only where the index said it (its JSON API does; a PEP 503 page
 * cannot), as PEP 751 makes it optional. */
static void toml_file(struct sl_buf *out, const struct sl_index_file *f)
{
	sl_buf_addstr(out, "{ name = ");
	sl_toml_string(out, f->filename);
	sl_buf_addstr(out, ", url = ");
	sl_toml_string(out, f->url);
	if (f->upload_time && sl_toml_is_datetime(f->upload_time))
		sl_buf_addf(out, ", upload-time = %s", f->upload_time);
	if (f->size >= 0)
		sl_buf_addf(out, ", size = %lld", f->size);
	sl_buf_addstr(out, ", hashes = { sha256 = ");
	sl_toml_string(out, f->sha256);
	sl_buf_addstr(out, " } }");
}

static void toml_files(struct sl_buf *out, const struct sl_index_release *rel)
{
	const struct sl_index_file **files;
	size_t n = files_of(rel, &files), wheels = 0;
	const struct sl_index_file *sdist = NULL;

	for (size_t i = 0; i < n; i++) {
		if (ends_with(files[i]->filename, ".whl"))
			wheels++;
		else if (!sdist && (ends_with(files[i]->filename, ".tar.gz") ||
				    ends_with(files[i]->filename, ".zip")))
			sdist = files[i];
	}
	if (sdist) {
		sl_buf_addstr(out, "sdist = ");
		toml_file(out, sdist);
		sl_buf_addch(out, '\n');
	}
	if (wheels) {
		sl_buf_addstr(out, "wheels = [\n");
		for (size_t i = 0; i < n; i++) {
			if (!ends_with(files[i]->filename, ".whl"))
				continue;
			sl_buf_addstr(out, "    ");
			toml_file(out, files[i]);
			sl_buf_addstr(out, ",\n");
		}
		sl_buf_addstr(out, "]\n");
	}
	free(files);
}

/* requires-python for the Python the source ran: "3.13" is any 3.13.x. */
static void requires_python(struct sl_buf *out, const char *py)
{
	char *spec;

	if (!py)
		return;
	spec = strchr(py, '.') == strrchr(py, '.') ? sl_xasprintf("==%s.*", py)
						   : sl_xasprintf("==%s", py);
	sl_toml_kv_string(out, "requires-python", spec);
	free(spec);
}

static void toml_tool(struct sl_buf *out, const struct sl_lock *lock)
{
	const struct {
		const char *key, *value;
	} kv[] = {
	    {"space", lock->space.id},
	    {"revision", lock->space.revision},
	    {"sdk", lock->space.sdk},
	    {"sdk-version", lock->space.sdk_version},
	    {"python", lock->runtime.python},
	    {"hardware",
	     lock->space.hardware ? lock->space.hardware : lock->space.suggested_hardware},
	    {"base-image", lock->runtime.base_image},
	};

	sl_buf_addstr(out, "\n[tool.spacelock]\n");
	for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]); i++)
		if (kv[i].value)
			sl_toml_kv_string(out, kv[i].key, kv[i].value);
	sl_buf_addstr(out, "complete = ");
	sl_buf_addstr(out, sl_lock_is_complete(lock) ? "true\n" : "false\n");
	if (sl_lock_count_inferred(lock, NULL))
		sl_buf_addf(out, "inferred = %zu\n", sl_lock_count_inferred(lock, NULL));
}

/* PEP 751's per-package tool table: a version no log proves says so, with
 * the lock's own names (as_of, confidence), so that an installer's user
 * sees which pins are reconstructed. */
static void toml_inferred(struct sl_buf *out, const struct sl_lock_package *p)
{
	char *mark, *note;

	if (!p->inferred)
		return;
	sl_buf_addstr(out, "[packages.tool.spacelock]\ninferred = { ");
	if (p->inferred->as_of) {
		sl_buf_addstr(out, "as-of = ");
		sl_toml_string(out, p->inferred->as_of);
		sl_buf_addstr(out, ", ");
	}
	sl_buf_addstr(out, "confidence = ");
	sl_toml_string(out, sl_lock_inferred_confidence(p->inferred));
	mark = sl_lock_inferred_mark(p->inferred);
	note = sl_xasprintf("%s, " SL_LOCK_INFERRED_WHY, mark);
	sl_buf_addstr(out, ", note = ");
	sl_toml_string(out, note);
	sl_buf_addstr(out, " }\n");
	free(note);
	free(mark);
}

static void render_pylock(const struct sl_lock *lock, const struct sl_export_opts *o,
			  struct sl_buf *out, struct sl_export_stats *st)
{
	char *simple = sl_xasprintf("%s/simple", o->index_url ? o->index_url : DEFAULT_INDEX);

	sl_toml_kv_string(out, "lock-version", "1.0");
	sl_buf_addstr(out, "environments = [");
	sl_toml_string(out, space_env);
	sl_buf_addstr(out, "]\n");
	requires_python(out, lock->runtime.python);
	sl_toml_kv_string(out, "created-by", "spacelock");
	for (size_t i = 0; i < lock->n_packages; i++) {
		const struct sl_lock_package *p = &lock->packages[i];
		const struct sl_index_release *rel = release_of(o, i);
		sl_buf_addstr(out, "\n[[packages]]\n");
		sl_toml_kv_string(out, "name", p->name);
		sl_toml_kv_string(out, "version", p->version);
		st->packages++;
		if (p->vcs_url && p->vcs_commit) {
			sl_buf_addstr(out, "vcs = { type = \"git\", url = ");
			sl_toml_string(out, p->vcs_url);
			sl_buf_addstr(out, ", commit-id = ");
			sl_toml_string(out, p->vcs_commit);
			sl_buf_addstr(out, " }\n");
			st->vcs++;
		} else {
			sl_toml_kv_string(out, "index", simple);
			if (rel) {
				toml_files(out, rel);
				st->with_files++;
			}
		}
		toml_inferred(out, p);
		st->inferred += p->inferred != NULL;
	}
	toml_tool(out, lock);
	free(simple);
}

/* pip drops "  # ..." at the end of a logical line (after the hash lines
 * are joined), so the mark stays beside the pin it describes. */
static void inferred_comment(struct sl_buf *out, const struct sl_lock_package *p)
{
	char *mark;

	if (!p->inferred)
		return;
	mark = sl_lock_inferred_mark(p->inferred);
	sl_buf_addf(out, "  # %s, " SL_LOCK_INFERRED_WHY, mark);
	free(mark);
}

static void render_requirements(const struct sl_lock *lock, const struct sl_export_opts *o,
				struct sl_buf *out, struct sl_export_stats *st)
{
	sl_buf_addf(out,
		    "# exported by spacelock from %s: every package the source had installed\n",
		    o->lock_label ? o->lock_label : "a lock");
	if (o->index_url && strcmp(o->index_url, DEFAULT_INDEX) != 0)
		sl_buf_addf(out, "--index-url %s/simple\n", o->index_url);
	for (size_t i = 0; i < lock->n_packages; i++) {
		const struct sl_lock_package *p = &lock->packages[i];
		const struct sl_index_release *rel = release_of(o, i);
		const struct sl_index_file **files;
		size_t n;
		if (sl_export_is_tool(p->name))
			continue;
		st->packages++;
		if (p->vcs_url && p->vcs_commit) {
			bool plus = strstr(p->vcs_url, "+") && strstr(p->vcs_url, "://") &&
				    strstr(p->vcs_url, "+") < strstr(p->vcs_url, "://");
			sl_buf_addf(out, "%s @ %s%s@%s\n", p->name, plus ? "" : "git+", p->vcs_url,
				    p->vcs_commit);
			st->vcs++;
			continue;
		}
		sl_buf_addf(out, "%s==%s", p->name, p->version);
		if (rel && (n = files_of(rel, &files)) > 0) {
			for (size_t k = 0; k < n; k++)
				sl_buf_addf(out, " \\\n    --hash=sha256:%s", files[k]->sha256);
			st->with_files++;
			free(files);
		} else if (rel) {
			free(files);
		}
		inferred_comment(out, p);
		st->inferred += p->inferred != NULL;
		sl_buf_addch(out, '\n');
	}
}

int sl_export_render(const struct sl_lock *lock, const struct sl_export_opts *o, struct sl_buf *out,
		     struct sl_export_stats *stats, struct sl_err *err)
{
	struct sl_export_stats mine = {0, 0, 0, 0};

	for (size_t i = 0; i < lock->n_packages; i++)
		if (!lock->packages[i].version || !*lock->packages[i].version)
			return sl_error(err, SL_EINVAL, "package '%s' has no version",
					lock->packages[i].name);
	if (o->format == SL_EXPORT_PYLOCK)
		render_pylock(lock, o, out, &mine);
	else
		render_requirements(lock, o, out, &mine);
	if (stats)
		*stats = mine;
	return 0;
}
