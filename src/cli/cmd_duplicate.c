/* cmd_duplicate.c: `spacelock duplicate SOURCE TARGET`: the guide's first
 * three steps done right in one command: snapshot SOURCE (its lock is the
 * reference), duplicate it private on the same hardware with its public
 * variables and its secrets (values from the environment or a dotenv
 * file, never from the command line, never printed), repin TARGET to the
 * lock so its first build reproduces the source, then the rest of the
 * checklist, filled in.  A TARGET that exists (409) stops everything. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "repin.h"
#include "spacelock/dotenv.h"
#include "spacelock/fileio.h"
#include "spacelock/hub_write.h"
#include "spacelock/lock.h"
#include "spacelock/lockfile.h"
#include "spacelock/mem.h"

#define SECRETS_FILE_MAX ((size_t)1 << 20)

const char cmd_duplicate_summary[] =
    "duplicate a Space faithfully: private, same hardware, secrets, pinned";

const char cmd_duplicate_usage[] =
    "usage: spacelock duplicate [--dry-run] [--public] [--hardware FLAVOR]\n"
    "                           [--secrets-file FILE] [-o LOCKFILE]\n"
    "                           [--wait [--timeout SECS]]\n"
    "                           [--token-file FILE] SOURCE TARGET\n\n"
    "Duplicates the Space SOURCE as TARGET (OWNER/NAME) the way the guide advises,\n"
    "which the Space page's Duplicate button does not (docs/commands/duplicate.md):\n"
    "snapshots SOURCE (its lock is the reference), duplicates it private on the\n"
    "source's hardware with its public variables and its secrets, then repins\n"
    "TARGET to the lock so that its first build reproduces the source, and prints\n"
    "the rest of the checklist.\n\n"
    "  --dry-run           print the duplicate request (secrets and variables by\n"
    "                      name only) and the commit (message and diffs); send\n"
    "                      nothing that changes the Hub\n"
    "  --public            a public duplicate (default: private)\n"
    "  --hardware FLAVOR   this hardware instead of the source's (cpu-basic, zero-a10g...)\n"
    "  --secrets-file FILE the secrets' values, KEY=VALUE lines (dotenv); a value is\n"
    "                      otherwise taken from the environment variable of the same\n"
    "                      name.  Never from the command line; never printed.\n"
    "  -o LOCKFILE         also write the source's lock there\n"
    "  --wait, --timeout   follow TARGET's first build and verify it (as repin)\n"
    "  --token-file FILE   the Hub token (default: HF_TOKEN, then the token file)\n\n"
    "Exit 0 when TARGET is made, pinned and has every secret; 1 when a secret is\n"
    "still missing or the lock is incomplete (the checklist says which); 2 usage;\n"
    "3 a secrets file that cannot be read; 5 network; 6 auth; 7 no such Space;\n"
    "8 TARGET exists already (nothing was done; use `spacelock repin`).\n";

struct dup_opts {
	struct repin_opts repin; /* lock = SOURCE, target = TARGET */
	bool public_, dry_run;
	const char *hardware;
	const char *secrets_file;
	const char *lock_out;
};

