/* doctor_app.c: the Space's Python read as text, line by line (no Python
 * runs, nothing is imported): the @spaces.GPU functions and what each
 * requests, CUDA touched at import time before `import spaces`, the
 * environment names the app reads (the secrets to recreate in a duplicate),
 * calls to other Spaces without the visitor's X-IP-Token, and model
 * downloads at start-up.  A reader of text can be fooled by unusual code;
 * every finding says what line it read so a person can judge. */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doctor_private.h"
#include "spacelock/fileio.h"
#include "spacelock/mem.h"

#define MAX_PY_FILES 64
#define MAX_PY_BYTES (2u << 20)
#define MAX_DECORATOR 2000

struct line {
	const char *s; /* the text after the indentation */
	size_t n;      /* its length (no newline) */
	size_t indent;
	unsigned long no;
};

struct def {
	char *name;
	size_t from, to; /* body lines [from, to) in scan.lines */
};

struct constant {
	char *name;
	double v;
};

struct scan {
	struct sl_doctor *d;
	struct doctor_space *sp;
	const char *file;
	bool is_app;
	struct line *lines;
	size_t n;
	struct def *defs;
	size_t n_defs;
	struct constant *consts;
	size_t n_consts;
	unsigned long spaces_line; /* `import spaces` seen here, 0 not yet */
	unsigned long cuda_line;   /* CUDA touched at import before it, 0 none */
	bool gpu_alias;		   /* from spaces import GPU */
	bool client, x_ip;	   /* gradio_client used; X-IP-Token mentioned */
	unsigned long client_line;
};

static void split_lines(struct scan *sc, const char *text, size_t len)
{
	size_t i = 0;
	unsigned long no = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		struct line l = {text + i, n, 0, ++no};
		while (l.n && (*l.s == ' ' || *l.s == '\t'))
			l.s++, l.n--, l.indent++;
		while (l.n && (l.s[l.n - 1] == '\r' || l.s[l.n - 1] == ' '))
			l.n--;
		sc->lines = sl_xrealloc(sc->lines, (sc->n + 1) * sizeof(*sc->lines));
		sc->lines[sc->n++] = l;
		i += n + 1;
	}
}

static bool starts(const struct line *l, const char *p)
{
	size_t k = strlen(p);
	return l->n >= k && memcmp(l->s, p, k) == 0;
}

static bool has(const struct line *l, const char *p)
{
	return memmem(l->s, l->n, p, strlen(p)) != NULL;
}

static bool is_code(const struct line *l)
{
	return l->n && l->s[0] != '#';
}

static bool is_def(const struct line *l)
{
	return starts(l, "def ") || starts(l, "async def ");
}

/* "def name(" -> "name" (heap), or NULL. */
static char *def_name(const struct line *l)
{
	size_t k = starts(l, "def ") ? 4 : starts(l, "async def ") ? 10 : 0, e;

	if (!k)
		return NULL;
	for (e = k; e < l->n && (isalnum((unsigned char)l->s[e]) || l->s[e] == '_'); e++)
		;
	return e > k ? sl_xstrndup(l->s + k, e - k) : NULL;
}