static int parse_opts(int argc, char **argv, struct sl_cli *cli, struct dup_opts *o)
{
	static const struct option longopts[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    {"public", no_argument, NULL, 'P'},
	    {"hardware", required_argument, NULL, 'H'},
	    {"secrets-file", required_argument, NULL, 's'},
	    {"wait", no_argument, NULL, 'w'},
	    {"timeout", required_argument, NULL, 't'},
	    {"token-file", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0},
	};
	int c;
	char *end;
	double d;

	o->repin.timeout_ms = 1800 * 1000L;
	while ((c = cli_getopt(cli, argc, argv, "o:", longopts)) != -1) {
		switch (c) {
		case 'n': o->dry_run = true; break;
		case 'P': o->public_ = true; break;
		case 'H': o->hardware = optarg; break;
		case 's':
			/* "--secret NAME=VALUE" is taken by getopt for --secrets-file
			 * (a unique prefix): a value there would be echoed as a
			 * file that cannot be read */
			if (strchr(optarg, '=') && access(optarg, F_OK) != 0)
				return cli_usage(cli, "--secrets-file takes a FILE of NAME=VALUE "
						      "lines, not a value: a secret is never "
						      "taken from the command line (the argument "
						      "is not shown)");
			o->secrets_file = optarg;
			break;
		case 'o': o->lock_out = optarg; break;
		case 'w': o->repin.wait = true; break;
		case 't':
			d = strtod(optarg, &end);
			if (end == optarg || *end || d <= 0 || d > 86400)
				return cli_usage(cli, "--timeout takes seconds, not '%s'", optarg);
			o->repin.timeout_ms = (long)(d * 1000.0 + 0.5);
			break;
		case 'T': o->repin.token_file = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (argc - optind != 2)
		return cli_usage(cli, "duplicate takes two arguments, SOURCE and TARGET (Spaces)");
	o->repin.lock = argv[optind];
	o->repin.target = argv[optind + 1];
	if (!sl_hub_valid_id(o->repin.target))
		return cli_usage(cli, "TARGET must be OWNER/NAME, not '%s'", o->repin.target);
	if (o->dry_run && o->repin.wait)
		return cli_usage(cli, "--dry-run duplicates nothing, so nothing builds: no --wait");
	return 0;
}

/* ---- secrets and variables ---- */

struct settings {
	struct sl_hub_kv *secrets, *variables;
	size_t n_secrets, n_variables;
	const char **origin; /* per secret: where its value came from */
	char **missing;	     /* secret names with no value found */
	size_t n_missing;
	bool secrets_known, variables_known;
};

static void settings_release(struct settings *s)
{
	sl_hub_kv_free(s->secrets, s->n_secrets);
	sl_hub_kv_free(s->variables, s->n_variables);
	free(s->origin);
	for (size_t i = 0; i < s->n_missing; i++)
		free(s->missing[i]);
	free(s->missing);
	memset(s, 0, sizeof(*s));
}

static int read_secrets_file(struct sl_cli *cli, const char *path, struct sl_dotenv *env)
{
	struct sl_buf text = SL_BUF_INIT;
	struct sl_err err = {0};
	int rc = sl_file_read(path, SECRETS_FILE_MAX, &text, &err);

	if (rc == 0)
		rc = sl_dotenv_parse(path, text.buf, text.len, env, &err);
	if (text.alloc)
		memset(text.buf, 0, text.alloc); /* it held the values */
	sl_buf_release(&text);
	return rc ? cli_fail_input(cli, &err) : 0;
}

/* Each secret the source declares, its value from the file or the
 * environment; the names without one are listed, not invented. */
static void collect_secrets(const struct sl_lock *lock, const struct sl_dotenv *env,
			    struct settings *s)
{
	s->secrets_known = lock->space.secrets_known;
	s->secrets = sl_xcalloc(lock->space.n_secrets + 1, sizeof(*s->secrets));
	s->origin = sl_xcalloc(lock->space.n_secrets + 1, sizeof(*s->origin));
	s->missing = sl_xcalloc(lock->space.n_secrets + 1, sizeof(*s->missing));
	for (size_t i = 0; i < lock->space.n_secrets; i++) {
		const char *name = lock->space.secrets[i];
		const char *v = env ? sl_dotenv_get(env, name) : NULL;
		s->origin[s->n_secrets] = "--secrets-file";
		if (!v) {
			v = getenv(name);
			s->origin[s->n_secrets] = "the environment";
		}
		if (v && *v) {
			s->secrets[s->n_secrets].key = sl_xstrdup(name);
			s->secrets[s->n_secrets++].value = sl_xstrdup(v);
		} else {
			s->missing[s->n_missing++] = sl_xstrdup(name);
		}
	}
}

static int collect(struct sl_cli *cli, const struct dup_opts *o, const struct sl_hub *hub,
		   const struct sl_lock *lock, struct settings *s)
{
	struct sl_dotenv env = {0};
	struct sl_err err = {0};
	int rc;

	if (o->secrets_file && (rc = read_secrets_file(cli, o->secrets_file, &env)) != 0)
		return rc;
	collect_secrets(lock, o->secrets_file ? &env : NULL, s);
	sl_dotenv_release(&env);
	rc = sl_hub_variables(hub, lock->space.id, &s->variables, &s->n_variables, &err);
	s->variables_known = rc == 0;
	if (rc == SL_EAUTH || rc == SL_ENOTFOUND)
		cli_warn(cli, "the source's variables cannot be read with this token: add them in "
			      "the duplicate's settings");
	else if (rc < 0)
		return cli_fail(cli, &err);
	return 0;
}

/* ---- the steps ---- */

static int duplicate(struct sl_cli *cli, const struct dup_opts *o, const struct sl_hub *hub,
		     const struct sl_lock *lock, const struct settings *s)
{
	struct sl_hub_duplicate d = {.target = o->repin.target,
				     .private_ = !o->public_,
				     .hardware = o->hardware ? o->hardware : lock->space.hardware,
				     .variables = s->variables,
				     .n_variables = s->n_variables,
				     .secrets = s->secrets,
				     .n_secrets = s->n_secrets};
	struct sl_err err = {0};
	char *url = NULL;

	if (sl_hub_duplicate_space(hub, lock->space.id, &d, &url, &err) != 0) {
		if (err.code == SL_ECONFLICT) {
			char msg[SL_ERR_MSG_MAX];
			snprintf(msg, sizeof(msg), "%s", err.msg);
			sl_error(&err, SL_ECONFLICT,
				 "%s; nothing was done: to pin it to the source, run `spacelock "
				 "repin %s --lock %s`",
				 msg, o->repin.target, o->repin.lock);
		}
		return cli_fail(cli, &err);
	}
	printf("duplicated %s as %s: %s, hardware %s, %zu variable%s, %zu secret%s set%s%s\n",
	       lock->space.id, o->repin.target, d.private_ ? "private" : "public",
	       d.hardware ? d.hardware : "the Hub's default", s->n_variables,
	       s->n_variables == 1 ? "" : "s", s->n_secrets, s->n_secrets == 1 ? "" : "s",
	       url ? ": " : "", url ? url : "");
	free(url);
	fflush(stdout);
	return 0;
}

/* ---- --dry-run ---- */

/* The request duplicate() would send, each secret and variable by name:
 * a value is never printed, and a variable's may be as private. */
static void print_request(const struct dup_opts *o, const struct sl_hub *hub,
			  const struct sl_lock *lock, const struct settings *s)
{
	const char *hw = o->hardware ? o->hardware : lock->space.hardware;

	printf("would duplicate %s as %s: POST %s/api/spaces/%s/duplicate\n", lock->space.id,
	       o->repin.target, sl_hub_endpoint(hub), lock->space.id);
	printf("  repository: %s\n  visibility: %s\n", o->repin.target,
	       o->public_ ? "public" : "private");
	if (hw)
		printf("  hardware: %s (%s)\n", hw, o->hardware ? "--hardware" : "the source's");
	else
		printf("  hardware: not sent (the source's is not known): the Hub's default\n");
	for (size_t i = 0; i < s->n_secrets; i++)
		printf("  secret: %s (value from %s, not shown)\n", s->secrets[i].key,
		       s->origin[i]);
	for (size_t i = 0; i < s->n_missing; i++)
		printf("  secret: %s: no value (no environment variable or --secrets-file entry), "
		       "not sent\n",
		       s->missing[i]);
	if (!s->secrets_known)
		printf(
		    "  secrets: none sent (the source's names cannot be read with this token)\n");
	for (size_t i = 0; i < s->n_variables; i++)
		printf("  variable: %s (the source's value, not shown)\n", s->variables[i].key);
	if (!s->variables_known)
		printf("  variables: none sent (the source's cannot be read with this token)\n");
	printf("\n");
}

/* A dry run reads what the request would meet: TARGET must not exist. */
static int target_absent(struct sl_cli *cli, const struct dup_opts *o, const struct sl_hub *hub)
{
	struct sl_hub_space info;
	struct sl_err err = {0};
	int rc = sl_hub_space_info(hub, o->repin.target, NULL, &info, &err);

	if (rc == 0) {
		sl_hub_space_release(&info);
		sl_error(&err, SL_ECONFLICT,
			 "the Space %s exists already: the duplicate would be refused (409); "
			 "nothing was sent: to pin it to the source, run `spacelock repin %s "
			 "--lock %s`",
			 o->repin.target, o->repin.target, o->repin.lock);
		return cli_fail(cli, &err);
	}
	if (rc == SL_ENOTFOUND || rc == SL_EAUTH)
		return 0;
	return cli_fail(cli, &err);
}

/* What run() would do, printed; only reads reach the Hub.  The commit is
 * computed on the source's files at the snapshot's commit: the duplicate
 * starts as their copy. */
static int dry_run(struct sl_cli *cli, struct dup_opts *o, const struct repin_source *src,
		   const struct sl_hub *hub, const struct settings *s)
{
	char *files_of;
	int rc = target_absent(cli, o, hub);

	if (rc)
		return rc;
	print_request(o, hub, src->lock, s);
	fflush(stdout);
	files_of = src->lock->space.revision
		       ? sl_xasprintf("%s@%s", src->lock->space.id, src->lock->space.revision)
		       : sl_xstrdup(src->lock->space.id);
	o->repin.dry_run = true;
	o->repin.files_of = files_of;
	rc = repin_run(cli, &o->repin, src);
	o->repin.files_of = NULL;
	free(files_of);
	if (rc == 0 && (s->n_missing || !s->secrets_known))
		rc = EXIT_FINDING;
	return rc;
}

static void checklist(const struct dup_opts *o, const struct sl_hub *hub, const struct settings *s,
		      int repin_rc)
{
	const char *t = o->repin.target;
	const char *ep = sl_hub_endpoint(hub);

	printf("\nchecklist for %s:\n", t);
	if (!s->secrets_known)
		printf("  [ ] secrets: the source's secret names cannot be read with this token; "
		       "add them at %s/spaces/%s/settings\n",
		       ep, t);
	else if (s->n_missing) {
		printf("  [ ] secrets still missing (no environment variable or --secrets-file "
		       "entry):");
		for (size_t i = 0; i < s->n_missing; i++)
			printf(" %s", s->missing[i]);
		printf("; add them at %s/spaces/%s/settings\n", ep, t);
	} else
		printf("  [x] secrets: all %zu set\n", s->n_secrets);
	printf("  [%c] pinned to the source's lock%s\n", repin_rc == 0 ? 'x' : ' ',
	       repin_rc == 0 ? "" : " (see above)");
	printf("  [ ] test first from the Space page while logged in: %s/spaces/%s\n", ep, t);
	printf("  [ ] run the smallest input first\n");
	printf("  [ ] if the first build fails: spacelock doctor %s\n", t);
}

static int write_lock(struct sl_cli *cli, const struct dup_opts *o, struct sl_lock *lock)
{
	struct sl_err err = {0};

	if (!o->lock_out || sl_lockfile_write(lock, o->lock_out, &err) == 0)
		return 0;
	return cli_fail_exit(cli, &err, EXIT_WRITE);
}

static int run(struct sl_cli *cli, struct dup_opts *o, const struct repin_source *src,
	       const struct sl_hub *hub)
{
	struct settings s = {0};
	int rc;

	if (!src->lock->space.id) {
		struct sl_err err = {0};
		sl_error(&err, SL_EINVAL, "SOURCE must be a Space on the Hub, not a lockfile");
		return cli_fail(cli, &err);
	}
	if ((rc = collect(cli, o, hub, src->lock, &s)) != 0)
		;
	else if (o->dry_run)
		rc = dry_run(cli, o, src, hub, &s);
	else if ((rc = duplicate(cli, o, hub, src->lock, &s)) == 0) {
		rc = repin_run(cli, &o->repin, src);
		checklist(o, hub, &s, rc);
		if (rc == 0 && (s.n_missing || !s.secrets_known))
			rc = EXIT_FINDING;
	}
	settings_release(&s);
	return rc;
}

int cmd_duplicate(int argc, char **argv, struct sl_cli *cli)
{
	struct dup_opts o = {0};
	struct repin_source src;
	struct sl_http *http = NULL;
	struct sl_hub *hub = NULL;
	struct sl_err err = {0};
	int rc;

	if ((rc = parse_opts(argc, argv, cli, &o)) != 0)
		return rc;
	if ((rc = repin_load_source(cli, &o.repin, &src)) != 0)
		return rc;
	if ((rc = write_lock(cli, &o, src.lock)) == 0) {
		if (repin_hub_open(cli, o.repin.token_file, &http, &hub, &err) != 0)
			rc = cli_fail(cli, &err);
		else
			rc = run(cli, &o, &src, hub);
	}
	repin_hub_close(http, hub);
	repin_source_release(&src);
	return rc;
}