/* A number literal (int or float, '_' allowed) filling s[0..n), or -1. */
static double number(const char *s, size_t n)
{
	char buf[32];
	size_t k = 0;
	char *end;
	double v;

	for (size_t i = 0; i < n && k + 1 < sizeof(buf); i++)
		if (s[i] != '_')
			buf[k++] = s[i];
	buf[k] = '\0';
	if (!k || !isdigit((unsigned char)buf[0]))
		return -1;
	v = strtod(buf, &end);
	return *end || v < 0 ? -1 : v;
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Module-level "NAME = 120" (or "NAME: int = 120"). */
static void maybe_constant(struct scan *sc, const struct line *l)
{
	size_t e = 0, n;
	const char *eq, *v;
	double x;

	while (e < l->n && (isalnum((unsigned char)l->s[e]) || l->s[e] == '_'))
		e++;
	eq = memchr(l->s, '=', l->n);
	if (!e || !eq || (size_t)(eq - l->s) < e || (eq + 1 < l->s + l->n && eq[1] == '='))
		return;
	v = eq + 1;
	n = (size_t)(l->s + l->n - v);
	trim(&v, &n);
	if ((x = number(v, n)) < 0)
		return;
	sc->consts = sl_xrealloc(sc->consts, (sc->n_consts + 1) * sizeof(*sc->consts));
	sc->consts[sc->n_consts++] = (struct constant){sl_xstrndup(l->s, e), x};
}

/* Pass 1: each top-level def and its body, the module's constants. */
static void find_defs(struct scan *sc)
{
	struct def *open = NULL;

	for (size_t i = 0; i < sc->n; i++) {
		const struct line *l = &sc->lines[i];
		char *name;
		if (!is_code(l) || l->indent)
			continue;
		if (open && l->s[0] != '@')
			open->to = i, open = NULL;
		if ((name = def_name(l)) != NULL) {
			sc->defs = sl_xrealloc(sc->defs, (sc->n_defs + 1) * sizeof(*sc->defs));
			sc->defs[sc->n_defs] = (struct def){name, i + 1, sc->n};
			open = &sc->defs[sc->n_defs++];
		} else if (l->s[0] != '@') {
			maybe_constant(sc, l);
		}
	}
}

static const struct def *def_called(const struct scan *sc, const char *s, size_t n)
{
	for (size_t i = 0; i < sc->n_defs; i++)
		if (strlen(sc->defs[i].name) == n && memcmp(sc->defs[i].name, s, n) == 0)
			return &sc->defs[i];
	return NULL;
}

/* A number, or a module constant's value, or -1. */
static double value_of(const struct scan *sc, const char *s, size_t n)
{
	double v = number(s, n);

	for (size_t i = 0; v < 0 && i < sc->n_consts; i++)
		if (strlen(sc->consts[i].name) == n && memcmp(sc->consts[i].name, s, n) == 0)
			v = sc->consts[i].v;
	return v;
}

/* Widens [lo, hi] with each literal `return` branch of expr: "60",
 * "120 if x else 60"; other expressions are not read. */
static void return_values(const struct scan *sc, const char *s, size_t n, long *lo, long *hi)
{
	while (n) {
		const char *el = memmem(s, n, " else ", 6), *cond;
		size_t k = el ? (size_t)(el - s) : n, m;
		const char *p = s;
		double v;

		cond = memmem(s, k, " if ", 4);
		m = cond ? (size_t)(cond - s) : k;
		trim(&p, &m);
		if ((v = value_of(sc, p, m)) >= 0) {
			long sec = (long)(v + 0.999);
			*lo = *lo < 0 || sec < *lo ? sec : *lo;
			*hi = sec > *hi ? sec : *hi;
		}
		if (!el)
			break;
		s = el + 6;
		n -= k + 6;
	}
}

static void callable_range(const struct scan *sc, const struct def *f, long *lo, long *hi)
{
	*lo = *hi = -1;
	for (size_t i = f->from; i < f->to; i++) {
		const struct line *l = &sc->lines[i];
		if (starts(l, "return "))
			return_values(sc, l->s + 7, l->n - 7, lo, hi);
	}
}

/* timedelta(seconds=90) / timedelta(minutes=2): seconds, or -1. */
static double timedelta_of(const char *s, size_t n)
{
	static const struct {
		const char *unit;
		double factor;
	} units[] = {{"seconds=", 1}, {"minutes=", 60}, {"hours=", 3600}};

	if (!memmem(s, n, "timedelta(", 10))
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		const char *u = memmem(s, n, units[i].unit, strlen(units[i].unit));
		if (u) {
			const char *v = u + strlen(units[i].unit);
			size_t k = strcspn(v, ",)");
			double x = number(v, k < (size_t)(s + n - v) ? k : (size_t)(s + n - v));
			return x < 0 ? -1 : x * units[i].factor;
		}
	}
	return -1;
}

/* The decorator starting at line i, its arguments joined over as many
 * lines as its parentheses take (bounded); *next is the line after it. */
static char *decorator_args(const struct scan *sc, size_t i, size_t *next)
{
	struct sl_buf b = SL_BUF_INIT;
	int depth = 0;
	bool opened = false;

	*next = i + 1;
	for (size_t j = i; j < sc->n && b.len < MAX_DECORATOR; j++) {
		const struct line *l = &sc->lines[j];
		for (size_t k = 0; k < l->n; k++) {
			char c = l->s[k];
			if (c == '(' && depth++ == 0 && !opened) {
				opened = true;
				continue;
			}
			if (c == ')' && --depth == 0) {
				*next = j + 1;
				return sl_buf_detach(&b, NULL);
			}
			if (opened)
				sl_buf_addch(&b, c);
		}
		if (!opened)
			break;
		sl_buf_addch(&b, ' ');
	}
	sl_buf_release(&b);
	return NULL; /* bare @spaces.GPU, or parentheses never closed */
}

/* The value of keyword argument key in args ("duration=120, size=..."),
 * up to the next top-level comma; *n its length; NULL when absent. */
static const char *keyword(const char *args, const char *key, size_t *n)
{
	size_t k = strlen(key);
	const char *p = args;

	while ((p = strstr(p, key)) != NULL) {
		const char *v = p + k;
		bool word_start = p == args || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
		int depth = 0;
		p = v;
		while (*v == ' ')
			v++;
		if (!word_start || *v != '=' || v[1] == '=')
			continue;
		v++;
		while (*v == ' ')
			v++;
		for (*n = 0; v[*n] && (depth || v[*n] != ','); (*n)++)
			depth += v[*n] == '(' || v[*n] == '['	? 1
				 : v[*n] == ')' || v[*n] == ']' ? -1
								: 0;
		while (*n && v[*n - 1] == ' ')
			(*n)--;
		return v;
	}
	return NULL;
}

/* What duration=v requests: a number, a constant, a timedelta, a
 * function of the inputs (the numbers it returns) or a lambda. */
static void resolve_duration(const struct scan *sc, const char *v, size_t n,
			     struct sl_doctor_gpu_call *g)
{
	const struct def *f;
	double x;

	g->duration = sl_xstrndup(v, n);
	g->seconds = g->min_seconds = -1;
	if ((x = value_of(sc, v, n)) >= 0 || (x = timedelta_of(v, n)) >= 0) {
		g->seconds = g->min_seconds = (long)(x + 0.999);
		return;
	}
	if (n > 7 && memcmp(v, "lambda ", 7) == 0) {
		const char *colon = memchr(v, ':', n);
		g->callable = true;
		if (colon)
			return_values(sc, colon + 1, (size_t)(v + n - colon - 1), &g->min_seconds,
				      &g->seconds);
		return;
	}
	if ((f = def_called(sc, v, n)) != NULL) {
		g->callable = true;
		callable_range(sc, f, &g->min_seconds, &g->seconds);
	}
}

/* The def a decorator at line i belongs to (other decorators skipped). */
static char *decorated(const struct scan *sc, size_t from)
{
	for (size_t j = from; j < sc->n && j < from + 20; j++) {
		char *name = def_name(&sc->lines[j]);
		if (name)
			return name;
	}
	return sl_xstrdup("?");
}

static bool is_gpu_decorator(const struct scan *sc, const struct line *l)
{
	return starts(l, "@spaces.GPU") || (sc->gpu_alias && starts(l, "@GPU"));
}

static size_t gpu_call(struct scan *sc, size_t i)
{
	struct sl_doctor *d = sc->d;
	struct sl_doctor_gpu_call g = {0};
	size_t next, n;
	char *args = decorator_args(sc, i, &next);
	const char *v;

	g.file = sl_xstrdup(sc->file);
	g.line = sc->lines[i].no;
	g.seconds = g.min_seconds = -1;
	g.factor = 1;
	if (args && (v = keyword(args, "duration", &n)) != NULL)
		resolve_duration(sc, v, n, &g);
	if (args && (v = keyword(args, "size", &n)) != NULL && memmem(v, n, "xlarge", 6))
		g.factor = 2;
	g.function = decorated(sc, next);
	free(args);
	d->gpu = sl_xrealloc(d->gpu, (d->n_gpu + 1) * sizeof(*d->gpu));
	d->gpu[d->n_gpu++] = g;
	sc->sp->uses_gpu = true;
	return next;
}

/* Names the platform sets itself: not secrets a duplicate must recreate. */
static bool platform_name(const char *name)
{
	static const char *const names[] = {"SPACE_ID",
					    "SPACE_AUTHOR_NAME",
					    "SPACE_REPO_NAME",
					    "SPACE_TITLE",
					    "SPACE_HOST",
					    "SPACE_CREATOR_USER_ID",
					    "SYSTEM",
					    "CPU_CORES",
					    "MEMORY",
					    "SPACES_ZERO_GPU",
					    "OAUTH_CLIENT_ID",
					    "OAUTH_CLIENT_SECRET",
					    "OAUTH_SCOPES",
					    "OPENID_PROVIDER_URL",
					    "HOME",
					    "PATH",
					    "PORT",
					    "GRADIO_SERVER_NAME",
					    "GRADIO_SERVER_PORT",
					    NULL};

	for (size_t i = 0; names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

static void add_secret(struct scan *sc, const char *name, size_t n, unsigned long line)
{
	struct sl_doctor *d = sc->d;
	char *s = sl_xstrndup(name, n);

	for (size_t i = 0; i < d->n_secrets; i++)
		if (strcmp(d->secrets[i].name, s) == 0) {
			free(s);
			return;
		}
	if (platform_name(s)) {
		free(s);
		return;
	}
	d->secrets = sl_xrealloc(d->secrets, (d->n_secrets + 1) * sizeof(*d->secrets));
	d->secrets[d->n_secrets++] = (struct doctor_secret){s, sl_xstrdup(sc->file), line};
}

static bool env_name(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

/* os.environ["X"], os.environ.get("X"), os.getenv("X") read X; an
 * assignment os.environ["X"] = ... writes it. */
static void env_reads(struct scan *sc, const struct line *l)
{
	static const char *const pats[] = {"environ[", "environ.get(", "getenv(", NULL};

	for (size_t p = 0; pats[p]; p++) {
		const char *at = l->s, *end = l->s + l->n;
		while ((at = memmem(at, (size_t)(end - at), pats[p], strlen(pats[p]))) != NULL) {
			const char *q = at + strlen(pats[p]), *close;
			at = q;
			if (q >= end || (*q != '"' && *q != '\''))
				continue;
			close = memchr(q + 1, *q, (size_t)(end - q - 1));
			if (!close || close == q + 1 || !env_name(q + 1, (size_t)(close - q - 1)))
				continue;
			if (p == 0) { /* environ["X"] = v is a write */
				const char *r =
				    close + 1 < end && close[1] == ']' ? close + 2 : close + 1;
				while (r < end && *r == ' ')
					r++;
				if (r < end && *r == '=' && (r + 1 >= end || r[1] != '='))
					continue;
			}
			add_secret(sc, q + 1, (size_t)(close - q - 1), l->no);
		}
	}
}

static bool touches_cuda(const struct line *l)
{
	return has(l, "torch.cuda.is_available()") || has(l, ".cuda()") || has(l, ".to(\"cuda") ||
	       has(l, ".to('cuda");
}

static bool downloads_model(const struct line *l)
{
	return has(l, ".from_pretrained(") || has(l, "hf_hub_download(") ||
	       has(l, "snapshot_download(") || has(l, "pipeline(");
}

/* What one line at module level (or inside a def) shows. */
static void read_line(struct scan *sc, const struct line *l, bool module_level)
{
	if ((starts(l, "import spaces") && (l->n == 13 || strchr(" ,#", l->s[13]))) ||
	    starts(l, "from spaces import")) {
		if (!sc->spaces_line)
			sc->spaces_line = l->no;
		sc->gpu_alias |= starts(l, "from spaces import") && has(l, "GPU");
	}
	if (module_level && !sc->spaces_line && !sc->cuda_line && touches_cuda(l))
		sc->cuda_line = l->no;
	if (module_level && !sc->sp->download_file && downloads_model(l)) {
		sc->sp->download_file = sl_xstrdup(sc->file);
		sc->sp->download_line = l->no;
	}
	if (has(l, "gradio_client"))
		sc->client = true;
	if (sc->client && !sc->client_line && has(l, "Client("))
		sc->client_line = l->no;
	if (memmem(l->s, l->n, "X-IP-Token", 10) || memmem(l->s, l->n, "x-ip-token", 10))
		sc->x_ip = true;
	env_reads(sc, l);
}

/* Pass 2: every line, knowing whether it runs at import time. */
static void read_lines(struct scan *sc)
{
	bool in_def = false;

	for (size_t i = 0; i < sc->n;) {
		const struct line *l = &sc->lines[i];
		if (!is_code(l)) {
			i++;
			continue;
		}
		/* a def's or class's body runs later; everything else at import */
		if (!l->indent)
			in_def = is_def(l) || starts(l, "class ");
		if (is_gpu_decorator(sc, l)) {
			i = gpu_call(sc, i);
			continue;
		}
		read_line(sc, l, !in_def);
		i++;
	}
}

/* What a file's scan leaves for the checks that need every file read. */
struct file_result {
	char *file;
	bool is_app;
	unsigned long spaces_line, cuda_line, client_line;
	bool x_ip;
};

static void scan_release(struct scan *sc)
{
	for (size_t i = 0; i < sc->n_defs; i++)
		free(sc->defs[i].name);
	for (size_t i = 0; i < sc->n_consts; i++)
		free(sc->consts[i].name);
	free(sc->defs);
	free(sc->consts);
	free(sc->lines);
}

static void scan_file(struct sl_doctor *d, struct doctor_space *sp, const char *file, bool is_app,
		      const struct sl_buf *text, struct file_result *out)
{
	struct scan sc = {0};

	sc.d = d;
	sc.sp = sp;
	sc.file = file;
	sc.is_app = is_app;
	split_lines(&sc, text->buf, text->len);
	find_defs(&sc);
	read_lines(&sc);
	*out = (struct file_result){sl_xstrdup(file), is_app,	      sc.spaces_line,
				    sc.cuda_line,     sc.client_line, sc.x_ip};
	scan_release(&sc);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The app file, then every other *.py at the top of dir, sorted. */
static char **python_files(const struct doctor_space *sp, const char *app, size_t *n)
{
	char **v = sl_xmalloc(sizeof(*v) * (MAX_PY_FILES + 1));
	DIR *dir = opendir(sp->dir);
	struct dirent *e;

	*n = 0;
	v[(*n)++] = sl_xstrdup(app);
	while (dir && (e = readdir(dir)) != NULL && *n < MAX_PY_FILES) {
		size_t k = strlen(e->d_name);
		if (k > 3 && strcmp(e->d_name + k - 3, ".py") == 0 && e->d_name[0] != '.' &&
		    strcmp(e->d_name, app) != 0)
			v[(*n)++] = sl_xstrdup(e->d_name);
	}
	if (dir)
		closedir(dir);
	qsort(v + 1, *n - 1, sizeof(*v), cmp_name);
	return v;
}

static void file_findings(struct sl_doctor *d, const struct doctor_space *sp,
			  const struct file_result *r)
{
	if (sp->zerogpu && r->cuda_line && (r->spaces_line || r->is_app))
		doctor_add(d, "app-cuda-at-import", SL_DOCTOR_ERROR, r->file, r->cuda_line,
			   "put `import spaces` above torch and this line (ZeroGPU patches CUDA "
			   "when spaces is imported first)",
			   "CUDA is touched at import time before `import spaces`%s: ZeroGPU "
			   "fails with \"CUDA has been initialized before importing the `spaces` "
			   "package\"",
			   r->spaces_line ? "" : " (the app never imports spaces)");
	if (r->client_line && !r->x_ip)
		doctor_add(d, "app-x-ip-token", SL_DOCTOR_WARNING, r->file, r->client_line,
			   "pass the visitor's header on: Client(..., headers={\"X-IP-Token\": "
			   "request.headers[\"x-ip-token\"]}) with request: gr.Request",
			   "the app calls another Space with gradio_client without forwarding "
			   "X-IP-Token: if that Space runs on ZeroGPU, every call is billed to "
			   "this Space instead of the visitor");
}

static void secret_findings(struct sl_doctor *d)
{
	for (size_t i = 0; i < d->n_secrets; i++)
		doctor_add(d, "app-secret", SL_DOCTOR_INFO, d->secrets[i].file, d->secrets[i].line,
			   "add it in the duplicate's Settings > Variables and secrets",
			   "the app reads %s from the environment: a duplicate gets no secret "
			   "values, recreate it",
			   d->secrets[i].name);
}

int doctor_lint_app(struct sl_doctor *d, struct doctor_space *sp, struct sl_err *err)
{
	const char *app = sl_card_string(sp->card, "app_file");
	size_t n;
	char **files = python_files(sp, app && *app ? app : "app.py", &n);
	struct file_result *res = sl_xcalloc(n, sizeof(*res));
	size_t got = 0;

	for (size_t i = 0; i < n; i++) {
		struct sl_buf b = SL_BUF_INIT;
		char *path = sl_xasprintf("%s/%s", sp->dir, files[i]);
		struct sl_err ignored = {0};
		/* a missing app file is the card's finding, not a failure here */
		if (sl_file_read(path, MAX_PY_BYTES, &b, &ignored) == 0)
			scan_file(d, sp, files[i], i == 0, &b, &res[got++]);
		else if (i == 0 && !sp->no_app_code)
			doctor_add(
			    d, "app-file-missing", SL_DOCTOR_WARNING, "README.md", 0,
			    "check out the whole Space, or set app_file in the card to the "
			    "file that starts the app",
			    "the app file %s is not in this checkout: its code was not checked "
			    "(a Space without it stops at NO_APP_FILE)",
			    files[i]);
		sl_buf_release(&b);
		free(path);
	}
	sp->zerogpu = sp->zerogpu || sp->uses_gpu;
	for (size_t i = 0; i < got; i++) {
		file_findings(d, sp, &res[i]);
		free(res[i].file);
	}
	secret_findings(d);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	free(res);
	(void)err;
	return 0;
}

void sl_doctor_lint_python(struct sl_doctor *d, const char *file, const char *text, size_t len)
{
	struct doctor_space sp = {0};
	struct file_result r;
	struct sl_buf b = {(char *)text, len, 0}; /* borrowed, never grown */

	sp.dir = ".";
	scan_file(d, &sp, file, false, &b, &r);
	sp.zerogpu = sp.uses_gpu;
	file_findings(d, &sp, &r);
	free(r.file);
	free(sp.download_file);
}
